#pragma once
// Shared pieces of the vrmall-rec subcommands: data-file options, output format, progress.
#include <CLI/CLI.hpp>
#include <string>

#include "vrmall/rec/data/attribute_table.h"
#include "vrmall/rec/data/dataset.h"
#include "vrmall/rec/data/event_weights.h"

namespace vrmall::rec::cli {

struct DataOptions {
  std::string items;
  std::string users;
  bool skip_bad_rows = false;
  float threshold = 0.0f;
  int threads = 2;
  uint64_t seed = 42;
};

void addDataOptions(CLI::App& cmd, DataOptions& o);
EventWeights eventWeights(const DataOptions& o);
LoadOptions loadOptions(const DataOptions& o);

// Prints what --skip-bad-rows skipped (never silent): to stderr, one line per file.
void reportSkipped(const std::string& file, const LoadReport& report);

// Progress bar on stderr, only when stdout is a terminal (so piped JSON stays clean).
class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  void update(size_t done, size_t total, const std::string& detail = {});

 private:
  std::string label_;
  bool enabled_;
};

void registerEval(CLI::App& app);
void registerTrain(CLI::App& app);
void registerRecommend(CLI::App& app);
void registerSimilar(CLI::App& app);
void registerDemo(CLI::App& app);
void registerSearch(CLI::App& app);
void registerOutfits(CLI::App& app);
void registerShowcase(CLI::App& app);
void registerImportAls(CLI::App& app);

}  // namespace vrmall::rec::cli

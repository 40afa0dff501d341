#include "common.h"

#include <unistd.h>

#include <iostream>

namespace vrmall::rec::cli {

void addDataOptions(CLI::App& cmd, DataOptions& o) {
  cmd.add_option("--items", o.items, "Items CSV (ITEM_ID + attributes)")->check(CLI::ExistingFile);
  cmd.add_option("--users", o.users, "Users CSV (USER_ID + attributes)")->check(CLI::ExistingFile);
  cmd.add_flag("--skip-bad-rows", o.skip_bad_rows, "Skip and count bad rows instead of failing");
  cmd.add_option("--threshold", o.threshold,
                 "Drop events whose EVENT_VALUE is below this (binarises ratings)")
      ->capture_default_str();
  cmd.add_option("--threads", o.threads, "Worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd.add_option("--seed", o.seed, "Random seed (splits, initialisation)")->capture_default_str();
}

EventWeights eventWeights(const DataOptions& o) {
  EventWeights w;
  w.threshold = o.threshold;
  return w;
}

LoadOptions loadOptions(const DataOptions& o) {
  LoadOptions l;
  l.skip_bad_rows = o.skip_bad_rows;
  return l;
}

void reportSkipped(const std::string& file, const LoadReport& report) {
  if (report.skipped == 0) return;
  std::cerr << "vrmall-rec: skipped " << report.skipped << " bad row(s) in " << file << " (kept "
            << report.rows << ")\n";
  for (const auto& p : report.problems) std::cerr << "  " << p << "\n";
  if (static_cast<size_t>(report.skipped) > report.problems.size()) {
    std::cerr << "  ... and " << (report.skipped - static_cast<int64_t>(report.problems.size()))
              << " more\n";
  }
}

Progress::Progress(std::string label)
    : label_(std::move(label)), enabled_(isatty(1) && isatty(2)) {}

Progress::~Progress() {
  if (enabled_) std::cerr << "\r\033[K" << std::flush;
}

void Progress::update(size_t done, size_t total, const std::string& detail) {
  if (!enabled_ || total == 0) return;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * done / total);
  std::cerr << "\r\033[K" << label_ << " [" << std::string(static_cast<size_t>(filled), '#')
            << std::string(static_cast<size_t>(kWidth - filled), '.') << "] " << done << "/"
            << total;
  if (!detail.empty()) std::cerr << " " << detail;
  std::cerr << std::flush;
}

}  // namespace vrmall::rec::cli

// vrmall-rec: the shopping guide's command line, for QA and offline work.
#include <CLI/CLI.hpp>
#include <iostream>

#include "common.h"
#include "vrmall/rec/data/data_error.h"
#include "vrmall/version.h"

int main(int argc, char** argv) {
  CLI::App app{"vrmall-rec: train, query and evaluate vrmall's shopping guide"};
  app.require_subcommand(1);
  app.set_version_flag(
      "--version", std::string("vrmall-rec ") + vrmall::kVersion + " (" + vrmall::kGitCommit + ")");
  vrmall::rec::cli::registerTrain(app);
  vrmall::rec::cli::registerRecommend(app);
  vrmall::rec::cli::registerSimilar(app);
  vrmall::rec::cli::registerEval(app);
  vrmall::rec::cli::registerDemo(app);
  vrmall::rec::cli::registerSearch(app);
  vrmall::rec::cli::registerOutfits(app);
  vrmall::rec::cli::registerShowcase(app);
  vrmall::rec::cli::registerImportAls(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const vrmall::rec::DataError& e) {
    std::cerr << "vrmall-rec: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "vrmall-rec: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

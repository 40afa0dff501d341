// vrmall-rec demo: the built-in catalogue, so a new user sees suggestions and reasons at once.
#include <iostream>

#include "common.h"
#include "vrmall/rec/guide/demo.h"

namespace vrmall::rec::cli {

void registerDemo(CLI::App& app) {
  auto options = std::make_shared<DemoOptions>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd =
      app.add_subcommand("demo", "Suggestions with reasons on a small built-in fashion catalogue");
  cmd->add_option("--k", options->k, "Suggestions per shopper")
      ->check(CLI::Range(1, 20))
      ->capture_default_str();
  cmd->add_option("--format", *format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([options, format] {
    options->json = *format == "json";
    if (runDemo(std::cout, *options) != 0) throw std::runtime_error("demo failed");
  });
}

}  // namespace vrmall::rec::cli

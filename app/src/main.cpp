// vrmall: the virtual-mall client. Until the 3D client lands (step 2 onwards) it runs the shopping
// guide's demo, the same one `vrmall-rec demo` shows, so a new user sees suggestions at once.
#include <CLI/CLI.hpp>
#include <iostream>

#include "vrmall/rec/demo.h"
#include "vrmall/version.h"

int main(int argc, char** argv) {
  CLI::App app{"vrmall: a virtual fashion mall with an AI shopping guide"};
  bool version = false;
  app.add_flag("--version", version, "Print the version and exit");
  CLI11_PARSE(app, argc, argv);
  if (version) {
    std::cout << "vrmall " << vrmall::kVersion << " (" << vrmall::kGitCommit << ")\n";
    return 0;
  }
  return vrmall::rec::runDemo(std::cout, vrmall::rec::DemoOptions{});
}

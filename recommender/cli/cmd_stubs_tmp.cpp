#include "common.h"
namespace vrmall::rec::cli {
void registerTrain(CLI::App&) {}
void registerRecommend(CLI::App&) {}
void registerSimilar(CLI::App&) {}
void registerDemo(CLI::App&) {}
}  // namespace vrmall::rec::cli

// Shared test fixture: one validated Vulkan context and renderer helpers for every engine test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "vrmall/engine/context.h"
#include "vrmall/engine/image_file.h"
#include "vrmall/engine/model_data.h"
#include "vrmall/engine/renderer.h"
#include "vrmall/engine/scene.h"
#include "vrmall/engine/view.h"

namespace vrmall::engine::test {

// One context per test process: creating instances repeatedly is slow under the validation layer.
Context& sharedContext();

std::filesystem::path sharedDir();  // VRMALL_SHARED_DIR, empty when it does not exist
std::filesystem::path testOutputDir();

// Render `model` alone, framed by a camera looking from `direction` at its bounds.
RgbaImage renderModel(Renderer& renderer, ModelId model, uint32_t size, int variant = -1,
                      glm::vec3 direction = {0.6F, 0.45F, 1.0F});
// A camera that frames `bounds` from `direction`.
View frameBounds(const Bounds& bounds, glm::vec3 direction, float aspect);

// Compare with tests/engine/golden/<name>.png; writes actual/diff PNGs on failure. With
// VRMALL_UPDATE_GOLDENS=1 in the environment the golden is (re)written instead.
void expectMatchesGolden(const RgbaImage& image, const std::string& name, int threshold,
                         double maxFractionOver);

// Fixture that fails the test when the validation layer reported a warning or an error.
class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  Context& context() { return sharedContext(); }
};

}  // namespace vrmall::engine::test

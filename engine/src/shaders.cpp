#include "shaders.h"

namespace vrmall::engine::shaders {
namespace {

// Each .spv.inc is a brace-enclosed list of 32-bit words written by `glslc -mfmt=c`.
constexpr uint32_t kPbrVert[] =
#include "pbr.vert.spv.inc"
    ;
constexpr uint32_t kPbrFrag[] =
#include "pbr.frag.spv.inc"
    ;

}  // namespace

std::span<const uint32_t> pbrVert() {
  return kPbrVert;
}
std::span<const uint32_t> pbrFrag() {
  return kPbrFrag;
}

}  // namespace vrmall::engine::shaders

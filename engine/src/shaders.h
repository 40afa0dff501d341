// SPIR-V of shaders/*.vert|frag, compiled by glslc at build time and embedded in the library.
#pragma once

#include <cstdint>
#include <span>

namespace vrmall::engine::shaders {

std::span<const uint32_t> pbrVert();
std::span<const uint32_t> pbrFrag();

}  // namespace vrmall::engine::shaders

// OpenXR structs with their type tag set and every other member zeroed (the spec's way to
// initialise them), without brace-initialising one member: the OpenXR counterpart of vkStruct.
#pragma once

#include <openxr/openxr.h>

namespace vrmall::engine::xr {

template <class T>
T xrStruct(XrStructureType type) {
  T value{};
  value.type = type;
  return value;
}

}  // namespace vrmall::engine::xr

// What the loader learnt from the raw JSON that tinygltf's Model no longer tells (tinygltf
// rewrites bufferView targets, rejects things the spec only makes unusable).
#pragma once

#include <set>
#include <utility>
#include <vector>

namespace vrmall::engine {

struct GltfSourceNotes {
  std::set<int> unusableAccessors;   // unknown type/componentType: an error only when used
  std::set<int> unavailableBuffers;  // no data here (external URL, no uri): error when read
  std::set<std::pair<int, int>> skipPrimitives;  // (mesh, primitive) with empty index data
  // Images in a bufferView that runs past its buffer (or into an unavailable one): never decoded.
  std::set<int> unreadableImages;
  std::vector<int> viewTargets;  // bufferView.target as written in the file, 0 = none
};

}  // namespace vrmall::engine

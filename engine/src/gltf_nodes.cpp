// GltfConverter: the node hierarchy flattened into mesh placements (matrix or TRS, scenes,
// EXT_mesh_gpu_instancing, cycle detection).
#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

#include "gltf_converter.h"

namespace vrmall::engine {

glm::mat4 GltfConverter::localTransform(const tinygltf::Node& n) {
  if (n.matrix.size() == 16) {
    glm::mat4 m;
    for (int i = 0; i < 16; ++i)
      glm::value_ptr(m)[i] = static_cast<float>(n.matrix[static_cast<size_t>(i)]);
    return m;
  }
  glm::mat4 m(1.0F);
  if (n.translation.size() == 3) {
    m = glm::translate(m, glm::vec3(n.translation[0], n.translation[1], n.translation[2]));
  }
  if (n.rotation.size() == 4) {
    const glm::quat q(static_cast<float>(n.rotation[3]), static_cast<float>(n.rotation[0]),
                      static_cast<float>(n.rotation[1]), static_cast<float>(n.rotation[2]));
    m *= glm::mat4_cast(glm::normalize(q));
  }
  if (n.scale.size() == 3) m = glm::scale(m, glm::vec3(n.scale[0], n.scale[1], n.scale[2]));
  return m;
}

std::vector<glm::mat4> GltfConverter::gpuInstances(const tinygltf::Node& n, const std::string& w) {
  auto it = n.extensions.find("EXT_mesh_gpu_instancing");
  if (it == n.extensions.end()) return {glm::mat4(1.0F)};
  const auto& attrs = it->second.Get("attributes");
  std::vector<float> t, r, s;
  size_t count = 0;
  auto read = [&](const char* name, std::vector<float>& out, int comps) {
    const auto& a = attrs.Get(name);
    if (!a.IsInt()) return;
    const int index = a.Get<int>();
    const std::string aw = w + "/extensions/EXT_mesh_gpu_instancing/attributes/" + name;
    if (!reader_.validate(index, aw) || !fetchable(index, aw) ||
        reader_.components(index) != comps || !reader_.readFloats(index, aw, out)) {
      out.clear();
      return;
    }
    count = count == 0 ? reader_.count(index) : std::min(count, reader_.count(index));
  };
  read("TRANSLATION", t, 3);
  read("ROTATION", r, 4);
  read("SCALE", s, 3);
  count = std::min(count, options_.maxPlacements);
  if (count == 0) return {glm::mat4(1.0F)};
  std::vector<glm::mat4> out(count, glm::mat4(1.0F));
  for (size_t i = 0; i < count; ++i) {
    glm::mat4 m(1.0F);
    if (!t.empty()) m = glm::translate(m, {t[i * 3], t[i * 3 + 1], t[i * 3 + 2]});
    if (!r.empty())
      m *= glm::mat4_cast(
          glm::normalize(glm::quat(r[i * 4 + 3], r[i * 4], r[i * 4 + 1], r[i * 4 + 2])));
    if (!s.empty()) m = glm::scale(m, {s[i * 3], s[i * 3 + 1], s[i * 3 + 2]});
    out[i] = m;
  }
  return out;
}

void GltfConverter::placeNodes() {
  std::vector<int> roots;
  if (!gm_.scenes.empty()) {
    int scene = gm_.defaultScene;
    if (scene >= static_cast<int>(gm_.scenes.size())) {
      diag_.error("UNRESOLVED_REFERENCE", "scene " + std::to_string(scene) + " does not exist",
                  "/scene");
      return;
    }
    if (scene < 0) scene = 0;
    roots = gm_.scenes[static_cast<size_t>(scene)].nodes;
  } else {
    // No scenes: draw every node that is nobody's child.
    std::vector<bool> isChild(gm_.nodes.size(), false);
    for (const auto& n : gm_.nodes) {
      for (int c : n.children) {
        if (c >= 0 && static_cast<size_t>(c) < gm_.nodes.size())
          isChild[static_cast<size_t>(c)] = true;
      }
    }
    for (size_t i = 0; i < gm_.nodes.size(); ++i) {
      if (!isChild[i]) roots.push_back(static_cast<int>(i));
    }
  }
  std::vector<bool> visited(gm_.nodes.size(), false);
  for (int r : roots) visit(r, glm::mat4(1.0F), visited, 0);
}

void GltfConverter::visit(int index, const glm::mat4& parent, std::vector<bool>& visited,
                          int depth) {
  const std::string w = "/nodes/" + std::to_string(index);
  if (index < 0 || static_cast<size_t>(index) >= gm_.nodes.size()) {
    diag_.error("UNRESOLVED_REFERENCE", "node " + std::to_string(index) + " does not exist", w);
    return;
  }
  if (visited[static_cast<size_t>(index)] || depth > 256) {
    diag_.error("NODE_LOOP", "node hierarchy has a cycle or a node with two parents", w);
    return;
  }
  visited[static_cast<size_t>(index)] = true;
  const auto& n = gm_.nodes[static_cast<size_t>(index)];
  const glm::mat4 world = parent * localTransform(n);
  if (n.mesh >= 0) {
    if (static_cast<size_t>(n.mesh) >= out_.meshes.size()) {
      diag_.error("UNRESOLVED_REFERENCE", "mesh " + std::to_string(n.mesh) + " does not exist",
                  w + "/mesh");
    } else {
      for (const auto& inst : gpuInstances(n, w)) {
        if (out_.placements.size() >= options_.maxPlacements) {
          diag_.error("VALUE_NOT_IN_RANGE", "too many mesh placements", w);
          return;
        }
        out_.placements.push_back({n.mesh, world * inst});
      }
    }
  }
  for (int c : n.children) visit(c, world, visited, depth + 1);
}

}  // namespace vrmall::engine

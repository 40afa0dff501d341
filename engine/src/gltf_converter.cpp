// GltfConverter: the run order, buffer/view/usage checks, images, samplers and variant names.
#include "gltf_converter.h"

#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>

namespace vrmall::engine {

void GltfConverter::run() {
  checkBuffers();
  // The validator checks every accessor, used or not; so do we (bounds, alignment, sparse).
  for (size_t i = 0; i < gm_.accessors.size(); ++i) {
    if (notes_.unusableAccessors.count(static_cast<int>(i)) == 0) {
      reader_.validate(static_cast<int>(i), "/accessors/" + std::to_string(i));
    }
  }
  checkViewUsage();
  if (diag_.failed()) return;
  readVariants();
  readImagesAndSamplers();
  readMaterials();
  if (diag_.failed()) return;
  readMeshes();
  if (diag_.failed()) return;
  placeNodes();
  if (!gm_.skins.empty()) {
    diag_.warning("UNSUPPORTED_SKIN", std::to_string(gm_.skins.size()) +
                                          " skin(s) ignored: the mesh is shown in its bind pose");
  }
  if (!gm_.animations.empty()) {
    diag_.warning("UNSUPPORTED_ANIMATION", std::to_string(gm_.animations.size()) +
                                               " animation(s) ignored: the model is static");
  }
  out_.computeBounds();
}

bool GltfConverter::fetchable(int accessor, const std::string& where) {
  const auto& a = gm_.accessors[static_cast<size_t>(accessor)];
  for (int view : {a.bufferView, a.sparse.isSparse ? a.sparse.indices.bufferView : -1,
                   a.sparse.isSparse ? a.sparse.values.bufferView : -1}) {
    if (view < 0 || static_cast<size_t>(view) >= gm_.bufferViews.size()) continue;
    const int buffer = gm_.bufferViews[static_cast<size_t>(view)].buffer;
    if (unavailable_.count(buffer) != 0) {
      diag_.error("IO_ERROR",
                  "buffer " + std::to_string(buffer) +
                      " has a non-relative URI that is not fetched, but is used",
                  where);
      return false;
    }
  }
  return true;
}

void GltfConverter::checkBuffers() {
  // Buffer data shorter than its views need is caught per bufferView here and per accessor in
  // AccessorReader (buffers without data here are skipped: nothing is read from them).
  for (size_t i = 0; i < gm_.bufferViews.size(); ++i) {
    const auto& bv = gm_.bufferViews[i];
    const std::string w = "/bufferViews/" + std::to_string(i);
    if (bv.buffer < 0 || static_cast<size_t>(bv.buffer) >= gm_.buffers.size()) {
      diag_.error("UNRESOLVED_REFERENCE", "buffer " + std::to_string(bv.buffer) + " does not exist",
                  w + "/buffer");
      continue;
    }
    if (unavailable_.count(bv.buffer) != 0) continue;
    const size_t size = gm_.buffers[static_cast<size_t>(bv.buffer)].data.size();
    if (bv.byteOffset > size || bv.byteLength > size - bv.byteOffset) {
      diag_.error("BUFFER_VIEW_TOO_LONG",
                  "bufferView exceeds its buffer (" + std::to_string(size) + " bytes)", w);
    }
    if (bv.byteStride != 0 &&
        (bv.byteStride < 4 || bv.byteStride > 252 || bv.byteStride % 4 != 0)) {
      diag_.error(
          "BUFFER_VIEW_INVALID_BYTE_STRIDE",
          "byteStride " + std::to_string(bv.byteStride) + " is not a multiple of 4 in 4..252", w);
    }
  }
  // Images stored in buffer views must not be strided.
  for (size_t i = 0; i < gm_.images.size(); ++i) {
    const int view = gm_.images[i].bufferView;
    if (view >= 0 && static_cast<size_t>(view) < gm_.bufferViews.size() &&
        gm_.bufferViews[static_cast<size_t>(view)].byteStride != 0) {
      diag_.error("IMAGE_BUFFER_VIEW_WITH_BYTESTRIDE", "image bufferView has a byteStride",
                  "/images/" + std::to_string(i));
    }
  }
}

void GltfConverter::checkViewUsage() {
  enum Usage {
    None = 0,
    Vertex = TINYGLTF_TARGET_ARRAY_BUFFER,
    Index = TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER
  };
  std::map<int, int> usage;
  auto use = [&](int accessor, int kind, const std::string& where) {
    if (accessor < 0 || static_cast<size_t>(accessor) >= gm_.accessors.size()) return;
    const int view = gm_.accessors[static_cast<size_t>(accessor)].bufferView;
    if (view < 0) return;
    int& u = usage[view];
    if (u == None) u = viewTarget(view) != 0 ? viewTarget(view) : kind;
    if (u != kind) {
      diag_.error("BUFFER_VIEW_TARGET_OVERRIDE",
                  "bufferView " + std::to_string(view) + " is used for both vertex and index data",
                  where);
    }
  };
  for (size_t mi = 0; mi < gm_.meshes.size(); ++mi) {
    for (size_t pi = 0; pi < gm_.meshes[mi].primitives.size(); ++pi) {
      const auto& p = gm_.meshes[mi].primitives[pi];
      const std::string w = "/meshes/" + std::to_string(mi) + "/primitives/" + std::to_string(pi);
      for (const auto& [name, index] : p.attributes) use(index, Vertex, w + "/attributes/" + name);
      for (const auto& target : p.targets) {
        for (const auto& [name, index] : target) use(index, Vertex, w + "/targets");
      }
      if (p.indices >= 0 && static_cast<size_t>(p.indices) < gm_.accessors.size()) {
        use(p.indices, Index, w + "/indices");
        const int view = gm_.accessors[static_cast<size_t>(p.indices)].bufferView;
        if (view >= 0 && static_cast<size_t>(view) < gm_.bufferViews.size() &&
            gm_.bufferViews[static_cast<size_t>(view)].byteStride != 0) {
          diag_.error("MESH_PRIMITIVE_INDICES_ACCESSOR_WITH_BYTESTRIDE",
                      "the indices' bufferView must not have a byteStride", w + "/indices");
        }
      }
    }
  }
}

void GltfConverter::readVariants() {
  auto it = gm_.extensions.find("KHR_materials_variants");
  if (it == gm_.extensions.end()) return;
  const auto& variants = it->second.Get("variants");
  if (!variants.IsArray()) return;
  for (size_t i = 0; i < variants.ArrayLen(); ++i) {
    const auto& v = variants.Get(static_cast<int>(i));
    const auto& name = v.Get("name");
    out_.variants.push_back(name.IsString() ? name.Get<std::string>()
                                            : "variant " + std::to_string(i));
  }
}

void GltfConverter::readImagesAndSamplers() {
  for (const auto& img : gm_.images) {
    ImageData data;
    data.name = img.name.empty() ? img.uri : img.name;
    if (img.width > 0 && img.height > 0 && img.component == 4 && img.bits == 8 &&
        img.image.size() == static_cast<size_t>(img.width) * static_cast<size_t>(img.height) * 4) {
      data.width = static_cast<uint32_t>(img.width);
      data.height = static_cast<uint32_t>(img.height);
      data.rgba = img.image;
    }
    out_.images.push_back(std::move(data));
  }
  for (const auto& s : gm_.samplers) {
    SamplerData d;
    d.magLinear = s.magFilter != TINYGLTF_TEXTURE_FILTER_NEAREST;
    d.minLinear = !(s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST ||
                    s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST ||
                    s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_LINEAR);
    d.mipLinear = !(s.minFilter == TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_NEAREST ||
                    s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST);
    d.useMips = !(s.minFilter == TINYGLTF_TEXTURE_FILTER_NEAREST ||
                  s.minFilter == TINYGLTF_TEXTURE_FILTER_LINEAR);
    auto wrap = [](int w) {
      return w == TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE     ? 1
             : w == TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT ? 2
                                                          : 0;
    };
    d.wrapS = wrap(s.wrapS);
    d.wrapT = wrap(s.wrapT);
    out_.samplers.push_back(d);
  }
}

bool convertGltf(const tinygltf::Model& gm, const GltfSourceNotes& notes,
                 const GltfLoadOptions& options, GltfDiagnostics& diag, ModelData& out) {
  GltfConverter(gm, notes, options, diag, out).run();
  return !diag.failed();
}

}  // namespace vrmall::engine

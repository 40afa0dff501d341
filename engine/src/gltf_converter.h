// tinygltf::Model -> ModelData, with the reference and data checks tinygltf does not make.
// Part of GltfLoader; the methods are split by topic: gltf_converter.cpp (buffers, views,
// images, samplers, variants), gltf_materials.cpp, gltf_primitives.cpp, gltf_nodes.cpp.
#pragma once

#include <tiny_gltf.h>

#include <glm/glm.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "accessor_reader.h"
#include "gltf_diagnostics.h"
#include "gltf_source_notes.h"
#include "vrmall/engine/gltf_loader.h"
#include "vrmall/engine/model_data.h"

namespace vrmall::engine {

class GltfConverter {
 public:
  GltfConverter(const tinygltf::Model& gm, const GltfSourceNotes& notes,
                const GltfLoadOptions& options, GltfDiagnostics& diag, ModelData& out)
      : gm_(gm),
        notes_(notes),
        unavailable_(notes.unavailableBuffers),
        options_(options),
        diag_(diag),
        out_(out),
        reader_(gm, notes.unusableAccessors, notes.unavailableBuffers,
                std::max(options.maxVerticesPerPrimitive, options.maxIndicesPerPrimitive), diag) {}
  void run();

 private:
  // An accessor whose data lives in a buffer we could not fetch.
  bool fetchable(int accessor, const std::string& where);
  void checkBuffers();
  // A bufferView holds vertex data or index data, never both (and must agree with its target).
  void checkViewUsage();
  void readVariants();
  void readImagesAndSamplers();
  TextureRef textureRef(int textureIndex, int texCoord, const tinygltf::ExtensionMap& ext,
                        const std::string& where);
  void readMaterials();
  void readMeshes();
  bool readAttribute(const tinygltf::Primitive& p, const std::string& name, const std::string& w,
                     std::vector<float>& out, int& comps);
  bool checkAttributes(const tinygltf::Primitive& p, const std::string& w, size_t& vertexCount);
  int sharedViewUsers(int view);
  bool convertPrimitive(const tinygltf::Primitive& p, const std::string& w, PrimitiveData& prim);
  static std::vector<uint32_t> toTriangleList(const std::vector<uint32_t>& in, int mode);
  // glTF: without normals, flat shading is expected; area-weighted vertex normals are the closest
  // we get without splitting vertices, and exact for non-indexed meshes.
  static void computeFlatishNormals(PrimitiveData& prim);
  void readVariantMappings(const tinygltf::Primitive& p, const std::string& w, PrimitiveData& prim);
  static glm::mat4 localTransform(const tinygltf::Node& n);
  // EXT_mesh_gpu_instancing: per-instance TRS on a node; returns the instance transforms.
  std::vector<glm::mat4> gpuInstances(const tinygltf::Node& n, const std::string& w);
  void placeNodes();
  void visit(int index, const glm::mat4& parent, std::vector<bool>& visited, int depth);
  int viewTarget(int view) const {
    return view >= 0 && static_cast<size_t>(view) < notes_.viewTargets.size()
               ? notes_.viewTargets[static_cast<size_t>(view)]
               : 0;
  }
  const tinygltf::Model& gm_;
  const GltfSourceNotes& notes_;
  const std::set<int>& unavailable_;
  const GltfLoadOptions& options_;
  GltfDiagnostics& diag_;
  ModelData& out_;
  AccessorReader reader_;
  std::set<std::string> ignoredExtensions_;
  int currentMaxTexCoord_ = -1;
  std::vector<int> materialMaxTexCoord_;
  std::map<int, std::set<int>> viewAccessors_;
  std::map<int, int> viewUsers_;
};

// Runs GltfConverter; false when `diag` holds errors.
bool convertGltf(const tinygltf::Model& gm, const GltfSourceNotes& notes,
                 const GltfLoadOptions& options, GltfDiagnostics& diag, ModelData& out);

}  // namespace vrmall::engine

// A merchant's model: glTF JSON or GLB bytes through the loader (validation before any read,
// hostile sizes refused before allocating).
#include "fuzz_input.h"
#include "vrmall/engine/gltf_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const bool glb =
      size >= 4 && data[0] == 'g' && data[1] == 'l' && data[2] == 'T' && data[3] == 'F';
  const auto file = vrmall::fuzz::asFile(data, size, glb ? "model.glb" : "model.gltf");
  (void)vrmall::engine::GltfLoader().load(file);  // errors are results, never exceptions
  return 0;
}

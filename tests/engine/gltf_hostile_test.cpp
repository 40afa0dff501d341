// Hostile input: mutated and hand-made files must give an error (or load), never crash, hang or
// allocate without bound. Runs under the sanitizer preset too.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <random>

#include "engine_test_env.h"
#include "vrmall/engine/gltf_loader.h"

namespace vrmall::engine::test {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = testOutputDir() / "hostile";
  fs::create_directories(dir);
  return dir / name;
}

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

std::vector<uint8_t> readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

TEST(GltfHostile, HugeCountsAreRejectedWithoutAllocating) {
  // 2^31 vertices claimed over a 36-byte buffer.
  const fs::path path = scratch("huge_count.gltf");
  writeText(path, R"({"asset":{"version":"2.0"},
    "buffers":[{"byteLength":36,"uri":"data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}],
    "bufferViews":[{"buffer":0,"byteLength":36}],
    "accessors":[{"bufferView":0,"componentType":5126,"count":2147483647,"type":"VEC3","min":[0,0,0],"max":[1,1,1]}],
    "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
    "nodes":[{"mesh":0}],"scenes":[{"nodes":[0]}]})");
  const GltfLoadResult r = GltfLoader().load(path);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("count"), std::string::npos) << r.error;
}

TEST(GltfHostile, HugeImageDimensionsAreRejectedBeforeDecoding) {
  // A PNG header claiming 100000 x 100000 pixels (40 GB decoded).
  std::vector<uint8_t> png = {0x89, 'P',  'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0,    0,    0,
                              13,   'I',  'H', 'D', 'R',  0x00, 0x01, 0x86, 0xA0, 0x00, 0x01,
                              0x86, 0xA0, 8,   6,   0,    0,    0,    0,    0,    0,    0};
  writeBytes(scratch("huge.png"), png);
  const fs::path path = scratch("huge_image.gltf");
  writeText(path, R"({"asset":{"version":"2.0"},"images":[{"uri":"huge.png"}],
    "textures":[{"source":0}],"materials":[{"pbrMetallicRoughness":{"baseColorTexture":{"index":0}}}]})");
  const GltfLoadResult r = GltfLoader().load(path);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("IMAGE"), std::string::npos) << r.error;
}

TEST(GltfHostile, ImageViewPastItsBufferIsNeverRead) {
  // An image whose bufferView claims 4096 bytes of a 3-byte buffer (and one of a buffer with no
  // data at all): tinygltf hands such a view to the image decoder unchecked, so the loader must
  // not decode it (the sanitizer build reads out of bounds otherwise).
  const fs::path path = scratch("image_view_past_buffer.gltf");
  writeText(path, R"({"asset":{"version":"2.0"},
    "buffers":[{"byteLength":3,"uri":"data:application/octet-stream;base64,iVBO"},{"byteLength":4096}],
    "bufferViews":[{"buffer":0,"byteLength":4096},{"buffer":1,"byteLength":4096}],
    "images":[{"bufferView":0,"mimeType":"image/png"},{"bufferView":1,"mimeType":"image/png"}],
    "textures":[{"source":0},{"source":1}],
    "materials":[{"pbrMetallicRoughness":{"baseColorTexture":{"index":0}}}]})");
  const GltfLoadResult r = GltfLoader().load(path);
  // Reported in the validator's terms, not decoded.
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("BUFFER_VIEW_TOO_LONG"), std::string::npos) << r.error;
}

TEST(GltfHostile, DeepJsonNestingIsRejected) {
  const fs::path path = scratch("deep.gltf");
  writeText(path, R"({"asset":{"version":"2.0"},"extras":)" + std::string(200000, '[') +
                      std::string(200000, ']') + "}");
  const GltfLoadResult r = GltfLoader().load(path);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("nesting"), std::string::npos) << r.error;
}

TEST(GltfHostile, NodeCyclesAreAnError) {
  const fs::path path = scratch("cycle.gltf");
  writeText(path, R"({"asset":{"version":"2.0"},"nodes":[{"children":[1]},{"children":[0]}],
    "scenes":[{"nodes":[0]}]})");
  const GltfLoadResult r = GltfLoader().load(path);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("NODE_LOOP"), std::string::npos) << r.error;
}

TEST(GltfHostile, IndexOutOfRangeIsAnError) {
  // 3 vertices, index 7.
  const fs::path path = scratch("index_oob.gltf");
  writeText(path, R"({"asset":{"version":"2.0"},
    "buffers":[{"byteLength":40,"uri":"data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAACAPwAAAAAAAAAAAAAAAAAAgD8AAAAAAAEHAA=="}],
    "bufferViews":[{"buffer":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":4}],
    "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]},
                 {"bufferView":1,"componentType":5121,"count":3,"type":"SCALAR"}],
    "meshes":[{"primitives":[{"attributes":{"POSITION":0},"indices":1}]}],
    "nodes":[{"mesh":0}],"scenes":[{"nodes":[0]}]})");
  const GltfLoadResult r = GltfLoader().load(path);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("ACCESSOR_INDEX_OOB"), std::string::npos) << r.error;
}

// Random byte flips, truncations and length-field lies on real GLB and glTF files.
class GltfHostileRender : public EngineTest {};

TEST_F(GltfHostileRender, MutatedSamplesNeverCrash) {
  if (sharedDir().empty()) GTEST_SKIP() << "VRMALL_SHARED_DIR has no gltf-samples";
  const fs::path samples = sharedDir() / "gltf-samples";
  const std::vector<fs::path> seeds = {
      samples / "Box/glTF-Binary/Box.glb", samples / "BoxTextured/glTF-Binary/BoxTextured.glb",
      samples / "SimpleSparseAccessor/glTF/SimpleSparseAccessor.gltf",
      samples / "BoxInterleaved/glTF-Binary/BoxInterleaved.glb"};
  std::mt19937 rng(1234);
  int rejected = 0;
  int loaded = 0;
  Renderer renderer(context());
  for (const auto& seed : seeds) {
    const auto original = readBytes(seed);
    ASSERT_FALSE(original.empty()) << seed;
    for (int i = 0; i < 150; ++i) {
      auto bytes = original;
      switch (i % 3) {
        case 0:  // flip a few bytes
          for (int k = 0; k < 1 + i % 5; ++k)
            bytes[rng() % bytes.size()] = static_cast<uint8_t>(rng());
          break;
        case 1:  // truncate
          bytes.resize(rng() % bytes.size());
          break;
        default:  // overwrite a 32-bit field with a large value
          if (bytes.size() > 8) {
            const size_t at = (rng() % (bytes.size() / 4)) * 4;
            const uint32_t v = 0x7FFFFFF0U + (rng() % 16);
            std::memcpy(bytes.data() + at, &v, std::min<size_t>(4, bytes.size() - at));
          }
      }
      const fs::path path = scratch("mutated" + seed.extension().string());
      writeBytes(path, bytes);
      if (seed.extension() == ".gltf") {
        // Its external .bin files next to the mutated copy.
        for (const auto& f : fs::directory_iterator(seed.parent_path())) {
          if (f.path().extension() == ".bin") {
            fs::copy_file(f.path(), path.parent_path() / f.path().filename(),
                          fs::copy_options::skip_existing);
          }
        }
      }
      const GltfLoadResult r = GltfLoader().load(path);
      if (r.ok) {
        ++loaded;
        // Whatever loads must also draw (NaN positions, odd indices) without validation errors.
        if (loaded % 4 == 1) renderModel(renderer, renderer.addModel(r.model), 32);
      } else {
        ++rejected;
        EXPECT_FALSE(r.error.empty());
      }
    }
  }
  std::cout << "  mutations: " << rejected << " rejected, " << loaded << " loaded\n";
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace vrmall::engine::test

// Hostile input: mutated and hand-made files must give an error (or load), never crash, hang or
// allocate without bound. Runs under the sanitizer preset too.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

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

// The issue's hostile sizes, each loaded in a child process whose memory is measured: a billion
// vertices, a 100 GB buffer, a 65536 x 65536 texture, a million nodes. Each is refused with a
// clear error, and the child's peak resident memory grows by less than 64 MiB over what it had
// before loading (the declared sizes would need 12 GB, 100 GB, 16 GB and ~300 MB).
struct Hostile {
  const char* name;
  std::string gltf;
  const char* mentions;
};

size_t residentKb() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) / 1024;
}

TEST(GltfHostile, DeclaredHugeSizesAreRefusedWithBoundedMemory) {
  // A valid PNG (header CRC, an empty IDAT, IEND) declaring 65536 x 65536 RGBA: 16 GiB decoded.
  const std::vector<uint8_t> png = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49,
      0x48, 0x44, 0x52, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x08, 0x06,
      0x00, 0x00, 0x00, 0x6c, 0x84, 0x30, 0xe3, 0x00, 0x00, 0x00, 0x08, 0x49, 0x44,
      0x41, 0x54, 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01, 0x48, 0x06, 0x89,
      0xd2, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  writeBytes(scratch("side65536.png"), png);
  writeBytes(scratch("small.bin"), std::vector<uint8_t>(12, 0));
  std::ostringstream million;
  million << R"({"asset":{"version":"2.0"},"scenes":[{"nodes":[0]}],"nodes":[)";
  for (int n = 0; n < 1000000; ++n) million << (n ? ",{}" : "{}");
  million << "]}";
  const std::vector<Hostile> cases = {
      {"billion_vertices", R"({"asset":{"version":"2.0"},
        "buffers":[{"byteLength":36,"uri":"data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}],
        "bufferViews":[{"buffer":0,"byteLength":36}],
        "accessors":[{"bufferView":0,"componentType":5126,"count":1000000000,"type":"VEC3","min":[0,0,0],"max":[1,1,1]}],
        "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
        "nodes":[{"mesh":0}],"scenes":[{"nodes":[0]}]})",
       "count"},
      {"buffer_100gb", R"({"asset":{"version":"2.0"},
        "buffers":[{"byteLength":100000000000,"uri":"small.bin"}],
        "bufferViews":[{"buffer":0,"byteLength":100000000000}],
        "accessors":[{"bufferView":0,"componentType":5126,"count":8333333333,"type":"VEC3","min":[0,0,0],"max":[1,1,1]}],
        "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
        "nodes":[{"mesh":0}],"scenes":[{"nodes":[0]}]})",
       "100000000000"},
      {"texture_65536", R"({"asset":{"version":"2.0"},"images":[{"uri":"side65536.png"}],
        "textures":[{"source":0}],"materials":[{"pbrMetallicRoughness":{"baseColorTexture":{"index":0}}}]})",
       "IMAGE_TOO_LARGE: image is 65536x65536"},
      {"million_nodes", million.str(), "1000000 elements"},
  };
  for (const Hostile& h : cases) {
    const fs::path path = scratch(std::string(h.name) + ".gltf");
    writeText(path, h.gltf);
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      const size_t before = residentKb();
      const GltfLoadResult r = GltfLoader().load(path);
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      std::ostringstream out;
      out << (r.ok ? 1 : 0) << " " << static_cast<long>(usage.ru_maxrss) - static_cast<long>(before)
          << " " << r.error;
      const std::string text = out.str();
      if (write(fds[1], text.data(), text.size()) < 0) _exit(2);
      _exit(0);
    }
    close(fds[1]);
    std::string report;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
      report.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << h.name << ": the child died";
    std::istringstream in(report);
    int ok = 1;
    long growthKb = 0;
    in >> ok >> growthKb;
    std::string error;
    std::getline(in, error);
    EXPECT_EQ(ok, 0) << h.name << " was accepted";
    EXPECT_NE(error.find(h.mentions), std::string::npos) << h.name << ": " << error;
    EXPECT_LT(growthKb, 64 * 1024) << h.name << ": peak memory grew by " << growthKb << " KiB";
    std::cout << h.name << ": refused, peak memory +" << growthKb / 1024 << " MiB:" << error
              << "\n";
  }
}

}  // namespace
}  // namespace vrmall::engine::test

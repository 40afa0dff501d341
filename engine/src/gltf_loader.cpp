#include "vrmall/engine/gltf_loader.h"

#include <stb_image.h>
#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/type_ptr.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "accessor_reader.h"
#include "glb_container.h"
#include "gltf_converter.h"
#include "gltf_diagnostics.h"
#include "gltf_json_checks.h"
#include "gltf_source_notes.h"

namespace vrmall::engine {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Extensions we implement; anything else in extensionsRequired is a load error.
const std::set<std::string> kSupportedRequired = {
    "KHR_texture_transform", "KHR_materials_variants", "KHR_materials_emissive_strength",
    "KHR_materials_unlit",   "KHR_mesh_quantization",  "EXT_mesh_gpu_instancing"};

struct LoadContext {
  const GltfLoadOptions* options = nullptr;
  GltfDiagnostics* diag = nullptr;
  size_t totalBytes = 0;
  const std::set<int>* unreadableImages = nullptr;  // GltfSourceNotes::unreadableImages
};

bool readFileCapped(const fs::path& path, size_t cap, std::vector<unsigned char>& out,
                    std::string& error) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    error = "IO_ERROR: cannot read '" + path.string() + "': " + ec.message();
    return false;
  }
  if (size > cap) {
    error = "IO_ERROR: '" + path.string() + "' is " + std::to_string(size) +
            " bytes, over the limit of " + std::to_string(cap);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "IO_ERROR: cannot open '" + path.string() + "'";
    return false;
  }
  out.resize(static_cast<size_t>(size));
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(size));
  if (!in) {
    error = "IO_ERROR: short read of '" + path.string() + "'";
    return false;
  }
  return true;
}

// tinygltf file callbacks: external buffers and images go through the same size cap.
bool fsFileExists(const std::string& path, void*) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}
std::string fsExpand(const std::string& path, void*) {
  return path;
}
bool fsRead(std::vector<unsigned char>* out, std::string* err, const std::string& path,
            void* user) {
  auto* ctx = static_cast<LoadContext*>(user);
  std::string error;
  if (!readFileCapped(path, ctx->options->maxFileBytes, *out, error)) {
    if (err != nullptr) *err += error + "\n";
    return false;
  }
  ctx->totalBytes += out->size();
  if (ctx->totalBytes > ctx->options->maxTotalBytes) {
    if (err != nullptr) *err += "IO_ERROR: total asset size over the limit\n";
    return false;
  }
  return true;
}
bool fsWrite(std::string*, const std::string&, const std::vector<unsigned char>&, void*) {
  return false;  // we never write
}

bool startsWith(const unsigned char* bytes, int size, std::initializer_list<unsigned char> sig) {
  if (size < static_cast<int>(sig.size())) return false;
  return std::equal(sig.begin(), sig.end(), bytes);
}

// tinygltf image callback: check the header's dimensions before decoding (no huge allocations),
// decode to RGBA8; an image in a format we cannot read is a warning, a corrupt PNG/JPEG an error.
bool loadImage(tinygltf::Image* image, const int index, std::string* err, std::string* warn, int,
               int, const unsigned char* bytes, int size, void* user) {
  auto* ctx = static_cast<LoadContext*>(user);
  const std::string where = "/images/" + std::to_string(index);
  image->width = 0;
  image->height = 0;
  image->image.clear();
  if (ctx->unreadableImages != nullptr && ctx->unreadableImages->count(index) != 0) {
    // `bytes` would run past the buffer's data: never read. Nothing to add here: a buffer with
    // no data was reported as BUFFER_WITHOUT_DATA, a view past its buffer is reported by the
    // converter's bufferView checks.
    return true;
  }
  const bool png = startsWith(bytes, size, {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
  const bool jpeg = startsWith(bytes, size, {0xFF, 0xD8, 0xFF});
  if (!png && !jpeg) {
    ctx->diag->warning("IMAGE_UNRECOGNIZED_FORMAT", "image is neither PNG nor JPEG; not used",
                       where);
    return true;
  }
  int w = 0;
  int h = 0;
  int comp = 0;
  // A PNG's IHDR says its size: read it first, since stb_image refuses sizes it cannot decode
  // with only "unknown image type".
  if (png && size >= 24) {
    const auto be32 = [&](size_t at) {
      return (uint32_t{bytes[at]} << 24) | (uint32_t{bytes[at + 1]} << 16) |
             (uint32_t{bytes[at + 2]} << 8) | uint32_t{bytes[at + 3]};
    };
    const uint32_t pw = be32(16), ph = be32(20);
    if (pw > ctx->options->maxTextureSize || ph > ctx->options->maxTextureSize) {
      ctx->diag->error("IMAGE_TOO_LARGE",
                       "image is " + std::to_string(pw) + "x" + std::to_string(ph) +
                           ", over the limit of " + std::to_string(ctx->options->maxTextureSize),
                       where);
      if (err != nullptr) *err += "image too large\n";
      return false;
    }
  }
  if (stbi_info_from_memory(bytes, size, &w, &h, &comp) == 0) {
    const std::string reason = stbi_failure_reason() != nullptr ? stbi_failure_reason() : "?";
    // A PNG signature without a complete IHDR chunk (8 + 25 bytes) is a truncated stream.
    const char* code = (png && size < 33) || reason.find("EOF") != std::string::npos
                           ? "IMAGE_UNEXPECTED_EOS"
                           : "IMAGE_DATA_INVALID";
    ctx->diag->error(code, "cannot read the image header (" + reason + ")", where);
    if (err != nullptr) *err += "image header unreadable\n";
    return false;
  }
  const uint32_t cap = ctx->options->maxTextureSize;
  if (w <= 0 || h <= 0 || static_cast<uint32_t>(w) > cap || static_cast<uint32_t>(h) > cap) {
    ctx->diag->error("IMAGE_TOO_LARGE",
                     "image is " + std::to_string(w) + "x" + std::to_string(h) +
                         ", over the limit of " + std::to_string(cap),
                     where);
    if (err != nullptr) *err += "image too large\n";
    return false;
  }
  const size_t decoded = static_cast<size_t>(w) * static_cast<size_t>(h) * 4;
  if (ctx->totalBytes + decoded > ctx->options->maxTotalBytes) {
    ctx->diag->error("IMAGE_TOO_LARGE", "decoded images exceed the total size limit", where);
    return false;
  }
  if (!ctx->options->loadImages) return true;
  unsigned char* pixels = stbi_load_from_memory(bytes, size, &w, &h, &comp, 4);
  if (pixels == nullptr) {
    ctx->diag->error("IMAGE_DATA_INVALID",
                     std::string("cannot decode the image (") +
                         (stbi_failure_reason() != nullptr ? stbi_failure_reason() : "?") + ")",
                     where);
    if (err != nullptr) *err += "image decode failed\n";
    return false;
  }
  ctx->totalBytes += decoded;
  image->width = w;
  image->height = h;
  image->component = 4;
  image->bits = 8;
  image->pixel_type = TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE;
  image->image.assign(pixels, pixels + decoded);
  stbi_image_free(pixels);
  (void)warn;
  return true;
}

bool validType(const std::string& t) {
  static const std::set<std::string> types = {"SCALAR", "VEC2", "VEC3", "VEC4",
                                              "MAT2",   "MAT3", "MAT4"};
  return types.count(t) != 0;
}
bool validComponentType(int c) {
  return c == 5120 || c == 5121 || c == 5122 || c == 5123 || c == 5125 || c == 5126;
}

std::string base64(const std::string& in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(in[i])} << 16) |
                       (uint32_t{static_cast<uint8_t>(in[i + 1])} << 8) |
                       static_cast<uint8_t>(in[i + 2]);
    out += {table[(v >> 18) & 63], table[(v >> 12) & 63], table[(v >> 6) & 63], table[v & 63]};
  }
  if (i + 1 == in.size()) {
    const uint32_t v = uint32_t{static_cast<uint8_t>(in[i])} << 16;
    out += {table[(v >> 18) & 63], table[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(in[i])} << 16) |
                       (uint32_t{static_cast<uint8_t>(in[i + 1])} << 8);
    out += {table[(v >> 18) & 63], table[(v >> 12) & 63], table[(v >> 6) & 63], '='};
  }
  return out;
}

std::string percentDecode(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// tinygltf rejects a whole file over things the spec allows to be merely unusable (an unused
// accessor of unknown type, a buffer at an http URL or without data, an index accessor without a
// bufferView). Neutralise those in the JSON and note them, so using one is an error and merely
// having one is fine.
// glTF allows integers written as 1.0; tinygltf does not. Make every integral number an integer
// (float-typed properties read integers just as well).
void integralFloatsToIntegers(json& v) {
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.0e15) v = static_cast<int64_t>(d);
  } else if (v.is_array() || v.is_object()) {
    for (auto& e : v) integralFloatsToIntegers(e);
  }
}

void sanitize(json& root, bool isGlb, const fs::path& baseDir, GltfSourceNotes& notes,
              GltfDiagnostics& diag) {
  integralFloatsToIntegers(root);
  if (root.contains("accessors") && root["accessors"].is_array()) {
    auto& accessors = root["accessors"];
    for (size_t i = 0; i < accessors.size(); ++i) {
      auto& a = accessors[i];
      if (!a.is_object()) continue;
      const bool typeOk =
          a.contains("type") && a["type"].is_string() && validType(a["type"].get<std::string>());
      const bool compOk = a.contains("componentType") && a["componentType"].is_number_integer() &&
                          validComponentType(a["componentType"].get<int>());
      if (!typeOk || !compOk) {
        diag.warning("VALUE_NOT_IN_LIST", "accessor has an unknown type or componentType",
                     "/accessors/" + std::to_string(i));
        notes.unusableAccessors.insert(static_cast<int>(i));
        a["type"] = "SCALAR";
        a["componentType"] = 5126;
        a.erase("min");
        a.erase("max");
      }
    }
  }
  if (root.contains("bufferViews") && root["bufferViews"].is_array()) {
    for (const auto& v : root["bufferViews"]) {
      notes.viewTargets.push_back(v.is_object() && v.contains("target") &&
                                          v["target"].is_number_integer()
                                      ? v["target"].get<int>()
                                      : 0);
    }
  }
  if (root.contains("buffers") && root["buffers"].is_array()) {
    auto& buffers = root["buffers"];
    for (size_t i = 0; i < buffers.size(); ++i) {
      auto& b = buffers[i];
      if (!b.is_object()) continue;
      const bool hasUri = b.contains("uri") && b["uri"].is_string();
      const std::string uri = hasUri ? b["uri"].get<std::string>() : "";
      const bool glbBin = isGlb && i == 0 && !hasUri;
      if (glbBin) continue;
      if (!hasUri || uri.find("://") != std::string::npos) {
        // Never fetched: replace with a tiny placeholder and fail if it is read.
        notes.unavailableBuffers.insert(static_cast<int>(i));
        b["uri"] = "data:application/octet-stream;base64,AAAA";
        b["byteLength"] = 3;
        if (!hasUri)
          diag.warning("BUFFER_WITHOUT_DATA", "buffer has no uri; its data is undefined",
                       "/buffers/" + std::to_string(i));
      } else if (uri.rfind("data:", 0) == 0 && uri.find(";base64,") == std::string::npos) {
        // Plain (percent-encoded) data URI: tinygltf only decodes base64.
        const auto comma = uri.find(',');
        if (comma != std::string::npos) {
          b["uri"] = "data:application/octet-stream;base64," +
                     base64(percentDecode(uri.substr(comma + 1)));
        }
      }
    }
  }
  // Images: a missing external file is an error (tinygltf only warns).
  if (root.contains("images") && root["images"].is_array()) {
    auto& images = root["images"];
    for (size_t i = 0; i < images.size(); ++i) {
      auto& img = images[i];
      // tinygltf hands an image's bufferView to the decoder as offset + byteLength without
      // checking them against the buffer's data: a view past its buffer (or into a placeholder
      // for an unavailable one) would be read out of bounds. Such an image is not decoded.
      if (img.is_object() && img.contains("bufferView") && img["bufferView"].is_number_integer()) {
        const auto intField = [](const json& o, const char* key, long long fallback) {
          const auto it = o.find(key);
          return it != o.end() && it->is_number_integer() ? it->get<long long>() : fallback;
        };
        const long long v = img["bufferView"].get<long long>();
        static const json kNone = json::array();
        const json& views = root.contains("bufferViews") ? root["bufferViews"] : kNone;
        const json& bufs = root.contains("buffers") ? root["buffers"] : kNone;
        bool readable = false;
        if (v >= 0 && views.is_array() && static_cast<size_t>(v) < views.size() &&
            views[static_cast<size_t>(v)].is_object()) {
          const json& view = views[static_cast<size_t>(v)];
          const long long b = intField(view, "buffer", -1);
          const long long offset = intField(view, "byteOffset", 0);
          const long long length = intField(view, "byteLength", 0);
          if (b >= 0 && bufs.is_array() && static_cast<size_t>(b) < bufs.size() &&
              bufs[static_cast<size_t>(b)].is_object() &&
              notes.unavailableBuffers.count(static_cast<int>(b)) == 0) {
            const long long bufferLength = intField(bufs[static_cast<size_t>(b)], "byteLength", 0);
            readable = offset >= 0 && length >= 0 && offset <= bufferLength &&
                       length <= bufferLength - offset;
          }
        }
        if (!readable) notes.unreadableImages.insert(static_cast<int>(i));
        continue;
      }
      if (!img.is_object() || !img.contains("uri") || !img["uri"].is_string()) continue;
      const auto uri = img["uri"].get<std::string>();
      if (uri.rfind("data:", 0) == 0) continue;
      if (uri.find("://") != std::string::npos) {
        img.erase("uri");
        img["uri"] = "data:image/png;base64,";
        continue;
      }
      std::error_code ec;
      if (!fs::is_regular_file(baseDir / percentDecode(uri), ec)) {
        diag.error("IO_ERROR", "image file '" + uri + "' not found",
                   "/images/" + std::to_string(i) + "/uri");
      }
    }
  }
  // Index accessors without a bufferView (all zeros): degenerate, tinygltf refuses them.
  if (root.contains("meshes") && root["meshes"].is_array()) {
    auto& meshes = root["meshes"];
    for (size_t m = 0; m < meshes.size(); ++m) {
      if (!meshes[m].is_object() || !meshes[m].contains("primitives")) continue;
      auto& prims = meshes[m]["primitives"];
      for (size_t p = 0; p < prims.size(); ++p) {
        auto& prim = prims[p];
        if (!prim.is_object() || !prim.contains("indices") || !prim["indices"].is_number_integer())
          continue;
        const int idx = prim["indices"].get<int>();
        if (idx < 0 || !root.contains("accessors") ||
            static_cast<size_t>(idx) >= root["accessors"].size())
          continue;
        const auto& a = root["accessors"][static_cast<size_t>(idx)];
        const bool scalar = a.value("type", "") == "SCALAR";
        const int comp = a.contains("componentType") && a["componentType"].is_number_integer()
                             ? a["componentType"].get<int>()
                             : 0;
        if (!scalar || (comp != 5121 && comp != 5123 && comp != 5125)) {
          diag.error(
              "MESH_PRIMITIVE_INDICES_ACCESSOR_INVALID_FORMAT",
              "indices must be unsigned byte, short or int scalars",
              "/meshes/" + std::to_string(m) + "/primitives/" + std::to_string(p) + "/indices");
          continue;
        }
        if (!a.contains("bufferView") && !a.contains("sparse")) {
          prim.erase("indices");
          notes.skipPrimitives.insert({static_cast<int>(m), static_cast<int>(p)});
          diag.warning("MESH_PRIMITIVE_EMPTY_INDICES",
                       "index accessor has no data; primitive not drawn",
                       "/meshes/" + std::to_string(m) + "/primitives/" + std::to_string(p));
        }
      }
    }
  }
}

// The JSON's shape, read before parsing it: the deepest [ / { nesting outside strings (glTF
// needs a handful of levels; thousands would overflow the stack in recursive JSON code,
// destructors included) and the longest array (a parsed value costs tens of bytes, so a file
// declaring a million nodes would take hundreds of MB before any check could see it).
struct JsonShape {
  int deepest = 0;
  size_t longestArray = 0;
  std::string longestArrayKey;  // the top-level key holding it, when it is one
};

JsonShape jsonShape(std::span<const uint8_t> text) {
  JsonShape shape;
  struct Level {
    bool array = false;
    size_t elements = 0;
    bool empty = true;
    std::string key;
  };
  std::vector<Level> stack;
  std::string lastString;
  bool inString = false;
  size_t stringStart = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const uint8_t c = text[i];
    if (inString) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        inString = false;
        if (stack.size() == 1 && i - stringStart < 64) {
          lastString.assign(reinterpret_cast<const char*>(text.data()) + stringStart,
                            i - stringStart);
        }
      }
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (!stack.empty() && stack.back().array && stack.back().empty && c != ']') {
      stack.back().empty = false;
      stack.back().elements = 1;
    }
    if (c == '"') {
      inString = true;
      stringStart = i + 1;
    } else if (c == '[' || c == '{') {
      Level level;
      level.array = c == '[';
      if (stack.size() == 1) level.key = lastString;
      stack.push_back(level);
      shape.deepest = std::max(shape.deepest, static_cast<int>(stack.size()));
    } else if (c == ']' || c == '}') {
      if (!stack.empty()) stack.pop_back();
    } else if (c == ',' && !stack.empty() && stack.back().array) {
      if (++stack.back().elements > shape.longestArray) {
        shape.longestArray = stack.back().elements;
        shape.longestArrayKey = stack.back().key;
      }
    }
  }
  return shape;
}

std::vector<uint8_t> buildGlb(const std::string& jsonText, std::span<const uint8_t> bin,
                              bool hasBin) {
  std::vector<uint8_t> out;
  auto put32 = [&](uint32_t v) {
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    out.insert(out.end(), p, p + 4);
  };
  const uint32_t jsonLen = static_cast<uint32_t>((jsonText.size() + 3) & ~size_t{3});
  const uint32_t binLen = static_cast<uint32_t>((bin.size() + 3) & ~size_t{3});
  put32(0x46546C67);
  put32(2);
  put32(12 + 8 + jsonLen + (hasBin ? 8 + binLen : 0));
  put32(jsonLen);
  put32(0x4E4F534A);
  out.insert(out.end(), jsonText.begin(), jsonText.end());
  out.resize(20 + jsonLen, ' ');
  if (hasBin) {
    put32(binLen);
    put32(0x004E4942);
    out.insert(out.end(), bin.begin(), bin.end());
    out.resize(out.size() + (binLen - bin.size()), 0);
  }
  return out;
}

}  // namespace

GltfLoadResult GltfLoader::load(const fs::path& path) const {
  GltfLoadResult result;
  GltfDiagnostics diag;
  auto finish = [&]() -> GltfLoadResult {
    result.model.warnings.insert(result.model.warnings.end(), diag.warnings.begin(),
                                 diag.warnings.end());
    if (diag.failed()) {
      result.ok = false;
      result.error = diag.errors.front();
      for (size_t i = 1; i < diag.errors.size() && i < 4; ++i)
        result.error += "; " + diag.errors[i];
      if (diag.errors.size() > 4) result.error += "; ...";
      result.error = path.filename().string() + ": " + result.error;
      result.model = ModelData{};
    } else {
      result.ok = true;
    }
    return result;
  };

  std::vector<unsigned char> bytes;
  std::string ioError;
  if (!readFileCapped(path, options_.maxFileBytes, bytes, ioError)) {
    const auto colon = ioError.find(':');
    diag.error(ioError.substr(0, colon), ioError.substr(colon + 2));
    return finish();
  }
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const bool looksGlb = bytes.size() >= 4 && std::memcmp(bytes.data(), "glTF", 4) == 0;
  const bool isGlb = ext == ".glb" || looksGlb;

  GlbChunks glb;
  std::span<const uint8_t> jsonBytes(bytes.data(), bytes.size());
  if (isGlb) {
    if (const std::string e = parseGlb(bytes, glb); !e.empty()) {
      const auto colon = e.find(':');
      diag.error(e.substr(0, colon), e.substr(colon + 2));
      return finish();
    }
    for (const auto& w : glb.warnings) diag.warnings.push_back(w);
    jsonBytes = glb.json;
  }
  if (jsonBytes.empty()) {
    diag.error("INVALID_JSON", "the file is empty");
    return finish();
  }
  // A UTF-8 BOM is not allowed in glTF JSON; skip it with a warning rather than refusing.
  if (jsonBytes.size() >= 3 && jsonBytes[0] == 0xEF && jsonBytes[1] == 0xBB &&
      jsonBytes[2] == 0xBF) {
    diag.error("INVALID_JSON", "the JSON starts with a byte order mark (BOM), which glTF forbids");
    return finish();
  }
  constexpr int kMaxNesting = 64;
  const JsonShape shape = jsonShape(jsonBytes);
  if (shape.deepest > kMaxNesting) {
    diag.error("INVALID_JSON",
               "JSON nesting deeper than " + std::to_string(kMaxNesting) + " levels");
    return finish();
  }
  if (shape.longestArray > options_.maxJsonArrayElements) {
    diag.error("INVALID_JSON",
               "a JSON array of " + std::to_string(shape.longestArray) + " elements" +
                   (shape.longestArrayKey.empty() ? "" : " (\"" + shape.longestArrayKey + "\")") +
                   ", over the limit of " + std::to_string(options_.maxJsonArrayElements) +
                   " (refused before parsing)",
               shape.longestArrayKey.empty() ? "" : "/" + shape.longestArrayKey);
    return finish();
  }
  json root = json::parse(jsonBytes.begin(), jsonBytes.end(), nullptr, false);
  if (root.is_discarded()) {
    diag.error("INVALID_JSON", "the JSON does not parse");
    return finish();
  }
  checkGltfJson(root, diag);
  if (diag.failed()) return finish();

  if (root.contains("extensionsRequired")) {
    for (const auto& e : root["extensionsRequired"]) {
      if (!e.is_string()) continue;
      const auto name = e.get<std::string>();
      if (kSupportedRequired.count(name) == 0) {
        diag.error("UNSUPPORTED_EXTENSION",
                   "required extension " + name + " is not supported" +
                       (name == "KHR_draco_mesh_compression"
                            ? " (Draco-compressed meshes cannot be decoded; export without Draco)"
                            : ""),
                   "/extensionsRequired");
      }
    }
    if (diag.failed()) return finish();
  }

  GltfSourceNotes notes;
  sanitize(root, isGlb, path.parent_path(), notes, diag);
  if (diag.failed()) return finish();
  // GLB buffer 0 without uri takes the BIN chunk.
  if (isGlb && root.contains("buffers") && !root["buffers"].empty() &&
      !root["buffers"][0].contains("uri")) {
    if (!glb.hasBin) {
      diag.error("BUFFER_MISSING_GLB_DATA", "buffer 0 refers to the GLB BIN chunk, which is absent",
                 "/buffers/0");
      return finish();
    }
    const auto declared = root["buffers"][0]["byteLength"].get<double>();
    if (declared > static_cast<double>(glb.bin.size())) {
      diag.error("BUFFER_BYTE_LENGTH_MISMATCH",
                 "buffer 0 declares " + std::to_string(static_cast<size_t>(declared)) +
                     " bytes, the BIN chunk has " + std::to_string(glb.bin.size()),
                 "/buffers/0");
      return finish();
    }
    if (glb.bin.size() - static_cast<size_t>(declared) >= 4) {
      diag.warning("BUFFER_GLB_CHUNK_TOO_BIG", "BIN chunk has extra padding", "/buffers/0");
    }
  }

  LoadContext ctx{&options_, &diag, bytes.size(), &notes.unreadableImages};
  tinygltf::TinyGLTF parser;
  parser.SetImageLoader(&loadImage, &ctx);
  parser.SetFsCallbacks({&fsFileExists, &fsExpand, &fsRead, &fsWrite, &ctx});
  tinygltf::Model gm;
  std::string err;
  std::string warn;
  const std::string base = path.parent_path().string();
  const std::string text = root.dump();
  bool parsed = false;
  if (isGlb) {
    const auto rebuilt = buildGlb(text, glb.bin, glb.hasBin);
    parsed = parser.LoadBinaryFromMemory(&gm, &err, &warn, rebuilt.data(),
                                         static_cast<unsigned int>(rebuilt.size()), base);
  } else {
    parsed = parser.LoadASCIIFromString(&gm, &err, &warn, text.c_str(),
                                        static_cast<unsigned int>(text.size()), base);
  }
  if (!parsed) {
    if (!diag.failed()) {
      std::string msg = err.empty() ? "tinygltf could not load the file" : err;
      std::replace(msg.begin(), msg.end(), '\n', ' ');
      const bool missing = msg.find("File not found") != std::string::npos ||
                           msg.find("IO_ERROR") != std::string::npos ||
                           msg.find("Failed to load") != std::string::npos;
      diag.error(missing ? "IO_ERROR" : "INVALID_GLTF", msg);
    }
    return finish();
  }
  if (!warn.empty()) {
    std::replace(warn.begin(), warn.end(), '\n', ' ');
    diag.warning("PARSER_WARNING", warn);
  }
  result.model.name = path.stem().string();
  convertGltf(gm, notes, options_, diag, result.model);
  return finish();
}

}  // namespace vrmall::engine

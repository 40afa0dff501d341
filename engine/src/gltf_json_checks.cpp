#include "gltf_json_checks.h"

#include <regex>
#include <string>

namespace vrmall::engine {
namespace {

using nlohmann::json;

enum class Kind { Int, Number, String, Bool, Array, Object, IntArray, NumberArray };

struct Prop {
  const char* name;
  Kind kind;
  bool required;
};

const char* kindName(Kind k) {
  switch (k) {
    case Kind::Int:
      return "integer";
    case Kind::Number:
      return "number";
    case Kind::String:
      return "string";
    case Kind::Bool:
      return "boolean";
    case Kind::Array:
      return "array";
    case Kind::Object:
      return "object";
    case Kind::IntArray:
      return "array of integers";
    case Kind::NumberArray:
      return "array of numbers";
  }
  return "?";
}

bool isInt(const json& v) {
  if (v.is_number_integer()) return true;
  // "1.0" is a valid glTF integer (the validator accepts integers written as floats).
  if (v.is_number_float()) {
    const double d = v.get<double>();
    return d == static_cast<double>(static_cast<long long>(d));
  }
  return false;
}

bool matches(const json& v, Kind k) {
  switch (k) {
    case Kind::Int:
      return isInt(v);
    case Kind::Number:
      return v.is_number();
    case Kind::String:
      return v.is_string();
    case Kind::Bool:
      return v.is_boolean();
    case Kind::Array:
      return v.is_array();
    case Kind::Object:
      return v.is_object();
    case Kind::IntArray:
      if (!v.is_array()) return false;
      for (const auto& e : v) {
        if (!isInt(e)) return false;
      }
      return true;
    case Kind::NumberArray:
      if (!v.is_array()) return false;
      for (const auto& e : v) {
        if (!e.is_number()) return false;
      }
      return true;
  }
  return false;
}

void checkProps(const json& obj, std::initializer_list<Prop> props, const std::string& where,
                GltfDiagnostics& diag) {
  for (const auto& p : props) {
    auto it = obj.find(p.name);
    if (it == obj.end()) {
      if (p.required) {
        diag.error("UNDEFINED_PROPERTY", std::string("property '") + p.name + "' must be defined",
                   where);
      }
      continue;
    }
    if (!matches(*it, p.kind)) {
      diag.error(p.kind == Kind::IntArray || p.kind == Kind::NumberArray ? "ARRAY_TYPE_MISMATCH"
                                                                         : "TYPE_MISMATCH",
                 std::string("'") + p.name + "' must be " + kindName(p.kind), where + "/" + p.name);
      continue;
    }
    if (p.kind == Kind::Int && it->get<double>() < 0) {
      diag.error("VALUE_NOT_IN_RANGE", std::string("'") + p.name + "' must be >= 0",
                 where + "/" + p.name);
    }
    if ((p.kind == Kind::Array || p.kind == Kind::IntArray) && it->empty()) {
      diag.error("EMPTY_ENTITY", std::string("'") + p.name + "' must not be empty",
                 where + "/" + p.name);
    }
  }
}

// Calls `each` for every element of a top-level array, after checking it is an array of objects.
template <typename F>
void forEach(const json& root, const char* name, GltfDiagnostics& diag, F each) {
  auto it = root.find(name);
  if (it == root.end()) return;
  const std::string where = std::string("/") + name;
  if (!it->is_array()) {
    diag.error("TYPE_MISMATCH", std::string("'") + name + "' must be an array", where);
    return;
  }
  if (it->empty()) {
    diag.error("EMPTY_ENTITY", std::string("'") + name + "' must not be empty", where);
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const auto& e = (*it)[i];
    const std::string ew = where + "/" + std::to_string(i);
    if (!e.is_object()) {
      diag.error("TYPE_MISMATCH", "element must be an object", ew);
      continue;
    }
    each(e, ew);
  }
}

bool hasScheme(const std::string& uri) {
  static const std::regex scheme("^[A-Za-z][A-Za-z0-9+.-]*:");
  return std::regex_search(uri, scheme);
}

void checkUri(const std::string& uri, bool buffer, const std::string& where,
              GltfDiagnostics& diag) {
  if (uri.rfind("data:", 0) == 0) {
    const auto comma = uri.find(',');
    const auto semi = uri.find(';');
    if (comma == std::string::npos) {
      diag.error("INVALID_URI", "data URI has no ',' before its data", where);
      return;
    }
    // "data:<mime>[;base64],<data>"
    const size_t mimeEnd = semi != std::string::npos && semi < comma ? semi : comma;
    const std::string mime = uri.substr(5, mimeEnd - 5);
    const std::string params = uri.substr(mimeEnd, comma - mimeEnd);
    if (!params.empty() && params != ";base64") {
      diag.error("INVALID_URI", "data URI parameters '" + params + "' are not ';base64'", where);
      return;
    }
    if (params == ";base64") {
      const std::string payload = uri.substr(comma + 1);
      const auto bad = payload.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");
      if (bad != std::string::npos || payload.size() % 4 != 0) {
        diag.error("INVALID_URI", "data URI payload is not valid base64", where);
        return;
      }
    }
    if (buffer && mime != "application/octet-stream" && mime != "application/gltf-buffer") {
      diag.error("BUFFER_DATA_URI_MIME_TYPE_INVALID",
                 "buffer data URI has MIME type '" + mime + "'", where);
    }
    if (!buffer && mime != "image/png" && mime != "image/jpeg") {
      diag.error("IMAGE_MIME_TYPE_INVALID", "image data URI has MIME type '" + mime + "'", where);
    }
    return;
  }
  // RFC 3986: no spaces, no raw control characters, '%' must start an escape.
  for (size_t i = 0; i < uri.size(); ++i) {
    const auto c = static_cast<unsigned char>(uri[i]);
    const bool badPercent = c == '%' && (i + 2 >= uri.size() ||
                                         !std::isxdigit(static_cast<unsigned char>(uri[i + 1])) ||
                                         !std::isxdigit(static_cast<unsigned char>(uri[i + 2])));
    if (c <= 0x20 || c == '\\' || c == '"' || c == '<' || c == '>' || c == '^' || c == '`' ||
        c == '{' || c == '|' || c == '}' || badPercent) {
      diag.error("INVALID_URI", "URI '" + uri + "' is not a valid URI reference", where);
      return;
    }
  }
  // Something before the first ':' that is not a valid scheme ("://x", ":") is malformed.
  const auto colon = uri.find(':');
  if (colon != std::string::npos && colon < uri.find_first_of("/?#") && !hasScheme(uri)) {
    diag.error("INVALID_URI", "URI '" + uri + "' has an invalid scheme", where);
    return;
  }
  if (hasScheme(uri)) {
    diag.warning("NON_RELATIVE_URI", "non-relative URI '" + uri + "' is not fetched", where);
  }
}

void checkAsset(const json& root, GltfDiagnostics& diag) {
  auto it = root.find("asset");
  if (it == root.end()) {
    diag.error("UNDEFINED_PROPERTY", "property 'asset' must be defined", "/");
    return;
  }
  if (!it->is_object()) {
    diag.error("TYPE_MISMATCH", "'asset' must be an object", "/asset");
    return;
  }
  checkProps(*it,
             {{"version", Kind::String, true},
              {"minVersion", Kind::String, false},
              {"generator", Kind::String, false},
              {"copyright", Kind::String, false}},
             "/asset", diag);
  static const std::regex pattern("^([0-9]+)\\.([0-9]+)$");
  auto parse = [&](const char* key, int& major, int& minor) {
    auto v = it->find(key);
    if (v == it->end() || !v->is_string()) return false;
    std::smatch m;
    const std::string s = v->get<std::string>();
    if (!std::regex_match(s, m, pattern)) {
      diag.error("PATTERN_MISMATCH",
                 std::string("asset.") + key + " '" + s + "' does not match <major>.<minor>",
                 std::string("/asset/") + key);
      return false;
    }
    major = std::stoi(m[1].str());
    minor = std::stoi(m[2].str());
    return true;
  };
  int major = 0;
  int minor = 0;
  if (parse("version", major, minor)) {
    if (major != 2) {
      diag.error("UNKNOWN_ASSET_MAJOR_VERSION",
                 "glTF version " + std::to_string(major) + ".x is not supported (need 2.x)",
                 "/asset/version");
    } else if (minor > 0) {
      diag.warning("UNKNOWN_ASSET_MINOR_VERSION",
                   "glTF 2." + std::to_string(minor) + " loaded as 2.0", "/asset/version");
    }
    int minMajor = 0;
    int minMinor = 0;
    if (it->contains("minVersion") && parse("minVersion", minMajor, minMinor)) {
      if (minMajor > major || (minMajor == major && minMinor > minor)) {
        diag.error("ASSET_MIN_VERSION_GREATER_THAN_VERSION",
                   "asset.minVersion is greater than asset.version", "/asset/minVersion");
      } else if (minMajor != 2) {
        diag.error("UNKNOWN_ASSET_MAJOR_VERSION", "asset.minVersion needs a newer glTF loader",
                   "/asset/minVersion");
      }
    }
  }
}

size_t arraySize(const json& root, const char* name) {
  auto it = root.find(name);
  return it != root.end() && it->is_array() ? it->size() : 0;
}

void checkRef(const json& obj, const char* prop, size_t count, const std::string& where,
              GltfDiagnostics& diag) {
  auto it = obj.find(prop);
  if (it == obj.end() || !isInt(*it)) return;
  const auto v = it->get<double>();
  if (v < 0 || v >= static_cast<double>(count)) {
    diag.error("UNRESOLVED_REFERENCE",
               "unresolved reference " + std::to_string(static_cast<long long>(v)),
               where + "/" + prop);
  }
}

// Every index into another top-level array must exist.
void checkReferences(const json& root, GltfDiagnostics& diag) {
  const size_t accessors = arraySize(root, "accessors");
  const size_t views = arraySize(root, "bufferViews");
  const size_t nBuffers = arraySize(root, "buffers");
  const size_t nImages = arraySize(root, "images");
  const size_t nSamplers = arraySize(root, "samplers");
  const size_t nTextures = arraySize(root, "textures");
  const size_t nMaterials = arraySize(root, "materials");
  const size_t nMeshes = arraySize(root, "meshes");
  const size_t nNodes = arraySize(root, "nodes");
  const size_t nSkins = arraySize(root, "skins");
  const size_t nCameras = arraySize(root, "cameras");
  auto each = [&](const char* name, auto fn) {
    auto it = root.find(name);
    if (it == root.end() || !it->is_array()) return;
    for (size_t i = 0; i < it->size(); ++i) {
      if ((*it)[i].is_object()) fn((*it)[i], std::string("/") + name + "/" + std::to_string(i));
    }
  };
  checkRef(root, "scene", arraySize(root, "scenes"), "", diag);
  each("bufferViews",
       [&](const json& o, const std::string& w) { checkRef(o, "buffer", nBuffers, w, diag); });
  each("accessors", [&](const json& o, const std::string& w) {
    checkRef(o, "bufferView", views, w, diag);
    if (o.contains("sparse") && o["sparse"].is_object()) {
      const auto& sp = o["sparse"];
      if (sp.contains("indices") && sp["indices"].is_object())
        checkRef(sp["indices"], "bufferView", views, w + "/sparse/indices", diag);
      if (sp.contains("values") && sp["values"].is_object())
        checkRef(sp["values"], "bufferView", views, w + "/sparse/values", diag);
    }
  });
  each("images",
       [&](const json& o, const std::string& w) { checkRef(o, "bufferView", views, w, diag); });
  each("textures", [&](const json& o, const std::string& w) {
    checkRef(o, "source", nImages, w, diag);
    checkRef(o, "sampler", nSamplers, w, diag);
  });
  each("materials", [&](const json& o, const std::string& w) {
    for (const char* t : {"normalTexture", "occlusionTexture", "emissiveTexture"}) {
      if (o.contains(t) && o[t].is_object()) checkRef(o[t], "index", nTextures, w + "/" + t, diag);
    }
    if (o.contains("pbrMetallicRoughness") && o["pbrMetallicRoughness"].is_object()) {
      const auto& p = o["pbrMetallicRoughness"];
      for (const char* t : {"baseColorTexture", "metallicRoughnessTexture"}) {
        if (p.contains(t) && p[t].is_object())
          checkRef(p[t], "index", nTextures, w + "/pbrMetallicRoughness/" + t, diag);
      }
    }
  });
  each("meshes", [&](const json& m, const std::string& w) {
    if (!m.contains("primitives") || !m["primitives"].is_array()) return;
    for (size_t p = 0; p < m["primitives"].size(); ++p) {
      const auto& prim = m["primitives"][p];
      if (!prim.is_object()) continue;
      const std::string pw = w + "/primitives/" + std::to_string(p);
      checkRef(prim, "indices", accessors, pw, diag);
      checkRef(prim, "material", nMaterials, pw, diag);
      if (prim.contains("attributes") && prim["attributes"].is_object()) {
        for (const auto& [name, value] : prim["attributes"].items()) {
          checkRef(prim["attributes"], name.c_str(), accessors, pw + "/attributes", diag);
        }
      }
      if (prim.contains("targets") && prim["targets"].is_array()) {
        for (size_t t = 0; t < prim["targets"].size(); ++t) {
          const auto& target = prim["targets"][t];
          if (!target.is_object()) continue;
          for (const auto& [name, value] : target.items()) {
            checkRef(target, name.c_str(), accessors, pw + "/targets/" + std::to_string(t), diag);
          }
        }
      }
    }
  });
  each("nodes", [&](const json& n, const std::string& w) {
    checkRef(n, "mesh", nMeshes, w, diag);
    checkRef(n, "skin", nSkins, w, diag);
    checkRef(n, "camera", nCameras, w, diag);
    if (n.contains("children") && n["children"].is_array()) {
      for (size_t c = 0; c < n["children"].size(); ++c) {
        const auto& v = n["children"][c];
        if (isInt(v) && (v.get<double>() < 0 || v.get<double>() >= static_cast<double>(nNodes))) {
          diag.error("UNRESOLVED_REFERENCE", "unresolved node reference",
                     w + "/children/" + std::to_string(c));
        }
      }
    }
  });
  each("scenes", [&](const json& s, const std::string& w) {
    if (!s.contains("nodes") || !s["nodes"].is_array()) return;
    for (size_t c = 0; c < s["nodes"].size(); ++c) {
      const auto& v = s["nodes"][c];
      if (isInt(v) && (v.get<double>() < 0 || v.get<double>() >= static_cast<double>(nNodes))) {
        diag.error("UNRESOLVED_REFERENCE", "unresolved node reference",
                   w + "/nodes/" + std::to_string(c));
      }
    }
  });
}

}  // namespace

void checkGltfJson(const json& root, GltfDiagnostics& diag) {
  if (!root.is_object()) {
    diag.error("TYPE_MISMATCH", "the glTF root must be a JSON object", "/");
    return;
  }
  checkAsset(root, diag);
  checkReferences(root, diag);
  checkProps(root,
             {{"scene", Kind::Int, false},
              {"extensionsUsed", Kind::Array, false},
              {"extensionsRequired", Kind::Array, false}},
             "", diag);

  forEach(root, "buffers", diag, [&](const json& b, const std::string& w) {
    checkProps(b, {{"byteLength", Kind::Int, true}, {"uri", Kind::String, false}}, w, diag);
    if (b.contains("byteLength") && isInt(b["byteLength"]) && b["byteLength"].get<double>() < 1) {
      diag.error("VALUE_NOT_IN_RANGE", "buffer byteLength must be >= 1", w + "/byteLength");
    }
    if (b.contains("uri") && b["uri"].is_string()) {
      checkUri(b["uri"].get<std::string>(), true, w + "/uri", diag);
    }
  });
  forEach(root, "bufferViews", diag, [&](const json& v, const std::string& w) {
    checkProps(v,
               {{"buffer", Kind::Int, true},
                {"byteLength", Kind::Int, true},
                {"byteOffset", Kind::Int, false},
                {"byteStride", Kind::Int, false},
                {"target", Kind::Int, false}},
               w, diag);
  });
  forEach(root, "accessors", diag, [&](const json& a, const std::string& w) {
    checkProps(a,
               {{"componentType", Kind::Int, true},
                {"count", Kind::Int, true},
                {"type", Kind::String, true},
                {"bufferView", Kind::Int, false},
                {"byteOffset", Kind::Int, false},
                {"normalized", Kind::Bool, false},
                {"min", Kind::NumberArray, false},
                {"max", Kind::NumberArray, false},
                {"sparse", Kind::Object, false}},
               w, diag);
    if (a.contains("byteOffset") && !a.contains("bufferView")) {
      diag.error("UNSATISFIED_DEPENDENCY", "'byteOffset' needs 'bufferView'", w + "/byteOffset");
    }
    if (a.contains("normalized") && a["normalized"].is_boolean() && a["normalized"].get<bool>() &&
        a.contains("componentType") && isInt(a["componentType"])) {
      const int c = a["componentType"].get<int>();
      if (c == 5126 || c == 5125) {
        diag.error("ACCESSOR_NORMALIZED_INVALID",
                   "only (u)byte and (u)short accessors can be normalized", w + "/normalized");
      }
    }
    if (a.contains("count") && isInt(a["count"]) && a["count"].get<double>() < 1) {
      diag.error("VALUE_NOT_IN_RANGE", "accessor count must be >= 1", w + "/count");
    }
    if (a.contains("sparse") && a["sparse"].is_object()) {
      const auto& s = a["sparse"];
      checkProps(s,
                 {{"count", Kind::Int, true},
                  {"indices", Kind::Object, true},
                  {"values", Kind::Object, true}},
                 w + "/sparse", diag);
      if (s.contains("indices") && s["indices"].is_object()) {
        checkProps(s["indices"],
                   {{"bufferView", Kind::Int, true},
                    {"componentType", Kind::Int, true},
                    {"byteOffset", Kind::Int, false}},
                   w + "/sparse/indices", diag);
      }
      if (s.contains("values") && s["values"].is_object()) {
        checkProps(s["values"], {{"bufferView", Kind::Int, true}, {"byteOffset", Kind::Int, false}},
                   w + "/sparse/values", diag);
      }
    }
  });
  forEach(root, "meshes", diag, [&](const json& m, const std::string& w) {
    checkProps(m, {{"primitives", Kind::Array, true}, {"weights", Kind::NumberArray, false}}, w,
               diag);
    if (!m.contains("primitives") || !m["primitives"].is_array()) return;
    for (size_t p = 0; p < m["primitives"].size(); ++p) {
      const auto& prim = m["primitives"][p];
      const std::string pw = w + "/primitives/" + std::to_string(p);
      if (!prim.is_object()) {
        diag.error("TYPE_MISMATCH", "primitive must be an object", pw);
        continue;
      }
      checkProps(prim,
                 {{"attributes", Kind::Object, true},
                  {"indices", Kind::Int, false},
                  {"material", Kind::Int, false},
                  {"mode", Kind::Int, false},
                  {"targets", Kind::Array, false}},
                 pw, diag);
      if (prim.contains("attributes") && prim["attributes"].is_object()) {
        for (const auto& [name, value] : prim["attributes"].items()) {
          if (!isInt(value)) {
            diag.error("TYPE_MISMATCH", "attribute '" + name + "' must be an accessor index",
                       pw + "/attributes/" + name);
          }
        }
      }
    }
  });
  forEach(root, "nodes", diag, [&](const json& n, const std::string& w) {
    checkProps(n,
               {{"children", Kind::IntArray, false},
                {"mesh", Kind::Int, false},
                {"skin", Kind::Int, false},
                {"camera", Kind::Int, false},
                {"matrix", Kind::NumberArray, false},
                {"translation", Kind::NumberArray, false},
                {"rotation", Kind::NumberArray, false},
                {"scale", Kind::NumberArray, false}},
               w, diag);
  });
  forEach(root, "scenes", diag, [&](const json& s, const std::string& w) {
    checkProps(s, {{"nodes", Kind::IntArray, false}}, w, diag);
  });
  forEach(root, "images", diag, [&](const json& img, const std::string& w) {
    checkProps(img,
               {{"uri", Kind::String, false},
                {"bufferView", Kind::Int, false},
                {"mimeType", Kind::String, false}},
               w, diag);
    const bool hasUri = img.contains("uri") && img["uri"].is_string();
    const bool hasView = img.contains("bufferView");
    if (hasUri && hasView) {
      diag.error("ONE_OF_MISMATCH", "image has both 'uri' and 'bufferView'", w);
    } else if (!hasUri && !hasView) {
      diag.error("ONE_OF_MISMATCH", "image needs 'uri' or 'bufferView'", w);
    }
    if (hasView && !img.contains("mimeType")) {
      diag.error("UNSATISFIED_DEPENDENCY", "image with 'bufferView' needs 'mimeType'", w);
    }
    if (img.contains("mimeType") && img["mimeType"].is_string()) {
      const auto mime = img["mimeType"].get<std::string>();
      if (mime != "image/png" && mime != "image/jpeg") {
        diag.warning("VALUE_NOT_IN_LIST",
                     "image mimeType '" + mime + "' is not image/png or image/jpeg",
                     w + "/mimeType");
      }
    }
    if (hasUri) checkUri(img["uri"].get<std::string>(), false, w + "/uri", diag);
  });
  forEach(root, "textures", diag, [&](const json& t, const std::string& w) {
    checkProps(t, {{"source", Kind::Int, false}, {"sampler", Kind::Int, false}}, w, diag);
  });
  forEach(root, "materials", diag, [&](const json& m, const std::string& w) {
    checkProps(m,
               {{"pbrMetallicRoughness", Kind::Object, false},
                {"alphaMode", Kind::String, false},
                {"alphaCutoff", Kind::Number, false},
                {"doubleSided", Kind::Bool, false},
                {"emissiveFactor", Kind::NumberArray, false}},
               w, diag);
  });
}

}  // namespace vrmall::engine

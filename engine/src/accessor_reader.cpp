#include "accessor_reader.h"

#include <tiny_gltf.h>

#include <algorithm>
#include <cstring>

namespace vrmall::engine {
namespace {

std::string at(int index) {
  return "/accessors/" + std::to_string(index);
}

bool isIntegerType(int t) {
  return t == TINYGLTF_COMPONENT_TYPE_BYTE || t == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ||
         t == TINYGLTF_COMPONENT_TYPE_SHORT || t == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT ||
         t == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;
}

}  // namespace

AccessorReader::AccessorReader(const tinygltf::Model& model, const std::set<int>& unusable,
                               const std::set<int>& unavailable, size_t maxCount,
                               GltfDiagnostics& diag)
    : model_(model),
      unusable_(unusable),
      unavailable_(unavailable),
      maxCount_(maxCount),
      diag_(diag) {}

bool AccessorReader::inUnavailableBuffer(int view) const {
  return view >= 0 && static_cast<size_t>(view) < model_.bufferViews.size() &&
         unavailable_.count(model_.bufferViews[static_cast<size_t>(view)].buffer) != 0;
}

bool AccessorReader::checkView(int view, size_t offset, size_t bytes, const std::string& where,
                               const char* what) {
  if (view < 0 || static_cast<size_t>(view) >= model_.bufferViews.size()) {
    diag_.error("UNRESOLVED_REFERENCE",
                std::string(what) + " bufferView " + std::to_string(view) + " does not exist",
                where);
    return false;
  }
  const auto& bv = model_.bufferViews[static_cast<size_t>(view)];
  if (bv.buffer < 0 || static_cast<size_t>(bv.buffer) >= model_.buffers.size()) {
    diag_.error("UNRESOLVED_REFERENCE",
                "bufferView " + std::to_string(view) + " refers to buffer " +
                    std::to_string(bv.buffer) + " which does not exist",
                "/bufferViews/" + std::to_string(view));
    return false;
  }
  // A buffer without data here (never read) cannot be checked against its bytes.
  const bool haveData = unavailable_.count(bv.buffer) == 0;
  const size_t bufferSize = model_.buffers[static_cast<size_t>(bv.buffer)].data.size();
  if (haveData && (bv.byteOffset > bufferSize || bv.byteLength > bufferSize - bv.byteOffset)) {
    diag_.error("BUFFER_VIEW_TOO_LONG",
                "bufferView " + std::to_string(view) + " (offset " + std::to_string(bv.byteOffset) +
                    ", length " + std::to_string(bv.byteLength) + ") exceeds its buffer of " +
                    std::to_string(bufferSize) + " bytes",
                "/bufferViews/" + std::to_string(view));
    return false;
  }
  if (offset > bv.byteLength || bytes > bv.byteLength - offset) {
    diag_.error("ACCESSOR_TOO_LONG",
                std::string(what) + " needs " + std::to_string(bytes) + " bytes from offset " +
                    std::to_string(offset) + " but bufferView " + std::to_string(view) + " has " +
                    std::to_string(bv.byteLength),
                where);
    return false;
  }
  return true;
}

bool AccessorReader::validate(int index, const std::string& where) {
  if (index < 0 || static_cast<size_t>(index) >= model_.accessors.size()) {
    diag_.error("UNRESOLVED_REFERENCE", "accessor " + std::to_string(index) + " does not exist",
                where);
    return false;
  }
  if (auto it = checked_.find(index); it != checked_.end()) return it->second;
  bool& ok = checked_[index];
  ok = false;
  const auto& a = model_.accessors[static_cast<size_t>(index)];
  const std::string w = at(index);
  if (unusable_.count(index) != 0) {
    diag_.error("VALUE_NOT_IN_LIST",
                "accessor " + std::to_string(index) +
                    " has an unknown type or componentType and is used by " + where,
                w);
    return false;
  }
  const int compSize = tinygltf::GetComponentSizeInBytes(static_cast<uint32_t>(a.componentType));
  const int comps = tinygltf::GetNumComponentsInType(static_cast<uint32_t>(a.type));
  if (compSize <= 0 || comps <= 0) {
    diag_.error("VALUE_NOT_IN_LIST", "accessor has an invalid componentType or type", w);
    return false;
  }
  if (a.count < 1 || a.count > maxCount_) {
    diag_.error(
        "VALUE_NOT_IN_RANGE",
        "accessor count " + std::to_string(a.count) + " is outside 1.." + std::to_string(maxCount_),
        w);
    return false;
  }
  if (a.normalized && !(isIntegerType(a.componentType) &&
                        a.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)) {
    diag_.error("ACCESSOR_NORMALIZED_INVALID", "only byte and short accessors may be normalized",
                w);
    return false;
  }
  const size_t elemSize = static_cast<size_t>(compSize) * static_cast<size_t>(comps);
  if (a.bufferView >= 0) {
    if (static_cast<size_t>(a.bufferView) >= model_.bufferViews.size()) {
      diag_.error("UNRESOLVED_REFERENCE",
                  "bufferView " + std::to_string(a.bufferView) + " does not exist",
                  w + "/bufferView");
      return false;
    }
    const auto& bv = model_.bufferViews[static_cast<size_t>(a.bufferView)];
    if (a.byteOffset % static_cast<size_t>(compSize) != 0) {
      diag_.error("ACCESSOR_OFFSET_ALIGNMENT",
                  "byteOffset " + std::to_string(a.byteOffset) +
                      " is not a multiple of the component size " + std::to_string(compSize),
                  w + "/byteOffset");
      return false;
    }
    if ((bv.byteOffset + a.byteOffset) % static_cast<size_t>(compSize) != 0) {
      diag_.error("ACCESSOR_TOTAL_OFFSET_ALIGNMENT",
                  "bufferView + accessor offset is not a multiple of the component size", w);
      return false;
    }
    const size_t stride = bv.byteStride != 0 ? bv.byteStride : elemSize;
    if (bv.byteStride != 0 &&
        (bv.byteStride < 4 || bv.byteStride > 252 || bv.byteStride % 4 != 0)) {
      diag_.error(
          "BUFFER_VIEW_INVALID_BYTE_STRIDE",
          "byteStride " + std::to_string(bv.byteStride) + " is not a multiple of 4 in 4..252",
          "/bufferViews/" + std::to_string(a.bufferView));
      return false;
    }
    if (stride < elemSize) {
      diag_.error("ACCESSOR_SMALL_BYTESTRIDE",
                  "byteStride " + std::to_string(stride) + " is smaller than an element (" +
                      std::to_string(elemSize) + " bytes)",
                  w);
      return false;
    }
    if (!checkView(a.bufferView, a.byteOffset, stride * (a.count - 1) + elemSize, w, "accessor")) {
      return false;
    }
  }
  if (a.sparse.isSparse) {
    const auto& s = a.sparse;
    if (s.count < 1 || static_cast<size_t>(s.count) > a.count) {
      diag_.error(
          "ACCESSOR_SPARSE_COUNT_OUT_OF_RANGE",
          "sparse count " + std::to_string(s.count) + " is outside 1.." + std::to_string(a.count),
          w + "/sparse/count");
      return false;
    }
    const int idxSize =
        tinygltf::GetComponentSizeInBytes(static_cast<uint32_t>(s.indices.componentType));
    if (s.indices.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE &&
        s.indices.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
        s.indices.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT) {
      diag_.error("VALUE_NOT_IN_LIST", "sparse indices must be unsigned byte, short or int",
                  w + "/sparse/indices/componentType");
      return false;
    }
    if (s.indices.byteOffset < 0 || s.values.byteOffset < 0 ||
        !checkView(s.indices.bufferView, static_cast<size_t>(s.indices.byteOffset),
                   static_cast<size_t>(idxSize) * static_cast<size_t>(s.count),
                   w + "/sparse/indices", "sparse indices") ||
        !checkView(s.values.bufferView, static_cast<size_t>(s.values.byteOffset),
                   elemSize * static_cast<size_t>(s.count), w + "/sparse/values",
                   "sparse values")) {
      return false;
    }
    // Indices must be strictly increasing and inside the accessor.
    if (inUnavailableBuffer(s.indices.bufferView)) {
      ok = true;
      return true;
    }
    const auto& bv = model_.bufferViews[static_cast<size_t>(s.indices.bufferView)];
    const uint8_t* base = model_.buffers[static_cast<size_t>(bv.buffer)].data.data() +
                          bv.byteOffset + static_cast<size_t>(s.indices.byteOffset);
    int64_t previous = -1;
    for (int i = 0; i < s.count; ++i) {
      const auto v = static_cast<int64_t>(
          component(base + static_cast<size_t>(i) * static_cast<size_t>(idxSize),
                    s.indices.componentType, false));
      if (v <= previous || static_cast<size_t>(v) >= a.count) {
        diag_.error(
            v <= previous ? "ACCESSOR_SPARSE_INDICES_NON_INCREASING" : "ACCESSOR_SPARSE_INDEX_OOB",
            "sparse index " + std::to_string(v) + " at " + std::to_string(i), w);
        return false;
      }
      previous = v;
    }
  }
  ok = true;
  return true;
}

size_t AccessorReader::count(int index) const {
  return model_.accessors[static_cast<size_t>(index)].count;
}

int AccessorReader::components(int index) const {
  return tinygltf::GetNumComponentsInType(
      static_cast<uint32_t>(model_.accessors[static_cast<size_t>(index)].type));
}

double AccessorReader::component(const uint8_t* p, int type, bool normalized) const {
  switch (type) {
    case TINYGLTF_COMPONENT_TYPE_BYTE: {
      int8_t v;
      std::memcpy(&v, p, 1);
      return normalized ? std::max(v / 127.0, -1.0) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: {
      uint8_t v;
      std::memcpy(&v, p, 1);
      return normalized ? v / 255.0 : v;
    }
    case TINYGLTF_COMPONENT_TYPE_SHORT: {
      int16_t v;
      std::memcpy(&v, p, 2);
      return normalized ? std::max(v / 32767.0, -1.0) : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return normalized ? v / 65535.0 : v;
    }
    case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    case TINYGLTF_COMPONENT_TYPE_FLOAT: {
      float v;
      std::memcpy(&v, p, 4);
      return v;
    }
    default:
      return 0.0;
  }
}

bool AccessorReader::readFloats(int index, const std::string& where, std::vector<float>& out) {
  if (!validate(index, where)) return false;
  const auto& a = model_.accessors[static_cast<size_t>(index)];
  const int comps = components(index);
  const size_t compSize = static_cast<size_t>(
      tinygltf::GetComponentSizeInBytes(static_cast<uint32_t>(a.componentType)));
  const size_t elemSize = compSize * static_cast<size_t>(comps);
  out.assign(a.count * static_cast<size_t>(comps), 0.0F);  // no bufferView: zeros (spec)
  auto readElement = [&](const uint8_t* src, size_t element) {
    for (int c = 0; c < comps; ++c) {
      out[element * static_cast<size_t>(comps) + static_cast<size_t>(c)] = static_cast<float>(
          component(src + static_cast<size_t>(c) * compSize, a.componentType, a.normalized));
    }
  };
  if (a.bufferView >= 0) {
    const auto& bv = model_.bufferViews[static_cast<size_t>(a.bufferView)];
    const size_t stride = bv.byteStride != 0 ? bv.byteStride : elemSize;
    const uint8_t* base =
        model_.buffers[static_cast<size_t>(bv.buffer)].data.data() + bv.byteOffset + a.byteOffset;
    for (size_t i = 0; i < a.count; ++i) readElement(base + i * stride, i);
  }
  if (a.sparse.isSparse) {
    const auto& s = a.sparse;
    const auto& ibv = model_.bufferViews[static_cast<size_t>(s.indices.bufferView)];
    const auto& vbv = model_.bufferViews[static_cast<size_t>(s.values.bufferView)];
    const uint8_t* ibase = model_.buffers[static_cast<size_t>(ibv.buffer)].data.data() +
                           ibv.byteOffset + static_cast<size_t>(s.indices.byteOffset);
    const uint8_t* vbase = model_.buffers[static_cast<size_t>(vbv.buffer)].data.data() +
                           vbv.byteOffset + static_cast<size_t>(s.values.byteOffset);
    const size_t idxSize = static_cast<size_t>(
        tinygltf::GetComponentSizeInBytes(static_cast<uint32_t>(s.indices.componentType)));
    for (int i = 0; i < s.count; ++i) {
      const auto target = static_cast<size_t>(
          component(ibase + static_cast<size_t>(i) * idxSize, s.indices.componentType, false));
      readElement(vbase + static_cast<size_t>(i) * elemSize, target);  // bounds checked in validate
    }
  }
  return true;
}

bool AccessorReader::readIndices(int index, const std::string& where, std::vector<uint32_t>& out) {
  if (!validate(index, where)) return false;
  const auto& a = model_.accessors[static_cast<size_t>(index)];
  if (a.type != TINYGLTF_TYPE_SCALAR ||
      (a.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE &&
       a.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
       a.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT) ||
      a.normalized) {
    diag_.error("MESH_PRIMITIVE_INDICES_ACCESSOR_INVALID_FORMAT",
                "indices must be unnormalized unsigned byte, short or int scalars", where);
    return false;
  }
  if (a.bufferView >= 0 && model_.bufferViews[static_cast<size_t>(a.bufferView)].byteStride != 0) {
    diag_.error("MESH_PRIMITIVE_INDICES_ACCESSOR_WITH_BYTESTRIDE",
                "the indices' bufferView must not have a byteStride", where);
    return false;
  }
  std::vector<float> values;
  // Unsigned ints above 2^24 do not survive a float; read them directly.
  out.resize(a.count);
  if (a.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT && !a.sparse.isSparse &&
      a.bufferView >= 0) {
    const auto& bv = model_.bufferViews[static_cast<size_t>(a.bufferView)];
    const uint8_t* base =
        model_.buffers[static_cast<size_t>(bv.buffer)].data.data() + bv.byteOffset + a.byteOffset;
    std::memcpy(out.data(), base, a.count * 4);
    return true;
  }
  if (!readFloats(index, where, values)) return false;
  for (size_t i = 0; i < a.count; ++i) out[i] = static_cast<uint32_t>(values[i]);
  return true;
}

}  // namespace vrmall::engine

// One vertex and one index buffer shared by every model, so draws of different products need no
// rebinding and can be merged into a single multi-draw indirect call. Grows by doubling; the old
// buffers are retired to the DeferredDeleter since frames in flight may still read them.
#pragma once

#include <cstdint>
#include <vector>

#include "vrmall/engine/deferred_deleter.h"
#include "vrmall/engine/gpu_buffer.h"
#include "vrmall/engine/model_data.h"

namespace vrmall::engine {

class Context;

class GeometryArena {
 public:
  struct Range {
    int32_t vertexOffset = 0;
    uint32_t firstIndex = 0;
  };

  explicit GeometryArena(const Context& context) : context_(context) {}

  // Append geometry; `retireSlot` is the frame slot that may still use the current buffers.
  Range append(const std::vector<Vertex>& vertices, const std::vector<uint32_t>& indices,
               DeferredDeleter& deleter, size_t retireSlot);

  VkBuffer vertexBuffer() const { return vertices_.handle(); }
  VkBuffer indexBuffer() const { return indices_.handle(); }
  bool empty() const { return vertexCount_ == 0; }
  size_t vertexBytes() const { return vertexCount_ * sizeof(Vertex); }
  size_t indexBytes() const { return indexCount_ * sizeof(uint32_t); }

 private:
  void grow(GpuBuffer& buffer, VkDeviceSize needed, VkBufferUsageFlags usage, VkDeviceSize used,
            DeferredDeleter& deleter, size_t retireSlot);

  const Context& context_;
  GpuBuffer vertices_;
  GpuBuffer indices_;
  size_t vertexCount_ = 0;
  size_t indexCount_ = 0;
};

}  // namespace vrmall::engine

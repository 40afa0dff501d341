// A VkBuffer with its own memory. Move-only RAII: destroying it frees the Vulkan objects, so a
// buffer still used by a frame in flight must be handed to DeferredDeleter instead.
#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>

namespace vrmall::engine {

class Context;

class GpuBuffer {
 public:
  enum class Memory { DeviceLocal, HostVisible };

  GpuBuffer() = default;
  GpuBuffer(const Context& context, VkDeviceSize size, VkBufferUsageFlags usage, Memory memory);
  ~GpuBuffer();
  GpuBuffer(GpuBuffer&& other) noexcept;
  GpuBuffer& operator=(GpuBuffer&& other) noexcept;
  GpuBuffer(const GpuBuffer&) = delete;
  GpuBuffer& operator=(const GpuBuffer&) = delete;

  VkBuffer handle() const { return buffer_; }
  VkDeviceSize size() const { return size_; }
  // Persistently mapped pointer for HostVisible buffers (host-coherent memory), else nullptr.
  void* mapped() const { return mapped_; }
  explicit operator bool() const { return buffer_ != VK_NULL_HANDLE; }

  // Device-local buffer filled from `data` through a temporary staging buffer (load time only).
  static GpuBuffer upload(const Context& context, const void* data, size_t size,
                          VkBufferUsageFlags usage);

 private:
  void release();

  VkDevice device_ = VK_NULL_HANDLE;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  VkDeviceSize size_ = 0;
  void* mapped_ = nullptr;
};

}  // namespace vrmall::engine

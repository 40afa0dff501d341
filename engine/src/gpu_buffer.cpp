#include "vrmall/engine/gpu_buffer.h"

#include <cstring>
#include <utility>

#include "vrmall/engine/context.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {

GpuBuffer::GpuBuffer(const Context& context, VkDeviceSize size, VkBufferUsageFlags usage,
                     Memory memory)
    : device_(context.device()), size_(size) {
  VRM_CHECK(size > 0, "GpuBuffer of size 0");
  auto info = vkStruct<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VRM_VK_CHECK(vkCreateBuffer(device_, &info, nullptr, &buffer_));

  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(device_, buffer_, &req);
  const VkMemoryPropertyFlags flags =
      memory == Memory::HostVisible
          ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
          : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
  auto alloc = vkStruct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  alloc.allocationSize = req.size;
  alloc.memoryTypeIndex = context.findMemoryType(req.memoryTypeBits, flags);
  try {
    VRM_VK_CHECK(vkAllocateMemory(device_, &alloc, nullptr, &memory_));
    VRM_VK_CHECK(vkBindBufferMemory(device_, buffer_, memory_, 0));
    if (memory == Memory::HostVisible) {
      VRM_VK_CHECK(vkMapMemory(device_, memory_, 0, VK_WHOLE_SIZE, 0, &mapped_));
    }
  } catch (...) {
    release();
    throw;
  }
}

GpuBuffer::~GpuBuffer() {
  release();
}

GpuBuffer::GpuBuffer(GpuBuffer&& other) noexcept {
  *this = std::move(other);
}

GpuBuffer& GpuBuffer::operator=(GpuBuffer&& other) noexcept {
  if (this != &other) {
    release();
    device_ = std::exchange(other.device_, VK_NULL_HANDLE);
    buffer_ = std::exchange(other.buffer_, VK_NULL_HANDLE);
    memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, nullptr);
  }
  return *this;
}

void GpuBuffer::release() {
  if (device_ == VK_NULL_HANDLE) return;
  if (buffer_ != VK_NULL_HANDLE) vkDestroyBuffer(device_, buffer_, nullptr);
  if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_, memory_, nullptr);  // unmaps too
  buffer_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  mapped_ = nullptr;
  device_ = VK_NULL_HANDLE;
}

GpuBuffer GpuBuffer::upload(const Context& context, const void* data, size_t size,
                            VkBufferUsageFlags usage) {
  GpuBuffer staging(context, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, Memory::HostVisible);
  std::memcpy(staging.mapped(), data, size);
  GpuBuffer result(context, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, Memory::DeviceLocal);
  context.submitAndWait([&](VkCommandBuffer cmd) {
    VkBufferCopy region{0, 0, size};
    vkCmdCopyBuffer(cmd, staging.handle(), result.handle(), 1, &region);
  });
  return result;
}

}  // namespace vrmall::engine

#include "geometry_arena.h"

#include <algorithm>
#include <cstring>

#include "vrmall/engine/context.h"
#include "vrmall/engine/vk_check.h"

namespace vrmall::engine {

void GeometryArena::grow(GpuBuffer& buffer, VkDeviceSize needed, VkBufferUsageFlags usage,
                         VkDeviceSize used, DeferredDeleter& deleter, size_t retireSlot) {
  if (buffer && buffer.size() >= needed) return;
  const VkDeviceSize capacity = std::max<VkDeviceSize>(
      needed, std::max<VkDeviceSize>(buffer ? buffer.size() * 2 : 0, 1 << 20));
  GpuBuffer bigger(context_, capacity,
                   usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                   GpuBuffer::Memory::DeviceLocal);
  if (buffer && used > 0) {
    context_.submitAndWait([&](VkCommandBuffer cmd) {
      const VkBufferCopy region{0, 0, used};
      vkCmdCopyBuffer(cmd, buffer.handle(), bigger.handle(), 1, &region);
    });
  }
  if (buffer) deleter.retire(retireSlot, std::move(buffer));
  buffer = std::move(bigger);
}

GeometryArena::Range GeometryArena::append(const std::vector<Vertex>& vertices,
                                           const std::vector<uint32_t>& indices,
                                           DeferredDeleter& deleter, size_t retireSlot) {
  VRM_CHECK(!vertices.empty() && !indices.empty(), "GeometryArena::append: empty geometry");
  VRM_CHECK(vertexCount_ + vertices.size() < (size_t{1} << 31), "geometry arena full");
  const VkDeviceSize vBytes = vertices.size() * sizeof(Vertex);
  const VkDeviceSize iBytes = indices.size() * sizeof(uint32_t);
  const VkDeviceSize vUsed = vertexCount_ * sizeof(Vertex);
  const VkDeviceSize iUsed = indexCount_ * sizeof(uint32_t);
  grow(vertices_, vUsed + vBytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, vUsed, deleter, retireSlot);
  grow(indices_, iUsed + iBytes, VK_BUFFER_USAGE_INDEX_BUFFER_BIT, iUsed, deleter, retireSlot);

  GpuBuffer staging(context_, vBytes + iBytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                    GpuBuffer::Memory::HostVisible);
  auto* dst = static_cast<uint8_t*>(staging.mapped());
  std::memcpy(dst, vertices.data(), vBytes);
  std::memcpy(dst + vBytes, indices.data(), iBytes);
  context_.submitAndWait([&](VkCommandBuffer cmd) {
    const VkBufferCopy v{0, vUsed, vBytes};
    vkCmdCopyBuffer(cmd, staging.handle(), vertices_.handle(), 1, &v);
    const VkBufferCopy i{vBytes, iUsed, iBytes};
    vkCmdCopyBuffer(cmd, staging.handle(), indices_.handle(), 1, &i);
  });
  Range r{static_cast<int32_t>(vertexCount_), static_cast<uint32_t>(indexCount_)};
  vertexCount_ += vertices.size();
  indexCount_ += indices.size();
  return r;
}

}  // namespace vrmall::engine

// The PBR graphics pipelines for one target configuration (colour format, view count, samples):
// opaque, alpha-masked and alpha-blended, each single- and double-sided. Remade when the target
// changes.
#pragma once

#include <vulkan/vulkan.h>

#include <array>

namespace vrmall::engine {

struct PipelineKey {
  VkFormat colorFormat = VK_FORMAT_UNDEFINED;
  uint32_t viewCount = 0;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  bool operator==(const PipelineKey&) const = default;
};

class PipelineSet {
 public:
  static constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

  PipelineSet(VkDevice device, VkPipelineLayout layout, const PipelineKey& key);
  ~PipelineSet();
  PipelineSet(const PipelineSet&) = delete;
  PipelineSet& operator=(const PipelineSet&) = delete;

  // alphaMode: 0 opaque, 1 mask, 2 blend (AlphaMode's values).
  VkPipeline get(int alphaMode, bool doubleSided) const {
    return pipelines_[static_cast<size_t>(alphaMode * 2 + (doubleSided ? 1 : 0))];
  }
  const PipelineKey& key() const { return key_; }

 private:
  VkDevice device_;
  PipelineKey key_;
  std::array<VkPipeline, 6> pipelines_{};
};

}  // namespace vrmall::engine

#include "vrmall/engine/imgui_layer.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <utility>

#include "vrmall/engine/context.h"
#include "vrmall/engine/deferred_deleter.h"
#include "vrmall/engine/vk_check.h"
#include "vrmall/engine/vk_struct.h"

namespace vrmall::engine {
namespace {

void checkImGuiVk(VkResult result) {
  if (result != VK_SUCCESS) throwVkError(result, "ImGui Vulkan backend", __FILE__, __LINE__);
}

// A framebuffer handed to the renderer's DeferredDeleter.
struct RetiredFramebuffer {
  VkDevice device = VK_NULL_HANDLE;
  VkFramebuffer framebuffer = VK_NULL_HANDLE;
  RetiredFramebuffer(VkDevice d, VkFramebuffer f) : device(d), framebuffer(f) {}
  RetiredFramebuffer(RetiredFramebuffer&& o) noexcept
      : device(o.device), framebuffer(std::exchange(o.framebuffer, VK_NULL_HANDLE)) {}
  RetiredFramebuffer(const RetiredFramebuffer&) = delete;
  RetiredFramebuffer& operator=(const RetiredFramebuffer&) = delete;
  RetiredFramebuffer& operator=(RetiredFramebuffer&&) = delete;
  ~RetiredFramebuffer() {
    if (framebuffer != VK_NULL_HANDLE) vkDestroyFramebuffer(device, framebuffer, nullptr);
  }
};

// sRGB-encoded byte -> linear byte (the IEC 61966-2-1 curve), rounded.
const std::array<uint8_t, 256>& srgbToLinearTable() {
  static const std::array<uint8_t, 256> table = [] {
    std::array<uint8_t, 256> t{};
    for (int i = 0; i < 256; ++i) {
      const double c = i / 255.0;
      const double l = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
      t[static_cast<size_t>(i)] = static_cast<uint8_t>(std::lround(l * 255.0));
    }
    return t;
  }();
  return table;
}

ImU32 linearize(ImU32 c, const std::array<uint8_t, 256>& lut) {
  const ImU32 r = lut[(c >> IM_COL32_R_SHIFT) & 0xFFU];
  const ImU32 g = lut[(c >> IM_COL32_G_SHIFT) & 0xFFU];
  const ImU32 b = lut[(c >> IM_COL32_B_SHIFT) & 0xFFU];
  return (r << IM_COL32_R_SHIFT) | (g << IM_COL32_G_SHIFT) | (b << IM_COL32_B_SHIFT) |
         (c & IM_COL32_A_MASK);
}

}  // namespace

ImGuiLayer::ImGuiLayer(Context& context, GLFWwindow* window, VkFormat format, uint32_t imageCount)
    : context_(context), window_(window), format_(format) {
  IMGUI_CHECKVERSION();
  const VkDevice device = context.device();
  try {
    imgui_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(imgui_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;

    // The backend allocates one combined image sampler set (the font atlas).
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 4};
    auto poolInfo =
        vkStruct<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
    poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    poolInfo.maxSets = 4;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &size;
    VRM_VK_CHECK(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool_));

    // Draws over what the scene left: load, store, COLOR_ATTACHMENT_OPTIMAL before and after.
    VkAttachmentDescription color{};
    color.format = format;
    color.samples = VK_SAMPLE_COUNT_1_BIT;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    const VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &ref;
    // In: the scene's colour writes (attachment store / resolve) before our load and blending.
    // Out: our writes before whatever the target records next (its final barrier waits on the
    // same stage).
    VkSubpassDependency deps[2]{};
    deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    deps[0].dstSubpass = 0;
    deps[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].dstAccessMask =
        VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].srcSubpass = 0;
    deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].dstAccessMask =
        VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    auto rp = vkStruct<VkRenderPassCreateInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO);
    rp.attachmentCount = 1;
    rp.pAttachments = &color;
    rp.subpassCount = 1;
    rp.pSubpasses = &subpass;
    rp.dependencyCount = 2;
    rp.pDependencies = deps;
    VRM_VK_CHECK(vkCreateRenderPass(device, &rp, nullptr, &renderPass_));

    if (window_ != nullptr) {
      VRM_CHECK(ImGui_ImplGlfw_InitForVulkan(window_, true), "ImGui_ImplGlfw_InitForVulkan failed");
      glfwBackend_ = true;
    }
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = context.instance();
    info.PhysicalDevice = context.physicalDevice();
    info.Device = device;
    info.QueueFamily = context.queueFamily();
    info.Queue = context.queue();
    info.DescriptorPool = pool_;
    info.Subpass = 0;
    info.MinImageCount = std::max(2U, imageCount);
    info.ImageCount = info.MinImageCount;
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    info.CheckVkResultFn = checkImGuiVk;
    VRM_CHECK(ImGui_ImplVulkan_Init(&info, renderPass_), "ImGui_ImplVulkan_Init failed");
    vulkanBackend_ = true;

    context.submitAndWait([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
  } catch (...) {
    release();
    throw;
  }
}

ImGuiLayer::~ImGuiLayer() {
  release();
}

void ImGuiLayer::release() {
  const VkDevice device = context_.device();
  vkDeviceWaitIdle(device);
  if (imgui_ != nullptr) {
    ImGui::SetCurrentContext(imgui_);
    if (vulkanBackend_) ImGui_ImplVulkan_Shutdown();
    if (glfwBackend_) ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(imgui_);
    imgui_ = nullptr;
  }
  vulkanBackend_ = glfwBackend_ = false;
  for (const auto& f : framebuffers_) vkDestroyFramebuffer(device, f.framebuffer, nullptr);
  framebuffers_.clear();
  if (renderPass_ != VK_NULL_HANDLE) vkDestroyRenderPass(device, renderPass_, nullptr);
  renderPass_ = VK_NULL_HANDLE;
  if (pool_ != VK_NULL_HANDLE) vkDestroyDescriptorPool(device, pool_, nullptr);
  pool_ = VK_NULL_HANDLE;
}

void ImGuiLayer::newFrame(VkExtent2D extent, const std::function<void(ImGuiIO&)>& adjust) {
  ImGui::SetCurrentContext(imgui_);
  ImGui_ImplVulkan_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (glfwBackend_) {
    ImGui_ImplGlfw_NewFrame();
  } else {
    io.DisplaySize = ImVec2(static_cast<float>(extent.width), static_cast<float>(extent.height));
    io.DisplayFramebufferScale = ImVec2(1.0F, 1.0F);
    const double now =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    io.DeltaTime =
        lastTime_ > 0.0 && now > lastTime_ ? static_cast<float>(now - lastTime_) : 1.0F / 60.0F;
    lastTime_ = now;
  }
  if (adjust) adjust(io);
  ImGui::NewFrame();
  haveDrawData_ = false;
}

void ImGuiLayer::render() {
  ImGui::SetCurrentContext(imgui_);
  ImGui::Render();
  ImDrawData* data = ImGui::GetDrawData();
  const auto& lut = srgbToLinearTable();
  for (int n = 0; n < data->CmdListsCount; ++n) {
    ImDrawList* list = data->CmdLists[n];
    for (ImDrawVert& v : list->VtxBuffer) v.col = linearize(v.col, lut);
  }
  haveDrawData_ = true;
}

bool ImGuiLayer::wantsMouse() const {
  ImGui::SetCurrentContext(imgui_);
  return ImGui::GetIO().WantCaptureMouse;
}

bool ImGuiLayer::wantsKeyboard() const {
  ImGui::SetCurrentContext(imgui_);
  return ImGui::GetIO().WantCaptureKeyboard;
}

VkFramebuffer ImGuiLayer::framebufferFor(const OverlayTarget& target) {
  // A new image generation (swapchain recreated, another target) means the cached views may be
  // gone and their handles reused: retire every framebuffer made for the old ones.
  if (target.imageGeneration != generation_) {
    for (const auto& f : framebuffers_) {
      if (target.deleter != nullptr) {
        target.deleter->retire(target.frameSlot,
                               RetiredFramebuffer(context_.device(), f.framebuffer));
      } else {
        VRM_VK_CHECK(vkDeviceWaitIdle(context_.device()));
        vkDestroyFramebuffer(context_.device(), f.framebuffer, nullptr);
      }
    }
    framebuffers_.clear();
    generation_ = target.imageGeneration;
  }
  for (const auto& f : framebuffers_) {
    if (f.view == target.image.view && f.extent.width == target.extent.width &&
        f.extent.height == target.extent.height) {
      return f.framebuffer;
    }
  }
  auto info = vkStruct<VkFramebufferCreateInfo>(VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO);
  info.renderPass = renderPass_;
  info.attachmentCount = 1;
  info.pAttachments = &target.image.view;
  info.width = target.extent.width;
  info.height = target.extent.height;
  info.layers = 1;
  VkFramebuffer framebuffer = VK_NULL_HANDLE;
  VRM_VK_CHECK(vkCreateFramebuffer(context_.device(), &info, nullptr, &framebuffer));
  framebuffers_.push_back({target.image.view, target.extent, framebuffer});
  return framebuffer;
}

void ImGuiLayer::record(VkCommandBuffer cmd, const OverlayTarget& target) {
  VRM_CHECK(target.format == format_,
            "ImGuiLayer::record: the target's format differs from the layer's");
  if (!haveDrawData_) return;
  ImGui::SetCurrentContext(imgui_);
  ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr || !data->Valid) return;
  const VkFramebuffer framebuffer = framebufferFor(target);
  auto begin = vkStruct<VkRenderPassBeginInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO);
  begin.renderPass = renderPass_;
  begin.framebuffer = framebuffer;
  begin.renderArea = {{0, 0}, target.extent};
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  ImGui_ImplVulkan_RenderDrawData(data, cmd);
  vkCmdEndRenderPass(cmd);
}

}  // namespace vrmall::engine

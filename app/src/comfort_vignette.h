// The comfort vignette for smooth locomotion: a head-locked quad layer (VIEW space) whose image is
// clear in the middle and darkens towards the rim, narrowing the visible field while the shopper
// glides (less vection, less sickness). Its darkness follows the speed in a few steps; the image
// is rewritten only when the step changes.
#pragma once

#include <memory>

#include "vrmall/engine/gpu_buffer.h"
#include "vrmall/engine/xr/xr_session.h"
#include "vrmall/engine/xr/xr_struct.h"

namespace vrmall::app {

class ComfortVignette {
 public:
  ComfortVignette(engine::xr::Session& session, const engine::Context& context);

  // `strength` 0 (none) .. 1; returns the quad layer to submit this frame, or nullptr.
  const XrCompositionLayerBaseHeader* layer(float strength);
  int level() const { return level_; }

 private:
  void write(int level);

  engine::xr::Session& session_;
  const engine::Context& context_;
  std::unique_ptr<engine::xr::Swapchain> swapchain_;
  engine::GpuBuffer staging_;
  int level_ = 0;
  bool written_ = false;
  XrCompositionLayerQuad quad_{};
};

}  // namespace vrmall::app

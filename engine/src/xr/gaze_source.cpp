#include "vrmall/engine/xr/gaze_source.h"

namespace vrmall::engine::xr {

GazeSource chooseGazeSource(const EyeGazeSample& sample) {
  if (!sample.systemSupports || !sample.actionActive) return GazeSource::Head;
  constexpr XrSpaceLocationFlags kNeeded =
      XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
      XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;
  return (sample.flags & kNeeded) == kNeeded ? GazeSource::Eyes : GazeSource::Head;
}

std::string_view gazeSourceName(GazeSource source) {
  return source == GazeSource::Eyes ? "eyes" : "head";
}

}  // namespace vrmall::engine::xr

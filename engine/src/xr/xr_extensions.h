// Extensions newer than Debian 12's OpenXR headers (1.0.20), defined from the registry so the
// app can use them where a runtime offers them.
#pragma once

#include <openxr/openxr.h>

namespace vrmall::engine::xr {

// XR_EXT_local_floor (OpenXR 1.0.28; core as LOCAL_FLOOR in 1.1): a gravity-aligned space at
// floor level below the LOCAL origin.
inline constexpr const char* kLocalFloorExtensionName = "XR_EXT_local_floor";
inline constexpr XrReferenceSpaceType kReferenceSpaceLocalFloor =
    static_cast<XrReferenceSpaceType>(1000426000);

}  // namespace vrmall::engine::xr

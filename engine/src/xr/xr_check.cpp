#include "vrmall/engine/xr/xr_check.h"

#include <openxr/openxr_reflection.h>

#include <sstream>

namespace vrmall::engine::xr {

std::string resultName(XrResult result) {
  switch (result) {
#define VRM_XR_RESULT_CASE(name, value) \
  case name:                            \
    return #name;
    XR_LIST_ENUM_XrResult(VRM_XR_RESULT_CASE)
#undef VRM_XR_RESULT_CASE
            default : return "XR_UNKNOWN_RESULT_" +
                      std::to_string(static_cast<int>(result));
  }
}

void throwXrError(XrResult result, const char* call, const char* file, int line) {
  std::string name(call);
  const size_t paren = name.find('(');
  if (paren != std::string::npos) name.resize(paren);
  std::ostringstream s;
  s << "OpenXR call failed: " << call << " returned " << resultName(result) << " ("
    << static_cast<int>(result) << ") at " << file << ":" << line;
  throw XrError(s.str(), result, name);
}

}  // namespace vrmall::engine::xr

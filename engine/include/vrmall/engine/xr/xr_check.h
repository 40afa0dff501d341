// Error handling for OpenXR calls, after hello_xr's CHECK_XRCMD: a failing call throws XrError
// carrying the call's text, the XrResult's name and the file and line, so one log line says
// what failed where. Results that are not errors but need handling (XR_SESSION_LOSS_PENDING,
// XR_SESSION_NOT_FOCUSED, ...) are left to the caller: use VRM_XR_CHECK only where every
// non-success is a failure.
#pragma once

#include <openxr/openxr.h>

#include <stdexcept>
#include <string>

namespace vrmall::engine::xr {

class XrError : public std::runtime_error {
 public:
  XrError(const std::string& what, XrResult result, std::string call)
      : std::runtime_error(what), result_(result), call_(std::move(call)) {}
  XrResult result() const { return result_; }
  // The failing call's name ("xrCreateSession"), for messages that say what to do.
  const std::string& call() const { return call_; }
  // XR_ERROR_INSTANCE_LOST, XR_ERROR_SESSION_LOST: the runtime went away; recreate or stop.
  bool lost() const {
    return result_ == XR_ERROR_INSTANCE_LOST || result_ == XR_ERROR_SESSION_LOST;
  }

 private:
  XrResult result_;
  std::string call_;
};

// "XR_ERROR_FORM_FACTOR_UNAVAILABLE" for any result of the 1.0 core and the extensions in the
// headers (no instance needed, unlike xrResultToString); "XR_UNKNOWN_RESULT_<n>" otherwise.
std::string resultName(XrResult result);

[[noreturn]] void throwXrError(XrResult result, const char* call, const char* file, int line);

}  // namespace vrmall::engine::xr

// Call an OpenXR function; throw XrError naming the call, result, file and line unless it
// succeeded (XR_SUCCEEDED: qualified successes such as XR_SESSION_LOSS_PENDING pass).
#define VRM_XR_CHECK(call)                                                           \
  do {                                                                               \
    const XrResult vrm_xr_result_ = (call);                                          \
    if (XR_FAILED(vrm_xr_result_)) {                                                 \
      ::vrmall::engine::xr::throwXrError(vrm_xr_result_, #call, __FILE__, __LINE__); \
    }                                                                                \
  } while (false)

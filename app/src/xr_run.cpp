#include "xr_run.h"

#include "xr_shopping_app.h"

namespace vrmall::app {

int runXr(const XrOptions& options) {
  int code = 0;
  std::unique_ptr<XrShoppingApp> app = XrShoppingApp::start(options, code);
  if (!app) return code;
  while (app->step()) {
  }
  return app->finish();
}

}  // namespace vrmall::app

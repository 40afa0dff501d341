// The app's own input files, the first byte choosing which: the saved shopper profile, a tour,
// a window input script, a headset input script.
#include <stdexcept>

#include "fuzz_input.h"
#include "input_script.h"
#include "shopper_store.h"
#include "tour_run.h"
#include "xr_input_script.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int which = data[0] % 4;
  ++data;
  --size;
  try {
    switch (which) {
      case 0: {
        const auto file = vrmall::fuzz::asFile(data, size, "profile/shopper.json");
        (void)vrmall::app::ShopperStore(file.parent_path()).load();
        break;
      }
      case 1:
        (void)vrmall::app::loadTour(vrmall::fuzz::asFile(data, size, "tour.json"));
        break;
      case 2:
        (void)vrmall::app::InputScript::load(vrmall::fuzz::asFile(data, size, "script.json"));
        break;
      default:
        (void)vrmall::app::XrInputScript::load(vrmall::fuzz::asFile(data, size, "xr.json"));
        break;
    }
  } catch (const std::runtime_error&) {  // the app's errors name the file and place
  }
  return 0;
}

#include "vrmall/rec/demo.h"
namespace vrmall::rec { int runDemo(std::ostream&, const DemoOptions&) { return 0; } }

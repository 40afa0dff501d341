#pragma once
// Model-file helpers for CSR matrices; the reader validates the layout before building.
#include "vrmall/rec/data/binary_io.h"
#include "vrmall/rec/data/event_weights.h"

namespace vrmall::rec {

void writeSparse(BinaryWriter& out, const SparseMatrix& m);
SparseMatrix readSparse(BinaryReader& in, int32_t rows, int32_t cols);

}  // namespace vrmall::rec

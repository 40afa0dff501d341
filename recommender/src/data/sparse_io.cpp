#include "vrmall/rec/data/sparse_io.h"

#include <vector>

namespace vrmall::rec {

void writeSparse(BinaryWriter& out, const SparseMatrix& m) {
  std::vector<int32_t> outer(m.outerIndexPtr(), m.outerIndexPtr() + m.outerSize() + 1);
  std::vector<int32_t> inner(m.innerIndexPtr(), m.innerIndexPtr() + m.nonZeros());
  std::vector<float> values(m.valuePtr(), m.valuePtr() + m.nonZeros());
  out.putVector(outer);
  out.putVector(inner);
  out.putVector(values);
}

SparseMatrix readSparse(BinaryReader& in, int32_t rows, int32_t cols) {
  const auto outer = in.getVector<int32_t>();
  const auto inner = in.getVector<int32_t>();
  const auto values = in.getVector<float>();
  if (outer.size() != static_cast<size_t>(rows) + 1 || inner.size() != values.size() ||
      outer.front() != 0 || static_cast<size_t>(outer.back()) != inner.size()) {
    in.fail("sparse matrix layout");
  }
  std::vector<Eigen::Triplet<float, int32_t>> triplets;
  triplets.reserve(values.size());
  for (int32_t r = 0; r < rows; ++r) {
    if (outer[static_cast<size_t>(r)] > outer[static_cast<size_t>(r) + 1])
      in.fail("sparse row order");
    for (int32_t k = outer[static_cast<size_t>(r)]; k < outer[static_cast<size_t>(r) + 1]; ++k) {
      const int32_t c = inner[static_cast<size_t>(k)];
      if (c < 0 || c >= cols) in.fail("sparse column index");
      triplets.emplace_back(r, c, values[static_cast<size_t>(k)]);
    }
  }
  SparseMatrix m(rows, cols);
  m.setFromTriplets(triplets.begin(), triplets.end());
  m.makeCompressed();
  return m;
}

}  // namespace vrmall::rec

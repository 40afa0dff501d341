#include <cmath>

#include "models/top_k_rows.h"
#include "vrmall/rec/models/item_knn_model.h"

namespace vrmall::rec {

SparseMatrix itemSimilarity(const SparseMatrix& weighted, int neighbours, bool cosine, float shrink,
                            int threads) {
  const auto items = static_cast<int32_t>(weighted.cols());
  // Column-major view: for each item, its users; row-major `weighted`: for each user, items.
  const Eigen::SparseMatrix<float, Eigen::ColMajor, int32_t> by_item = weighted;
  std::vector<float> norm(static_cast<size_t>(items), 0.0f);
  for (int32_t i = 0; i < items; ++i) {
    float s = 0.0f;
    for (decltype(by_item)::InnerIterator it(by_item, i); it; ++it) s += it.value() * it.value();
    norm[static_cast<size_t>(i)] = std::sqrt(s);
  }
  return topKRows(items, neighbours, threads, [&] {
    // Per thread: dense accumulators for dot products and co-occurrence counts of one row.
    return [&, acc = std::vector<float>(static_cast<size_t>(items), 0.0f),
            co = std::vector<float>(static_cast<size_t>(items), 0.0f),
            touched = std::vector<int32_t>()](int32_t i, auto& row) mutable {
      touched.clear();
      for (decltype(by_item)::InnerIterator it(by_item, i); it; ++it) {
        const float xi = it.value();
        for (SparseMatrix::InnerIterator jt(weighted, it.row()); jt; ++jt) {
          const auto j = static_cast<int32_t>(jt.col());
          if (j == i) continue;
          if (co[static_cast<size_t>(j)] == 0.0f) touched.push_back(j);
          acc[static_cast<size_t>(j)] += xi * jt.value();
          co[static_cast<size_t>(j)] += 1.0f;
        }
      }
      for (const int32_t j : touched) {
        const auto jj = static_cast<size_t>(j);
        float s = acc[jj];
        if (cosine) {
          const float d = norm[static_cast<size_t>(i)] * norm[jj];
          s = d > 0.0f ? s / d : 0.0f;
        }
        if (shrink > 0.0f) s *= co[jj] / (co[jj] + shrink);
        if (s > 0.0f) row.emplace_back(s, j);
        acc[jj] = 0.0f;
        co[jj] = 0.0f;
      }
    };
  });
}

}  // namespace vrmall::rec

#include <cmath>

#include "models/top_k_rows.h"
#include "vrmall/rec/models/item_knn_model.h"

namespace vrmall::rec {

// RP3beta (Paudel et al. 2017; Dacrema et al. 2019): three-step random walk item -> user -> item
// with transition probabilities raised to alpha, divided by the target's popularity^beta. The
// popularity division is what lets long-tail items into the neighbourhoods.
SparseMatrix rp3Similarity(const SparseMatrix& user_items, float alpha, float beta, int neighbours,
                           int threads) {
  const auto items = static_cast<int32_t>(user_items.cols());
  const Eigen::SparseMatrix<float, Eigen::ColMajor, int32_t> by_item = user_items;
  std::vector<float> user_sum(static_cast<size_t>(user_items.rows()), 0.0f);
  std::vector<float> item_sum(static_cast<size_t>(items), 0.0f);
  for (Eigen::Index u = 0; u < user_items.outerSize(); ++u) {
    for (SparseMatrix::InnerIterator it(user_items, u); it; ++it) {
      user_sum[static_cast<size_t>(u)] += it.value();
      item_sum[static_cast<size_t>(it.col())] += it.value();
    }
  }
  std::vector<float> pop_div(static_cast<size_t>(items));
  for (int32_t j = 0; j < items; ++j) {
    const auto degree =
        static_cast<float>(by_item.outerIndexPtr()[j + 1] - by_item.outerIndexPtr()[j]);
    pop_div[static_cast<size_t>(j)] = degree > 0 ? std::pow(degree, -beta) : 0.0f;
  }
  return topKRows(items, neighbours, threads, [&] {
    return [&, acc = std::vector<float>(static_cast<size_t>(items), 0.0f),
            touched = std::vector<int32_t>()](int32_t i, auto& row) mutable {
      touched.clear();
      for (decltype(by_item)::InnerIterator it(by_item, i); it; ++it) {
        const auto u = static_cast<size_t>(it.row());
        const float p_iu = std::pow(it.value() / item_sum[static_cast<size_t>(i)], alpha);
        for (SparseMatrix::InnerIterator jt(user_items, it.row()); jt; ++jt) {
          const auto j = static_cast<int32_t>(jt.col());
          if (j == i) continue;
          if (acc[static_cast<size_t>(j)] == 0.0f) touched.push_back(j);
          acc[static_cast<size_t>(j)] += p_iu * std::pow(jt.value() / user_sum[u], alpha);
        }
      }
      for (const int32_t j : touched) {
        const float s = acc[static_cast<size_t>(j)] * pop_div[static_cast<size_t>(j)];
        if (s > 0.0f) row.emplace_back(s, j);
        acc[static_cast<size_t>(j)] = 0.0f;
      }
    };
  });
}

}  // namespace vrmall::rec

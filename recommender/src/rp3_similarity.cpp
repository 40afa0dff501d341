#include <algorithm>
#include <cmath>
#include <thread>

#include "vrmall/rec/item_knn_model.h"

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
    const float degree = static_cast<float>(by_item.outerIndexPtr()[j + 1] - by_item.outerIndexPtr()[j]);
    pop_div[static_cast<size_t>(j)] = degree > 0 ? std::pow(degree, -beta) : 0.0f;
  }
  const int workers = std::max(1, std::min(threads, 16));
  std::vector<std::vector<Eigen::Triplet<float, int32_t>>> parts(static_cast<size_t>(workers));
  const auto work = [&](int worker) {
    std::vector<float> acc(static_cast<size_t>(items), 0.0f);
    std::vector<int32_t> touched;
    std::vector<std::pair<float, int32_t>> row;
    for (int32_t i = worker; i < items; i += workers) {
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
      row.clear();
      for (const int32_t j : touched) {
        const float s = acc[static_cast<size_t>(j)] * pop_div[static_cast<size_t>(j)];
        if (s > 0.0f) row.emplace_back(s, j);
        acc[static_cast<size_t>(j)] = 0.0f;
      }
      const auto k = std::min(row.size(), static_cast<size_t>(std::max(neighbours, 1)));
      std::partial_sort(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k), row.end(),
                        [](const auto& a, const auto& b) {
                          return a.first > b.first || (a.first == b.first && a.second < b.second);
                        });
      for (size_t n = 0; n < k; ++n) parts[static_cast<size_t>(worker)].emplace_back(i, row[n].second, row[n].first);
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
  std::vector<Eigen::Triplet<float, int32_t>> all;
  for (auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  SparseMatrix sim(items, items);
  sim.setFromTriplets(all.begin(), all.end());
  sim.makeCompressed();
  return sim;
}

}  // namespace vrmall::rec

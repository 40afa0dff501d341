#include <algorithm>
#include <cmath>
#include <thread>

#include "vrmall/rec/item_knn_model.h"

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

  const int workers = std::max(1, std::min(threads, 16));
  std::vector<std::vector<Eigen::Triplet<float, int32_t>>> parts(static_cast<size_t>(workers));
  const auto work = [&](int worker) {
    std::vector<float> acc(static_cast<size_t>(items), 0.0f);
    std::vector<float> co(static_cast<size_t>(items), 0.0f);
    std::vector<int32_t> touched;
    std::vector<std::pair<float, int32_t>> row;
    auto& out = parts[static_cast<size_t>(worker)];
    for (int32_t i = worker; i < items; i += workers) {
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
      row.clear();
      for (const int32_t j : touched) {
        float s = acc[static_cast<size_t>(j)];
        if (cosine) {
          const float d = norm[static_cast<size_t>(i)] * norm[static_cast<size_t>(j)];
          s = d > 0.0f ? s / d : 0.0f;
        }
        if (shrink > 0.0f) s *= co[static_cast<size_t>(j)] / (co[static_cast<size_t>(j)] + shrink);
        if (s > 0.0f) row.emplace_back(s, j);
        acc[static_cast<size_t>(j)] = 0.0f;
        co[static_cast<size_t>(j)] = 0.0f;
      }
      const auto k = std::min(row.size(), static_cast<size_t>(std::max(neighbours, 1)));
      std::partial_sort(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k), row.end(),
                        [](const auto& a, const auto& b) {
                          return a.first > b.first || (a.first == b.first && a.second < b.second);
                        });
      for (size_t n = 0; n < k; ++n) out.emplace_back(i, row[n].second, row[n].first);
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

#pragma once
// topKRows: builds an items x items similarity matrix row by row on several threads, keeping the
// k best entries of each row. `make_filler()` is called once per thread and returns a callable
// fill(i, row) that appends (score, j) candidates for row i, using its own scratch memory.
#include <algorithm>
#include <thread>
#include <utility>
#include <vector>

#include "vrmall/rec/data/event_weights.h"

namespace vrmall::rec {

template <typename MakeFiller>
SparseMatrix topKRows(int32_t items, int neighbours, int threads, MakeFiller make_filler) {
  const int workers = std::max(1, std::min(threads, 16));
  const auto k_max = static_cast<size_t>(std::max(neighbours, 1));
  std::vector<std::vector<Eigen::Triplet<float, int32_t>>> parts(static_cast<size_t>(workers));
  const auto work = [&](int worker) {
    auto fill = make_filler();
    std::vector<std::pair<float, int32_t>> row;
    for (int32_t i = worker; i < items; i += workers) {
      row.clear();
      fill(i, row);
      const auto k = std::min(row.size(), k_max);
      std::partial_sort(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k), row.end(),
                        [](const auto& a, const auto& b) {
                          return a.first > b.first || (a.first == b.first && a.second < b.second);
                        });
      for (size_t n = 0; n < k; ++n)
        parts[static_cast<size_t>(worker)].emplace_back(i, row[n].second, row[n].first);
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

#pragma once
// EventWeights: how strongly each kind of event says "this shopper likes this item". Looking is
// weak evidence that grows with dwell time; trying on and buying are strong.
#include <Eigen/SparseCore>
#include <span>

#include "vrmall/rec/data/interaction.h"

namespace vrmall::rec {

using SparseMatrix = Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t>;

struct EventWeights {
  // Events whose EVENT_VALUE is below this are dropped (binarises ratings, e.g. 4 keeps 4 and 5;
  // for gaze_dwell it is a minimum dwell in ms). 0 keeps everything.
  float threshold = 0.0f;
  float rating = 1.0f;            // kept ratings count as this, whatever their value
  float gaze_per_second = 0.25f;  // gaze_dwell: weight per second of dwell...
  float gaze_cap = 1.0f;          // ...capped, so staring is never worth a purchase
  float view = 0.5f;
  float pick_up = 1.0f;
  float try_on = 2.0f;
  float add_to_cart = 3.0f;
  float purchase = 4.0f;
  float other = 1.0f;

  // 0 when the event is dropped.
  float weight(const Interaction& event) const;
};

// Sums event weights per (user, item) into a users x items CSR matrix.
SparseMatrix buildUserItemMatrix(std::span<const Interaction> events, int32_t users, int32_t items,
                                 const EventWeights& weights);

}  // namespace vrmall::rec

// Bvh picking against brute force (the same slab test over every box) on thousands of random
// boxes and rays, refits, and the edge cases: parallel rays, empty and all-invalid inputs, rays
// starting inside boxes, touching faces, maxT limits, coincident boxes.
#include "vrmall/engine/bvh.h"

#include <gtest/gtest.h>

#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <limits>
#include <random>

namespace vrmall::engine::test {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

std::optional<RayHit> bruteForce(std::span<const Bounds> boxes, glm::vec3 o, glm::vec3 d,
                                 float maxT) {
  std::optional<RayHit> best;
  for (uint32_t i = 0; i < boxes.size(); ++i) {
    const auto t = intersectRayBox(boxes[i], o, d, maxT);
    if (t && (!best || *t < best->t)) best = RayHit{i, *t};
  }
  return best;
}

std::vector<Bounds> randomBoxes(std::mt19937& rng, size_t n, float world, float maxSize) {
  std::uniform_real_distribution<float> pos(-world, world);
  std::uniform_real_distribution<float> size(0.01F, maxSize);
  std::vector<Bounds> boxes(n);
  for (auto& b : boxes) {
    const glm::vec3 c(pos(rng), pos(rng), pos(rng));
    const glm::vec3 h(size(rng), size(rng), size(rng));
    b = {c - h, c + h};
  }
  return boxes;
}

// Random rays: origins in and around the boxes, directions of any length; a quarter axis-aligned
// (parallel to two slabs), some with a finite maxT.
struct RandomRay {
  glm::vec3 o, d;
  float maxT;
};
RandomRay randomRay(std::mt19937& rng, float world, std::span<const Bounds> boxes) {
  std::uniform_real_distribution<float> pos(-1.3F * world, 1.3F * world);
  std::normal_distribution<float> dir(0.0F, 1.0F);
  std::uniform_int_distribution<int> kind(0, 7);
  RandomRay r{{pos(rng), pos(rng), pos(rng)}, {dir(rng), dir(rng), dir(rng)}, kInf};
  const int k = kind(rng);
  if (k < 2) {
    const int axis = k == 0 ? 0 : 2;
    r.d = glm::vec3(0.0F);
    r.d[axis] = dir(rng) < 0 ? -1.0F : 1.0F;
  } else if (k == 2) {
    r.d.y = 0.0F;  // parallel to one slab
  } else if (k < 6 && !boxes.empty()) {
    // Aimed at a box (the rays must hit often enough to test something).
    const size_t i = std::uniform_int_distribution<size_t>(0, boxes.size() - 1)(rng);
    r.d = (boxes[i].center() - r.o) * std::uniform_real_distribution<float>(0.01F, 3.0F)(rng);
  }
  if (kind(rng) < 3) r.maxT = std::uniform_real_distribution<float>(0.0F, world)(rng);
  return r;
}

void expectSame(const std::optional<RayHit>& bvh, const std::optional<RayHit>& ref,
                const std::string& what) {
  ASSERT_EQ(bvh.has_value(), ref.has_value()) << what;
  if (bvh) {
    EXPECT_EQ(bvh->index, ref->index) << what;
    EXPECT_EQ(bvh->t, ref->t) << what;
  }
}

TEST(BvhTest, MatchesBruteForceOnRandomBoxesAndRays) {
  std::mt19937 rng(1234);
  for (const size_t n : {1U, 7U, 100U, 5000U}) {
    const std::vector<Bounds> boxes = randomBoxes(rng, n, 50.0F, 3.0F);
    const Bvh bvh(boxes);
    EXPECT_EQ(bvh.size(), n);
    EXPECT_LT(bvh.depth(), 64U);
    int hits = 0;
    for (int i = 0; i < 4000; ++i) {
      const RandomRay r = randomRay(rng, 50.0F, boxes);
      const auto ref = bruteForce(boxes, r.o, r.d, r.maxT);
      hits += ref.has_value() ? 1 : 0;
      expectSame(bvh.raycast(r.o, r.d, r.maxT), ref,
                 "n " + std::to_string(n) + " ray " + std::to_string(i));
      if (HasFailure()) return;
    }
    EXPECT_GT(hits, 1000) << "n " << n << ": the rays should hit often enough to test something";
  }
}

// Boxes on an integer grid with integer-valued rays: origins exactly on faces, rays sliding along
// faces and edges, many equal t values (ties go to the smaller index).
TEST(BvhTest, MatchesBruteForceOnGridBoxesWithTies) {
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> cell(-10, 10);
  std::uniform_int_distribution<int> extent(0, 3);
  std::vector<Bounds> boxes(3000);
  for (auto& b : boxes) {
    const glm::vec3 mn(cell(rng), cell(rng), cell(rng));
    b = {mn, mn + glm::vec3(extent(rng), extent(rng), extent(rng))};  // some flat boxes
  }
  const Bvh bvh(boxes);
  std::uniform_int_distribution<int> axis(0, 2);
  std::uniform_int_distribution<int> sign(0, 1);
  for (int i = 0; i < 5000; ++i) {
    const glm::vec3 o(cell(rng), cell(rng), cell(rng));
    glm::vec3 d(0.0F);
    d[axis(rng)] = sign(rng) != 0 ? 1.0F : -1.0F;
    if (i % 3 == 0) d[axis(rng)] += sign(rng) != 0 ? 1.0F : -1.0F;
    expectSame(bvh.raycast(o, d, kInf), bruteForce(boxes, o, d, kInf), "ray " + std::to_string(i));
    if (HasFailure()) return;
  }
}

TEST(BvhTest, RefitFollowsMovedAndHiddenBoxes) {
  std::mt19937 rng(7);
  std::vector<Bounds> boxes = randomBoxes(rng, 2000, 30.0F, 2.0F);
  Bvh bvh(boxes);
  std::uniform_real_distribution<float> move(-4.0F, 4.0F);
  for (size_t i = 0; i < boxes.size(); ++i) {
    const glm::vec3 m(move(rng), move(rng), move(rng));
    boxes[i].min += m;
    boxes[i].max += m;
    if (i % 10 == 0) boxes[i] = Bounds::empty();  // hidden instances
  }
  bvh.refit(boxes);
  for (int i = 0; i < 3000; ++i) {
    const RandomRay r = randomRay(rng, 30.0F, boxes);
    const auto hit = bvh.raycast(r.o, r.d, r.maxT);
    expectSame(hit, bruteForce(boxes, r.o, r.d, r.maxT), "ray " + std::to_string(i));
    if (hit) {
      EXPECT_NE(hit->index % 10, 0U);
    }
    if (HasFailure()) return;
  }
  // Everything hidden: nothing is hit, the tree still answers.
  std::fill(boxes.begin(), boxes.end(), Bounds::empty());
  bvh.refit(boxes);
  EXPECT_FALSE(bvh.raycast({0, 0, -100}, {0, 0, 1}, kInf));
  EXPECT_FALSE(bvh.bounds().valid());
  std::vector<Bounds> fewer(10);
  EXPECT_ANY_THROW(bvh.refit(fewer));
}

TEST(BvhTest, EmptyAndInvalidInputs) {
  Bvh empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_FALSE(empty.raycast({0, 0, 0}, {1, 0, 0}, kInf));
  const std::vector<Bounds> none;
  Bvh built(none);
  EXPECT_FALSE(built.raycast({0, 0, 0}, {1, 0, 0}, kInf));
  const std::vector<Bounds> invalid(5, Bounds::empty());
  Bvh allInvalid(invalid);
  EXPECT_EQ(allInvalid.size(), 5U);
  EXPECT_TRUE(allInvalid.empty());
  EXPECT_FALSE(allInvalid.raycast({0, 0, 0}, {1, 0, 0}, kInf));
  // A partly invalid box (min > max on one axis) is never hit either.
  const std::vector<Bounds> partly = {{{-1, -1, -1}, {1, -2, 1}}, {{4, -1, -1}, {5, 1, 1}}};
  const auto hit = Bvh(partly).raycast({-10, 0, 0}, {1, 0, 0}, kInf);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->index, 1U);
}

TEST(BvhTest, SlabEdgeCases) {
  const Bounds unit{{0, 0, 0}, {1, 1, 1}};
  // Straight on, unnormalised direction: t is in units of |dir|.
  EXPECT_FLOAT_EQ(*intersectRayBox(unit, {-2, 0.5F, 0.5F}, {1, 0, 0}, kInf), 2.0F);
  EXPECT_FLOAT_EQ(*intersectRayBox(unit, {-2, 0.5F, 0.5F}, {2, 0, 0}, kInf), 1.0F);
  EXPECT_FLOAT_EQ(*intersectRayBox(unit, {3, 0.5F, 0.5F}, {-1, 0, 0}, kInf), 2.0F);
  // Inside: t = 0, whatever the direction.
  EXPECT_EQ(*intersectRayBox(unit, {0.5F, 0.5F, 0.5F}, {0, -1, 0}, kInf), 0.0F);
  EXPECT_EQ(*intersectRayBox(unit, {0.5F, 0.5F, 0.5F}, {0, 0, 0}, kInf), 0.0F);
  // Behind the origin: no hit.
  EXPECT_FALSE(intersectRayBox(unit, {3, 0.5F, 0.5F}, {1, 0, 0}, kInf));
  // Parallel to a slab: inside it hits, outside it misses; on the face plane counts as inside.
  EXPECT_TRUE(intersectRayBox(unit, {-1, 0.5F, 0.5F}, {1, 0, 0}, kInf));
  EXPECT_FALSE(intersectRayBox(unit, {-1, 1.5F, 0.5F}, {1, 0, 0}, kInf));
  EXPECT_TRUE(intersectRayBox(unit, {-1, 1.0F, 0.5F}, {1, 0, 0}, kInf));
  EXPECT_TRUE(intersectRayBox(unit, {-1, 1.0F, 1.0F}, {1, 0, 0}, kInf));  // along an edge
  EXPECT_FALSE(intersectRayBox(unit, {0.5F, 0.5F, 5}, {0, 0, 0}, kInf));  // zero dir outside
  // maxT: entry exactly at maxT hits, beyond misses; negative or NaN maxT never hits.
  EXPECT_TRUE(intersectRayBox(unit, {-2, 0.5F, 0.5F}, {1, 0, 0}, 2.0F));
  EXPECT_FALSE(intersectRayBox(unit, {-2, 0.5F, 0.5F}, {1, 0, 0}, 1.999F));
  EXPECT_FALSE(intersectRayBox(unit, {0.5F, 0.5F, 0.5F}, {1, 0, 0}, -1.0F));
  EXPECT_FALSE(intersectRayBox(unit, {0.5F, 0.5F, 0.5F}, {1, 0, 0}, std::nanf("")));
  // Grazing a corner at an angle.
  EXPECT_FLOAT_EQ(*intersectRayBox(unit, {-1, -1, 0.5F}, {1, 1, 0}, kInf), 1.0F);
  // A flat box (zero thickness) is hit.
  EXPECT_FLOAT_EQ(*intersectRayBox({{0, 0, 2}, {1, 1, 2}}, {0.5F, 0.5F, 0}, {0, 0, 1}, kInf), 2.0F);
}

TEST(BvhTest, NearestAndTies) {
  // Nested boxes from inside: t = 0 for both, the smaller index wins; from outside the outer one.
  const std::vector<Bounds> nested = {{{-1, -1, -1}, {1, 1, 1}}, {{-5, -5, -5}, {5, 5, 5}}};
  const Bvh bvh(nested);
  auto hit = bvh.raycast({0, 0, 0}, {1, 0, 0}, kInf);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->index, 0U);
  EXPECT_EQ(hit->t, 0.0F);
  hit = bvh.raycast({-10, 0, 0}, {1, 0, 0}, kInf);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->index, 1U);
  EXPECT_FLOAT_EQ(hit->t, 5.0F);
  hit = bvh.raycast({-10, 0, 0}, {1, 0, 0}, 4.0F);
  EXPECT_FALSE(hit) << "beyond maxT";
  // 1000 coincident boxes (all centroids equal): the smallest index.
  const std::vector<Bounds> same(1000, Bounds{{0, 0, 0}, {1, 1, 1}});
  const Bvh stacked(same);
  hit = stacked.raycast({0.5F, 0.5F, -3}, {0, 0, 1}, kInf);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->index, 0U);
  EXPECT_FLOAT_EQ(hit->t, 3.0F);
  // A row of boxes along the ray: the first one.
  std::vector<Bounds> row;
  for (int i = 9; i >= 0; --i) {
    const float x = static_cast<float>(i) * 2.0F;
    row.push_back({{x, 0, 0}, {x + 1, 1, 1}});
  }
  hit = Bvh(row).raycast({-1, 0.5F, 0.5F}, {1, 0, 0}, kInf);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->index, 9U);
  EXPECT_FLOAT_EQ(hit->t, 1.0F);
}

TEST(BvhTest, WorldBoundsOfTransformedModel) {
  const Bounds local{{-0.5F, 0.0F, -0.5F}, {0.5F, 2.0F, 0.5F}};
  const glm::mat4 m =
      glm::rotate(glm::translate(glm::mat4(1.0F), {10, 0, -3}), glm::radians(45.0F), {0, 1, 0});
  const Bounds w = worldBounds(local, m);
  const float r = std::sqrt(0.5F);
  EXPECT_NEAR(w.min.x, 10 - r, 1e-5);
  EXPECT_NEAR(w.max.x, 10 + r, 1e-5);
  EXPECT_NEAR(w.min.y, 0.0F, 1e-5);
  EXPECT_NEAR(w.max.y, 2.0F, 1e-5);
  EXPECT_NEAR(w.min.z, -3 - r, 1e-5);
  EXPECT_NEAR(w.max.z, -3 + r, 1e-5);
  // Same as Bounds::transformed (Arvo) for affine transforms, scale included.
  const glm::mat4 s = glm::scale(m, {2, 0.5F, 3});
  const Bounds a = worldBounds(local, s);
  const Bounds b = local.transformed(s);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(a.min[i], b.min[i], 1e-4);
    EXPECT_NEAR(a.max[i], b.max[i], 1e-4);
  }
  EXPECT_FALSE(worldBounds(Bounds::empty(), m).valid());
}

}  // namespace
}  // namespace vrmall::engine::test

// The string helpers that return views: they must refuse a temporary std::string, whose views
// would dangle (a range-for over split(table.value(...)) read freed stack in the product card).
#include "vrmall/rec/data/text_util.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace vrmall::rec {
namespace {

std::string makeSizes() {
  return "S|M|L";
}

template <class Arg>
constexpr bool splitAccepts = requires(Arg&& a) {
  split(static_cast<Arg&&>(a), '|');
};
template <class Arg>
constexpr bool trimAccepts = requires(Arg&& a) {
  trim(static_cast<Arg&&>(a));
};

static_assert(!splitAccepts<std::string>, "split() of a temporary std::string must not compile");
static_assert(!splitAccepts<const std::string>, "nor of a const temporary");
static_assert(splitAccepts<std::string&>, "a named string outlives its views");
static_assert(splitAccepts<const std::string&>);
static_assert(splitAccepts<std::string_view>);
static_assert(splitAccepts<const char*>, "literals are static");
static_assert(!trimAccepts<std::string>, "trim() of a temporary std::string must not compile");
static_assert(trimAccepts<const std::string&>);
static_assert(trimAccepts<const char*>);

TEST(TextUtil, SplitCopyOwnsItsPartsAfterTheSourceIsGone) {
  const auto parts = splitCopy(makeSizes(), '|');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], "S");
  EXPECT_EQ(parts[1], "M");
  EXPECT_EQ(parts[2], "L");
}

TEST(TextUtil, SplitKeepsEmptyParts) {
  const std::string s = "|a||b|";
  const auto parts = split(s, '|');
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0], "");
  EXPECT_EQ(parts[1], "a");
  EXPECT_EQ(parts[2], "");
  EXPECT_EQ(parts[3], "b");
  EXPECT_EQ(parts[4], "");
}

TEST(TextUtil, TrimOfANamedString) {
  const std::string s = "  M \t";
  EXPECT_EQ(trim(s), "M");
}

}  // namespace
}  // namespace vrmall::rec

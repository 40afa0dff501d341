#pragma once
// ContentModel: attribute matching, sim(u,i) = Σ_k w_k·sim(u_k, i_k) / Σ_k w_k over the item
// attributes k for which the shopper has a profile. The profile comes from the attributes of what
// they interacted with (a weighted distribution per category/set/text column, a weighted mean
// and spread per number column) and from their own (avatar) attributes: STYLE against the item's
// STYLE, GENDER against GENDER (unisex matches all), SIZE against SIZES, BUDGET against PRICE.
// Needs no interaction history at all, so it carries a brand-new shopper.
#include <memory>
#include <mutex>
#include <span>

#include "vrmall/rec/data/size_match.h"
#include "vrmall/rec/models/model.h"

namespace vrmall::rec {

class ContentModel final : public Model {
 public:
  std::string kind() const override { return "content"; }
  void fit(const TrainingData& data) override;
  void score(const UserContext& user, std::span<float> scores) const override;
  void explain(const UserContext& user, int32_t item, std::vector<Reason>& out) const override;
  void draftReasons(const UserContext& user, std::span<const int32_t> items,
                    ReasonDrafts& out) const override;
  nlohmann::json params() const override;
  void setParams(const nlohmann::json& params) override;
  std::vector<nlohmann::json> searchSpace() const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in, const Dataset& data) override;

  // Scores from a weighted set of items alone (the session model's "more like these").
  void scoreFromItems(std::span<const ItemWeight> items, std::span<float> scores) const;

  struct Profile;

 private:
  Profile buildProfile(std::span<const ItemWeight> items,
                       const std::unordered_map<std::string, std::string>* attributes) const;
  void scoreProfile(const Profile& profile, std::span<float> scores) const;
  struct PhraseCache;
  void draftWith(const Profile& profile, int32_t item, size_t at, uint16_t source,
                 PhraseCache& cache, ReasonDrafts& out) const;
  void prepare();
  struct UsableColumn;
  static void indexDistinctValues(const Column& col, UsableColumn& out);

  // What the shopper's own BUDGET and SIZE / SHOE_SIZE add to every item's score: fixed while the
  // avatar stays the same, so computed once per avatar and shared by every later event.
  struct AttributeTerms;
  std::shared_ptr<const AttributeTerms> attributeTerms(
      const std::unordered_map<std::string, std::string>& attributes, double budget) const;
  struct TermsCache {
    std::mutex mutex;
    std::vector<std::shared_ptr<const AttributeTerms>> recent;  // newest last
  };

  float text_weight_ = 0.5f;
  float number_weight_ = 1.0f;
  float attribute_weight_ = 1.0f;  // weight of the shopper's own attributes vs. their history
  // A usable item column and what scoring and explaining read of it, prepared once per fit.
  struct UsableColumn {
    int index = 0;  // in the item attribute table
    float weight = 1.0f;
    double sd = 1.0;        // number columns: the catalogue's spread
    std::string label;      // the column name as a reason says it ("category l2")
    bool explains = false;  // can name a reason (categories and sets)
    // Each row's only code (-1 when empty), where no row has more than one; empty otherwise.
    // Lets the scorer read one code per row instead of walking bags.
    std::vector<int32_t> single_code;
    // Sets and text with several values per row: 1 / the row's count (0 when empty).
    std::vector<float> inv_count;
    // Numbers: the distinct values (as float, the precision scores use) and each row's index
    // into them (one past the last when missing), so the similarity kernel is evaluated once
    // per distinct value (prices repeat) instead of once per item. Empty when values hardly
    // repeat.
    std::vector<float> distinct_values;
    std::vector<uint16_t> value_index;
    bool grouped = false;  // scored through a SingleGroup's table, not a pass of its own
  };
  static constexpr uint16_t kNoValue = 0xFFFF;
  std::vector<UsableColumn> columns_;
  // Single-code columns taken together: a row's codes in the group's columns make one code into
  // a table of every combination of values (kept small: the product of the columns' value counts
  // stays within kGroupTable), so scoring reads one entry per row for the whole group instead of
  // one term per column.
  struct SingleGroup {
    std::vector<size_t> columns;  // into columns_, least significant first
    std::vector<uint32_t> radix;  // per member: its number of values + 1 (no value)
    std::vector<uint16_t> code;   // per row: sum of (code + 1) * the radices before it
  };
  static constexpr size_t kGroupTable = 2048;
  std::vector<SingleGroup> groups_;
  void groupSingleColumns();
  SizeIndex sizes_;
  std::shared_ptr<TermsCache> terms_cache_ = std::make_shared<TermsCache>();
  struct ProfileEntry;
  struct ProfileCache {
    std::mutex mutex;
    std::shared_ptr<const ProfileEntry> last;
  };
  std::shared_ptr<const ProfileEntry> profileFor(
      std::span<const ItemWeight> items,
      const std::unordered_map<std::string, std::string>* attributes) const;
  std::shared_ptr<ProfileCache> profile_cache_ = std::make_shared<ProfileCache>();
};

}  // namespace vrmall::rec

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/hybrid/hybrid_model.h"
#include "vrmall/rec/models/als_model.h"
#include "vrmall/rec/models/content_model.h"
#include "vrmall/rec/models/demographic_model.h"
#include "vrmall/rec/models/ease_model.h"
#include "vrmall/rec/models/item_knn_model.h"
#include "vrmall/rec/models/model.h"
#include "vrmall/rec/models/popularity_model.h"
#include "vrmall/rec/models/session_model.h"

namespace vrmall::rec {

const std::vector<std::string>& modelKinds() {
  static const std::vector<std::string> kinds = {"popularity", "itemknn",     "rp3beta",
                                                 "ease",       "als",         "content",
                                                 "session",    "demographic", "hybrid"};
  return kinds;
}

std::unique_ptr<Model> makeModel(const std::string& kind) {
  if (kind == "popularity") return std::make_unique<PopularityModel>();
  if (kind == "itemknn") return std::make_unique<ItemKnnModel>();
  if (kind == "rp3beta") return std::make_unique<ItemKnnModel>(true);
  if (kind == "ease") return std::make_unique<EaseModel>();
  if (kind == "als") return std::make_unique<AlsModel>();
  if (kind == "content") return std::make_unique<ContentModel>();
  if (kind == "session") return std::make_unique<SessionModel>();
  if (kind == "demographic") return std::make_unique<DemographicModel>();
  if (kind == "hybrid") return std::make_unique<HybridModel>();
  std::string known;
  for (const auto& k : modelKinds()) known += (known.empty() ? "" : ", ") + k;
  throw DataError("unknown model '" + kind + "' (known: " + known + ")");
}

}  // namespace vrmall::rec

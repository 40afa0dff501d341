#include "vrmall/rec/intent/intent_lexicon.h"

#include <map>

namespace vrmall::rec {
namespace {

using W = IntentWord;

void add(std::vector<LexiconEntry>& out, W kind, const std::string& value,
         std::initializer_list<const char*> surfaces) {
  for (const char* s : surfaces) out.push_back({s, kind, value});
}

std::vector<LexiconEntry> build() {
  std::vector<LexiconEntry> l;
  // Garments. English singular forms (the parser also takes plurals), synonyms, then Chinese.
  add(l, W::Category, "dress", {"dress", "frock", "gown", "连衣裙", "裙装", "长裙", "礼服"});
  add(l, W::Category, "maxi dress", {"maxi dress", "maxi", "长款连衣裙"});
  add(l, W::Category, "midi dress", {"midi dress", "中长连衣裙"});
  add(l, W::Category, "mini dress", {"mini dress", "短连衣裙"});
  add(l, W::Category, "slip dress", {"slip dress", "吊带裙"});
  add(l, W::Category, "wrap dress", {"wrap dress", "裹身裙"});
  add(l, W::Category, "shirt dress", {"shirt dress", "衬衫裙"});
  add(l, W::Category, "skirt", {"skirt", "裙子", "裙", "半身裙"});
  add(l, W::Category, "maxi skirt", {"maxi skirt", "长半身裙"});
  add(l, W::Category, "midi skirt", {"midi skirt"});
  add(l, W::Category, "mini skirt", {"mini skirt", "miniskirt", "短裙", "迷你裙"});
  add(l, W::Category, "pencil skirt", {"pencil skirt", "包臀裙", "铅笔裙"});
  add(l, W::Category, "pleated skirt", {"pleated skirt", "百褶裙"});
  add(l, W::Category, "a-line skirt", {"a-line skirt", "a line skirt", "a字裙"});
  add(l, W::Category, "tops", {"top", "tops", "上衣"});
  add(l, W::Category, "t-shirt", {"t-shirt", "t shirt", "tshirt", "tee", "t恤", "短袖"});
  add(l, W::Category, "shirt", {"shirt", "button-down", "衬衫", "衬衣"});
  add(l, W::Category, "blouse", {"blouse", "女衬衫"});
  add(l, W::Category, "polo", {"polo", "polo shirt", "polo衫"});
  add(l, W::Category, "tank top", {"tank top", "tank", "vest top", "背心"});
  add(l, W::Category, "sweater", {"sweater", "jumper", "pullover", "knit", "毛衣", "针织衫"});
  add(l, W::Category, "hoodie", {"hoodie", "sweatshirt", "卫衣"});
  add(l, W::Category, "trousers", {"trousers", "pants", "slacks", "裤子", "长裤", "裤"});
  add(l, W::Category, "jeans", {"jeans", "denims", "牛仔裤"});
  add(l, W::Category, "chinos", {"chinos", "chino", "休闲裤"});
  add(l, W::Category, "joggers", {"joggers", "sweatpants", "运动裤"});
  add(l, W::Category, "shorts", {"shorts", "短裤"});
  add(l, W::Category, "cargo", {"cargo", "cargo pants", "工装裤"});
  add(l, W::Category, "wide-leg", {"wide-leg", "wide leg", "palazzo", "阔腿裤"});
  add(l, W::Category, "tailored",
      {"tailored trousers", "tailored pants", "dress pants", "suit trousers", "suit pants", "西裤",
       "西装裤"});
  add(l, W::Category, "jackets", {"jacket", "jackets", "外套", "夹克"});
  add(l, W::Category, "coat", {"coat", "overcoat", "大衣"});
  add(l, W::Category, "trench coat", {"trench coat", "trench", "风衣"});
  add(l, W::Category, "parka", {"parka", "派克大衣"});
  add(l, W::Category, "puffer", {"puffer", "puffer jacket", "down jacket", "羽绒服"});
  add(l, W::Category, "blazer", {"blazer", "suit jacket", "西装外套", "西装"});
  add(l, W::Category, "bomber", {"bomber", "bomber jacket", "飞行员夹克"});
  add(l, W::Category, "denim jacket", {"denim jacket", "jean jacket", "牛仔外套"});
  add(l, W::Category, "shoes", {"shoe", "shoes", "footwear", "鞋", "鞋子"});
  add(l, W::Category, "sneakers",
      {"sneaker", "sneakers", "trainers", "trainer", "kicks", "运动鞋", "球鞋", "板鞋", "帆布鞋",
       "休闲鞋"});
  add(l, W::Category, "running", {"running shoes", "runners", "跑鞋", "跑步鞋", "慢跑鞋"});
  add(l, W::Category, "boots", {"boot", "boots", "靴子", "靴", "长靴", "马丁靴"});
  add(l, W::Category, "ankle boots", {"ankle boots", "booties", "短靴"});
  add(l, W::Category, "heels", {"heels", "high heels", "pumps", "stilettos", "高跟鞋", "细跟鞋"});
  add(l, W::Category, "sandals", {"sandal", "sandals", "slides", "凉鞋", "凉拖"});
  add(l, W::Category, "loafers", {"loafer", "loafers", "moccasins", "乐福鞋", "豆豆鞋"});
  add(l, W::Category, "bags", {"bag", "bags", "handbag", "purse", "包", "包包", "手袋"});
  add(l, W::Category, "tote", {"tote", "tote bag", "托特包", "手提包"});
  add(l, W::Category, "backpack", {"backpack", "rucksack", "双肩包", "背包"});
  add(l, W::Category, "crossbody", {"crossbody", "cross-body", "斜挎包"});
  add(l, W::Category, "clutch", {"clutch", "手拿包"});
  add(l, W::Category, "shoulder bag", {"shoulder bag", "单肩包"});
  add(l, W::Category, "hats", {"hat", "hats", "帽子", "帽"});
  add(l, W::Category, "cap", {"cap", "baseball cap", "snapback", "棒球帽", "鸭舌帽"});
  add(l, W::Category, "beanie", {"beanie", "knit hat", "woolly hat", "毛线帽", "针织帽"});
  add(l, W::Category, "beret", {"beret", "贝雷帽"});
  add(l, W::Category, "bucket hat", {"bucket hat", "fisherman hat", "渔夫帽"});
  add(l, W::Category, "fedora", {"fedora", "trilby", "礼帽", "爵士帽", "绅士帽"});
  add(l, W::Category, "sun hat", {"sun hat", "遮阳帽", "草帽"});
  add(l, W::Category, "glasses", {"glasses", "eyewear", "spectacles", "眼镜"});
  add(l, W::Category, "sunglasses", {"sunglasses", "shades", "sunnies", "太阳镜", "墨镜"});
  add(l, W::Category, "aviator", {"aviator", "aviators", "飞行员眼镜", "蛤蟆镜"});
  add(l, W::Category, "cat-eye", {"cat-eye", "cat eye", "cateye", "猫眼", "猫眼镜"});
  add(l, W::Category, "reading", {"reading glasses", "readers", "老花镜", "阅读眼镜"});
  add(l, W::Category, "round", {"round glasses", "round frames", "圆框", "圆框眼镜"});
  add(l, W::Category, "watches", {"watch", "watches", "手表", "表"});
  add(l, W::Category, "smartwatch", {"smartwatch", "smart watch", "fitness watch", "智能手表"});
  add(l, W::Category, "chronograph", {"chronograph", "计时表", "计时手表"});
  add(l, W::Category, "diver", {"diver", "dive watch", "diver watch", "diving watch", "潜水表"});
  add(l, W::Category, "field", {"field watch", "military watch", "军表", "野战表"});

  // Colours.
  add(l, W::Color, "red", {"red", "scarlet", "红", "红色"});
  add(l, W::Color, "white", {"white", "白", "白色"});
  add(l, W::Color, "black", {"black", "黑", "黑色"});
  add(l, W::Color, "blue", {"blue", "蓝", "蓝色"});
  add(l, W::Color, "navy",
      {"navy", "navy blue", "dark blue", "藏青", "藏青色", "藏蓝", "藏蓝色", "海军蓝", "深蓝",
       "深蓝色"});
  add(l, W::Color, "sky blue", {"sky blue", "light blue", "天蓝", "天蓝色", "浅蓝"});
  add(l, W::Color, "cobalt", {"cobalt", "royal blue", "宝蓝", "宝蓝色"});
  add(l, W::Color, "denim blue", {"denim blue"});
  add(l, W::Color, "teal", {"teal", "蓝绿"});
  add(l, W::Color, "green", {"green", "绿", "绿色"});
  add(l, W::Color, "emerald", {"emerald", "祖母绿"});
  add(l, W::Color, "olive", {"olive", "橄榄绿", "军绿"});
  add(l, W::Color, "sage", {"sage"});
  add(l, W::Color, "lime", {"lime"});
  add(l, W::Color, "yellow", {"yellow", "黄", "黄色"});
  add(l, W::Color, "mustard", {"mustard", "芥末黄"});
  add(l, W::Color, "pink", {"pink", "粉", "粉色", "粉红"});
  add(l, W::Color, "grey", {"grey", "gray", "灰", "灰色"});
  add(l, W::Color, "charcoal", {"charcoal", "深灰"});
  add(l, W::Color, "brown", {"brown", "棕", "棕色", "咖啡色"});
  add(l, W::Color, "camel", {"camel", "驼色"});
  add(l, W::Color, "beige", {"beige", "米色", "米白"});
  add(l, W::Color, "cream", {"cream", "奶油色"});
  add(l, W::Color, "ivory", {"ivory", "象牙白"});
  add(l, W::Color, "khaki", {"khaki", "卡其", "卡其色"});
  add(l, W::Color, "orange", {"orange", "橙", "橙色"});
  add(l, W::Color, "rust", {"rust", "铁锈红"});
  add(l, W::Color, "terracotta", {"terracotta"});
  add(l, W::Color, "coral", {"coral", "珊瑚色"});
  add(l, W::Color, "burgundy", {"burgundy", "maroon", "wine", "酒红", "酒红色"});
  add(l, W::Color, "gold", {"gold", "golden", "金", "金色"});
  add(l, W::Color, "silver", {"silver", "银", "银色"});
  add(l, W::Color, "champagne", {"champagne", "香槟色"});
  add(l, W::Color, "purple", {"purple", "violet", "紫", "紫色"});

  // Materials.
  add(l, W::Material, "silk", {"silk", "silky", "真丝", "丝绸"});
  add(l, W::Material, "cotton", {"cotton", "棉", "纯棉", "全棉"});
  add(l, W::Material, "linen", {"linen", "亚麻"});
  add(l, W::Material, "wool", {"wool", "woollen", "woolen", "羊毛", "毛呢"});
  add(l, W::Material, "cashmere", {"cashmere", "羊绒"});
  add(l, W::Material, "leather", {"leather", "皮", "皮革", "真皮"});
  add(l, W::Material, "suede", {"suede", "麂皮"});
  add(l, W::Material, "denim", {"denim", "牛仔"});
  add(l, W::Material, "chiffon", {"chiffon", "雪纺"});
  add(l, W::Material, "velvet", {"velvet", "丝绒"});
  add(l, W::Material, "satin", {"satin", "缎面"});
  add(l, W::Material, "fleece", {"fleece", "抓绒"});
  add(l, W::Material, "corduroy", {"corduroy", "灯芯绒"});
  add(l, W::Material, "tweed", {"tweed", "粗花呢"});
  add(l, W::Material, "canvas", {"canvas", "帆布"});
  add(l, W::Material, "nylon", {"nylon", "尼龙"});
  add(l, W::Material, "polyester", {"polyester", "涤纶"});
  add(l, W::Material, "straw", {"straw", "草编"});
  add(l, W::Material, "viscose", {"viscose", "rayon", "粘胶"});
  add(l, W::Material, "jersey", {"jersey"});

  // Seasons.
  add(l, W::Season, "summer", {"summer", "summery", "夏天", "夏季", "夏", "夏日"});
  add(l, W::Season, "winter", {"winter", "wintry", "冬天", "冬季", "冬", "冬日"});
  add(l, W::Season, "spring", {"spring", "春天", "春季", "春"});
  add(l, W::Season, "autumn", {"autumn", "fall", "秋天", "秋季", "秋"});

  // Occasions (not catalogue columns: the normalised word, and what it asks of the clothes).
  add(l, W::Occasion, "wedding", {"wedding", "weddings", "婚礼", "喜宴"});
  add(l, W::Occasion, "date", {"date", "date night", "romantic", "约会"});
  add(l, W::Occasion, "work",
      {"work", "office", "business", "interview", "commute", "上班", "通勤", "办公", "工作", "职场",
       "面试"});
  add(l, W::Occasion, "party", {"party", "cocktail", "clubbing", "派对", "聚会", "晚宴"});
  add(l, W::Occasion, "beach", {"beach", "vacation", "holiday", "resort", "海边", "沙滩", "度假"});
  add(l, W::Occasion, "gym",
      {"gym", "workout", "training", "yoga", "jogging", "健身", "锻炼", "跑步"});

  // Styles.
  add(l, W::Style, "boho", {"boho", "bohemian", "hippie", "波西米亚"});
  add(l, W::Style, "street", {"street", "streetwear", "urban", "街头", "潮牌"});
  add(l, W::Style, "formal", {"formal", "smart", "elegant", "dressy", "正式", "正装", "优雅"});
  add(l, W::Style, "casual", {"casual", "everyday", "relaxed", "休闲", "日常"});
  add(l, W::Style, "sporty", {"sporty", "athletic", "sport", "sports", "运动", "运动风"});
  add(l, W::Style, "minimalist", {"minimalist", "minimal", "simple", "clean", "简约", "极简"});
  add(l, W::Style, "evening", {"evening", "night out", "glamorous", "晚装", "晚礼服"});

  // Who it is for.
  add(l, W::Gender, "women",
      {"women", "woman", "womens", "ladies", "lady",     "female", "girls",  "girl",
       "her",   "女",    "女士",   "女款",   "女式",     "女装",   "女生",   "girlfriend",
       "wife",  "mom",   "mum",    "mother", "daughter", "sister", "女朋友", "女友",
       "老婆",  "妻子",  "妈妈",   "母亲",   "女儿"});
  add(l, W::Gender, "men",
      {"men",  "man",     "mens",   "gentlemen", "male", "boys",      "boy",     "him",  "男",
       "男士", "男款",    "男式",   "男装",      "男生", "boyfriend", "husband", "dad",  "father",
       "son",  "brother", "男朋友", "男友",      "老公", "丈夫",      "爸爸",    "父亲", "儿子"});

  // Price words.
  add(l, W::PriceMax, "",
      {"under",  "below",   "less than",    "cheaper than", "max",      "maximum",
       "up to",  "at most", "no more than", "nothing over", "not over", "not more than",
       "within", "<",       "以下",         "以内",         "之内",     "内",
       "不超过", "低于",    "少于",         "不到"});
  add(l, W::PriceMin, "",
      {"over", "above", "more than", "at least", "min", "minimum", "from", ">", "以上", "超过",
       "高于", "起"});
  add(l, W::PriceAround, "",
      {"around", "about", "approximately", "roughly", "~", "左右", "上下", "大概", "大约"});
  add(l, W::PriceBetween, "", {"between", "介于"});
  add(l, W::RangeJoin, "", {"to", "and", "-", "到", "至"});
  add(l, W::Currency, "",
      {"$", "€", "£", "¥", "dollars", "dollar", "usd", "eur", "euros", "yuan", "rmb", "元", "块",
       "块钱", "人民币"});
  add(l, W::SizeWord, "", {"size", "sized", "sizes", "waist", "码", "尺码", "号", "腰围"});
  // Sizes in words: the letter size they mean.
  add(l, W::SizeName, "XS", {"extra small", "x-small", "加小", "特小号"});
  add(l, W::SizeName, "S", {"small", "小号", "小码"});
  add(l, W::SizeName, "M", {"medium", "中号", "中码"});
  add(l, W::SizeName, "L", {"large", "大号", "大码"});
  add(l, W::SizeName, "XL", {"extra large", "x-large", "加大", "加大号"});

  // Understood refinements.
  add(l, W::Modifier, "long", {"long", "长款", "长"});
  add(l, W::Modifier, "short", {"short", "短款"});
  add(l, W::Modifier, "floral", {"floral", "flowery", "flower", "碎花", "花朵", "印花"});
  add(l, W::Modifier, "striped", {"striped", "stripes", "stripe", "条纹"});
  add(l, W::Modifier, "plaid", {"plaid", "checked", "check", "tartan", "格子", "格纹"});
  add(l, W::Modifier, "oversized", {"oversized", "baggy", "loose", "宽松", "oversize"});
  add(l, W::Modifier, "slim", {"slim", "skinny", "fitted", "修身", "紧身"});
  add(l, W::Modifier, "cropped", {"cropped", "crop", "短款上衣"});
  add(l, W::Modifier, "high-rise", {"high-rise", "high waist", "high-waisted", "高腰"});

  // Words that carry no constraint.
  add(l, W::Stop, "",
      {"a",       "an",       "the",       "for",    "with",   "in",      "of",    "my",
       "me",      "i",        "im",        "want",   "need",   "looking", "look",  "show",
       "find",    "some",     "something", "please", "that",   "is",      "are",   "wear",
       "wearing", "good",     "nice",      "new",    "pair",   "pairs",   "one",   "buy",
       "like",    "would",    "s",         "on",     "at",     "or",      "what",  "any",
       "cute",    "pretty",   "best",      "style",  "styled", "look",    "looks", "outfit",
       "clothes", "clothing", "item",      "items",  "的",     "适合",    "穿",    "我",
       "想",      "要",       "买",        "一件",   "件",     "一条",    "条",    "一双",
       "双",      "一个",     "个",        "给",     "在",     "和",      "款",    "适合在",
       "时",      "的时候",   "用",        "戴",     "背",     "款式",    "一款",  "推荐",
       "找",      "有没有",   "吗",        "呢",     "请",     "帮我",    "想要",  "穿的",
       "去",      "参加",     "风格",      "风",     "场合",   "用的",    "衣服",  "服装"});
  // Words with two meanings at once: an evening gown is a dress in evening style.
  add(l, W::Category, "dress", {"evening gown", "晚礼服"});
  return l;
}

}  // namespace

const std::vector<LexiconEntry>& intentLexicon() {
  static const std::vector<LexiconEntry> lexicon = build();
  return lexicon;
}

std::vector<std::string> colorFamily(const std::string& color) {
  static const std::map<std::string, std::vector<std::string>> families = {
      {"blue", {"navy", "cobalt", "sky blue", "denim blue", "teal"}},
      {"green", {"emerald", "olive", "sage", "lime", "teal"}},
      {"yellow", {"mustard", "gold"}},
      {"brown", {"camel", "rust", "terracotta", "khaki"}},
      {"grey", {"charcoal", "silver"}},
      {"white", {"ivory", "cream"}},
      {"red", {"burgundy", "rust", "coral"}},
      {"pink", {"coral"}},
      {"orange", {"rust", "terracotta", "coral"}},
      {"purple", {"burgundy"}},
      {"beige", {"cream", "camel", "khaki"}},
  };
  const auto it = families.find(color);
  return it == families.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> categoryNames(const std::string& category) {
  static const std::map<std::string, std::vector<std::string>> names = {
      {"dress", {"dresses"}},
      {"skirt", {"skirts"}},
      {"tops", {"tops", "top"}},
      {"jackets", {"jackets", "jacket"}},
      {"bags", {"bags", "bag"}},
      {"hats", {"hats", "hat"}},
      {"watches", {"watches", "watch"}},
      {"shoes", {"shoes", "footwear"}}};
  const auto it = names.find(category);
  return it == names.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> categoryFamily(const std::string& category) {
  static const std::map<std::string, std::vector<std::string>> families = {
      {"coat", {"trench coat", "parka", "puffer"}},
      {"sneakers", {"sneakers", "running"}},
  };
  const auto it = families.find(category);
  return it == families.end() ? std::vector<std::string>{} : it->second;
}

OccasionPreference occasionPreference(const std::string& occasion) {
  if (occasion == "wedding") return {{"formal", "evening"}, {}};
  if (occasion == "date") return {{"evening", "casual", "minimalist"}, {}};
  if (occasion == "work") return {{"formal", "minimalist"}, {}};
  if (occasion == "party") return {{"evening", "street"}, {}};
  if (occasion == "beach") return {{"boho", "casual"}, {"summer"}};
  if (occasion == "gym") return {{"sporty"}, {}};
  return {};
}

}  // namespace vrmall::rec

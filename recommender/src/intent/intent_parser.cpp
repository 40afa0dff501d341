#include "vrmall/rec/intent/intent_parser.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {
namespace {

bool asciiWordChar(unsigned char c) {
  return std::isalnum(c) != 0;
}

// Bytes of the UTF-8 sequence starting with `c` (1 for ASCII and stray continuation bytes).
size_t utf8Length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// The code point of the UTF-8 sequence at `s` (its length from utf8Length).
uint32_t codePoint(std::string_view s) {
  const auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(s[i])); };
  if (s.size() >= 3 && b(0) >= 0xE0 && b(0) < 0xF0) {
    return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  }
  if (s.size() >= 2 && b(0) >= 0xC0 && b(0) < 0xE0) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  return b(0);
}

// Punctuation that separates words like a space: curly quotes and dashes, CJK and full-width
// punctuation (，。！？、（）).
bool isPunctuation(uint32_t cp) {
  return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x00A0;
}

// Chinese numerals: 三百 300, 八百五 850, 两千 2000, 一万 10000. nullopt when `s` is not one.
std::optional<double> chineseNumber(std::string_view s) {
  static const std::vector<std::pair<std::string, int>> digits = {
      {"零", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3}, {"四", 4},
      {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}};
  static const std::vector<std::pair<std::string, int>> units = {
      {"十", 10}, {"百", 100}, {"千", 1000}, {"万", 10000}};
  double total = 0, section = 0;
  int digit = -1, lastUnit = 1;
  bool any = false;
  size_t i = 0;
  while (i < s.size()) {
    const size_t n = utf8Length(static_cast<unsigned char>(s[i]));
    const std::string_view ch = s.substr(i, n);
    bool matched = false;
    for (const auto& [text, value] : digits) {
      if (ch == text) {
        digit = value;
        matched = true;
      }
    }
    for (const auto& [text, value] : units) {
      if (ch != text) continue;
      matched = true;
      const int d = digit < 0 ? 1 : digit;  // 十五 = 15
      if (value == 10000) {
        total = (total + section + d * (digit < 0 && section > 0 ? 0 : 1)) * value;
        section = 0;
      } else {
        section += d * value;
      }
      lastUnit = value;
      digit = -1;
    }
    if (!matched) return std::nullopt;
    any = true;
    i += n;
  }
  if (!any) return std::nullopt;
  // A trailing digit after a unit is the next unit down: 一千五 = 1500, 三百五 = 350.
  if (digit >= 0) section += lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
  return total + section;
}

bool isChineseNumeralChar(std::string_view ch) {
  static const std::vector<std::string> chars = {"零", "一", "二", "两", "三", "四", "五", "六",
                                                 "七", "八", "九", "十", "百", "千", "万"};
  return std::find(chars.begin(), chars.end(), ch) != chars.end();
}

// Optimal string alignment distance, stopping early past `limit`.
int editDistance(const std::string& a, const std::string& b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<std::vector<int>> d(static_cast<size_t>(n + 1), std::vector<int>(m + 1));
  for (int i = 0; i <= n; ++i) d[i][0] = i;
  for (int j = 0; j <= m; ++j) d[0][j] = j;
  for (int i = 1; i <= n; ++i) {
    int rowMin = limit + 1;
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
      rowMin = std::min(rowMin, d[i][j]);
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[n][m];
}

// Singular forms of an English word, most likely first ("dresses" -> "dress").
std::vector<std::string> singulars(const std::string& w) {
  std::vector<std::string> out;
  const auto ends = [&](const char* suffix) {
    const size_t n = std::char_traits<char>::length(suffix);
    return w.size() > n + 1 && w.compare(w.size() - n, n, suffix) == 0;
  };
  if (ends("ies")) out.push_back(w.substr(0, w.size() - 3) + "y");
  if (ends("es")) out.push_back(w.substr(0, w.size() - 2));
  if (ends("s")) out.push_back(w.substr(0, w.size() - 1));
  return out;
}

bool isSizeLetter(const std::string& lower) {
  return lower == "xxs" || lower == "xs" || lower == "s" || lower == "m" || lower == "l" ||
         lower == "xl" || lower == "xxl" || lower == "xxxl";
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void addUnique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::string formatNumber(double v) {
  // Whole numbers as integers; beyond what a long long holds (a shopper typing 30 digits) the
  // conversion would be undefined, so those stay in floating-point notation.
  if (std::floor(v) == v && std::abs(v) < 9e18) return std::to_string(static_cast<long long>(v));
  return std::to_string(v);
}

}  // namespace

struct IntentParser::Token {
  enum class Kind { Entry, Number, SizeLetter, Unknown } kind;
  const LexiconEntry* entry = nullptr;
  double number = 0;
  std::string text;  // as written (for unknown words and size letters)
};

std::string IntentParser::key(std::string_view word) {
  std::string k;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      k += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    }
  }
  if (k.size() > 3 && k.back() == 's' && k[k.size() - 2] != 's') k.pop_back();
  return k;
}

IntentParser::IntentParser(const AttributeTable& items) {
  // The catalogue's own values: the intent speaks them, and a query may use them as they are.
  const std::vector<std::pair<std::string, IntentWord>> columns = {
      {"CATEGORY_L1", IntentWord::Category}, {"CATEGORY_L2", IntentWord::Category},
      {"COLOR", IntentWord::Color},          {"MATERIAL", IntentWord::Material},
      {"STYLE", IntentWord::Style},          {"SEASON", IntentWord::Season},
      {"GENDER", IntentWord::Gender}};
  for (const auto& [name, kind] : columns) {
    const Column* c = items.column(name);
    if (c == nullptr || !c->isBag()) continue;
    for (const std::string& v : c->dictionary) {
      values_[name].emplace(key(v), v);
      catalogueWords_.push_back({v, kind, v});
    }
  }
  // Each CATEGORY_L2 value's CATEGORY_L1 ("crossbody" -> "bags"), and the kinds sold in one
  // size only (no SIZES, or "one-size", on every item of the kind).
  const Column* l1 = items.column("CATEGORY_L1");
  const Column* l2 = items.column("CATEGORY_L2");
  std::unordered_set<std::string> sized;
  for (size_t row = 0; row < items.rows(); ++row) {
    const auto item = static_cast<int32_t>(row);
    const std::string a = l2 ? toLower(items.value(item, "CATEGORY_L2")) : std::string();
    const std::string b = l1 ? toLower(items.value(item, "CATEGORY_L1")) : std::string();
    if (!a.empty() && !b.empty()) parentOf_.emplace(a, b);
    const std::string sizes = toLower(items.value(item, "SIZES"));
    auto& into = sizes.empty() || sizes == "one-size" ? oneSizeKinds_ : sized;
    for (const std::string* kind : {&a, &b}) {
      if (!kind->empty()) into.insert(*kind);
    }
  }
  for (const std::string& kind : sized) oneSizeKinds_.erase(kind);
  for (const LexiconEntry& e : intentLexicon()) {
    const bool ascii = std::all_of(e.surface.begin(), e.surface.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
      english_[e.surface].push_back(&e);  // a surface may mean two things at once
      if (e.surface.find(' ') == std::string::npos && e.surface.size() >= 4) {
        fuzzyCandidates_.push_back(&e);
      }
    } else {
      chinese_[e.surface].push_back(&e);
      longestChinese_ = std::max(longestChinese_, e.surface.size());
    }
  }
  for (const LexiconEntry& e : catalogueWords_) {
    if (english_.count(e.surface) == 0) english_[e.surface].push_back(&e);
    if (e.surface.find(' ') == std::string::npos && e.surface.size() >= 4) {
      fuzzyCandidates_.push_back(&e);
    }
  }
}

const LexiconEntry* IntentParser::lookupEnglish(const std::string& phrase) const {
  const auto it = english_.find(phrase);
  return it == english_.end() ? nullptr : it->second.front();
}

const LexiconEntry* IntentParser::fuzzyEnglish(const std::string& word) const {
  if (word.size() < 4 || std::isdigit(static_cast<unsigned char>(word[0]))) return nullptr;
  const int limit = word.size() >= 8 ? 2 : 1;
  const LexiconEntry* best = nullptr;
  int bestDistance = limit + 1;
  for (const LexiconEntry* e : fuzzyCandidates_) {
    const int d = editDistance(word, e->surface, limit);
    if (d < bestDistance) {
      bestDistance = d;
      best = e;
    }
  }
  return best;
}

std::vector<IntentParser::Token> IntentParser::tokenize(std::string_view query) const {
  // Mixed forms written without a space: "T恤", "polo衫", "A字裙".
  std::string q(query);
  for (const auto& [mixed, plain] :
       std::vector<std::pair<std::string, std::string>>{{"t恤", " t-shirt "},
                                                        {"T恤", " t-shirt "},
                                                        {"polo衫", " polo "},
                                                        {"POLO衫", " polo "},
                                                        {"a字裙", " a-line skirt "},
                                                        {"A字裙", " a-line skirt "}}) {
    for (size_t at = q.find(mixed); at != std::string::npos; at = q.find(mixed, at)) {
      q.replace(at, mixed.size(), plain);
      at += plain.size();
    }
  }
  // First the raw pieces: English words (with their case kept), numbers, symbols, Chinese runs.
  struct Piece {
    enum class Type { Word, Number, Symbol, Chinese } type;
    std::string text;
    double number = 0;
  };
  std::vector<Piece> pieces;
  size_t i = 0;
  while (i < q.size()) {
    const auto c = static_cast<unsigned char>(q[i]);
    if (c >= 0x80 && isPunctuation(codePoint(q.substr(i, utf8Length(c))))) {
      i += utf8Length(c);
      continue;
    }
    if (c >= 0x80) {
      size_t j = i;
      while (j < q.size() && static_cast<unsigned char>(q[j]) >= 0x80 &&
             !isPunctuation(codePoint(q.substr(j, utf8Length(static_cast<unsigned char>(q[j])))))) {
        j += utf8Length(static_cast<unsigned char>(q[j]));
      }
      const std::string run(q.substr(i, j - i));
      // Full-width currency and punctuation are symbols, not Chinese words.
      if (run == "¥" || run == "€" || run == "£") {
        pieces.push_back({Piece::Type::Symbol, run});
      } else {
        pieces.push_back({Piece::Type::Chinese, run});
      }
      i = std::min(j, q.size());
    } else if (std::isdigit(c)) {
      size_t j = i;
      while (j < q.size() &&
             (std::isdigit(static_cast<unsigned char>(q[j])) || q[j] == '.' || q[j] == ',')) {
        ++j;
      }
      std::string digits;
      for (size_t k = i; k < j; ++k) {
        if (q[k] != ',') digits += q[k];
      }
      const auto v = parseNumber(digits);
      pieces.push_back({Piece::Type::Number, digits, v.value_or(0)});
      i = j;
    } else if (asciiWordChar(c)) {
      size_t j = i;
      while (j < q.size() && (asciiWordChar(static_cast<unsigned char>(q[j])) ||
                              (q[j] == '-' && j + 1 < q.size() &&
                               std::isalpha(static_cast<unsigned char>(q[j + 1]))))) {
        ++j;
      }
      pieces.push_back({Piece::Type::Word, std::string(q.substr(i, j - i))});
      // "men's", "women's": the possessive adds nothing.
      if (j + 1 < q.size() && (q[j] == '\'') &&
          std::tolower(static_cast<unsigned char>(q[j + 1])) == 's') {
        j += 2;
      }
      i = j;
    } else if (c == '$' || c == '<' || c == '>' || c == '~' || c == '-') {
      pieces.push_back({Piece::Type::Symbol, std::string(1, static_cast<char>(c))});
      ++i;
    } else {
      ++i;  // spaces and punctuation separate
    }
  }

  std::vector<Token> tokens;
  // Every meaning of the matched surface (its first when looked up by a close spelling).
  const auto push = [&](const LexiconEntry* e) {
    const auto& meanings = [&]() -> const std::vector<const LexiconEntry*>& {
      static const std::vector<const LexiconEntry*> none;
      const auto en = english_.find(e->surface);
      if (en != english_.end()) return en->second;
      const auto zh = chinese_.find(e->surface);
      return zh != chinese_.end() ? zh->second : none;
    }();
    if (meanings.empty()) {
      tokens.push_back({Token::Kind::Entry, e, 0, ""});
      return;
    }
    for (const LexiconEntry* m : meanings) tokens.push_back({Token::Kind::Entry, m, 0, ""});
  };
  for (size_t p = 0; p < pieces.size(); ++p) {
    const Piece& piece = pieces[p];
    if (piece.type == Piece::Type::Number) {
      tokens.push_back({Token::Kind::Number, nullptr, piece.number, piece.text});
      continue;
    }
    if (piece.type == Piece::Type::Symbol) {
      if (const LexiconEntry* e = lookupEnglish(piece.text)) push(e);
      continue;
    }
    if (piece.type == Piece::Type::Chinese) {
      // Longest match against the lexicon, numerals read as numbers; what is left over is
      // reported character run by character run.
      const std::string& s = piece.text;
      size_t at = 0;
      std::string unknown;
      const auto flushUnknown = [&] {
        if (!unknown.empty()) tokens.push_back({Token::Kind::Unknown, nullptr, 0, unknown});
        unknown.clear();
      };
      while (at < s.size()) {
        size_t best = 0;
        const LexiconEntry* entry = nullptr;
        for (size_t len = std::min(longestChinese_, s.size() - at); len > 0; --len) {
          const auto it = chinese_.find(s.substr(at, len));
          if (it != chinese_.end()) {
            best = len;
            entry = it->second.front();
            break;
          }
        }
        size_t numeral = 0;
        while (at + numeral < s.size()) {
          const size_t n = utf8Length(static_cast<unsigned char>(s[at + numeral]));
          if (!isChineseNumeralChar(std::string_view(s).substr(at + numeral, n))) break;
          numeral += n;
        }
        if (numeral > best) {
          flushUnknown();
          tokens.push_back({Token::Kind::Number, nullptr,
                            chineseNumber(std::string_view(s).substr(at, numeral)).value_or(0),
                            s.substr(at, numeral)});
          at += numeral;
        } else if (entry != nullptr) {
          flushUnknown();
          push(entry);
          at += best;
        } else {
          const size_t n = utf8Length(static_cast<unsigned char>(s[at]));
          unknown += s.substr(at, n);
          at += n;
        }
      }
      flushUnknown();
      continue;
    }
    // English: the longest phrase of up to three words first.
    const auto lowerOf = [&](size_t k) { return toLower(pieces[k].text); };
    bool matched = false;
    for (size_t len = 3; len >= 1 && !matched; --len) {
      if (p + len > pieces.size()) continue;
      bool words = true;
      std::string phrase;
      for (size_t k = p; k < p + len; ++k) {
        words = words && pieces[k].type == Piece::Type::Word;
        phrase += (k > p ? " " : "") + (words ? lowerOf(k) : std::string());
      }
      if (!words) continue;
      const LexiconEntry* e = lookupEnglish(phrase);
      if (e == nullptr && len == 1) {
        for (const std::string& s : singulars(phrase)) {
          if ((e = lookupEnglish(s)) != nullptr) break;
        }
      }
      if (e != nullptr) {
        push(e);
        p += len - 1;
        matched = true;
      }
    }
    if (matched) continue;
    const std::string lower = lowerOf(p);
    // Size letters: always as XS / XL / XXL; S, M, L when written in capitals.
    const bool capital = std::isupper(static_cast<unsigned char>(piece.text[0])) != 0;
    if (isSizeLetter(lower) && (lower.size() > 1 || capital)) {
      tokens.push_back({Token::Kind::SizeLetter, nullptr, 0, upper(lower)});
      continue;
    }
    if (const LexiconEntry* e = fuzzyEnglish(lower)) {
      push(e);
      continue;
    }
    // A number glued to a unit: "32w", "300rmb", "39eu".
    if (std::isdigit(static_cast<unsigned char>(lower[0]))) {
      size_t d = 0;
      while (d < lower.size() && std::isdigit(static_cast<unsigned char>(lower[d]))) ++d;
      tokens.push_back(
          {Token::Kind::Number, nullptr, std::stod(lower.substr(0, d)), lower.substr(0, d)});
      if (const LexiconEntry* e = lookupEnglish(lower.substr(d))) push(e);
      continue;
    }
    tokens.push_back({Token::Kind::Unknown, nullptr, 0, piece.text});
  }
  return tokens;
}

std::string IntentParser::inCatalogue(const std::string& column,
                                      const std::string& canonical) const {
  const auto it = values_.find(column);
  if (it == values_.end()) return "";
  const auto v = it->second.find(key(canonical));
  return v == it->second.end() ? "" : v->second;
}

ShoppingIntent IntentParser::parse(std::string_view query) const {
  const std::vector<Token> tokens = tokenize(query);
  ShoppingIntent intent;
  std::vector<std::string> categories, colors, materials;
  std::optional<double> bareNumber;
  std::optional<std::string> sizeName;  // "medium": applied once the garment is known
  const auto is = [&](size_t k, IntentWord w) {
    return k < tokens.size() && tokens[k].kind == Token::Kind::Entry && tokens[k].entry->kind == w;
  };
  const auto isNumber = [&](size_t k) {
    return k < tokens.size() && tokens[k].kind == Token::Kind::Number;
  };
  const auto around = [&](double v) {
    intent.price_min = std::floor(v * 0.85);
    intent.price_max = std::ceil(v * 1.15);
  };
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.kind == Token::Kind::Unknown) {
      intent.unknown.push_back(t.text);
      continue;
    }
    if (t.kind == Token::Kind::SizeLetter) {
      intent.size = t.text;
      continue;
    }
    if (t.kind == Token::Kind::Number) {
      size_t n = k + 1;
      if (is(n, IntentWord::Currency)) ++n;
      // A range: 100 to 200, 100-200, 100到200元.
      if (is(n, IntentWord::RangeJoin) && isNumber(n + 1)) {
        intent.price_min = std::min(t.number, tokens[n + 1].number);
        intent.price_max = std::max(t.number, tokens[n + 1].number);
        k = n + 1;
        if (is(k + 1, IntentWord::Currency)) ++k;
        continue;
      }
      // Chinese prices put the bound after the number: 800元以内, 300左右, 100元以上.
      if (is(n, IntentWord::PriceMax)) {
        intent.price_max = t.number;
        k = n;
        continue;
      }
      if (is(n, IntentWord::PriceMin)) {
        intent.price_min = t.number;
        k = n;
        continue;
      }
      if (is(n, IntentWord::PriceAround)) {
        around(t.number);
        k = n;
        continue;
      }
      // 32码, 39号: a size.
      if (is(k + 1, IntentWord::SizeWord)) {
        intent.size = formatNumber(t.number);
        ++k;
        continue;
      }
      if (n > k + 1) {  // a number with a currency and no bound: about that much
        around(t.number);
        k = n - 1;
        continue;
      }
      bareNumber = t.number;
      continue;
    }
    const LexiconEntry& e = *t.entry;
    switch (e.kind) {
      case IntentWord::Category:
        addUnique(categories, e.value);
        break;
      case IntentWord::Color:
        addUnique(colors, e.value);
        break;
      case IntentWord::Material:
        addUnique(materials, e.value);
        break;
      case IntentWord::Season:
        if (!intent.season) intent.season = e.value;
        break;
      case IntentWord::Occasion:
        if (!intent.occasion) intent.occasion = e.value;
        break;
      case IntentWord::Style:
        if (!intent.style) intent.style = e.value;
        break;
      case IntentWord::Gender:
        intent.gender = e.value;
        break;
      case IntentWord::Modifier:
        addUnique(intent.modifiers, e.value);
        break;
      case IntentWord::SizeName:
        if (!sizeName) sizeName = e.value;
        break;
      case IntentWord::PriceMax:
      case IntentWord::PriceMin:
      case IntentWord::PriceAround: {
        size_t n = k + 1;
        if (is(n, IntentWord::Currency)) ++n;
        if (!isNumber(n)) break;  // "under" with no number: nothing to bound
        const double v = tokens[n].number;
        if (e.kind == IntentWord::PriceMax) intent.price_max = v;
        if (e.kind == IntentWord::PriceMin) intent.price_min = v;
        if (e.kind == IntentWord::PriceAround) around(v);
        k = n;
        if (is(k + 1, IntentWord::Currency)) ++k;
        // "from 50 to 80": a range after all.
        if (e.kind == IntentWord::PriceMin && is(k + 1, IntentWord::RangeJoin) && isNumber(k + 2)) {
          intent.price_max = tokens[k + 2].number;
          k += 2;
        }
        break;
      }
      case IntentWord::PriceBetween: {
        size_t n = k + 1;
        if (is(n, IntentWord::Currency)) ++n;
        if (!isNumber(n)) break;
        size_t m = n + 1;
        if (is(m, IntentWord::Currency)) ++m;
        if (is(m, IntentWord::RangeJoin)) ++m;
        if (is(m, IntentWord::Currency)) ++m;
        if (!isNumber(m)) break;
        intent.price_min = std::min(tokens[n].number, tokens[m].number);
        intent.price_max = std::max(tokens[n].number, tokens[m].number);
        k = m;
        break;
      }
      case IntentWord::SizeWord: {
        if (isNumber(k + 1)) {
          intent.size = formatNumber(tokens[k + 1].number);
          ++k;
        } else if (k + 1 < tokens.size() && tokens[k + 1].kind == Token::Kind::SizeLetter) {
          intent.size = tokens[k + 1].text;
          ++k;
        } else if (k + 1 < tokens.size() && tokens[k + 1].kind == Token::Kind::Unknown &&
                   isSizeLetter(toLower(tokens[k + 1].text))) {
          intent.size = upper(tokens[k + 1].text);
          ++k;
        }
        break;
      }
      default:
        break;  // currency words, range joiners and stop words carry nothing alone
    }
  }
  // "medium", 大号: a size for clothes; for a kind the catalogue sells in one size only (a bag,
  // a hat) it describes the thing itself.
  if (sizeName && !intent.size) {
    const bool unsized = std::any_of(categories.begin(), categories.end(),
                                     [&](const auto& c) { return oneSizeKinds_.count(c) != 0; });
    if (!unsized) intent.size = *sizeName;
  }
  // A bare number: a waist or shoe size next to trousers or shoes, otherwise a budget.
  if (bareNumber) {
    const bool legwear = std::any_of(categories.begin(), categories.end(), [](const auto& c) {
      return c == "trousers" || c == "jeans" || c == "chinos" || c == "shorts" || c == "joggers" ||
             c == "tailored" || c == "cargo" || c == "wide-leg";
    });
    const bool footwear = std::any_of(categories.begin(), categories.end(), [](const auto& c) {
      return c == "shoes" || c == "sneakers" || c == "boots" || c == "heels" || c == "sandals" ||
             c == "loafers" || c == "running" || c == "ankle boots";
    });
    if (!intent.size && ((legwear && *bareNumber >= 24 && *bareNumber <= 44) ||
                         (footwear && *bareNumber >= 34 && *bareNumber <= 48))) {
      intent.size = formatNumber(*bareNumber);
    } else if (!intent.price_max && !intent.price_min) {
      intent.price_max = *bareNumber;
    } else {
      intent.unknown.push_back(formatNumber(*bareNumber));
    }
  }

  // Into the catalogue's vocabulary.
  // The catalogue's name for the garment where it has one ("dress": its dresses, not its dress
  // watches), else the normalised word (search expands "coat" to the coats it covers).
  for (const std::string& c : categories) {
    std::string v;
    for (const std::string& name : categoryNames(c)) {
      if (v.empty()) v = inCatalogue("CATEGORY_L1", name);
    }
    if (v.empty()) v = inCatalogue("CATEGORY_L2", c);
    if (v.empty()) v = inCatalogue("CATEGORY_L1", c);
    addUnique(intent.categories, v.empty() ? c : v);
  }
  // "crossbody bag": the crossbody, not every bag.
  std::vector<std::string> specific;
  for (const std::string& c : intent.categories) {
    const bool generic = std::any_of(intent.categories.begin(), intent.categories.end(),
                                     [&](const std::string& other) {
                                       const auto p = parentOf_.find(other);
                                       return other != c && p != parentOf_.end() && p->second == c;
                                     });
    if (!generic) specific.push_back(c);
  }
  intent.categories = specific;
  for (const std::string& c : colors) {
    const std::string v = inCatalogue("COLOR", c);
    addUnique(intent.colors, v.empty() ? c : v);  // "blue": search takes navy, cobalt, ...
  }
  for (const std::string& m : materials) {
    const std::string v = inCatalogue("MATERIAL", m);
    addUnique(intent.materials, v.empty() ? m : v);
  }
  const auto mapOne = [&](std::optional<std::string>& field, const char* column) {
    if (!field) return;
    const std::string v = inCatalogue(column, *field);
    if (!v.empty()) field = v;
  };
  mapOne(intent.style, "STYLE");
  mapOne(intent.season, "SEASON");
  mapOne(intent.gender, "GENDER");
  return intent;
}

}  // namespace vrmall::rec

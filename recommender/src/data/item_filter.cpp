#include "vrmall/rec/data/item_filter.h"

#include <cctype>
#include <cmath>
#include <cstring>

#include "vrmall/rec/data/data_error.h"
#include "vrmall/rec/data/text_util.h"

namespace vrmall::rec {

struct ItemFilter::Node {
  enum class Kind { And, Or, Not, Compare, In } kind;
  std::unique_ptr<Node> a, b;
  const Column* column = nullptr;
  std::string op;
  double number = 0;
  std::vector<int32_t> codes;  // In / = / != on bag columns
  bool negate_in = false;
  bool unknown_value = false;  // = on a value the catalogue never uses

  bool eval(int32_t item) const {
    switch (kind) {
      case Kind::And:
        return a->eval(item) && b->eval(item);
      case Kind::Or:
        return a->eval(item) || b->eval(item);
      case Kind::Not:
        return !a->eval(item);
      case Kind::Compare: {
        if (column->type == ColumnType::Number) {
          const double x = column->number(item);
          if (std::isnan(x)) return false;
          if (op == "<") return x < number;
          if (op == "<=") return x <= number;
          if (op == ">") return x > number;
          if (op == ">=") return x >= number;
          if (op == "=") return x == number;
          return x != number;
        }
        const bool has = hasAny(item);
        return op == "=" ? has : !has;
      }
      case Kind::In:
        return hasAny(item) != negate_in;
    }
    return false;
  }
  bool hasAny(int32_t item) const {
    const auto [begin, end] = column->bag(item);
    for (auto c = begin; c != end; ++c) {
      for (int32_t want : codes) {
        if (*c == want) return true;
      }
    }
    return false;
  }
};

namespace {

class Parser {
 public:
  Parser(const std::string& text, const AttributeTable& items) : s_(text), items_(items) {}

  std::unique_ptr<ItemFilter::Node> parseAll() {
    auto node = parseOr();
    skip();
    if (pos_ < s_.size()) fail("unexpected '" + s_.substr(pos_, 10) + "'");
    return node;
  }

 private:
  using Node = ItemFilter::Node;
  [[noreturn]] void fail(const std::string& why) const {
    throw DataError("filter '" + s_ + "': at character " + std::to_string(pos_ + 1) + ": " + why);
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool keyword(const char* word) {
    skip();
    const size_t n = std::strlen(word);
    if (pos_ + n > s_.size()) return false;
    for (size_t i = 0; i < n; ++i) {
      if (std::toupper(static_cast<unsigned char>(s_[pos_ + i])) != word[i]) return false;
    }
    if (pos_ + n < s_.size() &&
        (std::isalnum(static_cast<unsigned char>(s_[pos_ + n])) || s_[pos_ + n] == '_')) {
      return false;
    }
    pos_ += n;
    return true;
  }
  bool symbol(char c) {
    skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string identifier() {
    skip();
    const size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      ++pos_;
    if (start == pos_) fail("expected a column name");
    return s_.substr(start, pos_ - start);
  }
  std::string value() {
    skip();
    if (pos_ < s_.size() && (s_[pos_] == '\'' || s_[pos_] == '"')) {
      const char q = s_[pos_++];
      const size_t start = pos_;
      while (pos_ < s_.size() && s_[pos_] != q) ++pos_;
      if (pos_ >= s_.size()) fail("unterminated quoted value");
      return s_.substr(start, pos_++ - start);
    }
    const size_t start = pos_;
    // Unquoted values may hold spaces ("navy blue"); they end at ',' or ')' or before AND/OR.
    while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != ')') {
      if (!inList_ && std::isspace(static_cast<unsigned char>(s_[pos_]))) {
        const size_t save = pos_;
        if (keyword("AND") || keyword("OR")) {
          pos_ = save;
          break;
        }
        pos_ = save;
      }
      ++pos_;
    }
    std::string v(trim(std::string_view(s_).substr(start, pos_ - start)));
    if (v.empty()) fail("expected a value");
    return v;
  }
  std::unique_ptr<Node> make(Node::Kind kind) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    return n;
  }
  std::unique_ptr<Node> parseOr() {
    auto left = parseAnd();
    while (keyword("OR")) {
      auto n = make(Node::Kind::Or);
      n->a = std::move(left);
      n->b = parseAnd();
      left = std::move(n);
    }
    return left;
  }
  std::unique_ptr<Node> parseAnd() {
    auto left = parseUnary();
    while (keyword("AND")) {
      auto n = make(Node::Kind::And);
      n->a = std::move(left);
      n->b = parseUnary();
      left = std::move(n);
    }
    return left;
  }
  std::unique_ptr<Node> parseUnary() {
    if (keyword("NOT")) {
      auto n = make(Node::Kind::Not);
      n->a = parseUnary();
      return n;
    }
    if (symbol('(')) {
      auto n = parseOr();
      if (!symbol(')')) fail("expected ')'");
      return n;
    }
    return parseCondition();
  }
  std::unique_ptr<Node> parseCondition() {
    const size_t at = pos_;
    const std::string name = identifier();
    const Column* column = items_.column(name);
    if (!column) {
      pos_ = at;
      std::string known;
      for (const auto& c : items_.columns()) known += (known.empty() ? "" : ", ") + c.name;
      fail("unknown column '" + name + "' (columns: " + known + ")");
    }
    bool negate = false;
    const size_t before_not = pos_;
    if (keyword("NOT")) {
      negate = true;
      if (!keyword("IN")) {
        pos_ = before_not;
        fail("expected IN after NOT");
      }
      return parseIn(column, negate);
    }
    if (keyword("IN")) return parseIn(column, false);
    skip();
    std::string op;
    for (const char* candidate : {"<=", ">=", "!=", "<>", "<", ">", "=="}) {
      if (s_.compare(pos_, std::strlen(candidate), candidate) == 0) {
        op = candidate;
        break;
      }
    }
    if (op.empty() && pos_ < s_.size() && s_[pos_] == '=') op = "=";
    if (op.empty()) fail("expected a comparison (<, <=, >, >=, =, !=) or IN");
    pos_ += op.size();
    if (op == "==") op = "=";
    if (op == "<>") op = "!=";
    auto n = make(Node::Kind::Compare);
    n->column = column;
    n->op = op;
    const std::string v = value();
    if (column->type == ColumnType::Number) {
      const auto number = parseNumber(v);
      if (!number) fail("column " + column->name + " holds numbers; '" + v + "' is not one");
      n->number = *number;
    } else {
      if (op != "=" && op != "!=")
        fail("column " + column->name + " is not numeric; use =, != or IN");
      if (auto code = column->findCode(v)) n->codes.push_back(*code);
    }
    return n;
  }
  std::unique_ptr<Node> parseIn(const Column* column, bool negate) {
    if (column->type == ColumnType::Number) fail("IN needs a category, set or text column");
    if (!symbol('(')) fail("expected '(' after IN");
    auto n = make(Node::Kind::In);
    n->column = column;
    n->negate_in = negate;
    inList_ = true;
    do {
      const std::string v = value();
      if (auto code = column->findCode(v)) n->codes.push_back(*code);
    } while (symbol(','));
    inList_ = false;
    if (!symbol(')')) fail("expected ')' to close the IN list");
    return n;
  }

  std::string s_;
  const AttributeTable& items_;
  size_t pos_ = 0;
  bool inList_ = false;
};

}  // namespace

ItemFilter::ItemFilter() = default;
ItemFilter::~ItemFilter() = default;
ItemFilter::ItemFilter(ItemFilter&&) noexcept = default;
ItemFilter& ItemFilter::operator=(ItemFilter&&) noexcept = default;

ItemFilter ItemFilter::parse(const std::string& expression, const AttributeTable& items) {
  ItemFilter f;
  f.expression_ = expression;
  if (!trim(expression).empty()) f.root_ = Parser(expression, items).parseAll();
  return f;
}

bool ItemFilter::matches(int32_t item) const {
  return !root_ || root_->eval(item);
}

void ItemFilter::excludeFailing(std::vector<uint8_t>& mask) const {
  if (!root_) return;
  for (size_t i = 0; i < mask.size(); ++i) {
    if (!root_->eval(static_cast<int32_t>(i))) mask[i] = 1;
  }
}

}  // namespace vrmall::rec

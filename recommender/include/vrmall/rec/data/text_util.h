#pragma once
// Small string helpers shared by the loaders, the filter parser and the intent parser.
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace vrmall::rec {

// Views into temporaries dangle: trim() and split() return views into their argument, so they
// refuse a temporary std::string (`split(table.value(...), '|')` in a range-for reads freed
// memory). Name the string first, or use splitCopy() for owned parts.
template <class S>
concept TemporaryString =
    std::same_as<std::remove_cvref_t<S>, std::string> && !std::is_lvalue_reference_v<S>;

std::string_view trim(std::string_view s);
template <TemporaryString S>
std::string_view trim(S&& s) = delete;
// ASCII lower-casing; UTF-8 bytes above 0x7F pass through unchanged.
std::string toLower(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char separator);
template <TemporaryString S>
std::vector<std::string_view> split(S&& s, char separator) = delete;
// Owned parts, for a source that does not outlive the result.
std::vector<std::string> splitCopy(std::string_view s, char separator);
// Strict number parse of the whole (trimmed) string; nullopt for empty or trailing junk.
std::optional<double> parseNumber(std::string_view s);
std::optional<long long> parseInteger(std::string_view s);
// Lower-cased word tokens for free text (letters and digits; other bytes separate).
std::vector<std::string> wordTokens(std::string_view text);
// Formats seconds like "3.2 s", used in shopper-facing reasons.
std::string formatSeconds(double seconds);

}  // namespace vrmall::rec

#pragma once
// Small string helpers shared by the loaders, the filter parser and the intent parser.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vrmall::rec {

std::string_view trim(std::string_view s);
// ASCII lower-casing; UTF-8 bytes above 0x7F pass through unchanged.
std::string toLower(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char separator);
// Strict number parse of the whole (trimmed) string; nullopt for empty or trailing junk.
std::optional<double> parseNumber(std::string_view s);
std::optional<long long> parseInteger(std::string_view s);
// Lower-cased word tokens for free text (letters and digits; other bytes separate).
std::vector<std::string> wordTokens(std::string_view text);
// Formats seconds like "3.2 s", used in shopper-facing reasons.
std::string formatSeconds(double seconds);

}  // namespace vrmall::rec

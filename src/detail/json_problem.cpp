#include "detail/json_problem.hpp"

#include <algorithm>
#include <array>

namespace danvan::detail {

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t byte) {
  byte = std::min(byte, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // a continuation byte is not a new column
      ++column;
    }
  }
  return {line, column};
}

std::string_view type_word(json_type t) {
  static constexpr std::array<std::string_view, 7> words{
      "null", "an object", "an array", "a string", "a boolean", "a number", "a number with a fraction"};
  return words[static_cast<std::size_t>(t)];
}

parse_error invalid_json(std::string_view text, std::string_view label, const nlohmann::json::exception& e) {
  // nlohmann's text is "[json.exception.<kind>.<id>] parse error at line L, column C:
  // <what>; last read: '<token>'": keep <what>, and place it ourselves in code points.
  std::string what = e.what();
  if (const auto tag = what.find("] "); tag != std::string::npos) what.erase(0, tag + 2);
  std::size_t line = 0, column = 0;
  if (const auto* syntax = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
    if (const auto colon = what.find(": "); colon != std::string::npos) what.erase(0, colon + 2);
    std::tie(line, column) = line_column(text, syntax->byte > 0 ? syntax->byte - 1 : 0);
  }
  if (const auto last = what.find("; last read"); last != std::string::npos) what.erase(last);
  return parse_error(problem{std::string(label), {}, line, column, "syntax", "invalid JSON: " + what, {}});
}

}  // namespace danvan::detail

// What the three JSON readers (network files, rules files, gazetteers) share when they
// report a problem: the place of a byte as line and column, the word for a JSON type
// ("found an array"), and one wording for a text that is not JSON.
#pragma once

#include <danvan/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danvan::detail {

/// The problems a reader finds in one file, collected to be thrown together as a
/// danvan::validation_error (every problem at once, each with its JSON path).
class problem_list {
 public:
  explicit problem_list(std::string file) : file_(std::move(file)) {}
  void report(std::string path, std::string rule, std::string message, std::string suggestion = {}) {
    problems_.push_back(problem{file_, std::move(path), 0, 0, std::move(rule), std::move(message), std::move(suggestion)});
  }
  [[nodiscard]] std::vector<problem>& problems() noexcept { return problems_; }

 private:
  std::string file_;
  std::vector<problem> problems_;
};

/// 1-based line and column (in code points) of a byte offset of `text`.
[[nodiscard]] std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t byte);

/// The JSON types as problem messages name them.
enum class json_type { null, object, array, string, boolean, integer, fraction };

/// "null", "an object", "an array", "a string", "a boolean", "a number",
/// "a number with a fraction".
[[nodiscard]] std::string_view type_word(json_type t);

/// The type of a nlohmann value (json or ordered_json).
template <class Json> [[nodiscard]] json_type type_of(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return json_type::null;
    case Json::value_t::object: return json_type::object;
    case Json::value_t::array: return json_type::array;
    case Json::value_t::string: return json_type::string;
    case Json::value_t::boolean: return json_type::boolean;
    case Json::value_t::number_float: return json_type::fraction;
    default: return json_type::integer;
  }
}

/// "a string", "an array", ... of a nlohmann value.
template <class Json> [[nodiscard]] std::string type_word(const Json& j) { return std::string(type_word(type_of(j))); }

/// The danvan::parse_error for a nlohmann parser's exception on `text`: `invalid JSON:`
/// and what the parser says, at its line and column (none for a number beyond double
/// range, which the parser reports without a place).
[[nodiscard]] parse_error invalid_json(std::string_view text, std::string_view label,
                                       const nlohmann::json::exception& e);

/// `text` parsed with nlohmann (Json: json or ordered_json); throws invalid_json(...).
template <class Json> [[nodiscard]] Json parse_json(std::string_view text, std::string_view label) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    throw invalid_json(text, label, e);
  } catch (const nlohmann::json::out_of_range& e) {
    throw invalid_json(text, label, e);
  }
}

}  // namespace danvan::detail

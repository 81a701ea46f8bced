// The shipped default rules: the text of data/rules/default.rules.json, compiled in.
// CMake generates the source that defines default_rules_json from the file at configure
// time (cmake/default_rules.cmake), and configures again when the file changes.
#include <danvan/query/coverage.hpp>

namespace danvan {

namespace detail {
extern const std::string_view default_rules_json;  // <build>/generated/default_rules.cpp
}  // namespace detail

std::string_view default_rules_text() noexcept { return detail::default_rules_json; }

const rule_set& default_rules() {
  static const rule_set rules = parse_rules(detail::default_rules_json, "default.rules.json");
  return rules;
}

}  // namespace danvan

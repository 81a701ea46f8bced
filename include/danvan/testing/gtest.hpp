// danvan — GoogleTest assertions for coverage rules. Header-only; include it in
// test files only (it is not part of the umbrella header and needs GoogleTest).
//
//     #include <danvan/testing/gtest.hpp>
//
//     TEST(Coverage, ProvinceNetworkIsCovered) {
//       const auto net = danvan::load("data/haiduong-2023.json");
//       EXPECT_COVERED(net, danvan::default_rules());              // no error-severity violation
//       EXPECT_COVERED_AS_OF(net, "my.rules.json", danvan::date(2023, 9, 16));
//       EXPECT_NO_VIOLATIONS(net, rules, danvan::severity::warning);  // nothing of warning or above
//     }
//
// On failure every violation the rules found is printed, one per line, as
// `severity rule entity: message [evidence]`, the failing ones marked with `>`.
#pragma once

#include <danvan/query/coverage.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <sstream>
#include <string>

namespace danvan::testing {

/// Rules given to the assertions: a rule_set, or the path of a rules file.
inline const rule_set& as_rules(const rule_set& rules) { return rules; }
inline rule_set as_rules(const std::filesystem::path& file) { return load_rules(file); }
inline rule_set as_rules(const std::string& file) { return load_rules(file); }
inline rule_set as_rules(const char* file) { return load_rules(file); }

/// Every violation, one per line; those at or above `fail_at` are marked with `>`.
inline std::string describe(const std::vector<violation>& found, severity fail_at) {
  std::ostringstream out;
  for (const auto& v : found) {
    out << (v.severity >= fail_at ? "  > " : "    ") << to_string(v);
    if (v.evidence.size() > 1) {
      out << " [";
      for (std::size_t i = 0; i < v.evidence.size(); ++i) out << (i ? ", " : "") << v.evidence[i];
      out << "]";
    }
    out << '\n';
  }
  return out.str();
}

/// Success when no violation of `rules` on `net` (as of `as_of`) has severity `fail_at`
/// or higher; the failure message lists every violation. Errors in the rules (an
/// unreadable file, an unknown rule or id) fail with their message.
template <class Rules>
::testing::AssertionResult no_violations(const char* net_expr, const char* rules_expr, const network& net,
                                         const Rules& rules, std::optional<date> as_of, severity fail_at) {
  std::vector<violation> found;
  try {
    const auto& set = as_rules(rules);
    found = check(net, set, as_of);
  } catch (const error& e) {
    return ::testing::AssertionFailure() << "the rules " << rules_expr << " could not run on " << net_expr << ": "
                                         << e.what();
  }
  std::size_t failing = 0;
  for (const auto& v : found) failing += v.severity >= fail_at;
  if (failing == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << net_expr << " breaks " << rules_expr << (as_of ? " as of " + as_of->to_string() : std::string()) << ": "
         << failing << " violation" << (failing == 1 ? "" : "s") << " of severity " << to_string(fail_at)
         << " or higher (" << found.size() << " in all):\n"
         << describe(found, fail_at);
}

/// Predicate formatters for EXPECT_PRED_FORMAT*.
template <class Rules>
::testing::AssertionResult covered(const char* net_expr, const char* rules_expr, const network& net,
                                   const Rules& rules) {
  return no_violations(net_expr, rules_expr, net, rules, std::nullopt, severity::error);
}
template <class Rules>
::testing::AssertionResult covered_as_of(const char* net_expr, const char* rules_expr, const char*, const network& net,
                                         const Rules& rules, date as_of) {
  return no_violations(net_expr, rules_expr, net, rules, as_of, severity::error);
}
template <class Rules>
::testing::AssertionResult below(const char* net_expr, const char* rules_expr, const char*, const network& net,
                                 const Rules& rules, severity fail_at) {
  return no_violations(net_expr, rules_expr, net, rules, std::nullopt, fail_at);
}

}  // namespace danvan::testing

/// No violation of error severity (what makes `danvan check` exit 1). `rules` is a
/// danvan::rule_set or the path of a rules file; the date is the rules file's `as_of`.
#define EXPECT_COVERED(net, rules) EXPECT_PRED_FORMAT2(::danvan::testing::covered, net, rules)
#define ASSERT_COVERED(net, rules) ASSERT_PRED_FORMAT2(::danvan::testing::covered, net, rules)
/// The same, as of a danvan::date.
#define EXPECT_COVERED_AS_OF(net, rules, as_of) EXPECT_PRED_FORMAT3(::danvan::testing::covered_as_of, net, rules, as_of)
#define ASSERT_COVERED_AS_OF(net, rules, as_of) ASSERT_PRED_FORMAT3(::danvan::testing::covered_as_of, net, rules, as_of)
/// No violation of danvan::severity `fail_at` or higher (severity::info: none at all).
#define EXPECT_NO_VIOLATIONS(net, rules, fail_at) EXPECT_PRED_FORMAT3(::danvan::testing::below, net, rules, fail_at)
#define ASSERT_NO_VIOLATIONS(net, rules, fail_at) ASSERT_PRED_FORMAT3(::danvan::testing::below, net, rules, fail_at)

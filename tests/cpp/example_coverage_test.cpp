// Example: pin coverage properties of a network down in GoogleTest. Copy this file
// into your own tests; link danvan::danvan and GTest::gtest_main.
//
// EXPECT_COVERED(net, rules) fails when the rules find a violation of error
// severity (what makes `danvan check` exit 1) and prints every violation found.
#include <danvan/io/json.hpp>
#include <danvan/query/coverage.hpp>
#include <danvan/testing/gtest.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

// A small network: one directive, the plan that implements it, a review on time.
const char* network_json = R"({
  "danvan": "1",
  "organizations": [
    {"id": "org:tinh-uy", "name": "Tỉnh ủy"},
    {"id": "org:ban-dan-van", "name": "Ban Dân vận Tỉnh ủy", "parent": "org:tinh-uy"}],
  "documents": [
    {"id": "doc:ct-21-tw", "name": "Chỉ thị 21-CT/TW", "type": "CT", "date": "2018-01-20",
     "reviews": [{"kind": "preliminary", "years": 5}]}],
  "tasks": [
    {"id": "task:ke-hoach", "name": "Kế hoạch thực hiện", "kind": "plan", "implements": ["doc:ct-21-tw"],
     "roles": [{"org": "org:ban-dan-van", "role": "advise"}, {"org": "org:tinh-uy", "role": "direct"}]},
    {"id": "task:so-ket", "name": "Sơ kết 5 năm", "kind": "review", "implements": ["doc:ct-21-tw"], "due": "2023",
     "roles": [{"org": "org:ban-dan-van", "role": "advise"}, {"org": "org:tinh-uy", "role": "direct"}]}]
})";

// Your own rules, as a rules file or inline JSON (see docs/rules.md).
const char* rules_json = R"({
  "rules": [
    {"rule": "task-responsible", "params": {"roles": ["lead", "advise"]}},
    {"rule": "task-accountable", "severity": "error"},
    {"rule": "document-implemented", "severity": "error", "params": {"task_kinds": ["plan"]}},
    {"rule": "review-overdue"}
  ]
})";

TEST(ExampleCoverage, NetworkMeetsItsRules) {
  const auto net = danvan::loads(network_json);
  const auto rules = danvan::parse_rules(rules_json);
  EXPECT_COVERED(net, rules);
  EXPECT_COVERED_AS_OF(net, rules, danvan::date(2023, 9, 16));
  EXPECT_NO_VIOLATIONS(net, rules, danvan::severity::info);  // not even a warning
  // The shipped default rules, from their file.
  EXPECT_COVERED_AS_OF(net, std::string(DANVAN_SOURCE_DIR) + "/data/rules/default.rules.json", danvan::date(2023, 9, 16));
}

TEST(ExampleCoverage, AFailureListsEveryViolation) {
  // Without its review task the directive's 5-year review is overdue by 2024.
  auto text = std::string(network_json);
  const auto cut = text.find(R"(,
    {"id": "task:so-ket")");
  text = text.substr(0, cut) + "]}";
  const auto net = danvan::loads(text);
  const auto result = danvan::testing::no_violations("net", "rules", net, danvan::parse_rules(rules_json),
                                                     danvan::date(2024, 6, 1), danvan::severity::error);
  ASSERT_FALSE(result);
  const std::string message = result.message();
  EXPECT_NE(message.find("1 violation of severity error or higher"), std::string::npos) << message;
  EXPECT_NE(message.find("  > error review-overdue doc:ct-21-tw: the preliminary review (sơ kết) of `doc:ct-21-tw`"),
            std::string::npos)
      << message;
  // A rules file that cannot be read fails with its reason instead of passing.
  const auto unreadable = danvan::testing::no_violations("net", "\"missing.json\"", net, "missing.json", std::nullopt,
                                                         danvan::severity::error);
  ASSERT_FALSE(unreadable);
  EXPECT_NE(std::string(unreadable.message()).find("could not run"), std::string::npos);
}

}  // namespace

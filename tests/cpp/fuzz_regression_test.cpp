// What fuzzing found (fuzz/README.md, "Findings"), kept as tests. The inputs the
// fuzzers found are in fuzz/corpus/<target>/regression-<name>; these tests hold the
// smallest inputs that show the same thing.
#include <danvan/io/csv.hpp>
#include <danvan/io/json.hpp>
#include <danvan/query/coverage.hpp>
#include <danvan/text/gazetteer.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

std::string source_dir() { return DANVAN_SOURCE_DIR; }

// regression-number-overflow (json, as_of, rules, gazetteer): a number too large for
// a double is valid JSON grammar, which nlohmann's parser refuses with an out_of_range
// exception. It escaped the rules and gazetteer readers as that exception, and the
// network reader's syntax-error locator, which expected only parse errors, threw
// std::bad_cast.
TEST(FuzzRegression, ANumberTooLargeForADoubleIsAParseError) {
  for (const char* text : {"1e999", R"({"danvan": "1", "extra": {"x": -1e999}})"}) {
    try {
      (void)danvan::loads(text, "big.json");
      FAIL() << text;
    } catch (const danvan::parse_error& e) {
      EXPECT_NE(e.where().message.find("number out of range"), std::string::npos) << e.what();
      EXPECT_EQ(e.where().message.find("json.exception"), std::string::npos) << e.what();
      EXPECT_EQ(e.where().file, "big.json");
      EXPECT_EQ(e.where().line, 1u);
    }
  }
  try {
    (void)danvan::parse_rules(R"({"rules": [], "title": 1e999})", "big.rules.json");
    FAIL();
  } catch (const danvan::parse_error& e) {
    EXPECT_EQ(e.what(), std::string("big.rules.json: invalid JSON: number overflow parsing '1e999'"));
  }
  try {
    (void)danvan::text::gazetteer::loads(R"({"gazetteer": "1", "x": 1e999})", "big.gazetteer.json");
    FAIL();
  } catch (const danvan::parse_error& e) {
    EXPECT_EQ(e.what(), std::string("big.gazetteer.json: invalid JSON: number overflow parsing '1e999'"));
  }
}

// regression-area-gone-on-the-day (rules): a rule whose scope names an area of the
// network that ended before the check's day. check() ran the rule on the network as
// of that day, which no longer holds the area, and threw danvan::not_found ("unknown
// id") from inside the rule instead of the validation_error that names the rule.
TEST(FuzzRegression, ARuleNamingAnAreaGoneOnTheDayIsAValidationError) {
  const auto net = danvan::load(source_dir() + "/data/example.json");  // area:binh-son ends 2025-06-30
  const auto rules = danvan::parse_rules(R"({"as_of": "2025-09-01",
    "rules": [{"rule": "task-responsible", "scope": {"areas": ["area:binh-son"]}}]})", "gone.rules.json");
  for (const bool compact : {false, true}) {
    try {
      if (compact) (void)danvan::find_violations(net, rules);
      else (void)danvan::check(net, rules);
      FAIL();
    } catch (const danvan::validation_error& e) {
      ASSERT_EQ(e.problems().size(), 1u);
      EXPECT_EQ(e.problems()[0].file, "gone.rules.json");
      EXPECT_EQ(e.problems()[0].path, "/rules/0/scope/areas/0");
      EXPECT_EQ(e.problems()[0].rule, "unknown-reference");
      EXPECT_EQ(e.problems()[0].message, "area `area:binh-son` does not exist on 2025-09-01, the day the rules look at");
    }
  }
  EXPECT_NO_THROW((void)danvan::check(net, rules, danvan::date(2025, 1, 1)));  // the area still exists then
}

// regression-sources-column (csv): an entity table with a column named `sources` (or
// `roles`, or `level` beside `level.x`) set a text where the evidence of
// evidence.csv was then appended, and nlohmann's type_error escaped the reader.
TEST(FuzzRegression, ACsvColumnThatClashesWithATableOrAnotherColumnIsAProblem) {
  const auto tables = [](std::string organizations) {
    return std::vector<danvan::csv_file>{
        {"organizations.csv", std::move(organizations)},
        {"sources.csv", "id,name\nsrc:s,S\n"},
        {"evidence.csv", "of,role_number,source\norg:a,,src:s\n"}};
  };
  for (const char* organizations : {"id,name,sources\norg:a,A,x\n", "id,name,sources.note\norg:a,A,x\n",
                                    "id,name,level,level.x\norg:a,A,province,1\n"}) {
    try {
      (void)danvan::from_csv_tables(tables(organizations));
      FAIL() << organizations;
    } catch (const danvan::validation_error& e) {
      EXPECT_EQ(e.problems().front().file, "organizations.csv") << e.what();
      EXPECT_EQ(e.problems().front().rule, "csv-header") << e.what();
    }
  }
}

}  // namespace

// Dates and periods in text. The JSON tables are also run by tests/python/test_text.py.
#include <danvan/text/periods.hpp>

#include <gtest/gtest.h>

#include "seed_article.hpp"
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace {

using namespace danvan::text;
using json = nlohmann::json;

// Each row: "text"; the one expected match: "kind", "start", "end" (ISO or ""),
// "precision", optional "recurrence", "months" [first, last], "default_year",
// and "matched" (the text of the span; default: the whole text).
constexpr const char* kPeriods = R"periods([
  {"text": "giai đoạn 2023 – 2025", "kind": "range", "start": "2023", "end": "2025", "precision": "year"},
  {"text": "giai đoạn 2023 -2025", "kind": "range", "start": "2023", "end": "2025", "precision": "year"},
  {"text": "giai đoạn 2023-2025", "kind": "range", "start": "2023", "end": "2025", "precision": "year"},
  {"text": "giai đoạn 2023 — 2025", "kind": "range", "start": "2023", "end": "2025", "precision": "year"},
  {"text": "Giai đoạn 2021 ‐ 2025", "kind": "range", "start": "2021", "end": "2025", "precision": "year"},
  {"text": "nhiệm kỳ 2020 - 2025", "kind": "range", "start": "2020", "end": "2025", "precision": "year"},
  {"text": "(15/10/1930 – 15/10/2023)", "kind": "range", "start": "1930-10-15", "end": "2023-10-15", "precision": "day", "matched": "15/10/1930 – 15/10/2023"},
  {"text": "năm 2023", "kind": "year", "start": "2023", "end": "2023", "precision": "year"},
  {"text": "Năm 2024", "kind": "year", "start": "2024", "end": "2024", "precision": "year"},
  {"text": "9 tháng đầu năm 2023", "kind": "months", "start": "2023-01", "end": "2023-09", "precision": "month", "months": [1, 9]},
  {"text": "6 tháng đầu năm", "kind": "months", "start": "", "end": "", "precision": "none", "months": [1, 6]},
  {"text": "6 tháng đầu năm", "kind": "months", "start": "2023-01", "end": "2023-06", "precision": "month", "months": [1, 6], "default_year": 2023},
  {"text": "3 tháng cuối năm 2023", "kind": "months", "start": "2023-10", "end": "2023-12", "precision": "month", "months": [10, 12]},
  {"text": "6 tháng cuối năm 2022", "kind": "months", "start": "2022-07", "end": "2022-12", "precision": "month", "months": [7, 12]},
  {"text": "quý III/2023", "kind": "quarter", "start": "2023-07", "end": "2023-09", "precision": "month", "months": [7, 9]},
  {"text": "quý 1 năm 2024", "kind": "quarter", "start": "2024-01", "end": "2024-03", "precision": "month", "months": [1, 3]},
  {"text": "Quý IV", "kind": "quarter", "start": "", "end": "", "precision": "none", "months": [10, 12]},
  {"text": "quý II", "kind": "quarter", "start": "2022-04", "end": "2022-06", "precision": "month", "months": [4, 6], "default_year": 2022},
  {"text": "hằng quý", "kind": "recurrence", "start": "", "end": "", "precision": "none", "recurrence": "quarterly"},
  {"text": "hàng quý", "kind": "recurrence", "start": "", "end": "", "precision": "none", "recurrence": "quarterly"},
  {"text": "hàng tháng", "kind": "recurrence", "start": "", "end": "", "precision": "none", "recurrence": "monthly"},
  {"text": "hằng năm", "kind": "recurrence", "start": "", "end": "", "precision": "none", "recurrence": "yearly"},
  {"text": "hàng tuần", "kind": "recurrence", "start": "", "end": "", "precision": "none", "recurrence": "weekly"},
  {"text": "hằng ngày", "kind": "recurrence", "start": "", "end": "", "precision": "none", "recurrence": "daily"},
  {"text": "ngày 14/11/2022", "kind": "date", "start": "2022-11-14", "end": "2022-11-14", "precision": "day"},
  {"text": "14-11-2022", "kind": "date", "start": "2022-11-14", "end": "2022-11-14", "precision": "day"},
  {"text": "4.11.2013", "kind": "date", "start": "2013-11-04", "end": "2013-11-04", "precision": "day"},
  {"text": "ngày 03 tháng 4 năm 2018", "kind": "date", "start": "2018-04-03", "end": "2018-04-03", "precision": "day"},
  {"text": "3/6/2013", "kind": "date", "start": "2013-06-03", "end": "2013-06-03", "precision": "day"},
  {"text": "tháng 9/2023", "kind": "date", "start": "2023-09", "end": "2023-09", "precision": "month"},
  {"text": "tháng 9 năm 2023", "kind": "date", "start": "2023-09", "end": "2023-09", "precision": "month"},
  {"text": "từ năm 2020 đến năm 2025", "kind": "range", "start": "2020", "end": "2025", "precision": "year"},
  {"text": "từ ngày 1/1/2023 đến ngày 31/12/2023", "kind": "range", "start": "2023-01-01", "end": "2023-12-31", "precision": "day"},
  {"text": "từ 2020 đến 2025", "kind": "range", "start": "2020", "end": "2025", "precision": "year"},
  {"text": "phong trào Dân vận khéo 2023–2025", "kind": "range", "start": "2023", "end": "2025", "precision": "year", "matched": "2023–2025"},
  {"text": "16/09/2023 19:47", "kind": "date", "start": "2023-09-16", "end": "2023-09-16", "precision": "day", "matched": "16/09/2023"},
  {"text": "ngày 29/2/2024", "kind": "date", "start": "2024-02-29", "end": "2024-02-29", "precision": "day"},
  {"text": "năm 2023 - 2025", "kind": "range", "start": "2023", "end": "2025", "precision": "year"},
  {"text": "ngày 1/3", "kind": "date", "start": "2024-03-01", "end": "2024-03-01", "precision": "day", "default_year": 2024}
])periods";

constexpr const char* kNotPeriods = R"notperiods([
  "60/2013/NĐ-CP", "93 năm Ngày truyền thống", "20 năm thực hiện", "số 1000-2000 người", "khóa XII",
  "12/2013", "Việt Nam 2023", "31/02/2023", "quý 5/2023", "13 tháng đầu năm", "hằng ngàn người",
  "giai đoạn 2025 - 2023", "", "ngày 1/3", "tháng 13/2023", "1.234.567"
])notperiods";

// The seed article's dates and periods, in order, written by hand.
constexpr const char* kSeedPeriods = R"seedperiods([
  {"kind": "date", "start": "2024-03-01", "end": "2024-03-01", "matched": "ngày 1/3/2024"},
  {"kind": "date", "start": "2023-09-16", "end": "2023-09-16", "matched": "16/09/2023"},
  {"kind": "months", "start": "2023-01", "end": "2023-09", "matched": "9 tháng đầu năm 2023"},
  {"kind": "year", "start": "2023", "end": "2023", "matched": "năm 2023"},
  {"kind": "date", "start": "2022-11-14", "end": "2022-11-14", "matched": "ngày 14/11/2022"},
  {"kind": "date", "start": "2023-06-23", "end": "2023-06-23", "matched": "ngày 23/6/2023"},
  {"kind": "date", "start": "2023-05-09", "end": "2023-05-09", "matched": "ngày 09/5/2023"},
  {"kind": "date", "start": "2017-10-03", "end": "2017-10-03", "matched": "ngày 03/10/2017"},
  {"kind": "date", "start": "2018-01-20", "end": "2018-01-20", "matched": "ngày 20/01/2018"},
  {"kind": "date", "start": "2013-12-12", "end": "2013-12-12", "matched": "ngày 12/12/2013"},
  {"kind": "date", "start": "2013-06-03", "end": "2013-06-03", "matched": "ngày 03/6/2013"},
  {"kind": "date", "start": "2019-01-07", "end": "2019-01-07", "matched": "ngày 07/01/2019"},
  {"kind": "date", "start": "2018-05-31", "end": "2018-05-31", "matched": "ngày 31/5/2018"},
  {"kind": "year", "start": "2023", "end": "2023", "matched": "năm 2023"},
  {"kind": "date", "start": "2021-03-18", "end": "2021-03-18", "matched": "ngày 18/3/2021"},
  {"kind": "range", "start": "2023", "end": "2025", "matched": "giai đoạn 2023 – 2025"},
  {"kind": "months", "start": "2023-01", "end": "2023-06", "matched": "6 tháng đầu năm 2023"},
  {"kind": "year", "start": "2023", "end": "2023", "matched": "năm 2023"},
  {"kind": "range", "start": "2023", "end": "2025", "matched": "giai đoạn 2023 -2025"},
  {"kind": "recurrence", "start": "", "end": "", "matched": "hằng quý"},
  {"kind": "months", "start": "2023-10", "end": "2023-12", "matched": "3 tháng cuối năm 2023"},
  {"kind": "year", "start": "2023", "end": "2023", "matched": "năm 2023"},
  {"kind": "date", "start": "2021-03-18", "end": "2021-03-18", "matched": "ngày 18/3/2021"},
  {"kind": "range", "start": "1930-10-15", "end": "2023-10-15", "matched": "15/10/1930 – 15/10/2023"}
])seedperiods";

std::vector<json> rows(const char* table) { return json::parse(table).get<std::vector<json>>(); }

std::string slice(const std::string& text, text_span bytes) { return text.substr(bytes.begin, bytes.size()); }

class Periods : public testing::TestWithParam<json> {};
TEST_P(Periods, FindsOneMatch) {
  const auto& row = GetParam();
  const std::string text = row["text"];
  SCOPED_TRACE(text);
  period_options o;
  o.default_year = row.value("default_year", 0);
  const auto found = scan_periods(text, o);
  ASSERT_EQ(found.size(), 1u);
  const auto& m = found[0];
  EXPECT_EQ(danvan::to_string(m.kind), row["kind"].get<std::string>());
  EXPECT_EQ(m.value.start.to_string(), row["start"].get<std::string>());
  EXPECT_EQ(m.value.end.to_string(), row["end"].get<std::string>());
  EXPECT_EQ(danvan::to_string(m.precision), row["precision"].get<std::string>());
  EXPECT_EQ(danvan::to_string(m.repeats), row.value("recurrence", std::string("none")));
  if (row.contains("months")) {
    EXPECT_EQ(m.first_month, row["months"][0].get<unsigned>());
    EXPECT_EQ(m.last_month, row["months"][1].get<unsigned>());
  }
  EXPECT_EQ(slice(text, m.byte_span), row.value("matched", text));
  EXPECT_EQ(m.span.size(), count_code_points(slice(text, m.byte_span)));
  EXPECT_TRUE(m.value.well_formed());
  EXPECT_EQ(m.single(), !m.value.start.empty() && m.value.start == m.value.end);
}
INSTANTIATE_TEST_SUITE_P(text, Periods, testing::ValuesIn(rows(kPeriods)),
                         [](const auto& info) { return "row" + std::to_string(info.index); });

class NotPeriod : public testing::TestWithParam<json> {};
TEST_P(NotPeriod, FindsNothing) {
  const std::string text = GetParam();
  EXPECT_TRUE(scan_periods(text).empty()) << text;
}
INSTANTIATE_TEST_SUITE_P(text, NotPeriod, testing::ValuesIn(rows(kNotPeriods)),
                         [](const auto& info) { return "row" + std::to_string(info.index); });

TEST(textPeriodsSeed, EveryDateAndPeriodInOrder) {
  DANVAN_SEED_ARTICLE(text);
  const auto found = scan_periods(text);
  const auto expected = rows(kSeedPeriods);
  ASSERT_EQ(found.size(), expected.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    SCOPED_TRACE("match " + std::to_string(i + 1));
    EXPECT_EQ(danvan::to_string(found[i].kind), expected[i]["kind"].get<std::string>());
    EXPECT_EQ(found[i].value.start.to_string(), expected[i]["start"].get<std::string>());
    EXPECT_EQ(found[i].value.end.to_string(), expected[i]["end"].get<std::string>());
    EXPECT_EQ(slice(text, found[i].byte_span), expected[i]["matched"].get<std::string>());
    EXPECT_EQ(found[i].span.begin, count_code_points(text.substr(0, found[i].byte_span.begin)));
  }
  EXPECT_EQ(found[19].repeats, recurrence::quarterly);
}

TEST(textPeriodsScan, RejectPolicyThrowsWithOffset) {
  period_options o;
  o.invalid = invalid_utf8::reject;
  try {
    (void)scan_periods("năm 2023 \xc3", o);
    FAIL() << "no exception";
  } catch (const invalid_utf8_error& e) {
    EXPECT_EQ(e.offset(), 10u);
  }
  const auto replaced = scan_periods("\xc3 năm 2023");
  ASSERT_EQ(replaced.size(), 1u);
  EXPECT_EQ(replaced[0].span.begin, 2u);
  EXPECT_EQ(replaced[0].byte_span.begin, 2u);
}

TEST(textPeriodsScan, EmptyInput) { EXPECT_TRUE(scan_periods("").empty()); }

}  // namespace

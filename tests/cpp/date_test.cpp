// Dates that keep their precision, and inclusive periods.
#include <danvan/date.hpp>

#include <gtest/gtest.h>

using danvan::date;
using danvan::period;

TEST(Date, ParsesEachPrecision) {
  struct row { const char* text; int y; unsigned m, d; danvan::precision p; };
  const row rows[] = {
      {"2023", 2023, 0, 0, danvan::precision::year},
      {"2023-09", 2023, 9, 0, danvan::precision::month},
      {"2023-09-16", 2023, 9, 16, danvan::precision::day},
      {"2024-02-29", 2024, 2, 29, danvan::precision::day},
      {"0001-01-01", 1, 1, 1, danvan::precision::day},
  };
  for (const auto& r : rows) {
    SCOPED_TRACE(r.text);
    auto d = date::parse(r.text);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->year(), r.y);
    EXPECT_EQ(d->month(), r.m);
    EXPECT_EQ(d->day(), r.d);
    EXPECT_EQ(d->precision(), r.p);
    EXPECT_EQ(d->to_string(), r.text);  // precision survives the round trip
  }
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  for (const char* text : {"2023-02-29", "2023-02-30", "2023-04-31", "2023-13", "2023-00", "2023-01-00", "0000",
                           "23", "2023-9-16", "16/09/2023", "2023-09-16T00:00", "", "abcd", "2023-1"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(date::parse(text).has_value());
  }
  EXPECT_THROW(date(2023, 2, 30), std::invalid_argument);
  EXPECT_THROW(date(2023, 0, 5), std::invalid_argument);
}

TEST(Date, CoarseDatesCoverTheirWholeSpan) {
  const date y = *date::parse("2023"), m = *date::parse("2023-02"), d = *date::parse("2023-06-30");
  EXPECT_EQ(y.first_day(), date(2023, 1, 1).first_day());
  EXPECT_EQ(y.last_day(), date(2023, 12, 31).last_day());
  EXPECT_EQ(m.last_day(), date(2023, 2, 28).first_day());
  EXPECT_EQ(date(2024, 2).last_day(), date(2024, 2, 29).first_day());
  EXPECT_EQ(date(1970, 1, 1).first_day(), 0);
  // SPEC: a due date of 2023 is not overdue on 2023-06-30.
  EXPECT_FALSE(danvan::surely_before(y, d));
  EXPECT_TRUE(danvan::surely_before(y, date(2024, 1, 1)));
  EXPECT_FALSE(danvan::surely_after(y, d));
  EXPECT_TRUE(danvan::surely_after(date(2024), d));
}

TEST(Date, OrdersByFirstDayThenPrecision) {
  EXPECT_LT(date(2023), date(2023, 1));
  EXPECT_LT(date(2023, 1), date(2023, 1, 1));
  EXPECT_LT(date(2023, 12, 31), date(2024));
  EXPECT_NE(date(2023), date(2023, 1));
}

TEST(Date, PlusYearsKeepsPrecision) {
  EXPECT_EQ(date(2018, 1, 20).plus_years(5), date(2023, 1, 20));
  EXPECT_EQ(date(2013).plus_years(10), date(2023));
  EXPECT_EQ(date(2024, 2, 29).plus_years(1), date(2025, 2, 28));
}

TEST(Period, InclusiveWithOpenEnds) {
  const period p{date(2023), date(2025)};  // giai đoạn 2023 – 2025
  EXPECT_TRUE(p.overlaps(date(2023, 1, 1)));
  EXPECT_TRUE(p.overlaps(date(2025, 12, 31)));
  EXPECT_FALSE(p.overlaps(date(2026, 1, 1)));
  EXPECT_FALSE(p.overlaps(date(2022, 12, 31)));
  const period open_end{date(2023, 3), {}};
  EXPECT_TRUE(open_end.overlaps(date(2999)));
  EXPECT_FALSE(open_end.overlaps(date(2023, 2, 28)));
  EXPECT_TRUE(p.overlaps(period{date(2025, 6), date(2027)}));
  EXPECT_FALSE(p.overlaps(period{date(2026), {}}));
  EXPECT_TRUE(p.well_formed());
  EXPECT_FALSE((period{date(2025), date(2023)}).well_formed());
  EXPECT_TRUE((period{date(2023, 5), date(2023)}).well_formed());  // ends in the same year
}

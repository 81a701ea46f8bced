// danvan — dates and periods written in Vietnamese text: `giai đoạn 2023 – 2025`,
// `9 tháng đầu năm 2023`, `quý III/2023`, `ngày 03 tháng 4 năm 2018`, `hằng quý`.
#pragma once

#include <string_view>
#include <vector>

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>
#include <danvan/text/normalize.hpp>
#include <danvan/text/span.hpp>

namespace danvan::text {

/// What kind of expression a period_match is.
enum class period_kind : unsigned char {
  date,        ///< one day or month: `ngày 14/11/2022`, `16/09/2023`, `tháng 9/2023`, `4.11.2013`
  year,        ///< `năm 2023`
  range,       ///< `giai đoạn 2023 – 2025`, `(15/10/1930 – 15/10/2023)`, `từ năm 2020 đến năm 2025`
  months,      ///< part of a year: `9 tháng đầu năm 2023` (Jan–Sep), `3 tháng cuối năm` (Oct–Dec)
  quarter,     ///< `quý III/2023`, `quý 1 năm 2024`, `quý IV`
  recurrence,  ///< `hằng quý`, `hàng tháng`, `hằng năm`: no dates, a repetition
};

/// How often a recurrence repeats.
enum class recurrence : unsigned char {
  none,       ///< not a recurrence
  daily,      ///< `hằng ngày`
  weekly,     ///< `hằng tuần`
  monthly,    ///< `hằng tháng`, `hàng tháng`
  quarterly,  ///< `hằng quý`
  yearly      ///< `hằng năm`
};

}  // namespace danvan::text

namespace danvan {
/// `danvan::to_string(period_kind::range) == "range"`, and the recurrences' words.
template <> struct enum_names<text::period_kind> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"date", "year", "range", "months", "quarter", "recurrence"};
};
/// Words of text::recurrence.
template <> struct enum_names<text::recurrence> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"none", "daily", "weekly", "monthly", "quarterly", "yearly"};
};
}  // namespace danvan

namespace danvan::text {

/// One date or period found in a text.
struct period_match {
  period_kind kind = period_kind::date;  ///< what kind of expression it is
  /// The time covered, inclusive; for a single date or year `start == end`.
  /// Empty for a recurrence, and for months or a quarter written without a
  /// year (unless period_options::default_year supplies one).
  danvan::period value;
  /// The coarser precision of the two ends (`none` when value is empty).
  danvan::precision precision = danvan::precision::none;
  /// For kind == recurrence.
  text::recurrence repeats = text::recurrence::none;
  /// For months and quarter: the months covered (1–12), known even without a year.
  unsigned first_month = 0;
  unsigned last_month = 0;  ///< the last month covered (1–12); 0 for other kinds
  /// Where the expression is, keyword included (`giai đoạn`, `năm`, `ngày`), in code points.
  text_span span;
  /// The same span in bytes.
  text_span byte_span;

  /// True for a single date or year (not a range).
  [[nodiscard]] bool single() const noexcept { return !value.start.empty() && value.start == value.end; }
};

/// How scan_periods() reads.
struct period_options {
  /// The year of `6 tháng đầu năm` or `quý III` when the text leaves it out
  /// (e.g. the year of the report); 0 leaves such periods without dates.
  int default_year = 0;
  invalid_utf8 invalid = invalid_utf8::replace;  ///< what to do with ill-formed UTF-8
};

/// Every date and period in a text, in order, with spans, into the core
/// model's types. Linear time; throws invalid_utf8_error only under
/// invalid_utf8::reject.
[[nodiscard]] std::vector<period_match> scan_periods(std::string_view text, const period_options& options = {});

}  // namespace danvan::text

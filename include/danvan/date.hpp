// danvan — calendar dates that keep their precision, and inclusive periods.
#pragma once

#include <climits>
#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace danvan {

/// How much of a date is known.
enum class precision : std::uint8_t {
  none,   ///< nothing: the empty date
  year,   ///< the year only (`2023`): the whole year
  month,  ///< year and month (`2023-09`): the whole month
  day     ///< a single day (`2023-09-16`)
};

/// A proleptic Gregorian date known to the year, the month or the day
/// (`2023`, `2023-09`, `2023-09-16`). A date of lower precision stands for the
/// whole year or month: it starts at first_day() and ends at last_day().
/// Four bytes; a default-constructed date is empty (precision::none).
class date {
 public:
  /// The empty date (precision::none): "not known" or "open" wherever a date may be left out.
  constexpr date() noexcept = default;

  /// The date `year[-month[-day]]`; month or day 0 means "not known".
  /// Throws std::invalid_argument for an impossible date (`2023-02-30`, month 13, year 0).
  constexpr date(int year, unsigned month = 0, unsigned day = 0);

  /// Parses ISO 8601 `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nothing when the text is not
  /// one of those forms or names an impossible date.
  static constexpr std::optional<date> parse(std::string_view text) noexcept;

  /// Why `text` is not a date parse() accepts (`day 30 does not exist in 2023-02`);
  /// empty when it is one.
  static std::string why_not(std::string_view text);

  /// True for the empty date (no year).
  [[nodiscard]] constexpr bool empty() const noexcept { return year_ == 0; }
  /// The year, 1 to 9999; 0 for the empty date.
  [[nodiscard]] constexpr int year() const noexcept { return year_; }
  /// The month, 1 to 12; 0 when not known.
  [[nodiscard]] constexpr unsigned month() const noexcept { return month_; }
  /// The day of the month, 1 to 31; 0 when not known.
  [[nodiscard]] constexpr unsigned day() const noexcept { return day_; }
  /// How much of the date is known: none (empty), year, month or day.
  [[nodiscard]] constexpr danvan::precision precision() const noexcept {
    return year_ == 0 ? precision::none : month_ == 0 ? precision::year
                                        : day_ == 0   ? precision::month
                                                      : precision::day;
  }

  /// Days since 1970-01-01 of the first day this date covers; INT32_MIN for the
  /// empty date (an open start).
  [[nodiscard]] constexpr std::int32_t first_day() const noexcept;
  /// Days since 1970-01-01 of the last day this date covers; INT32_MAX for the
  /// empty date (an open end).
  [[nodiscard]] constexpr std::int32_t last_day() const noexcept;

  /// This date moved by whole years, keeping its precision (29 February becomes 28 February
  /// in a common year). The empty date stays empty; throws std::invalid_argument when
  /// the year leaves 1..9999.
  [[nodiscard]] constexpr date plus_years(int years) const;

  /// ISO 8601 text at this date's precision; empty for an empty date.
  [[nodiscard]] std::string to_string() const;

  /// Identity (same fields), not calendar order: `2023 != 2023-01`.
  friend constexpr bool operator==(date, date) noexcept = default;
  /// Sort order: by first day, then coarser precision first. Use the
  /// `surely_before`/`surely_after` functions below for questions about time.
  friend constexpr std::strong_ordering operator<=>(date a, date b) noexcept {
    if (auto c = a.first_day() <=> b.first_day(); c != 0) return c;
    return a.precision() <=> b.precision();
  }

  /// True when year `y` of the proleptic Gregorian calendar is a leap year.
  static constexpr bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
  /// Number of days of month `m` (1 to 12; other values are undefined behaviour) in year `y`.
  static constexpr unsigned days_in_month(int y, unsigned m) noexcept {
    constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
  }

 private:
  std::int16_t year_ = 0;
  std::uint8_t month_ = 0;
  std::uint8_t day_ = 0;
};

/// True when all of `a` lies before all of `b` (`2023` is not surely before `2023-06-30`).
constexpr bool surely_before(date a, date b) noexcept { return a.last_day() < b.first_day(); }
/// True when all of `a` lies after all of `b`.
constexpr bool surely_after(date a, date b) noexcept { return a.first_day() > b.last_day(); }

/// An inclusive span of time `[start, end]`; either end may be empty (open).
/// "giai đoạn 2023 – 2025" is {2023, 2025}: 2023-01-01 through 2025-12-31.
struct period {
  date start;  ///< the first day covered is start.first_day(); empty: open (no known start)
  date end;    ///< the last day covered is end.last_day(); empty: open (no known end)

  /// True when both ends are empty (no dates known).
  [[nodiscard]] constexpr bool empty() const noexcept { return start.empty() && end.empty(); }
  /// False when the end lies wholly before the start.
  [[nodiscard]] constexpr bool well_formed() const noexcept {
    return start.empty() || end.empty() || end.last_day() >= start.first_day();
  }
  /// True when the period may include some day of `d` (an open end reaches forever).
  [[nodiscard]] constexpr bool overlaps(date d) const noexcept {
    return (start.empty() || start.first_day() <= d.last_day()) &&
           (end.empty() || end.last_day() >= d.first_day());
  }
  /// True when the two periods share at least one day.
  [[nodiscard]] constexpr bool overlaps(const period& o) const noexcept {
    return (start.empty() || o.end.empty() || start.first_day() <= o.end.last_day()) &&
           (o.start.empty() || end.empty() || o.start.first_day() <= end.last_day());
  }
  /// Same ends, compared as dates are (identity, not calendar order).
  friend constexpr bool operator==(const period&, const period&) noexcept = default;
};

// ---- implementation -------------------------------------------------------

namespace detail {
// Days from civil (Howard Hinnant's algorithm), exact for the proleptic Gregorian calendar.
constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}
/// The ISO form of a date written day first, as Vietnamese texts do (`30/09/2023`,
/// `9/2023`, `30.9.2023`, `30-09-2023`), when it is one; empty otherwise.
inline std::string iso_guess(std::string_view s) {
  int parts[3] = {0, 0, 0};
  std::size_t widths[3] = {0, 0, 0}, n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (widths[n] == 4) return {};
      parts[n] = parts[n] * 10 + (c - '0');
      ++widths[n];
    } else if ((c == '/' || c == '.' || c == '-') && widths[n] > 0 && n < 2) {
      ++n;
    } else {
      return {};
    }
  }
  if (n == 0 || widths[n] != 4) return {};
  const int year = parts[n];
  const int month = parts[n - 1];
  const int day = n == 2 ? parts[0] : 0;
  if (year < 1 || month < 1 || month > 12 || widths[n - 1] > 2 || (n == 2 && (widths[0] > 2 || day < 1))) return {};
  if (n == 2 && static_cast<unsigned>(day) > date::days_in_month(year, static_cast<unsigned>(month))) return {};
  auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  std::string out = std::to_string(year) + "-" + two(month);
  if (n == 2) out += "-" + two(day);
  return out;
}

}  // namespace detail

constexpr date::date(int year, unsigned month, unsigned day) {
  if (year < 1 || year > 9999) throw std::invalid_argument("year must be between 1 and 9999");
  if (month > 12) throw std::invalid_argument("month must be between 1 and 12");
  if (month == 0 && day != 0) throw std::invalid_argument("a day needs a month");
  if (day != 0 && day > days_in_month(year, month))
    throw std::invalid_argument("day " + std::to_string(day) + " does not exist in " +
                                std::to_string(year) + "-" + (month < 10 ? "0" : "") +
                                std::to_string(month));
  year_ = static_cast<std::int16_t>(year);
  month_ = static_cast<std::uint8_t>(month);
  day_ = static_cast<std::uint8_t>(day);
}

constexpr std::optional<date> date::parse(std::string_view s) noexcept {
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, y) || y == 0) return std::nullopt;
  if (s.size() == 4) return date(y);
  if (s.size() < 7 || s[4] != '-' || !digits(5, 2, m) || m < 1 || m > 12) return std::nullopt;
  if (s.size() == 7) return date(y, static_cast<unsigned>(m));
  if (s.size() != 10 || s[7] != '-' || !digits(8, 2, d) || d < 1 ||
      static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m)))
    return std::nullopt;
  return date(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

constexpr std::int32_t date::first_day() const noexcept {
  if (empty()) return INT32_MIN;
  return detail::days_from_civil(year_, month_ ? month_ : 1u, day_ ? day_ : 1u);
}

constexpr std::int32_t date::last_day() const noexcept {
  if (empty()) return INT32_MAX;
  const unsigned m = month_ ? month_ : 12u;
  return detail::days_from_civil(year_, m, day_ ? day_ : days_in_month(year_, m));
}

constexpr date date::plus_years(int years) const {
  if (empty()) return *this;
  const int y = year_ + years;
  const unsigned d = (day_ != 0 && month_ == 2 && day_ == 29 && !is_leap(y)) ? 28u : day_;
  return date(y, month_, d);
}

inline std::string date::why_not(std::string_view s) {
  if (parse(s)) return {};
  auto digits = [&](std::size_t pos, std::size_t n) {
    for (std::size_t i = pos; i < pos + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  const bool shaped = (s.size() == 4 && digits(0, 4)) ||
                      (s.size() == 7 && digits(0, 4) && s[4] == '-' && digits(5, 2)) ||
                      (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2));
  if (!shaped) {
    const std::string guess = detail::iso_guess(s);
    return "expected YYYY, YYYY-MM or YYYY-MM-DD" + (guess.empty() ? std::string() : "; did you mean " + guess + "?");
  }
  auto number = [&](std::size_t pos, std::size_t n) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int y = number(0, 4);
  const unsigned m = s.size() >= 7 ? static_cast<unsigned>(number(5, 2)) : 0u;
  const unsigned d = s.size() == 10 ? static_cast<unsigned>(number(8, 2)) : 0u;
  if (s.size() >= 7 && (m == 0 || m > 12)) return "the month must be between 01 and 12";
  if (s.size() == 10 && d == 0) return "the day must be between 01 and 31";
  try {
    (void)date(y, m, d);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "expected YYYY, YYYY-MM or YYYY-MM-DD";
}

inline std::string date::to_string() const {
  if (empty()) return {};
  char buf[11];
  auto put = [&](int pos, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) buf[pos + i] = static_cast<char>('0' + value % 10);
  };
  put(0, year_, 4);
  std::size_t n = 4;
  if (month_) { buf[4] = '-'; put(5, month_, 2); n = 7; }
  if (day_) { buf[7] = '-'; put(8, day_, 2); n = 10; }
  return std::string(buf, n);
}

}  // namespace danvan

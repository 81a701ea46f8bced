// Dates and periods over the same normalized tokens as references: dashes are
// already `-`, tone marks canonical (`khoá` = `khóa`), whitespace collapsed.
#include <danvan/text/periods.hpp>

#include "text/detail/scan.hpp"
#include <danvan/text/reference.hpp>

#include <stdexcept>

namespace danvan::text {

namespace {

using detail::token_stream;

// A date expression ending at token `last`.
struct when {
  danvan::date d;
  std::size_t last = 0;
};

class period_parser {
 public:
  period_parser(const token_stream& ts, const period_options& o) : ts_(ts), o_(o) {}

  // Tries every form at token i; on success fills m (value, kind, ...) and `last`.
  bool at(std::size_t i, period_match& m, std::size_t& last) const {
    m = period_match{};
    if (recurring(i, m, last)) return true;
    if (prefixed_range(i, m, last)) return true;
    if (from_to(i, m, last)) return true;
    if (part_of_year(i, m, last)) return true;
    if (quarter(i, m, last)) return true;
    when a;
    if (!date_expr(i, a)) return false;
    // A date followed by `- date` is a range: `15/10/1930 – 15/10/2023`, `năm 2023 - 2025`.
    when b;
    if (ts_.is_punct(a.last + 1, '-') && (date_expr(a.last + 2, b) || bare_year(a.last + 2, a.d, b)) &&
        ordered(a.d, b.d)) {
      set_range(m, a.d, b.d);
      last = b.last;
      return true;
    }
    m.kind = a.d.month() == 0 ? period_kind::year : period_kind::date;
    m.value = {a.d, a.d};
    m.precision = a.d.precision();
    last = a.last;
    return true;
  }

 private:
  bool glued_punct(std::size_t i, char32_t c) const { return ts_.is_punct(i, c) && ts_.glued(i); }
  bool glued_number(std::size_t i) const { return ts_.is_number(i) && ts_.glued(i); }
  bool year_at(std::size_t i, int& y) const {
    if (!ts_.is_number(i) || ts_.digits_of(i) != 4) return false;
    const long v = ts_.value_of(i);
    if (v < 1000 || v > 2999) return false;
    y = static_cast<int>(v);
    return true;
  }
  // A number that is part of something larger (`60/2013/NĐ-CP`, `1.234`) is not a date.
  bool stands_alone(std::size_t i) const {
    if (i == 0 || !ts_.glued(i)) return true;
    const auto& p = ts_[i - 1];
    return p.kind == detail::tok::punct && p.punct != '/' && p.punct != '-' && p.punct != '.' && p.punct != ',';
  }
  bool ends_alone(std::size_t last) const {
    const std::size_t n = last + 1;
    if (!ts_.glued(n) || n >= ts_.size()) return true;
    if (ts_.is_word(n) || ts_.is_number(n)) return false;
    return !((ts_[n].punct == '/' || ts_[n].punct == '-' || ts_[n].punct == '.') &&
             (ts_.is_number(n + 1) || ts_.is_word(n + 1)) && ts_.glued(n + 1));
  }

  static danvan::date make(long y, long mo, long d) {
    if (y < 1000 || y > 2999 || mo < 0 || mo > 12 || d < 0 || d > 31 || (d > 0 && mo == 0)) return {};
    try {
      return danvan::date(static_cast<int>(y), static_cast<unsigned>(mo), static_cast<unsigned>(d));
    } catch (const std::invalid_argument&) {
      return {};
    }
  }

  static bool ordered(danvan::date a, danvan::date b) { return b.last_day() >= a.first_day(); }

  static void set_range(period_match& m, danvan::date a, danvan::date b) {
    m.kind = period_kind::range;
    m.value = {a, b};
    m.precision = std::min(a.precision(), b.precision());
  }

  // `ngày 14/11/2022`, `14-11-2022`, `4.11.2013`, `ngày 03 tháng 4 năm 2018`,
  // `tháng 9/2023`, `tháng 9 năm 2023`, `năm 2023`.
  bool date_expr(std::size_t k, when& w) const {
    std::size_t i = k;
    const bool ngay = ts_.word_is(i, "ngày");
    if (ngay) ++i;
    if (ts_.is_number(i) && (ngay || stands_alone(i))) {
      const long d = ts_.value_of(i);
      for (const char32_t sep : {U'/', U'-', U'.'}) {
        if (glued_punct(i + 1, sep) && glued_number(i + 2) && glued_punct(i + 3, sep) && glued_number(i + 4) &&
            ts_.digits_of(i + 4) == 4 && ends_alone(i + 4)) {
          w.d = make(ts_.value_of(i + 4), ts_.value_of(i + 2), d);
          w.last = i + 4;
          return !w.d.empty();
        }
      }
      if (ts_.word_is(i + 1, "tháng") && ts_.is_number(i + 2) && ts_.word_is(i + 3, "năm")) {
        int y = 0;
        if (!year_at(i + 4, y)) return false;
        w.d = make(y, ts_.value_of(i + 2), d);
        w.last = i + 4;
        return !w.d.empty();
      }
      if (ngay && o_.default_year != 0 && glued_punct(i + 1, '/') && glued_number(i + 2) && ends_alone(i + 2)) {
        w.d = make(o_.default_year, ts_.value_of(i + 2), d);
        w.last = i + 2;
        return !w.d.empty();
      }
      return false;
    }
    if (ngay) return false;
    if (ts_.word_is(i, "tháng") && ts_.is_number(i + 1)) {
      const long mo = ts_.value_of(i + 1);
      int y = 0;
      if (glued_punct(i + 2, '/') && ts_.glued(i + 3) && year_at(i + 3, y)) {
        w.last = i + 3;
      } else if (ts_.word_is(i + 2, "năm") && year_at(i + 3, y)) {
        w.last = i + 3;
      } else {
        return false;
      }
      if (mo < 1) return false;
      w.d = make(y, mo, 0);
      return !w.d.empty();
    }
    int y = 0;
    if (ts_.word_is(i, "năm") && year_at(i + 1, y) && ends_alone(i + 1)) {
      w.d = make(y, 0, 0);
      w.last = i + 1;
      return true;
    }
    return false;
  }

  // `2025` after `2023 -`: a year on its own is only a date as the end of a range.
  bool bare_year(std::size_t i, danvan::date start, when& w) const {
    int y = 0;
    if (start.month() != 0 || !year_at(i, y) || !ends_alone(i)) return false;
    w.d = make(y, 0, 0);
    w.last = i;
    return true;
  }

  // `giai đoạn 2023 – 2025`, `nhiệm kỳ 2020-2025`, `thời kỳ 2021 - 2030`, and a bare `2023-2025`.
  bool prefixed_range(std::size_t i, period_match& m, std::size_t& last) const {
    std::size_t k = i;
    const bool prefix = (ts_.word_is(k, "giai") && ts_.word_is(k + 1, "đoạn")) ||
                        (ts_.word_is(k, "nhiệm") && ts_.word_is(k + 1, "kỳ")) ||
                        (ts_.word_is(k, "thời") && ts_.word_is(k + 1, "kỳ"));
    if (prefix) k += 2;
    int a = 0, b = 0;
    if (!year_at(k, a) || !ts_.is_punct(k + 1, '-') || !year_at(k + 2, b) || !ends_alone(k + 2)) return false;
    if (!prefix && (!stands_alone(k) || a < 1800 || b > 2200)) return false;
    if (b < a) return false;
    set_range(m, make(a, 0, 0), make(b, 0, 0));
    last = k + 2;
    return true;
  }

  // `từ năm 2020 đến năm 2025`, `từ ngày 1/1/2023 đến ngày 31/12/2023`, `từ 2020 đến 2025`.
  bool from_to(std::size_t i, period_match& m, std::size_t& last) const {
    if (!ts_.word_is(i, "từ")) return false;
    when a, b;
    int y = 0;
    std::size_t k;
    if (date_expr(i + 1, a)) {
      k = a.last + 1;
    } else if (year_at(i + 1, y)) {
      a.d = make(y, 0, 0);
      k = i + 2;
    } else {
      return false;
    }
    if (!ts_.word_is(k, "đến") && !ts_.word_is(k, "tới")) return false;
    if (date_expr(k + 1, b)) {
      last = b.last;
    } else if (year_at(k + 1, y)) {
      b.d = make(y, 0, 0);
      last = k + 1;
    } else {
      return false;
    }
    if (!ordered(a.d, b.d)) return false;
    set_range(m, a.d, b.d);
    return true;
  }

  // `9 tháng đầu năm 2023`, `6 tháng đầu năm`, `3 tháng cuối năm 2023`.
  bool part_of_year(std::size_t i, period_match& m, std::size_t& last) const {
    if (!ts_.is_number(i) || !stands_alone(i) || !ts_.word_is(i + 1, "tháng")) return false;
    const bool first = ts_.word_is(i + 2, "đầu");
    if (!first && !ts_.word_is(i + 2, "cuối")) return false;
    if (!ts_.word_is(i + 3, "năm")) return false;
    const long n = ts_.value_of(i);
    if (n < 1 || n > 12) return false;
    m.kind = period_kind::months;
    m.first_month = first ? 1u : static_cast<unsigned>(13 - n);
    m.last_month = first ? static_cast<unsigned>(n) : 12u;
    last = i + 3;
    int y = 0;
    if (year_at(i + 4, y) && ends_alone(i + 4)) {
      last = i + 4;
    } else {
      y = o_.default_year;
    }
    set_months(m, y);
    return true;
  }

  // `quý III/2023`, `quý 3 năm 2023`, `quý IV`.
  bool quarter(std::size_t i, period_match& m, std::size_t& last) const {
    if (!ts_.word_is(i, "quý")) return false;
    int q = 0;
    if (ts_.is_word(i + 1)) {
      q = parse_roman(ts_.text_of(i + 1));
    } else if (ts_.is_number(i + 1)) {
      q = static_cast<int>(ts_.value_of(i + 1));
    }
    if (q < 1 || q > 4) return false;
    m.kind = period_kind::quarter;
    m.first_month = static_cast<unsigned>(3 * q - 2);
    m.last_month = static_cast<unsigned>(3 * q);
    last = i + 1;
    int y = 0;
    if (glued_punct(i + 2, '/') && ts_.glued(i + 3) && year_at(i + 3, y)) {
      last = i + 3;
    } else if (ts_.word_is(i + 2, "năm") && year_at(i + 3, y)) {
      last = i + 3;
    } else {
      y = o_.default_year;
    }
    set_months(m, y);
    return true;
  }

  void set_months(period_match& m, int y) const {
    if (y == 0) return;
    m.value = {make(y, m.first_month, 0), make(y, m.last_month, 0)};
    m.precision = precision::month;
  }

  // `hằng quý`, `hàng tháng`, `hằng năm`, `hằng tuần`, `hằng ngày`.
  bool recurring(std::size_t i, period_match& m, std::size_t& last) const {
    if (!ts_.word_is(i, "hằng") && !ts_.word_is(i, "hàng")) return false;
    recurrence r = recurrence::none;
    const std::string w = ts_.is_word(i + 1) ? ts_.lower_of(i + 1) : std::string();
    if (w == "ngày") r = recurrence::daily;
    else if (w == "tuần") r = recurrence::weekly;
    else if (w == "tháng") r = recurrence::monthly;
    else if (w == "quý") r = recurrence::quarterly;
    else if (w == "năm") r = recurrence::yearly;
    if (r == recurrence::none) return false;
    // `hằng năm 2023` would be odd, but `năm 2023` must then stay a year.
    if (r == recurrence::yearly && ts_.is_number(i + 2)) return false;
    m.kind = period_kind::recurrence;
    m.repeats = r;
    last = i + 1;
    return true;
  }

  const token_stream& ts_;
  const period_options& o_;
};

}  // namespace

std::vector<period_match> scan_periods(std::string_view text, const period_options& options) {
  std::vector<period_match> found;
  detail::for_each_chunk(
      text, options.invalid, [](std::string_view) { return true; },
      [&](const detail::chunk_view& chunk) {
        const auto& ts = *chunk.tokens;
        const period_parser p(ts, options);
        period_match m;
        for (std::size_t i = 0; i < ts.size(); ++i) {
          std::size_t last = 0;
          if (!p.at(i, m, last)) continue;
          m.byte_span = chunk.bytes_of(i, last);
          found.push_back(m);
          i = last;
        }
      });
  detail::code_point_counter counter(text);
  for (auto& m : found) {
    m.span.begin = counter.at(m.byte_span.begin);
    m.span.end = counter.at(m.byte_span.end);
  }
  return found;
}

}  // namespace danvan::text

#include "svg_timeline.hpp"

#include "html.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>

namespace danvan::cli::report {
namespace {

constexpr int label_width = 300, chart_width = 760, row_height = 18, axis_height = 28;

struct axis {
  std::int32_t first = 0, last = 1;  // days since 1970 of the chart's two edges
  [[nodiscard]] double x(std::int32_t day) const {
    return label_width + (static_cast<double>(day - first) / (last - first)) * chart_width;
  }
};

/// The days the rows span, open ends left out; nothing when no row has a date.
axis span_of(const std::vector<timeline_row>& rows) {
  std::int32_t lo = INT32_MAX, hi = INT32_MIN;
  for (const auto& r : rows) {
    if (!r.when.start.empty()) lo = std::min(lo, r.when.start.first_day()), hi = std::max(hi, r.when.start.last_day());
    if (!r.when.end.empty()) lo = std::min(lo, r.when.end.first_day()), hi = std::max(hi, r.when.end.last_day());
  }
  if (lo > hi) return {};
  // Whole months at both edges.
  const std::int32_t first = lo, last = hi + 1;
  return {first, std::max(last, first + 28)};
}

std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

/// Ticks on the first day of each year, quarter or month, by the span.
std::string ticks(const axis& a, int height) {
  const int span_days = a.last - a.first;
  const unsigned step = span_days > 3 * 366 ? 12 : span_days > 380 ? 3 : 1;
  date d = date(1970);
  std::string out;
  // The first month at or before the axis start.
  int y = 1970 + (a.first / 366) - 1;
  while (date(y + 1, 1, 1).first_day() <= a.first) ++y;
  unsigned m = 1;
  for (int guard = 0; guard < 2000; ++guard) {
    d = date(y, m, 1);
    const std::int32_t day = d.first_day();
    if (day > a.last) break;
    if (day >= a.first) {
      const std::string x = num(a.x(day));
      const std::string text = step == 12 ? std::to_string(y) : d.to_string().substr(0, 7);
      out += "<line class=\"tick\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + std::to_string(axis_height - 6) +
             "\" y2=\"" + std::to_string(height) + "\"/><text class=\"tick\" x=\"" + x + "\" y=\"" +
             std::to_string(axis_height - 10) + "\">" + escape(text) + "</text>";
    }
    m += step;
    if (m > 12) m -= 12, ++y;
  }
  return out;
}

std::string bar(const axis& a, const timeline_row& r, int y) {
  const bool open_start = r.when.start.empty(), open_end = r.when.end.empty();
  const std::int32_t from = open_start ? a.first : r.when.start.first_day();
  const std::int32_t to = open_end ? a.last : r.when.end.last_day() + 1;
  const double x0 = a.x(from), x1 = std::max(a.x(to), x0 + 3);
  std::string cls = r.group ? "bar group" : "bar";
  if (open_start || open_end) cls += " open";
  return "<rect class=\"" + cls + "\" x=\"" + num(x0) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
         num(x1 - x0) + "\" height=\"" + std::to_string(row_height - 6) + "\"><title>" + escape(r.title) +
         "</title></rect>";
}

}  // namespace

std::string timeline_svg(const std::vector<timeline_row>& rows, date today) {
  const axis a = span_of(rows);
  const int height = axis_height + static_cast<int>(rows.size()) * row_height + 4;
  const int width = label_width + chart_width + 20;
  std::string out = "<svg class=\"timeline\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" role=\"img\">";
  out += ticks(a, height);
  int y = axis_height;
  for (const auto& r : rows) {
    out += "<text class=\"" + std::string(r.group ? "label group" : "label") + "\" x=\"" +
           std::to_string(r.group ? 4 : 14) + "\" y=\"" + std::to_string(y + row_height - 5) + "\">" +
           escape(shorten(r.label, r.group ? 44 : 42)) + "<title>" + escape(r.title) + "</title></text>";
    out += bar(a, r, y);
    y += row_height;
  }
  if (!today.empty() && today.first_day() >= a.first && today.first_day() <= a.last) {
    const std::string x = num(a.x(today.first_day()));
    out += "<line class=\"today\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + std::to_string(axis_height - 6) +
           "\" y2=\"" + std::to_string(height) + "\"><title>" + escape(today.to_string()) + "</title></line>";
  }
  return out + "</svg>";
}

}  // namespace danvan::cli::report

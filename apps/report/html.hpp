// danvan report — small HTML helpers: escaping, and tables that read well with or
// without scripts (a header row, body rows, a note on the rows left out).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::cli::report {

/// `s` with `&`, `<`, `>`, `"` and `'` written as character references, for text and
/// attribute values of HTML and SVG alike; NUL and other C0 controls but tab and
/// newline are dropped.
[[nodiscard]] std::string escape(std::string_view s);

/// `s` cut to at most `max` code points, with `…` when cut (never inside a character).
[[nodiscard]] std::string shorten(std::string_view s, std::size_t max);

/// Number of code points of UTF-8 `s`.
[[nodiscard]] std::size_t code_points(std::string_view s);

/// `<tag class="cls">` + already-HTML `inner` + `</tag>`.
[[nodiscard]] std::string element(std::string_view tag, std::string_view cls, std::string_view inner);

/// A table cell: HTML content and, for sorting, a plain value (a number or a date
/// sorts as such; empty: the cell's text).
struct cell {
  std::string html;
  std::string sort;
};

/// A cell holding `text` escaped.
[[nodiscard]] cell text_cell(std::string_view text);
/// A cell holding a number, sorted as one.
[[nodiscard]] cell number_cell(std::size_t n);

/// A table of HTML cells. The page's script makes tables sortable (click a heading)
/// and filterable (the search box before them); without scripts they are plain tables.
struct table {
  std::vector<std::string> headings;  ///< plain text, escaped when written
  std::vector<std::vector<cell>> rows;
  std::string note;  ///< plain text under the table, e.g. how many rows were left out
  /// The table as HTML, with a filter box labelled `filter_hint` when it has more than
  /// a few rows.
  [[nodiscard]] std::string html(std::string_view filter_hint) const;
};

/// `<span class="letter">R</span>` and the like: a badge for a RACI letter or a severity.
[[nodiscard]] std::string badge(std::string_view cls, std::string_view text);

}  // namespace danvan::cli::report

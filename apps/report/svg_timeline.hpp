// danvan report — a timeline as inline SVG: one bar per dated item on a date axis
// whose ticks are labelled with dates (years, quarters or months, by the span shown).
#pragma once

#include <danvan/date.hpp>

#include <string>
#include <vector>

namespace danvan::cli::report {

/// One row of the timeline.
struct timeline_row {
  std::string label;   ///< shown at the left (plain text; escaped when written)
  std::string title;   ///< the tooltip (plain text)
  period when;         ///< either end may be open; a due date is a period of one day
  bool group = false;  ///< a program (drawn bolder; its tasks follow it)
};

/// The SVG of `rows` (at least one dated end each); `today` draws a marker line when set.
[[nodiscard]] std::string timeline_svg(const std::vector<timeline_row>& rows, date today);

}  // namespace danvan::cli::report

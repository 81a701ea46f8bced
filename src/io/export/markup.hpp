// What the XML and DOT writers share besides the buffered output
// (detail/chunked_output.hpp): the attribute columns of a graph table, their types, and
// a date as the whole days it covers.
#pragma once

#include "detail/chunked_output.hpp"
#include <danvan/date.hpp>
#include <danvan/table.hpp>

#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::detail {

/// The GraphML/GEXF type word of a column's values: long, double, boolean or string.
std::string_view attribute_type(column_kind kind) noexcept;

/// The columns of `t` that are attributes: all but those named in `structural`
/// (`id`, `source`, `target`).
std::vector<const column*> attributes(const table& t, std::initializer_list<std::string_view> structural);

/// The first (`last` false) or last day `d` covers as `YYYY-MM-DD`; empty for an
/// empty date.
std::string whole_day(date d, bool last);

}  // namespace danvan::detail

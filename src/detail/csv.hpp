// CSV as danvan writes it: one field, and the rows of a table without its header (for a
// format with header rows of its own: HXL's hashtag row under the column names).
#pragma once

#include <danvan/table.hpp>

#include <iosfwd>
#include <string>
#include <string_view>

namespace danvan::detail {

/// Appends `s` as one CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF.
void append_csv_field(std::string& line, std::string_view s);

/// The rows of `t` as danvan::write_csv writes them, without the header line.
void write_csv_rows(std::ostream& out, const table& t, const network* net);

}  // namespace danvan::detail

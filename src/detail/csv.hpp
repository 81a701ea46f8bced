// The rows of a CSV table without its header: for a format with header rows of its own
// (HXL's hashtag row under the column names).
#pragma once

#include <danvan/table.hpp>

#include <iosfwd>

namespace danvan::detail {

/// The rows of `t` as danvan::write_csv writes them, without the header line.
void write_csv_rows(std::ostream& out, const table& t, const network* net);

}  // namespace danvan::detail

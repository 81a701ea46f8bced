// The text is read in chunks of about 256 KiB, cut at line breaks, so that
// the token arrays of one chunk stay small and the text layer's scans of the
// next chunk can run on another thread meanwhile.
#pragma once

#include <danvan/text/periods.hpp>
#include <danvan/text/reference.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace danvan::text::detail {

/// Where to cut the text into chunks of about `size` bytes: after a line break.
std::vector<std::size_t> chunk_cuts(std::string_view text, std::size_t size);

/// What the text layer finds in one chunk: references and periods, with byte
/// spans of the whole text (code-point spans are recomputed later).
struct chunk_scan {
  std::vector<document_reference> refs;
  std::vector<period_match> periods;
};

/// The text layer's scans of bytes [from, to) of `text`.
chunk_scan scan_chunk(std::string_view text, std::size_t from, std::size_t to, int default_year);

}  // namespace danvan::text::detail

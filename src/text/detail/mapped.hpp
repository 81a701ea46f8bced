// danvan::text::detail — normalization that remembers where each output byte
// came from, so that matches found in normalized text can be reported as
// spans of the original. Not part of the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <danvan/text/normalize.hpp>

namespace danvan::text::detail {

struct mapped_text {
  std::string text;                  ///< normalize(input)
  std::vector<std::uint32_t> begin;  ///< per byte of text: first input byte of its source
  std::vector<std::uint32_t> end;    ///< per byte of text: one past the last input byte of its source
  bool input_valid = true;           ///< no ill-formed UTF-8 was replaced
};

/// normalize(input, options) into out, with the byte map. `base` is added to
/// byte offsets in invalid_utf8_error messages (input may be a chunk).
/// Inputs must be shorter than 4 GiB.
void normalize_mapped(std::string_view input, const normalize_options& options, mapped_text& out,
                      std::size_t base = 0);

}  // namespace danvan::text::detail

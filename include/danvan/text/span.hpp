// danvan — half-open ranges into a text, in code points or in bytes.
#pragma once

#include <cstddef>

/// The text layer: Vietnamese normalization and search keys, ranked name look-up,
/// document references, dates and periods, the gazetteer, and extraction of draft
/// network entries from report text. Every function that reads UTF-8 takes an
/// explicit policy for ill-formed input (invalid_utf8).
namespace danvan::text {

/// A half-open range `[begin, end)` into a text. The text layer reports every
/// match twice: in Unicode code points (what data files keep as evidence, and
/// what Python's `str` slicing uses) and in UTF-8 bytes (what C++ slices).
struct text_span {
  std::size_t begin = 0;  ///< offset of the first unit (code point or byte)
  std::size_t end = 0;    ///< offset one past the last unit

  /// Length in units (code points or bytes, as the span counts).
  [[nodiscard]] constexpr std::size_t size() const noexcept { return end - begin; }
  /// True when the span covers nothing.
  [[nodiscard]] constexpr bool empty() const noexcept { return end == begin; }
  /// Same begin and end.
  friend constexpr bool operator==(text_span, text_span) noexcept = default;
};

}  // namespace danvan::text

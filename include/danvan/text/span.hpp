// danvan — half-open ranges into a text, in code points or in bytes.
#pragma once

#include <cstddef>

namespace danvan::text {

/// A half-open range `[begin, end)` into a text. The text layer reports every
/// match twice: in Unicode code points (what data files keep as evidence, and
/// what Python's `str` slicing uses) and in UTF-8 bytes (what C++ slices).
struct text_span {
  std::size_t begin = 0;
  std::size_t end = 0;

  [[nodiscard]] constexpr std::size_t size() const noexcept { return end - begin; }
  [[nodiscard]] constexpr bool empty() const noexcept { return end == begin; }
  friend constexpr bool operator==(text_span, text_span) noexcept = default;
};

}  // namespace danvan::text

// Filling a column from a function of the row: what the table builders of src/tables/
// have in common.
#pragma once

#include <danvan/network.hpp>
#include <danvan/table.hpp>

#include <cstdint>
#include <ranges>
#include <span>
#include <string_view>
#include <type_traits>

namespace danvan::tables {

/// `c` with rows 0 .. n-1 appended, get(row) giving each cell as the column stores it: a
/// date, text, a span of positions (reference_list), a range of texts (text_list), a bool,
/// or a number (integer, number, reference position or code, by the column's kind).
template <class Get> column fill(column c, std::size_t n, Get&& get) {
  // Room for the n cells at once where a row is one cell: grown by doubling, a column of
  // millions of rows would be copied and page-faulted about twice over.
  switch (c.kind) {
    case column_kind::integer: c.integers.reserve(c.integers.size() + n); break;
    case column_kind::number: c.numbers.reserve(c.numbers.size() + n); break;
    case column_kind::boolean: c.booleans.reserve(c.booleans.size() + n); break;
    case column_kind::text: c.text_ends.reserve(c.text_ends.size() + n); break;
    case column_kind::reference: c.positions.reserve(c.positions.size() + n); break;
    case column_kind::code: c.codes.reserve(c.codes.size() + n); break;
    case column_kind::date: c.dates.reserve(c.dates.size() + n); break;
    case column_kind::text_list:
    case column_kind::reference_list: c.list_ends.reserve(c.list_ends.size() + n); break;
  }
  for (std::size_t row = 0; row < n; ++row) {
    const auto v = get(row);
    using V = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<V, date>) {
      c.dates.push_back(v);
    } else if constexpr (std::is_convertible_v<V, std::string_view>) {
      c.push_text(v);
    } else if constexpr (std::is_same_v<V, std::span<const index>>) {
      c.positions.insert(c.positions.end(), v.begin(), v.end());
      c.end_row();
    } else if constexpr (std::ranges::range<V>) {
      for (const auto& text : v) c.push_text(text);
      c.end_row();
    } else if constexpr (std::is_same_v<V, bool>) {
      c.booleans.push_back(v);
    } else if (c.kind == column_kind::reference) {
      c.positions.push_back(static_cast<index>(v));
    } else if (c.kind == column_kind::code) {
      c.codes.push_back(static_cast<std::uint8_t>(v));
    } else if (c.kind == column_kind::number) {
      c.numbers.push_back(static_cast<double>(v));
    } else {
      c.integers.push_back(static_cast<std::int64_t>(v));
    }
  }
  return c;
}

/// A stored classification, or the file's default where the record states none.
inline std::uint8_t classification_of(const network& net, std::uint8_t stated) noexcept {
  return stated == detail::inherit_classification ? static_cast<std::uint8_t>(net.meta().classification) : stated;
}

/// `-1` for an offset a record does not have, else the offset.
inline std::int64_t offset_or_none(std::uint32_t offset) noexcept {
  return offset == detail::no_offset ? -1 : static_cast<std::int64_t>(offset);
}

}  // namespace danvan::tables

// What the CSV tables of danvan/io/csv.hpp share between writing and reading: the tables'
// names, and how a field of the JSON format becomes one cell and back.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace danvan::detail::csv {

using ojson = nlohmann::ordered_json;

/// The collections of the format with a table of their own, in the file's order.
inline constexpr std::string_view entity_tables[] = {"areas", "topics", "organizations", "documents",
                                                    "programs", "tasks", "events", "sources"};

/// How a column's cells read back. Writing needs no table: a value is written by its JSON
/// type; reading needs the field's type, since `30` may be a code and `a` a one-item list.
enum class cell_type { text, list, integers, boolean, json };

/// The type of the field a column holds: a list of ids or names (`aliases`, `topics`,
/// ...), of integers (`span`), a boolean (`approximate`, `recurring`), JSON text (`extra`
/// and the fields that are lists of objects), or text.
[[nodiscard]] cell_type cell_type_of(std::string_view column);

/// Appends the cell of `value`: text as is, a number or boolean as JSON writes it, a
/// list of strings or numbers joined by `;` (items escaped), anything else as compact JSON.
void append_cell(std::string& out, const ojson& value);

/// Whether `value` is an object written a column per value (`period.start`): one whose
/// values are all strings, numbers or booleans; never `extra`.
[[nodiscard]] bool spreads(std::string_view key, const ojson& value);

/// The items of a list cell, unescaped; spaces around an unescaped `;` are not part of
/// an item. An empty cell is no item.
[[nodiscard]] std::vector<std::string> split_list(std::string_view cell);

}  // namespace danvan::detail::csv

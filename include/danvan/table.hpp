// danvan — tables of named, typed columns: what the Python DataFrames and the command
// line's CSV are made of. The tables of a network (its entities, roles, evidence) are
// built by the functions of danvan/tables.hpp; this header is the type alone, so that a
// program writing its own rows as CSV needs nothing of the network's queries.
#pragma once

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danvan {

/// What the cells of a column hold, and so which of column's vectors stores them.
enum class column_kind : std::uint8_t {
  integer,         ///< whole numbers, in column::integers
  number,          ///< floating-point numbers, in column::numbers
  boolean,         ///< true or false, in column::booleans
  text,            ///< UTF-8 text, in column::chars (see column::text)
  reference,       ///< an entity of kind column::of by position, in column::positions (no_index: none)
  code,            ///< a word of a closed vocabulary by number, in column::codes (no_code: none)
  date,            ///< a date at its precision, in column::dates (an empty date: none)
  text_list,       ///< several texts a cell (aliases, evidence ids): values as for text, rows in list_ends
  reference_list,  ///< several entities a cell (a task's topics): values as for reference, rows in list_ends
};

/// The code of a cell that holds no word of its vocabulary.
inline constexpr std::uint8_t no_code = 255;

/// One named column. Only the vectors of its kind are filled; the others stay empty.
/// A plain struct: the table builders and the command line fill the vectors directly.
struct column {
  /// An empty column of `kind`; a reference column refers to entities of kind `of`.
  column(std::string name, column_kind kind, entity_kind of = entity_kind::area)
      : name(std::move(name)), kind(kind), of(of) {}

  /// An empty code column whose codes are the enumerators of E, named `vocabulary`.
  template <class E> static column codes_of(std::string name, std::string vocabulary) {
    column c(std::move(name), column_kind::code);
    c.vocabulary = std::move(vocabulary);
    for (std::string_view w : enum_names<E>::names) c.words.emplace_back(w);
    return c;
  }

  std::string name;   ///< unique within its table
  column_kind kind;   ///< which vectors below hold the cells
  entity_kind of;     ///< reference, reference_list: the kind of the entities referred to

  std::vector<std::int64_t> integers;   ///< integer: one a row
  std::vector<double> numbers;          ///< number: one a row
  std::vector<std::uint8_t> booleans;   ///< boolean: 0 or 1 a row (bytes, as numpy keeps booleans)
  std::string chars;                    ///< text, text_list: every value, back to back
  std::vector<std::size_t> text_ends;   ///< text, text_list: where each value ends in chars
  /// text: an empty cell means "no value" (None in Python) rather than empty text; set for
  /// columns whose values are never empty when present, such as an id that may be missing.
  bool empty_is_none = false;
  std::vector<index> positions;         ///< reference, reference_list: one a value, no_index for none
  std::vector<std::uint8_t> codes;      ///< code: one a row, no_code for none
  std::string vocabulary;               ///< code: the vocabulary's name (`org_kind`, `classification`)
  std::vector<std::string> words;       ///< code: words[c] is the word of code c
  std::vector<danvan::date> dates;      ///< date: one a row
  std::vector<std::size_t> list_ends;   ///< text_list, reference_list: where each row's values end

  /// Number of rows.
  [[nodiscard]] std::size_t rows() const noexcept;

  /// Appends one text value: the next cell of a text column, or the next value of the
  /// current row of a text_list column.
  void push_text(std::string_view value);

  /// Ends the current row of a list column: the values appended since the previous
  /// end_row() are its cells.
  void end_row() { list_ends.push_back(kind == column_kind::text_list ? text_ends.size() : positions.size()); }

  /// The `k`-th text value (of a text column, the cell of row `k`).
  [[nodiscard]] std::string_view text(std::size_t k) const noexcept {
    const std::size_t begin = k == 0 ? 0 : text_ends[k - 1];
    return std::string_view(chars).substr(begin, text_ends[k] - begin);
  }

  /// The values of row `row` of a list column: indices [first, second) into its text
  /// values or positions.
  [[nodiscard]] std::pair<std::size_t, std::size_t> values(std::size_t row) const noexcept {
    return {row == 0 ? 0 : list_ends[row - 1], list_ends[row]};
  }

  /// Whether cell `row` holds a value: false for none (no_index, no_code, an empty
  /// date, an empty text of an empty_is_none column); a list cell always holds one.
  [[nodiscard]] bool has_value(std::size_t row) const noexcept;

  /// The text of cell `row` as write_csv writes it, before quoting (`;`-joined lists,
  /// numbers in the shortest form that reads back the same, none empty). `net`
  /// resolves references; throws danvan::argument_error when they need one and it is null.
  [[nodiscard]] std::string to_text(std::size_t row, const network* net = nullptr) const;

  /// The id of the entity the `k`-th position refers to (of a reference column, the cell
  /// of row `k`); empty for none.
  [[nodiscard]] std::string_view id(const network& net, std::size_t k) const;
};

/// Columns of the same number of rows, in order, each with its own name.
class table {
 public:
  /// Appends a column. Throws danvan::argument_error when the table already has a
  /// column of that name or the column's row count differs from the table's.
  void add(column c);

  /// Number of rows (0 for a table without columns).
  [[nodiscard]] std::size_t rows() const noexcept { return columns_.empty() ? 0 : columns_.front().rows(); }

  /// The columns, in the order they were added.
  [[nodiscard]] const std::vector<column>& columns() const noexcept { return columns_; }

  /// The column named `name`. Throws danvan::argument_error naming it and the columns
  /// the table has.
  [[nodiscard]] const column& at(std::string_view name) const;

  /// A table of copies of the columns named, in that order (a terminal's narrower view
  /// of a wide table). Throws danvan::argument_error as at() does.
  [[nodiscard]] table select(std::initializer_list<std::string_view> names) const;

 private:
  std::vector<column> columns_;
};

/// The name of the entity of `kind` at `position` (the counterpart of network::id_of).
[[nodiscard]] std::string_view entity_name(const network& net, entity_kind kind, index position);

/// Writes `t` as CSV (RFC 4180, but with LF line ends): a header of the column names,
/// then one line a row. A field holding a comma, a double quote, a CR or an LF is
/// quoted, its quotes doubled. Cells: integers in decimal, numbers in the shortest form
/// that reads back the same, booleans `true`/`false`, references as ids, codes as their
/// word, dates as ISO 8601 text at their precision (`2023`, `2023-09`, `2023-09-16`),
/// lists `;`-joined (then quoted as one field); none is an empty field. `net` resolves
/// references; throws danvan::argument_error when `t` has one and `net` is null.
void write_csv(std::ostream& out, const table& t, const network* net = nullptr);

/// Writes `t` as a JSON array of one object a row, its keys the column names in order.
/// Integers and numbers are JSON numbers (a number that is not finite is null), booleans
/// JSON booleans, references ids, codes their word, dates ISO 8601 text at their
/// precision, lists arrays; none is null. `net` resolves references as for write_csv.
void write_json(std::ostream& out, const table& t, const network* net = nullptr);

/// Writes `t` as a text table for a terminal: a header of the column names in capitals,
/// then one line a row, each column as wide as its widest cell in code points and one
/// space from the next, no blanks at the end of a line; integers and numbers aligned right,
/// lists `, `-joined, none blank. `net` resolves references as for write_csv.
void write_text(std::ostream& out, const table& t, const network* net = nullptr);

}  // namespace danvan

// danvan — the exceptions it throws. Every one derives from danvan::error.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace danvan {

/// One thing wrong with an input: where it is and what to do about it.
struct problem {
  std::string file;        ///< file name, or a label such as `<string>`; may be empty
  std::string path;        ///< JSON pointer of the offending value, e.g. `/tasks/17/roles/2/org`
  std::size_t line = 0;    ///< 1-based line for syntax errors and CSV tables, 0 when not known
  std::size_t column = 0;  ///< 1-based column (in characters; a CSV table's field number), 0 when not known
  std::string rule;        ///< stable name of the broken rule, e.g. `unknown-reference`
  std::string message;     ///< what is wrong, in words a data steward understands
  std::string suggestion;  ///< the nearest valid value, when there is one

  /// `file:path: message`, or `file:line:column: message` for syntax errors and CSV tables
  /// (`file:line: message` for a whole row).
  [[nodiscard]] std::string to_string() const;
};

/// Base of every exception danvan throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The input is not JSON (or not readable UTF-8 JSON): carries line and column.
class parse_error : public error {
 public:
  /// The error of `where`; what() is where.to_string() (a very long message shortened).
  explicit parse_error(problem where);
  /// Where the input stops being JSON, with line and column.
  [[nodiscard]] const problem& where() const noexcept { return where_; }

 private:
  problem where_;
};

/// The input is well-formed but breaks the model's rules; carries every problem found
/// (up to a cap), in document order.
class validation_error : public error {
 public:
  /// The error of `problems` (those kept in detail) out of `total` found (at least
  /// problems.size()); what() is the first problem and how many more there are.
  explicit validation_error(std::vector<problem> problems, std::size_t total = 0);
  /// The problems kept in detail, in document order.
  [[nodiscard]] const std::vector<problem>& problems() const noexcept { return problems_; }
  /// How many problems were found; can exceed problems().size() when the cap was reached.
  [[nodiscard]] std::size_t total() const noexcept { return total_; }

 private:
  std::vector<problem> problems_;
  std::size_t total_;
};

/// A file could not be read or written.
class io_error : public error {
 public:
  /// The error of `file`; what() is `file: what`.
  io_error(std::string file, const std::string& what, std::error_code code = {});
  /// The file that could not be read or written.
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  /// The operating system's reason (`std::errc::no_such_file_or_directory`, ...);
  /// empty when the failure is not one (a directory holds no gazetteer file).
  [[nodiscard]] std::error_code code() const noexcept { return code_; }

 private:
  std::string file_;
  std::error_code code_;
};

/// An id or name asked of a network does not exist; carries the nearest ones that do.
class not_found : public error {
 public:
  /// The error of `id`; what() reads "unknown id `x`; did you mean `y` or `z`?".
  not_found(std::string id, std::vector<std::string> suggestions);
  /// The id or name asked for.
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  /// Existing ids nearest to it, nearest first; may be empty.
  [[nodiscard]] const std::vector<std::string>& suggestions() const noexcept { return suggestions_; }

 private:
  std::string id_;
  std::vector<std::string> suggestions_;
};

}  // namespace danvan

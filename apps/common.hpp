// danvan command line — helpers the subcommands share: loading a file into an
// outcome (network or problems) and writing problems as text or JSON.
#pragma once

#include "command.hpp"

#include <danvan/danvan.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace danvan::cli {

/// JSON output keeps the order in which fields are written.
using json = nlohmann::ordered_json;

/// `n word` with an English plural `s` when n is not 1.
[[nodiscard]] std::string count_of(std::size_t n, std::string_view word);

/// The result of reading one file: a network, or the problems that kept it from loading.
struct load_outcome {
  std::string file;                ///< as given on the command line (`-` is read as `<stdin>`)
  std::optional<network> net;      ///< set when the file is valid
  std::vector<problem> problems;   ///< syntax or validation problems, or the I/O problem
  std::size_t total = 0;           ///< problems found; more than problems.size() when capped
  bool io_failed = false;          ///< the file could not be read at all (exit status 2)
};

/// Reads `file` (`-` for standard input); never throws for bad input.
[[nodiscard]] load_outcome load_file(const std::string& file, const load_options& options = {});

/// The day of an `--as-of` option (nothing when it was not given). When `text` is not
/// a date, prints why (`danvan COMMAND: --as-of ...: ...; did you mean 2023-09-30?`)
/// and returns false.
[[nodiscard]] bool read_as_of(const std::string& text, std::string_view command, std::ostream& err,
                              std::optional<date>& day);

/// Replaces a loaded network by the network as of `day` (danvan::as_of): every
/// command's `--as-of` means that, and nothing else.
void take_as_of(load_outcome& o, std::optional<date> day);

/// The level of a `--max-classification` option (nothing when it was not given). When
/// `word` is not a classification, prints the accepted ones and returns false.
[[nodiscard]] bool read_ceiling(const std::string& word, std::string_view command, std::ostream& err,
                                std::optional<classification>& ceiling);

/// Replaces a loaded network by the network at `ceiling` (danvan::redact): after
/// take_as_of, so that the network as of a day is shown at the ceiling.
void take_ceiling(load_outcome& o, std::optional<classification> ceiling);

/// The network a command answers on: `file` loaded, as of `as_of` (an --as-of text,
/// empty for none), at `max_classification` (likewise). Nothing, after printing why,
/// when an option or the file is bad; `status` is then the exit status (2 usage or
/// unreadable file, 1 invalid network).
[[nodiscard]] std::optional<network> open_network(const std::string& file, const std::string& as_of,
                                                  const std::string& max_classification, std::string_view command,
                                                  const streams& io, int& status);

/// A problem as a JSON object: file, path, line, column, rule, message, suggestion.
[[nodiscard]] json to_json(const problem& p);

/// The line that says how many problems were not listed, or empty when all were.
[[nodiscard]] std::string more_problems_note(const load_outcome& o);

/// The rows of `t` as a JSON array (danvan::write_json), to place inside a command's
/// JSON answer; `net` resolves references.
[[nodiscard]] json table_json(const table& t, const network* net = nullptr);

/// JSON text for output: two-space indentation, UTF-8 kept, invalid bytes replaced.
[[nodiscard]] std::string dump(const json& j);

}  // namespace danvan::cli

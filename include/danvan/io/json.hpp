// danvan — reading and writing the danvan JSON format (docs/format.md).
#pragma once

#include <danvan/network.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace danvan {

/// The format version this library reads and writes (`"danvan": "1"`).
inline constexpr std::string_view format_version = "1";

/// Limits of load() and loads().
struct load_options {
  /// Problems reported in detail; the total is still counted past the cap.
  std::size_t max_problems = 100;
  /// Deepest nesting of arrays and objects accepted (the format needs 6).
  std::size_t max_depth = 64;
};

/// Reads a network from a file (a pipe or /dev/stdin too: read to its end). Throws
/// danvan::io_error (unreadable, over 4 GiB, a name with a NUL), danvan::parse_error
/// (not JSON, or beyond the limits of docs/format.md: with line and column) or
/// danvan::validation_error (every problem, each with its JSON path). A UTF-8 byte
/// order mark is skipped. Nothing is returned, and nothing is left behind, unless the
/// whole file is valid. A regular file is read in batches of elements of about a
/// megabyte, so that loading needs little more memory than the network it builds; a
/// file that has a problem is read again whole to find and place every problem.
[[nodiscard]] network load(const std::filesystem::path& file, const load_options& options = {});

/// Reads a network from JSON text (parsed whole); `label` names the text in problems.
[[nodiscard]] network loads(std::string_view text, std::string_view label = "<string>",
                            const load_options& options = {});

/// The network as JSON text in canonical form: fixed key order, entities in
/// their order in the network, two-space indentation, a final newline.
/// load → dumps → load → dumps gives the same text.
[[nodiscard]] std::string dumps(const network& net);

/// Writes dumps(net) to `file` atomically: a temporary file in the same folder is
/// written, flushed to disk and renamed over `file`. On error the old file is left
/// as it was and danvan::io_error is thrown. Through a symbolic link, the file the
/// link leads to is replaced and the link stays. Temporary files that killed saves of
/// the same file left are removed first (their process gone, or older than an hour).
void save(const network& net, const std::filesystem::path& file);

}  // namespace danvan

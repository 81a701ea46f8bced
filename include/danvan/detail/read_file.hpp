// Reading a whole file whose failure is a danvan::io_error with the system's reason.
// Internal: the rules, gazetteer and report readers share it (the network loader reads
// into simdjson's padded buffer instead), and every reader and writer checks names.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace danvan::detail {

/// The bytes of `file`. Throws danvan::io_error naming the file, `what` it was meant to
/// be (`the rules file`) and, when the system gives one, the reason and its error_code.
[[nodiscard]] std::string read_file(const std::filesystem::path& file, std::string_view what);

/// Throws danvan::io_error (EINVAL) for a file name with a NUL: the system would read
/// the name only up to it, and open another file.
void check_file_name(const std::filesystem::path& file);

}  // namespace danvan::detail

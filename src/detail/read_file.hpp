// Reading a whole file whose failure is a danvan::io_error with the system's reason.
// The rules, gazetteer and report readers share it (the network loader reads into
// simdjson's padded buffer instead), and every reader and writer checks names.
#pragma once

#include <danvan/io/file.hpp>

#include <filesystem>

namespace danvan::detail {

using danvan::read_file;

/// Throws danvan::io_error (EINVAL) for a file name with a NUL: the system would read
/// the name only up to it, and open another file.
void check_file_name(const std::filesystem::path& file);

}  // namespace danvan::detail

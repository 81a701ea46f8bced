// danvan command line — before writing an output file (with danvan::write_file, atomic):
// refusing to replace one unless told to, and a folder that cannot take it.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace danvan::cli {

/// Why `file` cannot be written, or empty when it can: it exists and `replace` is
/// false, it is a folder, its folder does not exist or is not writable. Checked before
/// the work, so that a mistake costs nothing; danvan::write_file() fails cleanly too.
[[nodiscard]] std::string why_not_writable(const std::filesystem::path& file, bool replace);

/// Whether `file` can be written; when not, says why on `err` as `danvan <command>:
/// <file>: <why>`.
[[nodiscard]] bool writable_or_say(std::string_view command, const std::filesystem::path& file, bool replace,
                                   std::ostream& err);

}  // namespace danvan::cli

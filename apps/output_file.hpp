// danvan command line — writing an output file: refusing to replace one unless told
// to, and writing atomically (a temporary file in the same folder, then a rename), so
// that a reader never sees half a file and a failure leaves the old one.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace danvan::cli {

/// Why `file` cannot be written, or empty when it can: it exists and `replace` is
/// false, it is a folder, its folder does not exist or is not writable. Checked before
/// the work, so that a mistake costs nothing; write_atomically() checks again.
[[nodiscard]] std::string why_not_writable(const std::filesystem::path& file, bool replace);

/// Writes `text` to `file` atomically: a new file beside it, flushed to disk, renamed
/// over it. Throws danvan::io_error naming the file and the reason.
void write_atomically(const std::filesystem::path& file, std::string_view text);

}  // namespace danvan::cli

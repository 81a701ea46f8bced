// Reading and writing a whole file with danvan's errors: what the library's readers do
// before parsing and save() does after writing, for programs around it (danvan extract,
// report and the other outputs).
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace danvan {

/// The bytes of `file`. Throws danvan::io_error naming the file, `what` it was meant to
/// be (e.g. "the report") and, when the system gives one, the reason and its error_code;
/// a file name with a NUL character is refused (EINVAL), since the system would open the
/// file named by the part before it.
[[nodiscard]] std::string read_file(const std::filesystem::path& file, std::string_view what);

/// Writes `text` to `file` atomically: a temporary file in the same folder is written,
/// flushed to disk and renamed over `file` (given the mode of the file it replaces). On
/// error the old file is left as it was and danvan::io_error is thrown. Through a
/// symbolic link, the file the link leads to is replaced and the link stays. Temporary
/// files that killed writes of the same file left are removed first (their process
/// gone, or older than an hour). danvan::save() writes with it.
void write_file(const std::filesystem::path& file, std::string_view text);

/// Writes what `write` puts on the stream it is given to `file`, atomically as above,
/// without holding the whole text in memory (an export of hundreds of megabytes). When
/// `write` throws, the temporary file is removed, the old file left as it was, and the
/// exception goes on; a failed write(2) throws danvan::io_error.
void write_file(const std::filesystem::path& file, const std::function<void(std::ostream&)>& write);

}  // namespace danvan

// Reading a whole file with danvan's errors: what every reader of the library does
// before parsing, for programs that read texts to hand to it (danvan extract).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace danvan {

/// The bytes of `file`. Throws danvan::io_error naming the file, `what` it was meant to
/// be (e.g. "the report") and, when the system gives one, the reason and its error_code;
/// a file name with a NUL character is refused (EINVAL), since the system would open the
/// file named by the part before it.
[[nodiscard]] std::string read_file(const std::filesystem::path& file, std::string_view what);

}  // namespace danvan

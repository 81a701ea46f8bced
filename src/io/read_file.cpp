#include "detail/read_file.hpp"
#include <danvan/error.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace danvan::detail {

void check_file_name(const std::filesystem::path& file) {
  if (file.native().find('\0') != std::string::npos)
    throw io_error(file.string(), "the file name contains a NUL character", std::make_error_code(std::errc::invalid_argument));
}

}  // namespace danvan::detail

namespace danvan {

std::string read_file(const std::filesystem::path& file, std::string_view what) {
  detail::check_file_name(file);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int why = errno;
    throw io_error(file.string(), "cannot open " + std::string(what) + ": " + std::strerror(why),
                   std::error_code(why, std::generic_category()));
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw io_error(file.string(), "cannot read " + std::string(what));
  return std::move(s).str();
}

}  // namespace danvan

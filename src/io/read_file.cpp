#include <danvan/detail/read_file.hpp>
#include <danvan/error.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace danvan::detail {

std::string read_file(const std::filesystem::path& file, std::string_view what) {
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

}  // namespace danvan::detail

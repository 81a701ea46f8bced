#include "output_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

namespace danvan::cli {
namespace {

std::filesystem::path folder_of(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

}  // namespace

std::string why_not_writable(const std::filesystem::path& file, bool replace) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (fs::is_directory(status)) return "is a folder";
  if (fs::exists(status) && !replace) return "exists already (give --force to replace it)";
  const auto dir = folder_of(file);
  if (!fs::is_directory(fs::status(dir, ec))) return "no folder " + dir.string() + " to write it in";
  if (::access(dir.c_str(), W_OK) != 0) return std::string("cannot write in ") + dir.string() + ": " + std::strerror(errno);
  return {};
}

bool writable_or_say(std::string_view command, const std::filesystem::path& file, bool replace, std::ostream& err) {
  const auto why = why_not_writable(file, replace);
  if (!why.empty()) err << "danvan " << command << ": " << file.string() << ": " << why << '\n';
  return why.empty();
}

}  // namespace danvan::cli

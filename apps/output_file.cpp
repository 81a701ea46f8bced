#include "output_file.hpp"

#include <danvan/error.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

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

void write_atomically(const std::filesystem::path& file, std::string_view text) {
  const auto dir = folder_of(file);
  std::string tmp;
  int fd = -1;
  std::random_device random;
  for (int attempt = 0; fd < 0; ++attempt) {
    tmp = (dir / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(random()))).string();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt > 16))
      throw io_error(file.string(), std::string("cannot create a temporary file beside it: ") + std::strerror(errno));
  }
  auto fail = [&](const char* what) {
    const int why = errno;
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    throw io_error(file.string(), std::string(what) + ": " + std::strerror(why));
  };
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write failed");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail("fsync failed");
  const int closed = ::close(fd);
  fd = -1;
  if (closed != 0) fail("close failed");
  if (::rename(tmp.c_str(), file.c_str()) != 0) fail("rename failed");
}

}  // namespace danvan::cli

// Writing a whole file atomically (save() and every output of the command line): a new
// file beside the target, flushed to disk, renamed over it; a reader never sees half a
// file, and a failure leaves the old one as it was.
#include "detail/read_file.hpp"
#include <danvan/error.hpp>
#include <danvan/io/file.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <ostream>
#include <random>
#include <streambuf>
#include <string>
#include <vector>

namespace danvan {

namespace {

/// The file a save replaces: `file`, or the file its symbolic links lead to (one that
/// does not exist yet, for a dangling link), so that a link stays a link, as editors keep it.
std::filesystem::path link_target(const std::filesystem::path& file) {
  std::filesystem::path at = file;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!std::filesystem::is_symlink(std::filesystem::symlink_status(at, ec))) return at;
    const auto to = std::filesystem::read_symlink(at, ec);
    if (ec) return at;
    at = to.is_absolute() ? to : at.parent_path() / to;
  }
  throw io_error(file.string(), "too many levels of symbolic links",
                 std::make_error_code(std::errc::too_many_symbolic_link_levels));
}

/// This host as the names of temporary files give it: its letters and digits only, so
/// that `<host>-<pid>` parses back.
std::string host_tag() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  std::string tag;
  for (const char* c = host; *c && tag.size() < 32; ++c)
    if ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')) tag += *c;
  return tag;
}

/// Removes the temporary files `.<name>.tmp-<host>-<pid>-<random>` that killed saves of
/// `name` left in `dir`: those of a process of this host that is gone, and any older
/// than an hour (of another host, or named `.<name>.tmp-<random>` by an older danvan).
/// Best effort: what cannot be read or removed stays, and the save goes on.
void remove_stale_temporaries(const std::filesystem::path& dir, const std::string& name, std::string_view host) {
  const std::string prefix = "." + name + ".tmp-";
  auto hex = [](std::string_view s) { return s.find_first_not_of("0123456789abcdef") == std::string_view::npos; };
  const auto hour_ago = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (!file.starts_with(prefix)) continue;
    const std::string_view rest = std::string_view(file).substr(prefix.size());
    bool gone = false;
    if (rest.size() > 10 && rest[rest.size() - 9] == '-' && hex(rest.substr(rest.size() - 8))) {
      // <host>-<pid>-<random>
      const std::string_view who = rest.substr(0, rest.size() - 9);
      const auto dash = who.rfind('-');
      if (dash == std::string_view::npos) continue;
      int pid = 0;
      const auto digits = who.substr(dash + 1);
      if (std::from_chars(digits.data(), digits.data() + digits.size(), pid).ptr != digits.data() + digits.size()) continue;
      gone = who.substr(0, dash) == host && pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH;
    } else if (!(rest.size() == 16 && hex(rest))) {
      continue;  // not a temporary file of this name
    }
    std::error_code age;
    if (gone || it->last_write_time(age) < hour_ago) std::filesystem::remove(it->path(), age);
  }
}

/// A stream buffer over a file descriptor: a megabyte gathered, then one write(2); a
/// failure is kept (with its errno) and every later write refused, so that the stream
/// goes bad and the save stops.
class fd_buffer : public std::streambuf {
 public:
  explicit fd_buffer(int fd) : fd_(fd), buf_(std::size_t{1} << 20) { setp(buf_.data(), buf_.data() + buf_.size()); }
  /// Writes what is buffered; false (errno in error()) when a write failed now or before.
  bool drain() {
    if (error_ == 0 && !write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()))) return false;
    setp(buf_.data(), buf_.data() + buf_.size());
    return error_ == 0;
  }
  [[nodiscard]] int error() const noexcept { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n <= epptr() - pptr()) return std::streambuf::xsputn(s, n);  // fits
    if (!drain()) return 0;
    if (n < epptr() - pbase()) return std::streambuf::xsputn(s, n);  // fits the emptied buffer
    return write_all(s, static_cast<std::size_t>(n)) ? n : 0;       // larger: straight to the file
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool write_all(const char* data, std::size_t size) {
    for (std::size_t done = 0; done < size;) {
      const ssize_t n = ::write(fd_, data + done, size - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  int fd_;
  int error_ = 0;
  std::vector<char> buf_;
};

}  // namespace

void write_file(const std::filesystem::path& file, std::string_view text) {
  write_file(file, [text](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

void write_file(const std::filesystem::path& file, const std::function<void(std::ostream&)>& write) {
  detail::check_file_name(file);
  const auto target = link_target(file);
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  const std::string host = host_tag();
  remove_stale_temporaries(dir, target.filename().string(), host);
  // A new file beside the target: created with mode 0666 so the umask applies as for
  // any new file, then given the mode of the file it replaces, if there is one.
  std::string tmp;
  int fd = -1;
  std::random_device random;
  for (int attempt = 0; fd < 0; ++attempt) {
    char suffix[9];
    std::snprintf(suffix, sizeof suffix, "%08x", random());
    tmp = (dir / ("." + target.filename().string() + ".tmp-" + host + "-" + std::to_string(::getpid()) + "-" + suffix)).string();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt > 16)) {
      const int why = errno;
      throw io_error(file.string(), std::string("cannot create a temporary file beside it: ") + std::strerror(why),
                     std::error_code(why, std::generic_category()));
    }
  }
  auto fail = [&](const char* what) {
    const int why = errno;  // before close() and unlink() can change it
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    throw io_error(file.string(), std::string(what) + ": " + std::strerror(why),
                   std::error_code(why, std::generic_category()));
  };
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0 && ::fchmod(fd, st.st_mode & 07777) != 0) fail("cannot copy the file's permissions");
  {
    fd_buffer buffer(fd);
    std::ostream out(&buffer);
    try {
      write(out);
    } catch (...) {  // the writer failed: no file, the old one as it was
      ::close(fd);
      ::unlink(tmp.c_str());
      throw;
    }
    if (!buffer.drain()) {
      errno = buffer.error();
      fail("write failed");
    }
  }
  if (::fsync(fd) != 0) fail("fsync failed");
  const int closed = ::close(fd);
  fd = -1;
  if (closed != 0) fail("close failed");
  if (::rename(tmp.c_str(), target.c_str()) != 0) fail("rename failed");
  // Make the rename itself durable.
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace danvan

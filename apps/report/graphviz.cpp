#include "graphviz.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace danvan::cli::report {
namespace {

/// Writes `input` to `in_fd` and reads `out_fd` and `err_fd` to their ends, together
/// (a large graph fills a pipe before dot has read all of its input).
void exchange(int in_fd, int out_fd, int err_fd, std::string_view input, std::string& out, std::string& err) {
  std::size_t written = 0;
  if (input.empty()) ::close(in_fd), in_fd = -1;
  char buf[65536];
  while (out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3] = {{in_fd, POLLOUT, 0}, {out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    if (::poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (in_fd >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno != EINTR && errno != EAGAIN) written = input.size();  // dot stopped reading
      if (written == input.size()) ::close(in_fd), in_fd = -1;
    }
    for (int k : {1, 2}) {
      int& fd = k == 1 ? out_fd : err_fd;
      if (fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n > 0) (k == 1 ? out : err).append(buf, static_cast<std::size_t>(n));
      else if (n == 0 || errno != EINTR) ::close(fd), fd = -1;
    }
  }
  if (in_fd >= 0) ::close(in_fd);
}

/// The `<svg ...>...</svg>` element of Graphviz's output, sized by its container.
std::string svg_element(const std::string& text) {
  const auto start = text.find("<svg");
  const auto end = text.rfind("</svg>");
  if (start == std::string::npos || end == std::string::npos) return {};
  std::string svg = text.substr(start, end + 6 - start);
  // Drop the comments Graphviz writes (generator, graph name).
  for (auto c = svg.find("<!--"); c != std::string::npos; c = svg.find("<!--", c)) {
    const auto e = svg.find("-->", c);
    svg.erase(c, e == std::string::npos ? std::string::npos : e + 3 - c);
  }
  return svg;
}

}  // namespace

std::string dot_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

svg_result run_dot(std::string_view dot_text) {
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
    return {{}, std::string("cannot create a pipe: ") + std::strerror(errno)};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  char dot[] = "dot", tsvg[] = "-Tsvg";
  char* argv[] = {dot, tsvg, nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]), ::close(out[1]), ::close(err[1]);
  if (spawned != 0) {
    ::close(in[1]), ::close(out[0]), ::close(err[0]);
    return {{}, std::string("cannot run Graphviz `dot` (") + std::strerror(spawned) + "); install the package graphviz"};
  }
  // A write to a pipe dot has closed must fail with EPIPE, not kill the program.
  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &old);
  std::string text, errors;
  exchange(in[1], out[0], err[0], dot_text, text, errors);
  ::sigaction(SIGPIPE, &old, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return {{}, "cannot run Graphviz `dot`; install the package graphviz"};
    return {{}, "Graphviz `dot` failed: " + errors.substr(0, 300)};
  }
  std::string svg = svg_element(text);
  if (svg.empty()) return {{}, "Graphviz `dot` wrote no SVG"};
  return {std::move(svg), {}};
}

}  // namespace danvan::cli::report

#include <danvan/error.hpp>

#include <cstdio>

namespace danvan {

namespace {

/// `s` with its control characters (C0, DEL, C1) written `\u0000`: a message is one
/// line, and a NUL would end it for whoever reads what() as a C string.
std::string printable(std::string s) {
  auto control = [&](std::size_t i) -> int {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return 1;
    if (c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0x80) return 2;  // U+0080..U+009F
    return 0;
  };
  std::size_t i = 0;
  while (i < s.size() && !control(i)) ++i;
  if (i == s.size()) return s;  // the usual case: nothing to copy
  std::string out = s.substr(0, i);
  while (i < s.size()) {
    if (const int n = control(i)) {
      char u[8];
      std::snprintf(u, sizeof u, "\\u%04x", n == 1 ? static_cast<unsigned char>(s[i]) : static_cast<unsigned char>(s[i + 1]));
      out += u;
      i += static_cast<std::size_t>(n);
    } else {
      out += s[i++];
    }
  }
  return out;
}

/// A message of at most about a thousand bytes: a longer one (a megabyte id quoted in
/// it) keeps its start, which says what is wrong, and its end, which says what to do.
problem& shorten(problem& p) {
  constexpr std::size_t head = 600, tail = 300;
  auto& m = p.message;
  if (m.size() <= head + tail + 100) return p;
  auto boundary = [&](std::size_t i) {  // back to the start of a UTF-8 character
    while (i > 0 && (static_cast<unsigned char>(m[i]) & 0xC0) == 0x80) --i;
    return i;
  };
  const std::size_t cut = boundary(head), resume = boundary(m.size() - tail);
  m = m.substr(0, cut) + " … (" + std::to_string(resume - cut) + " bytes left out) … " + m.substr(resume);
  return p;
}

std::vector<problem>& shorten(std::vector<problem>& problems) {
  for (auto& p : problems) shorten(p);
  return problems;
}

}  // namespace

std::string problem::to_string() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s += ':';
    s += std::to_string(line);
    if (column > 0) {
      s += ':';
      s += std::to_string(column);
    }
  }
  if (!path.empty()) s += ":" + path;
  s += ": " + message;
  return printable(std::move(s));
}

namespace {
std::string summarize(const std::vector<problem>& problems, std::size_t total) {
  if (problems.empty())
    return "danvan: invalid input: " + std::to_string(total) + " problem" + (total == 1 ? "" : "s") +
           " (none kept in detail)";
  std::string s = problems.front().to_string();
  if (total > 1) s += " (and " + std::to_string(total - 1) + " more problem" + (total > 2 ? "s" : "") + ")";
  return s;
}
}  // namespace

parse_error::parse_error(problem where) : error(shorten(where).to_string()), where_(std::move(where)) {}

validation_error::validation_error(std::vector<problem> problems, std::size_t total)
    : error(summarize(shorten(problems), total > problems.size() ? total : problems.size())),
      problems_(std::move(problems)),
      total_(total > problems_.size() ? total : problems_.size()) {}

io_error::io_error(std::string file, const std::string& what, std::error_code code)
    : error(printable(file + ": " + what)), file_(std::move(file)), code_(code) {}

not_found::not_found(std::string id, std::vector<std::string> suggestions)
    : error(printable([&] {
        std::string s = "unknown id `" + id + "`";
        if (!suggestions.empty()) {
          s += "; did you mean ";
          for (std::size_t i = 0; i < suggestions.size(); ++i)
            s += (i ? (i + 1 == suggestions.size() ? " or `" : ", `") : "`") + suggestions[i] + "`";
          s += "?";
        }
        return s;
      }())),
      id_(std::move(id)),
      suggestions_(std::move(suggestions)) {}

}  // namespace danvan

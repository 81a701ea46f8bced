#include <danvan/error.hpp>

namespace danvan {

std::string problem::to_string() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s += ":" + std::to_string(line) + ":" + std::to_string(column);
  }
  if (!path.empty()) s += ":" + path;
  s += ": " + message;
  return s;
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

parse_error::parse_error(problem where) : error(where.to_string()), where_(std::move(where)) {}

validation_error::validation_error(std::vector<problem> problems, std::size_t total)
    : error(summarize(problems, total > problems.size() ? total : problems.size())),
      problems_(std::move(problems)),
      total_(total > problems_.size() ? total : problems_.size()) {}

io_error::io_error(std::string file, const std::string& what, std::error_code code)
    : error(file + ": " + what), file_(std::move(file)), code_(code) {}

not_found::not_found(std::string id, std::vector<std::string> suggestions)
    : error([&] {
        std::string s = "unknown id `" + id + "`";
        if (!suggestions.empty()) {
          s += "; did you mean ";
          for (std::size_t i = 0; i < suggestions.size(); ++i)
            s += (i ? (i + 1 == suggestions.size() ? " or `" : ", `") : "`") + suggestions[i] + "`";
          s += "?";
        }
        return s;
      }()),
      id_(std::move(id)),
      suggestions_(std::move(suggestions)) {}

}  // namespace danvan

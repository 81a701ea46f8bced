// danvan command line — the registry of subcommands.
//
// Each subcommand lives in one file, apps/cmd_<name>.cpp, and registers itself
// with a file-scope `danvan::cli::registration`. main.cpp knows none of them by
// name: it creates one CLI11 subcommand per registration, in `order`, and runs
// the one the user chose. Adding `danvan query` is adding apps/cmd_query.cpp.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::cli {

/// Exit status of the program; the same for every subcommand (see `danvan --help`).
enum exit_status : int {
  success = 0,  ///< everything valid / no violation
  failure = 1,  ///< the data is invalid, or a check found violations of error severity
  usage = 2,    ///< bad command line, or a file could not be read or written
};

/// Where a subcommand writes; main.cpp passes std::cout and std::cerr, tests may pass others.
struct streams {
  std::ostream& out;  ///< results (problems, tables, JSON)
  std::ostream& err;  ///< diagnostics and short notes for people
};

/// What a subcommand's setup returns: runs the command once the command line is parsed.
using runner = std::function<int(const streams&)>;

/// One subcommand: its name, one line of help, its place in `--help`, a setup
/// function that declares its options on `app` (bound to state the runner owns) and
/// returns the runner, and an example of its use.
struct command {
  std::string name;
  std::string description;
  int order = 100;
  std::function<runner(CLI::App& app)> setup;
  std::string example;  ///< one command line `danvan --help` shows
};

/// Every registered subcommand, sorted by `order`, then name.
[[nodiscard]] std::vector<const command*> commands();

/// Registers a subcommand at static-initialization time:
///
///     namespace { const danvan::cli::registration reg{{"validate", "Check files", 10, setup}}; }
struct registration {
  explicit registration(command c);
};

/// Adds `--format` with the given choices (the first is the default) to `app`.
CLI::Option* add_format_option(CLI::App& app, std::string& target, std::vector<std::string> choices);

/// Adds `--as-of DATE` to `app`: the command answers on the network as of that day.
CLI::Option* add_as_of_option(CLI::App& app, std::string& target, const std::string& help);

/// Adds `--max-classification LEVEL`, the same on every command that shows a network.
CLI::Option* add_max_classification_option(CLI::App& app, std::string& target);

}  // namespace danvan::cli

// danvan — the command-line program. Subcommands register themselves (see
// command.hpp); this file only builds the CLI11 application from the registry,
// parses, runs the chosen subcommand and maps every failure to an exit status.
#include "command.hpp"

#include <danvan/error.hpp>

#include <exception>
#include <iostream>
#include <map>
#include <string>

#ifndef DANVAN_VERSION
#define DANVAN_VERSION "unknown"
#endif

namespace {

constexpr const char* exit_status_help =
    "Exit status:\n"
    "  0  success: every file is valid (validate), the command did its work\n"
    "  1  the data is invalid (validate, summary), or a check found violations of error severity\n"
    "  2  usage error (unknown command or option, missing argument), a file that cannot be\n"
    "     read or written, or any other failure to complete the command\n"
    "\n"
    "Problems are printed one per line as `file:path: message` (JSON pointer into the file),\n"
    "or `file:line:column: message` for JSON syntax errors.\n"
    "Run `danvan COMMAND --help` for the options of one command.";

}  // namespace

int main(int argc, char** argv) {
  using namespace danvan::cli;
  const streams io{std::cout, std::cerr};

  CLI::App app{"danvan " DANVAN_VERSION
               " - inter-agency coordination networks: responsibility, overlap and policy coverage.\n"
               "Reads and checks danvan JSON network files (format version 1).",
               "danvan"};
  app.set_version_flag("--version", "danvan " DANVAN_VERSION, "Print the version and exit");
  app.require_subcommand(1);
  std::string examples = "Examples:\n";
  for (const command* c : commands())
    if (!c->example.empty()) examples += "  " + c->example + "\n";
  app.footer(examples + "\n" + exit_status_help);
  app.get_formatter()->column_width(28);

  std::map<CLI::App*, runner> runners;
  for (const command* c : commands()) {
    CLI::App* sub = app.add_subcommand(c->name, c->description);
    sub->footer("Exit status: 0 success, 1 invalid data or violations, 2 usage or I/O error.");
    runners[sub] = c->setup(*sub);
  }

  // CLI11 would only say "a subcommand is required" for `danvan frob`.
  std::string names;
  bool known = false;
  for (const command* c : commands()) {
    names += (names.empty() ? "" : ", ") + c->name;
    known = known || (argc > 1 && c->name == argv[1]);
  }
  if (argc > 1 && argv[1][0] != '-' && !known) {
    io.err << "danvan: unknown command `" << argv[1] << "` (commands: " << names << ")\n"
           << "Run with --help for more information.\n";
    return usage;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0; everything else is a usage error.
    const int code = app.exit(e, io.out, io.err);
    return code == 0 ? success : usage;
  }

  try {
    for (auto& [sub, run] : runners)
      if (sub->parsed()) return run(io);
    io.err << "danvan: no command given; see `danvan --help`\n";
    return usage;
  } catch (const danvan::parse_error& e) {
    io.err << e.what() << '\n';
    return failure;
  } catch (const danvan::validation_error& e) {
    for (const auto& p : e.problems()) io.err << p.to_string() << '\n';
    return failure;
  } catch (const danvan::error& e) {
    io.err << "danvan: " << e.what() << '\n';
    return usage;
  } catch (const std::exception& e) {
    io.err << "danvan: internal error: " << e.what() << '\n';
    return usage;
  }
}

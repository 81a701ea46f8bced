// danvan import FOLDER -o OUT.json — a network from the CSV tables of
// `danvan export --format csv` (or a person's edit of them), checked like a network
// file: every problem named by its table, line and column; OUT written atomically.
#include "command.hpp"
#include "common.hpp"
#include "output_file.hpp"

#include <danvan/io/csv.hpp>
#include <danvan/io/json.hpp>

#include <memory>

namespace danvan::cli {
namespace {

struct import_options {
  std::string folder;
  std::string output;
  bool force = false;
};

int run(const import_options& opt, const streams& io) {
  const bool to_stdout = opt.output == "-";
  if (!to_stdout && !writable_or_say("import", opt.output, opt.force, io.err)) return usage;
  network net;
  try {
    net = load_csv(opt.folder);
  } catch (const validation_error& e) {
    for (const auto& p : e.problems()) io.err << p.to_string() << '\n';
    io.err << "danvan import: " << opt.folder << ": " << count_of(e.total(), "problem") << "; nothing written\n";
    return failure;
  }
  if (to_stdout) {
    io.out << dumps(net) << std::flush;
    return success;
  }
  save(net, opt.output);  // io_error: main reports it, exit status 2
  io.err << "danvan import: wrote " << opt.output << " (" << count_of(net.organizations().size(), "organization") << ", "
         << count_of(net.tasks().size(), "task") << ", " << count_of(net.roles().size(), "role") << ")\n";
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<import_options>();
  app.add_option("folder", opt->folder, "The folder of CSV tables (network.csv, organizations.csv, tasks.csv, roles.csv, ...)")
      ->required()
      ->type_name("FOLDER");
  app.add_option("-o,--output", opt->output, "The network file to write (`-`: standard output)")->required()->type_name("OUT.json");
  app.add_flag("--force", opt->force, "Replace the output file when it exists");
  app.footer(
      "Reads the tables `danvan export --format csv` writes, one per kind; a missing table is\n"
      "empty. Every cell is text (codes such as `01` stay as written); lists are `;`-joined.\n"
      "Export then import gives back the same network, byte for byte (docs/export.md).\n"
      "Example: danvan export data/haiduong-2023.json --format csv -o tables && danvan import tables -o network.json\n"
      "Exit status: 0 written, 1 the tables do not describe a valid network (each problem with its\n"
      "table, line and column), 2 usage error, existing output without --force, unreadable folder.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"import", "Read a network back from its CSV tables", 96, setup, "danvan import tables -o network.json"}};

}  // namespace
}  // namespace danvan::cli

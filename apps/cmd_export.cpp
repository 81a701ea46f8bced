// danvan export FILE -o OUT [--format F] — a network in a format another tool reads:
// GraphML, GEXF, DOT, the HXL 3W table, Popolo JSON or an xlsx workbook
// (danvan/io/export.hpp), or as a folder of CSV tables that `danvan import` reads back
// (danvan/io/csv.hpp).
#include "command.hpp"
#include "common.hpp"
#include "output_file.hpp"

#include <danvan/io/csv.hpp>
#include <danvan/io/export.hpp>

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace danvan::cli {
namespace {

struct export_options {
  std::string file;
  std::string output;
  std::string format;
  std::string graph = "bipartite";
  std::string on = "tasks";
  std::string weight = "count";
  std::string as_of;
  std::string max_classification;
  double min_weight = 0;
  bool force = false;
};

/// The format asked for, or the one the output's extension says; prints why not.
std::optional<export_format> read_format(const export_options& opt, std::ostream& err) {
  if (!opt.format.empty()) return enum_from_string<export_format>(opt.format);  // CLI11 checked the word
  if (opt.output != "-")
    if (const auto f = export_format_of(opt.output)) return f;
  err << "danvan export: say which format with --format (graphml, gexf, dot, hxl, popolo, xlsx, csv); `" << opt.output
      << "` does not end in .graphml, .gexf, .dot, .gv, .hxl, .csv, .popolo.json or .xlsx\n";
  return std::nullopt;
}

/// --format csv: the tables into the folder OUT, all or nothing.
int run_csv(const export_options& opt, const streams& io) {
  if (opt.output == "-") {
    io.err << "danvan export: --format csv writes a folder of tables; name it with -o FOLDER\n";
    return usage;
  }
  int status = success;
  const auto net = open_network(opt.file, opt.as_of, opt.max_classification, "export", io, status);
  if (!net) return status;
  save_csv(*net, opt.output, opt.force);  // io_error (exists without --force, holds other files): exit status 2
  io.err << "danvan export: wrote " << csv_table_names().size() << " tables into " << opt.output << "/ (csv)\n";
  return success;
}

int run(const export_options& opt, const streams& io) {
  if (opt.format == "csv") return run_csv(opt, io);
  const auto format = read_format(opt, io.err);
  if (!format) return usage;
  const bool to_stdout = opt.output == "-";
  if (!to_stdout && !writable_or_say("export", opt.output, opt.force, io.err)) return usage;
  export_graph_options graph;
  graph.kind = *enum_from_string<graph_kind>(opt.graph);
  graph.projection.on = parse_projection_on(opt.on);
  graph.projection.weight = parse_overlap_weight(opt.weight);
  graph.projection.min_weight = opt.min_weight;

  int status = success;
  const auto net = open_network(opt.file, opt.as_of, opt.max_classification, "export", io, status);
  if (!net) return status;
  if (to_stdout) {
    write_export(io.out, *net, *format, graph);
    io.out.flush();
    return success;
  }
  // Progress for people: a note while a large network is written, when stderr is a terminal.
  const bool note = net->roles().size() >= 100'000 && ::isatty(STDERR_FILENO);
  if (note) io.err << "danvan export: writing " << opt.output << " ..." << std::flush;
  export_file(*net, opt.output, *format, graph);  // io_error: main reports it, exit status 2
  if (note) io.err << '\n';
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(opt.output, ec);
  io.err << "danvan export: wrote " << opt.output << " (" << to_string(*format) << ", " << (bytes + 1023) / 1024
         << " KB)\n";
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<export_options>();
  app.add_option("file", opt->file, "Network file (`-` reads standard input)")->required()->type_name("FILE");
  app.add_option("-o,--output", opt->output, "The file to write (`-`: standard output; the folder for csv)")->required()->type_name("OUT");
  app.add_option("--format", opt->format,
                 "graphml | gexf | dot | hxl | popolo | xlsx | csv (default: from OUT's extension; csv: a folder of tables)")
      ->check(CLI::IsMember({"graphml", "gexf", "dot", "hxl", "popolo", "xlsx", "csv"}));
  app.add_option("--graph", opt->graph,
                 "graphml, gexf, dot: bipartite (organizations and their tasks and programs) or organizations "
                 "(an edge per pair sharing work)")
      ->check(CLI::IsMember({"bipartite", "organizations"}))
      ->default_str("bipartite");
  app.add_option("--on", opt->on, "--graph organizations: what a pair shares, tasks | programs")
      ->check(CLI::IsMember({"tasks", "programs"}))
      ->default_str("tasks");
  app.add_option("--weight", opt->weight, "--graph organizations: count | jaccard | overlap | newman")
      ->check(CLI::IsMember({"count", "jaccard", "overlap", "newman"}))
      ->default_str("count");
  app.add_option("--min-weight", opt->min_weight, "--graph organizations: keep pairs of at least this weight")
      ->check(CLI::NonNegativeNumber)
      ->default_str("0");
  add_as_of_option(app, opt->as_of, "Export the network as of this day: roles follow reorganizations");
  add_max_classification_option(app, opt->max_classification);
  app.add_flag("--force", opt->force, "Replace the output file when it exists (csv: a folder holding only the tables)");
  app.footer(
      "Formats: GraphML and GEXF (NetworkX, igraph, Gephi; GEXF nodes carry their validity for\n"
      "Gephi's timeline), DOT (Graphviz), HXL (the 3W table: who does what where, when) and Popolo\n"
      "JSON (organizations and areas), xlsx (a sheet per table, names beside ids), csv (a folder\n"
      "of tables, one per kind, with every field: `danvan import` reads it back). Nothing above\n"
      "--max-classification is written.\n"
      "Example: danvan export data/haiduong-2023.json -o haiduong.graphml --graph organizations\n"
      "Exit status: 0 written, 1 invalid network file, 2 usage error, existing output without\n"
      "--force, unwritable output or unreadable file.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"export", "Write a network as GraphML, GEXF, DOT, HXL, Popolo, xlsx or CSV tables", 95, setup, "danvan export data/haiduong-2023.json -o network.graphml"}};

}  // namespace
}  // namespace danvan::cli

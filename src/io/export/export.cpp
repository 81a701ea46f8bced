// export_text(), export_file(), export_format_of(): one entry for every format.
#include <danvan/io/export.hpp>
#include <danvan/io/file.hpp>

#include <sstream>

namespace danvan {

std::optional<export_format> export_format_of(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  auto ends_with = [&name](std::string_view tail) {
    return name.size() > tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (ends_with(".graphml")) return export_format::graphml;
  if (ends_with(".gexf")) return export_format::gexf;
  if (ends_with(".dot") || ends_with(".gv")) return export_format::dot;
  if (ends_with(".hxl") || ends_with(".csv")) return export_format::hxl;
  if (ends_with(".popolo.json")) return export_format::popolo;
  if (ends_with(".xlsx")) return export_format::xlsx;
  return std::nullopt;
}

void write_export(std::ostream& out, const network& net, export_format format, const export_graph_options& graph) {
  switch (format) {
    case export_format::graphml: write_graphml(out, to_graph(net, graph)); break;
    case export_format::gexf: write_gexf(out, to_graph(net, graph)); break;
    case export_format::dot: write_dot(out, to_graph(net, graph)); break;
    case export_format::hxl: write_hxl(out, net); break;
    case export_format::popolo: write_popolo(out, net); break;
    case export_format::xlsx: write_xlsx(out, net); break;
  }
}

std::string export_text(const network& net, export_format format, const export_graph_options& graph) {
  std::ostringstream out;
  write_export(out, net, format, graph);
  return std::move(out).str();
}

void export_file(const network& net, const std::filesystem::path& file, export_format format,
                 const export_graph_options& graph) {
  // Straight to the file: an export of a large network is hundreds of megabytes.
  write_file(file, [&](std::ostream& out) { write_export(out, net, format, graph); });
}

}  // namespace danvan

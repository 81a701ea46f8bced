// write_graphml(): a graph_tables as GraphML, one typed <key> per attribute column.
#include "markup.hpp"

#include <danvan/io/export.hpp>

namespace danvan {

void write_graphml(std::ostream& stream, const graph_tables& g) {
  detail::chunked_output out(stream);
  const auto node_attrs = detail::attributes(g.nodes, {"id"});
  const auto edge_attrs = detail::attributes(g.edges, {"source", "target"});
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"g_name\" for=\"graph\" attr.name=\"name\" attr.type=\"string\"/>\n"
         "  <key id=\"g_kind\" for=\"graph\" attr.name=\"kind\" attr.type=\"string\"/>\n";
  // Keys are numbered per element kind: n0, n1, ... and e0, e1, ..., in column order.
  auto keys = [&out](const std::vector<const column*>& attrs, std::string_view element, char prefix) {
    for (std::size_t k = 0; k < attrs.size(); ++k) {
      out << "  <key id=\"" << prefix << k << "\" for=\"" << element << "\" attr.name=\"";
      out.xml(attrs[k]->name) << "\" attr.type=\"" << detail::attribute_type(attrs[k]->kind) << "\"/>\n";
    }
  };
  keys(node_attrs, "node", 'n');
  keys(edge_attrs, "edge", 'e');
  out << "  <graph id=\"G\" edgedefault=\"undirected\">\n    <data key=\"g_name\">";
  out.xml(g.name) << "</data>\n    <data key=\"g_kind\">" << to_string(g.kind) << "</data>\n";
  auto data = [&out](const std::vector<const column*>& attrs, std::size_t row, char prefix) {
    for (std::size_t k = 0; k < attrs.size(); ++k)
      if (attrs[k]->has_value(row)) {
        out << "<data key=\"" << prefix << k << "\">";
        out.xml_cell(*attrs[k], row) << "</data>";
      }
  };
  const column& id = g.nodes.at("id");
  for (std::size_t r = 0; r < g.nodes.rows(); ++r) {
    out << "    <node id=\"";
    out.xml(id.text(r)) << "\">";
    data(node_attrs, r, 'n');
    out << "</node>\n";
    out.spill();
  }
  const column& source = g.edges.at("source");
  const column& target = g.edges.at("target");
  for (std::size_t r = 0; r < g.edges.rows(); ++r) {
    out << "    <edge source=\"";
    out.xml(source.text(r)) << "\" target=\"";
    out.xml(target.text(r)) << "\">";
    data(edge_attrs, r, 'e');
    out << "</edge>\n";
    out.spill();
  }
  out << "  </graph>\n</graphml>\n";
  out.finish();
}

}  // namespace danvan

// write_gexf(): a graph_tables as GEXF 1.2, each node's validity as its start and end
// so that Gephi's timeline shows organizations and work appear and end.
#include "markup.hpp"

#include <danvan/io/export.hpp>


namespace danvan {
namespace {

/// The columns that make a node's interval: an organization's validity, else an item's period.
struct interval_columns {
  const column* from = nullptr;
  const column* to = nullptr;
  const column* start = nullptr;
  const column* end = nullptr;

  explicit interval_columns(const table& nodes) {
    for (const auto& c : nodes.columns()) {
      if (c.name == "valid_from") from = &c;
      if (c.name == "valid_to") to = &c;
      if (c.name == "start") start = &c;
      if (c.name == "end") end = &c;
    }
  }

  /// ` start="…" end="…"` for row r (either left out when open).
  [[nodiscard]] std::string of(std::size_t r) const {
    auto pick = [r](const column* first, const column* second) {
      if (first && first->has_value(r)) return first->dates[r];
      if (second && second->has_value(r)) return second->dates[r];
      return date();
    };
    const auto a = detail::whole_day(pick(from, start), false);
    const auto b = detail::whole_day(pick(to, end), true);
    std::string out;
    if (!a.empty()) out.append(" start=\"").append(a).append("\"");
    if (!b.empty()) out.append(" end=\"").append(b).append("\"");
    return out;
  }
};

}  // namespace

void write_gexf(std::ostream& stream, const graph_tables& g) {
  detail::chunked_output out(stream);
  // `start` and `end` are the nodes' own interval here, not attributes; `name` is also the label.
  const auto node_attrs = detail::attributes(g.nodes, {"id", "start", "end"});
  const auto edge_attrs = detail::attributes(g.edges, {"source", "target", "weight"});
  const column* weight = nullptr;
  for (const auto& c : g.edges.columns())
    if (c.name == "weight") weight = &c;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
         "  <meta>\n    <creator>danvan</creator>\n    <description>";
  out.xml(g.name) << "</description>\n    <keywords>" << to_string(g.kind)
                  << "</keywords>\n  </meta>\n"
                     "  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"date\">\n";
  auto declare = [&out](const std::vector<const column*>& attrs, std::string_view cls) {
    out << "    <attributes class=\"" << cls << "\" mode=\"static\">\n";
    for (std::size_t k = 0; k < attrs.size(); ++k) {
      out << "      <attribute id=\"" << k << "\" title=\"";
      out.xml(attrs[k]->name) << "\" type=\"" << detail::attribute_type(attrs[k]->kind) << "\"/>\n";
    }
    out << "    </attributes>\n";
  };
  declare(node_attrs, "node");
  declare(edge_attrs, "edge");
  auto values = [&out](const std::vector<const column*>& attrs, std::size_t row) {
    out << "<attvalues>";
    for (std::size_t k = 0; k < attrs.size(); ++k)
      if (attrs[k]->has_value(row)) {
        out << "<attvalue for=\"" << k << "\" value=\"";
        out.xml_cell(*attrs[k], row) << "\"/>";
      }
    out << "</attvalues>";
  };
  const column& id = g.nodes.at("id");
  const column& name = g.nodes.at("name");
  const interval_columns interval(g.nodes);
  out << "    <nodes>\n";
  for (std::size_t r = 0; r < g.nodes.rows(); ++r) {
    out << "      <node id=\"";
    out.xml(id.text(r)) << "\" label=\"";
    out.xml(name.text(r)) << '"' << interval.of(r) << '>';
    values(node_attrs, r);
    out << "</node>\n";
    out.spill();
  }
  out << "    </nodes>\n    <edges>\n";
  const column& source = g.edges.at("source");
  const column& target = g.edges.at("target");
  for (std::size_t r = 0; r < g.edges.rows(); ++r) {
    out << "      <edge id=\"" << r << "\" source=\"";
    out.xml(source.text(r)) << "\" target=\"";
    out.xml(target.text(r)) << '"';
    if (weight) out << " weight=\"" << weight->to_text(r) << '"';
    out << '>';
    values(edge_attrs, r);
    out << "</edge>\n";
    out.spill();
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
  out.finish();
}

}  // namespace danvan

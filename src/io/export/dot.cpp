// write_dot(): a graph_tables in Graphviz's DOT language.
#include "markup.hpp"

#include <danvan/io/export.hpp>

namespace danvan {
namespace {

/// Appends `s` as a DOT quoted string: `"` and `\` escaped (so that `\n` or `\l` in a
/// name stay text, not Graphviz's line breaks), a line break written as `\n`.
void dot_string(detail::chunked_output& out, std::string_view s) {
  std::string& buf = out.buffer();
  buf += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') buf += '\\';
    if (c == '\n') buf += "\\n";
    else if (c != '\r') buf += c;
  }
  buf += '"';
}

/// ` [label="…", a="…", …]` of the cells of row r that hold a value (the label first
/// when `label` is given).
void attribute_list(detail::chunked_output& out, const std::vector<const column*>& attrs, std::size_t row,
                    const column* label = nullptr) {
  bool first = true;
  auto key = [&](std::string_view name) {
    out << (first ? " [" : ", ");
    first = false;
    dot_string(out, name);
    out << '=';
  };
  if (label) {
    key("label");
    dot_string(out, label->text(row));
  }
  for (const column* c : attrs)
    if (c->has_value(row)) {
      // Graphviz reads `weight` as a layout weight that must be a whole number: the
      // share weight (a Jaccard index, ...) goes under its own name.
      key(c->name == "weight" ? "share_weight" : c->name);
      dot_string(out, c->kind == column_kind::text ? c->text(row) : c->to_text(row));
    }
  if (!first) out << ']';
}

}  // namespace

void write_dot(std::ostream& stream, const graph_tables& g) {
  detail::chunked_output out(stream);
  const auto node_attrs = detail::attributes(g.nodes, {"id", "name"});
  const auto edge_attrs = detail::attributes(g.edges, {"source", "target"});
  out << "graph ";
  dot_string(out, g.name);
  out << " {\n  graph [kind=";
  dot_string(out, to_string(g.kind));
  out << "];\n";
  const column& id = g.nodes.at("id");
  const column& name = g.nodes.at("name");
  for (std::size_t r = 0; r < g.nodes.rows(); ++r) {
    out << "  ";
    dot_string(out, id.text(r));
    attribute_list(out, node_attrs, r, &name);
    out << ";\n";
    out.spill();
  }
  const column& source = g.edges.at("source");
  const column& target = g.edges.at("target");
  for (std::size_t r = 0; r < g.edges.rows(); ++r) {
    out << "  ";
    dot_string(out, source.text(r));
    out << " -- ";
    dot_string(out, target.text(r));
    attribute_list(out, edge_attrs, r);
    out << ";\n";
    out.spill();
  }
  out << "}\n";
  out.finish();
}

}  // namespace danvan

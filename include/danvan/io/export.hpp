// danvan — a network in the formats other tools read: GraphML and GEXF (NetworkX,
// igraph, Gephi, yEd), DOT (Graphviz), the HXL 3W table (humanitarian "who does what
// where" tools) and Popolo JSON (civic-data tools). The graphs are first made into a
// graph_tables (a node table and an edge table of danvan/table.hpp); each graph format
// writes those tables, so every format carries the same nodes and attributes. The
// network's own tables go to an Excel workbook (xlsx).
//
// Redaction comes first: export danvan::redact(net, ceiling), or the network as of a
// day (danvan::as_of), and nothing above the ceiling or gone that day is written.
#pragma once

#include <danvan/query/overlap.hpp>
#include <danvan/table.hpp>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace danvan {

/// The graph a network is exported as.
enum class graph_kind : std::uint8_t {
  bipartite,      ///< organizations and the tasks and programs they hold roles on
  organizations,  ///< organizations only, an edge per pair that shares work
};

/// Words of graph_kind.
template <> struct enum_names<graph_kind> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"bipartite", "organizations"};
};

/// What graph to make of a network.
struct export_graph_options {
  graph_kind kind = graph_kind::bipartite;  ///< bipartite or organizations
  /// organizations: what a pair shares and how it is weighted (on, weight, roles,
  /// min_weight, as in danvan::project).
  projection_options projection;
};

/// A network as a graph: one row of `nodes` per node, one row of `edges` per edge.
/// `nodes` starts with the text column `id`; `edges` with the text columns `source` and
/// `target` (node ids). The other columns are the attributes, typed (a text, date or
/// code column is written as a string, integer as a long, number as a double, boolean as
/// a boolean); a cell with no value gives the node or edge no such attribute.
struct graph_tables {
  std::string name;       ///< the network's title (meta.title), empty when it has none
  graph_kind kind = graph_kind::bipartite;  ///< the graph these tables are of
  table nodes;  ///< one row a node: `id`, then the attributes
  table edges;  ///< one row an edge: `source`, `target`, then the attributes
};

/// The graph of `net`.
///
/// bipartite: a node per organization (bipartite = 0) and per task and program
/// (bipartite = 1); an edge per organization and item it holds a role on, with `role`
/// (the first), `roles` (every role, comma-separated) and `raci` (their letters). Node
/// attributes: entity (organization, task, program), name, kind; organizations: level,
/// parent, area, valid_from, valid_to; tasks and programs: start, end (their period);
/// tasks: status, program, due. Dates are ISO 8601 text at their precision.
///
/// organizations: a node per organization (the same attributes), an edge per pair that
/// shares work (danvan::project with options.projection; each pair once when the
/// projection is symmetric, both ways otherwise) with `count` (shared items) and `weight`.
[[nodiscard]] graph_tables to_graph(const network& net, const export_graph_options& options = {});

/// GraphML (http://graphml.graphdrawing.org/): a `<key>` per attribute with its type, the
/// graph undirected. NetworkX's read_graphml and igraph's Graph.Read_GraphML read it.
void write_graphml(std::ostream& out, const graph_tables& g);

/// GEXF 1.2 (https://gexf.net/): typed attributes, each node's validity (organizations'
/// valid_from/valid_to, tasks' and programs' periods) as its start and end, so that
/// Gephi's timeline plays a reorganization; a `weight` column is the edges' weight.
void write_gexf(std::ostream& out, const graph_tables& g);

/// DOT (Graphviz): an undirected graph, each node labelled with its name, every
/// attribute a quoted DOT attribute. `dot -Tsvg` draws it.
void write_dot(std::ostream& out, const graph_tables& g);

/// The HXL 3W table as a table: one row per role on a task or program and per area the
/// task or program names (one row without area when it names none). Columns, with the
/// HXL hashtag each carries (hxl_tags()): organization (`#org+impl`), org_id (`#org+code`),
/// role (`#meta+role`), raci (`#meta+raci`), activity (`#activity+name`), activity_id
/// (`#activity+code`), activity_type (`#activity+type`: task or program), sector (`#sector`:
/// the topics' names, `; `-joined), province and province_id (`#adm1+name`, `#adm1+code`),
/// district and district_id (`#adm2+name`, `#adm2+code`: the area's district, or none
/// when the area is a province), start and end (`#date+start`, `#date+end`: the period),
/// status (`#status`: a task's; empty for a program's roles).
[[nodiscard]] table hxl_table(const network& net);

/// The HXL hashtag of each column of hxl_table(), in order.
[[nodiscard]] std::vector<std::string_view> hxl_tags();

/// hxl_table() as HXL CSV: the header row, the hashtag row, then the rows.
void write_hxl(std::ostream& out, const network& net);

/// Popolo JSON (https://www.popoloproject.com/specs/): {"organizations": [...],
/// "areas": [...]}. An organization has id, name, classification (its kind),
/// other_names (its English name, aliases and former names with their dates),
/// identifiers (its danvan id), and where known parent_id, area_id, founding_date
/// (valid_from) and dissolution_date (valid_to). An area has id, name, classification
/// (its level), identifiers (its code) and parent_id.
void write_popolo(std::ostream& out, const network& net);

/// The network's tables as an Excel workbook (xlsx, through libxlsxwriter): a sheet per
/// entity kind (the columns of entity_table(), each reference as its id and, beside it,
/// `<column>_name`) and a sheet of roles (org, org_name, role, raci, target_kind,
/// target, target_name, classification, valid_from, valid_to). Dates are text at their
/// precision. Throws danvan::argument_error for a kind with more rows than a sheet holds
/// (1,048,576), danvan::io_error when the workbook cannot be written.
void write_xlsx(std::ostream& out, const network& net);

/// The formats export_file() writes.
enum class export_format : std::uint8_t { graphml, gexf, dot, hxl, popolo, xlsx };

/// Words of export_format.
template <> struct enum_names<export_format> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"graphml", "gexf", "dot", "hxl", "popolo", "xlsx"};
};

/// The format a file name's extension says (`.graphml`, `.gexf`, `.dot`/`.gv`, `.hxl`
/// or `.csv`, `.popolo.json`, `.xlsx`); nothing for another extension.
[[nodiscard]] std::optional<export_format> export_format_of(const std::filesystem::path& file);

/// `net` in `format` as text (graph: the graph to make for graphml, gexf and dot); the
/// bytes of the workbook for xlsx.
[[nodiscard]] std::string export_text(const network& net, export_format format, const export_graph_options& graph = {});

/// Writes `net` in `format` to `out`, a piece at a time.
void write_export(std::ostream& out, const network& net, export_format format, const export_graph_options& graph = {});

/// Writes `net` in `format` to `file`, atomically and without holding the text whole in
/// memory (danvan::write_file): on error the file is as it was and danvan::io_error is
/// thrown.
void export_file(const network& net, const std::filesystem::path& file, export_format format,
                 const export_graph_options& graph = {});

}  // namespace danvan

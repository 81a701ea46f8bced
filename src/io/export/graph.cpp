// to_graph(): a network as a node table and an edge table, the one model GraphML,
// GEXF and DOT write.
#include <danvan/io/export.hpp>
#include <danvan/network.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace danvan {
namespace {

/// The node columns, filled row by row; a column a graph does not use stays out.
struct node_columns {
  column id{"id", column_kind::text}, entity{"entity", column_kind::text}, name{"name", column_kind::text},
      kind{"kind", column_kind::text}, bipartite{"bipartite", column_kind::integer}, level{"level", column_kind::text},
      parent{"parent", column_kind::text}, area{"area", column_kind::text}, valid_from{"valid_from", column_kind::date},
      valid_to{"valid_to", column_kind::date}, start{"start", column_kind::date}, end{"end", column_kind::date},
      status{"status", column_kind::text}, program{"program", column_kind::text}, due{"due", column_kind::date};

  node_columns() {
    for (column* c : {&level, &parent, &area, &status, &program}) c->empty_is_none = true;
  }

  /// The cells every node has, then blanks where its kind has nothing.
  void common(std::string_view node_id, std::string_view entity_word, std::string_view node_name,
              std::string_view kind_word, int side) {
    id.push_text(node_id);
    entity.push_text(entity_word);
    name.push_text(node_name);
    kind.push_text(kind_word);
    bipartite.integers.push_back(side);
  }

  void organization(const organization_view& o) {
    common(o.id(), "organization", o.name(), to_string(o.kind()), 0);
    level.push_text(o.level() ? to_string(*o.level()) : std::string_view{});
    parent.push_text(o.parent() ? o.parent()->id() : std::string_view{});
    area.push_text(o.area() ? o.area()->id() : std::string_view{});
    valid_from.dates.push_back(o.valid_from());
    valid_to.dates.push_back(o.valid_to());
    work({}, {}, {}, {});
  }

  /// The cells of tasks and programs (blank for an organization).
  void work(period p, std::string_view status_word, std::string_view program_id, date due_date) {
    start.dates.push_back(p.start);
    end.dates.push_back(p.end);
    status.push_text(status_word);
    program.push_text(program_id);
    due.dates.push_back(due_date);
  }

  void item(const program_view& p) {
    common(p.id(), "program", p.name(), to_string(p.kind()), 1);
    no_organization_fields();
    work(p.period(), {}, {}, {});
  }

  void item(const task_view& t) {
    common(t.id(), "task", t.name(), to_string(t.kind()), 1);
    no_organization_fields();
    work(t.period(), to_string(t.status()), t.program() ? t.program()->id() : std::string_view{}, t.due());
  }

  void no_organization_fields() {
    for (column* c : {&level, &parent, &area}) c->push_text({});
    valid_from.dates.emplace_back();
    valid_to.dates.emplace_back();
  }

  table take(bool with_items) {
    table t;
    for (column* c : {&id, &entity, &name, &kind}) t.add(std::move(*c));
    if (with_items) t.add(std::move(bipartite));
    for (column* c : {&level, &parent, &area, &valid_from, &valid_to}) t.add(std::move(*c));
    if (with_items)
      for (column* c : {&start, &end, &status, &program, &due}) t.add(std::move(*c));
    return t;
  }
};

/// One edge a pair (organization, item): the roles it holds there, in file order.
table role_edges(const network& net) {
  column source("source", column_kind::text), target("target", column_kind::text);
  column first("role", column_kind::text), all("roles", column_kind::text), letters("raci", column_kind::text);
  // At most an edge a role: reserved (virtual space until written) rather than grown.
  const std::size_t most = net.roles().size();
  for (column* c : {&source, &target, &first, &all, &letters}) {
    c->text_ends.reserve(most);
    c->chars.reserve(most * (c == &source || c == &target ? 48 : 16));
  }
  struct held {
    index org;
    std::string names, letters;
  };
  std::vector<held> on_item;  // an item has a few roles: a vector searched is faster than a map
  auto add_item = [&](std::string_view item_id, const role_range& roles) {
    on_item.clear();
    for (const auto& r : roles) {
      const index o = r.org().position();
      auto it = std::find_if(on_item.begin(), on_item.end(), [o](const held& h) { return h.org == o; });
      if (it == on_item.end()) it = on_item.insert(on_item.end(), held{o, {}, {}});
      it->names.append(it->names.empty() ? "" : ",").append(r.role_name());
      it->letters.append(to_string(r.letter()));
    }
    for (const auto& h : on_item) {
      source.push_text(net.id_of(entity_kind::organization, h.org));
      target.push_text(item_id);
      first.push_text(std::string_view(h.names).substr(0, h.names.find(',')));
      all.push_text(h.names);
      letters.push_text(h.letters);
    }
  };
  for (const auto& p : net.programs()) add_item(p.id(), p.roles());
  for (const auto& t : net.tasks()) add_item(t.id(), t.roles());
  table t;
  for (column* c : {&source, &target, &first, &all, &letters}) t.add(std::move(*c));
  return t;
}

/// One edge a pair of organizations that share work, with count and weight.
table shared_work_edges(const network& net, const projection_options& o) {
  const projection p = project(net, {}, o);
  column source("source", column_kind::text), target("target", column_kind::text);
  column count("count", column_kind::integer), weight("weight", column_kind::number);
  for (index a = 0; a < p.size; ++a)
    for (auto e = p.indptr()[a]; e < p.indptr()[a + 1]; ++e) {
      const index b = p.indices()[e];
      if (p.symmetric && b < a) continue;  // each pair once
      source.push_text(net.id_of(entity_kind::organization, a));
      target.push_text(net.id_of(entity_kind::organization, b));
      count.integers.push_back(p.counts()[e]);
      weight.numbers.push_back(p.weight_at(e));
    }
  table t;
  for (column* c : {&source, &target, &count, &weight}) t.add(std::move(*c));
  return t;
}

}  // namespace

graph_tables to_graph(const network& net, const export_graph_options& options) {
  graph_tables g;
  g.name = net.meta().title;
  g.kind = options.kind;
  node_columns nodes;
  for (const auto& o : net.organizations()) nodes.organization(o);
  const bool bipartite = options.kind == graph_kind::bipartite;
  if (bipartite) {
    for (const auto& p : net.programs()) nodes.item(p);
    for (const auto& t : net.tasks()) nodes.item(t);
  }
  g.nodes = nodes.take(bipartite);
  g.edges = bipartite ? role_edges(net) : shared_work_edges(net, options.projection);
  return g;
}

}  // namespace danvan

#include <danvan/error.hpp>
#include "detail/network_access.hpp"
#include <danvan/query/argument_error.hpp>
#include <danvan/query/responsibility.hpp>
#include "dated.hpp"
#include "hierarchy.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace danvan {

namespace {

/// Makes the rows of roles. It holds what a row reads (the role records, their targets'
/// table), so that a loop pushing rows does not reload those for every role; inlined
/// into the loops, so that a row is written where it is pushed (returned through the
/// stack, copying each row out stalled the loop).
class row_maker {
 public:
  explicit row_maker(const network& net)
      : vocabulary_(&net.vocabulary()),
        roles_(detail::data_of(net).roles.data()),
        targets_(detail::data_of(net).role_targets()) {}
  /// The row of role `r`, reached by `path`.
  [[gnu::always_inline]] responsibility_row operator()(index r, role_path path, index program = no_index,
                                                       index document = no_index) const {
    return of(r, targets_.kind(r), targets_.target(r), path, program, document);
  }
  /// The same, its target known.
  [[gnu::always_inline]] responsibility_row of(index r, entity_kind kind, index target, role_path path,
                                               index program = no_index, index document = no_index) const {
    const auto& rec = roles_[r];
    return {r, rec.org, rec.role, (*vocabulary_)[rec.role].letter, kind, target, path, program, document};
  }

 private:
  const role_vocabulary* vocabulary_;
  const detail::role_record* roles_;
  detail::network_data::role_target_reader targets_;
};

void check_position(const network& net, entity_kind kind, index position) {
  if (position >= net.size(kind))
    throw std::out_of_range("danvan: no " + std::string(to_string(kind)) + " at position " +
                            std::to_string(position) + " (" + std::to_string(net.size(kind)) + " in the network)");
}

/// Roles of one task or program that the filter keeps, appended to `out`.
void append_roles(const network& net, const scope_filter& f, entity_kind kind, index target, role_path path,
                  index program, index document, std::vector<responsibility_row>& out) {
  const auto& d = detail::data_of(net);
  const auto& begin = kind == entity_kind::task ? d.task_role_begin : d.program_role_begin;
  const row_maker row(net);
  for (index r = begin[target]; r < begin[target + 1]; ++r)
    if (f.role(r)) out.push_back(row.of(r, kind, target, path, program, document));
}

/// Tasks of each program, as CSR offsets over task positions.
struct program_tasks {
  std::vector<std::uint32_t> begin;
  std::vector<index> tasks;
  explicit program_tasks(const network& net) {
    const auto& d = detail::data_of(net);
    begin.assign(d.programs.size() + 1, 0);
    for (const auto& t : d.tasks)
      if (t.program != no_index) ++begin[t.program + 1];
    for (std::size_t p = 0; p < d.programs.size(); ++p) begin[p + 1] += begin[p];
    tasks.resize(begin.back());
    std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
    for (index t = 0; t < d.tasks.size(); ++t)
      if (d.tasks[t].program != no_index) tasks[fill[d.tasks[t].program]++] = t;
  }
  std::span<const index> of(index p) const { return {tasks.data() + begin[p], begin[p + 1] - begin[p]}; }
};

/// The first document of `list` that is in `family`, or no_index.
index first_in(std::span<const index> list, const std::vector<bool>& family) {
  for (index i : list)
    if (family[i]) return i;
  return no_index;
}

}  // namespace

std::vector<responsibility_row> roles_of(const network& net, std::string_view id, const scope& s, bool rollup) {
  for (auto kind : {entity_kind::task, entity_kind::program, entity_kind::document})
    if (id.starts_with(id_prefix(kind))) return roles_of(net, kind, net.at(kind, id), s, rollup);
  if (id.starts_with(id_prefix(entity_kind::organization)))
    throw argument_error("roles_of takes a task, program or document id; `" + std::string(id) +
                "` is an organization: ask for its portfolio instead");
  if (net.find(id))
    throw argument_error("roles_of takes a task, program or document id, not `" + std::string(id) + "`");
  // Unknown id of no known kind: suggest among tasks, programs and documents.
  std::vector<std::string> near;
  for (auto kind : {entity_kind::task, entity_kind::program, entity_kind::document})
    for (auto& n : net.nearest_ids(kind, id, 3)) near.push_back(std::move(n));
  if (near.size() > 3) near.resize(3);
  throw not_found(std::string(id), std::move(near));
}

std::vector<responsibility_row> roles_of(const network& net, entity_kind kind, index position, const scope& s,
                                         bool rollup) {
  if (kind != entity_kind::task && kind != entity_kind::program && kind != entity_kind::document)
    throw argument_error("roles_of takes a task, program or document, not a " + std::string(to_string(kind)));
  check_position(net, kind, position);
  if (const detail::dated_query dated{net, s}) {
    const index p = dated.position(kind, position);
    return p == no_index ? std::vector<responsibility_row>{} : roles_of(dated.net(), kind, p, dated.rest(), rollup);
  }
  const scope_filter f(net, s);
  std::vector<responsibility_row> out;
  if (kind == entity_kind::task) {
    append_roles(net, f, entity_kind::task, position, role_path::own, no_index, no_index, out);
    return out;
  }
  if (kind == entity_kind::program) {
    append_roles(net, f, entity_kind::program, position, role_path::own, no_index, no_index, out);
    if (!rollup) return out;
    const auto& d = detail::data_of(net);
    for (index t = 0; t < d.tasks.size(); ++t)
      if (d.tasks[t].program == position)
        append_roles(net, f, entity_kind::task, t, role_path::program_task, position, no_index, out);
    return out;
  }
  if (!rollup) return out;

  // The document and every document that implements or continues it, directly or not.
  const auto& d = detail::data_of(net);
  std::vector<std::vector<index>> builds_on(d.documents.size());
  for (auto doc : net.documents()) {
    for (index up : doc.implements()) builds_on[up].push_back(doc.position());
    for (index up : doc.continues()) builds_on[up].push_back(doc.position());
  }
  std::vector<bool> family(d.documents.size(), false);
  std::vector<index> stack{position};
  family[position] = true;
  while (!stack.empty()) {
    const index x = stack.back();
    stack.pop_back();
    for (index y : builds_on[x])
      if (!family[y]) {
        family[y] = true;
        stack.push_back(y);
      }
  }

  const program_tasks by_program(net);
  std::vector<bool> task_done(d.tasks.size(), false);
  for (auto p : net.programs()) {
    const index via = first_in(p.implements(), family);
    if (via == no_index) continue;
    append_roles(net, f, entity_kind::program, p.position(), role_path::implements, no_index, via, out);
    for (index t : by_program.of(p.position())) {
      task_done[t] = true;
      append_roles(net, f, entity_kind::task, t, role_path::program_task, p.position(), via, out);
    }
  }
  for (auto t : net.tasks()) {
    if (task_done[t.position()]) continue;
    const index via = first_in(t.implements(), family);
    if (via != no_index)
      append_roles(net, f, entity_kind::task, t.position(), role_path::implements, no_index, via, out);
  }
  return out;
}

std::vector<responsibility_row> portfolio(const network& net, std::string_view org_id, const scope& s,
                                          bool include_subunits) {
  return portfolio(net, net.at(entity_kind::organization, org_id), s, include_subunits);
}

std::vector<responsibility_row> portfolio(const network& net, index org, const scope& s, bool include_subunits) {
  check_position(net, entity_kind::organization, org);
  if (const detail::dated_query dated{net, s}) {
    const index p = dated.position(entity_kind::organization, org);
    return p == no_index ? std::vector<responsibility_row>{} : portfolio(dated.net(), p, dated.rest(), include_subunits);
  }
  const auto& d = detail::data_of(net);
  std::vector<index> orgs{org};
  if (include_subunits) {
    // Descendants in position order.
    std::vector<bool> root(d.organizations.size(), false);
    root[org] = true;
    const auto under = detail::under_marked(root, [&](index o) { return d.organizations[o].parent; });
    for (index o = 0; o < d.organizations.size(); ++o)
      if (o != org && under[o]) orgs.push_back(o);
  }
  const scope_filter f(net, s);
  const row_maker row(net);
  std::vector<responsibility_row> out;
  std::size_t held = 0;
  for (index o : orgs) held += d.org_role_begin[o + 1] - d.org_role_begin[o];
  out.reserve(held);
  for (index o : orgs)
    for (std::uint32_t k = d.org_role_begin[o]; k < d.org_role_begin[o + 1]; ++k) {
      const index r = d.org_roles[k];
      if (f.role(r)) out.push_back(row(r, role_path::own));
    }
  return out;
}

std::vector<raci_cell> raci_matrix(const network& net, const scope& s) {
  if (const detail::dated_query dated{net, s}) return raci_matrix(dated.net(), dated.rest());
  const auto& d = detail::data_of(net);
  const scope_filter f(net, s);
  const bool all = f.everything();
  std::vector<std::uint8_t> bit(net.vocabulary().size());
  for (std::size_t i = 0; i < bit.size(); ++i) bit[i] = raci_bit(net.vocabulary()[static_cast<role_index>(i)].letter);

  std::vector<raci_cell> out;
  out.reserve(d.roles.size() - (d.task_role_begin.empty() ? 0 : d.task_role_begin.front()));
  for (index t = 0; t < d.tasks.size(); ++t) {
    if (!all && !f.task(t)) continue;
    const std::size_t first = out.size();
    for (index r = d.task_role_begin[t]; r < d.task_role_begin[t + 1]; ++r) {
      if (!all && !f.role(r)) continue;
      const auto& rec = d.roles[r];
      // Few roles per task: merge into the cells of this task by a linear search.
      auto it = std::find_if(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                             [&](const raci_cell& c) { return c.org == rec.org; });
      if (it != out.end()) it->letters |= bit[rec.role];
      else out.push_back({t, rec.org, bit[rec.role]});
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
              [](const raci_cell& a, const raci_cell& b) { return a.org < b.org; });
  }
  return out;
}

std::vector<chain_step> accountability_chain(const network& net, std::string_view task_id, const scope& s) {
  return accountability_chain(net, net.at(entity_kind::task, task_id), s);
}

std::vector<chain_step> accountability_chain(const network& net, index task, const scope& s) {
  check_position(net, entity_kind::task, task);
  if (const detail::dated_query dated{net, s}) {
    const index p = dated.position(entity_kind::task, task);
    return p == no_index ? std::vector<chain_step>{} : accountability_chain(dated.net(), p, dated.rest());
  }
  const auto& d = detail::data_of(net);
  const scope_filter f(net, s);
  std::vector<chain_step> out;
  auto present = [&](index o) {
    return std::any_of(out.begin(), out.end(), [&](const chain_step& c) { return c.org == o; });
  };
  auto collect = [&](raci letter, chain_link link) {
    auto take = [&](const std::vector<std::uint32_t>& begin, index target) {
      bool any = false;
      for (index r = begin[target]; r < begin[target + 1]; ++r) {
        if (!f.role(r) || net.vocabulary()[d.roles[r].role].letter != letter) continue;
        any = true;
        if (!present(d.roles[r].org)) out.push_back({d.roles[r].org, link, r});
      }
      return any;
    };
    if (!take(d.task_role_begin, task) && d.tasks[task].program != no_index)
      take(d.program_role_begin, d.tasks[task].program);
  };
  collect(raci::R, chain_link::responsible);
  const std::size_t responsible = out.size();
  collect(raci::A, chain_link::accountable);
  if (out.empty()) return out;
  // Up the hierarchy from the first accountable organization, or the first responsible one.
  const index start = out.size() > responsible ? out[responsible].org : out.front().org;
  for (index p = d.organizations[start].parent; p != no_index; p = d.organizations[p].parent)
    if (f.organization(p) && !present(p)) out.push_back({p, chain_link::parent, no_index});
  return out;
}

std::int64_t lead_of(const network& net, index task, raci letter) {
  const auto& d = detail::data_of(net);
  check_position(net, entity_kind::task, task);
  const auto& vocabulary = net.vocabulary();
  index found = no_index;
  for (index r = d.task_role_begin[task]; r < d.task_role_begin[task + 1]; ++r) {
    const auto& rec = d.roles[r];
    if (vocabulary[rec.role].letter != letter) continue;
    if (found == no_index) found = rec.org;
    else if (found != rec.org) return several_leads;
  }
  return found == no_index ? no_lead : static_cast<std::int64_t>(found);
}

void lead_of(const network& net, std::span<const index> tasks, std::span<std::int64_t> out, raci letter) {
  if (out.size() != tasks.size())
    throw std::invalid_argument("danvan::lead_of: " + std::to_string(tasks.size()) + " tasks but room for " +
                                std::to_string(out.size()) + " results");
  const auto& d = detail::data_of(net);
  const std::size_t n = d.tasks.size();
  for (index t : tasks)
    if (t >= n) check_position(net, entity_kind::task, t);
  // The letter test once per role name, not once per role.
  std::vector<char> match(net.vocabulary().size());
  for (std::size_t i = 0; i < match.size(); ++i)
    match[i] = net.vocabulary()[static_cast<role_index>(i)].letter == letter;
  const auto* begin = d.task_role_begin.data();
  const auto* roles = d.roles.data();
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const index t = tasks[i];
    index found = no_index;
    std::int64_t result = no_lead;
    for (index r = begin[t]; r < begin[t + 1]; ++r) {
      if (!match[roles[r].role]) continue;
      if (found == no_index) {
        found = roles[r].org;
        result = found;
      } else if (found != roles[r].org) {
        result = several_leads;
        break;
      }
    }
    out[i] = result;
  }
}

}  // namespace danvan

#include <danvan/error.hpp>
#include "detail/network_access.hpp"
#include <danvan/query/argument_error.hpp>
#include <danvan/query/scope.hpp>

#include "hierarchy.hpp"

#include <algorithm>

namespace danvan {

namespace {

/// Marks the given ids and every descendant in a parent hierarchy.
template <class View>
std::vector<bool> with_descendants(const network& net, entity_kind kind, const std::vector<std::string>& ids,
                                   view_range<View> all) {
  std::vector<bool> keep(all.size(), false);
  for (const auto& id : ids) keep[net.at(kind, id)] = true;
  return detail::under_marked(keep, [&](index i) {
    const auto p = all[i].parent();
    return p ? p->position() : no_index;
  });
}

bool any_of(std::span<const index> list, const std::vector<bool>& keep) {
  return std::any_of(list.begin(), list.end(), [&](index i) { return keep[i]; });
}

}  // namespace

scope_filter::scope_filter(const network& net, const scope& s) : net_(&net) {
  if (s.as_of && !(net.meta().as_of == *s.as_of))
    throw argument_error("a scope with as_of " + s.as_of->to_string() +
                         " is resolved against the network as of that day: build the filter on net.as_of(date)");
  const auto& d = detail::data_of(net);
  scope rest = s;
  rest.as_of.reset();  // the network's own day: nothing more to filter
  everything_ = rest == scope{};
  if (everything_) return;
  org_.assign(d.organizations.size(), true);
  task_.assign(d.tasks.size(), true);
  program_.assign(d.programs.size(), true);
  document_.assign(d.documents.size(), true);
  role_.assign(d.roles.size(), true);

  auto allowed = [&](const auto& view) { return !s.ceiling || view.classification() <= *s.ceiling; };

  for (auto o : net.organizations()) org_[o.position()] = allowed(o);
  for (auto doc : net.documents()) document_[doc.position()] = allowed(doc);
  for (auto p : net.programs()) program_[p.position()] = allowed(p);
  for (auto t : net.tasks()) task_[t.position()] = allowed(t);

  if (s.window) {
    for (auto p : net.programs())
      if (!p.period().empty() && !p.period().overlaps(*s.window)) program_[p.position()] = false;
    for (auto t : net.tasks()) {
      const bool dated = !t.period().empty() || !t.due().empty();
      const bool inside = (!t.period().empty() && t.period().overlaps(*s.window)) ||
                          (!t.due().empty() && s.window->overlaps(t.due()));
      if (dated && !inside) task_[t.position()] = false;
    }
  }
  if (!s.topics.empty()) {
    const auto keep = with_descendants(net, entity_kind::topic, s.topics, net.topics());
    for (auto p : net.programs()) program_[p.position()] = program_[p.position()] && any_of(p.topics(), keep);
    for (auto t : net.tasks()) task_[t.position()] = task_[t.position()] && any_of(t.topics(), keep);
  }
  if (!s.areas.empty()) {
    const auto keep = with_descendants(net, entity_kind::area, s.areas, net.areas());
    for (auto p : net.programs()) program_[p.position()] = program_[p.position()] && any_of(p.areas(), keep);
    for (auto t : net.tasks()) task_[t.position()] = task_[t.position()] && any_of(t.areas(), keep);
  }
  if (!s.program.empty()) {
    const index chosen = net.at(entity_kind::program, s.program);
    for (index p = 0; p < program_.size(); ++p) program_[p] = program_[p] && p == chosen;
    for (auto t : net.tasks()) {
      const auto of = t.program();
      task_[t.position()] = task_[t.position()] && of && of->position() == chosen;
    }
  }
  if (!s.document.empty()) {
    // The document and every document that builds on it, by any relation.
    std::vector<bool> family(d.documents.size(), false);
    family[net.at(entity_kind::document, s.document)] = true;
    for (bool grew = true; grew;) {
      grew = false;
      for (auto doc : net.documents()) {
        if (family[doc.position()]) continue;
        if (any_of(doc.continues(), family) || any_of(doc.implements(), family) || any_of(doc.amends(), family) ||
            any_of(doc.replaces(), family)) {
          family[doc.position()] = true;
          grew = true;
        }
      }
    }
    for (auto p : net.programs()) program_[p.position()] = program_[p.position()] && any_of(p.implements(), family);
    for (auto t : net.tasks()) task_[t.position()] = task_[t.position()] && any_of(t.implements(), family);
    for (index i = 0; i < family.size(); ++i) document_[i] = document_[i] && family[i];
  }

  std::vector<bool> role_names;
  if (!s.roles.empty()) {
    role_names.assign(net.vocabulary().size(), false);
    for (const auto& name : s.roles) {
      auto r = net.vocabulary().find(name);
      if (!r) throw error("unknown role `" + name + "` in the scope");
      role_names[*r] = true;
    }
  }
  const bool dated_roles = !d.role_periods.empty();
  const auto targets = d.role_targets();
  for (index r = 0; r < d.roles.size(); ++r) {
    const auto& rec = d.roles[r];
    bool in = org_[rec.org] && (targets.kind(r) == entity_kind::task ? task_[targets.target(r)] : program_[targets.target(r)]);
    if (in && !role_names.empty()) in = role_names[rec.role];
    if (in && s.window && dated_roles) {
      const role_view v(net, r);
      in = period{v.valid_from(), v.valid_to()}.overlaps(*s.window);  // held at some time in the window
    }
    if (in && s.ceiling) {
      const role_view v(net, r);
      in = v.classification() <= *s.ceiling;  // its ends were checked above
    }
    role_[r] = in;
  }
}

std::size_t scope_filter::organizations_in_scope() const noexcept {
  return everything_ ? net_->organizations().size() : std::count(org_.begin(), org_.end(), true);
}
std::size_t scope_filter::tasks_in_scope() const noexcept {
  return everything_ ? net_->tasks().size() : std::count(task_.begin(), task_.end(), true);
}
std::size_t scope_filter::roles_in_scope() const noexcept {
  return everything_ ? net_->roles().size() : std::count(role_.begin(), role_.end(), true);
}

}  // namespace danvan

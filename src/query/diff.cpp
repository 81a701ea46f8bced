// What changed between two networks. Entities are matched by id, roles per task or
// program by role name; every part is one pass over each network.
#include <danvan/query/coverage.hpp>
#include <danvan/query/diff.hpp>
#include <danvan/query/overlap.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace danvan {

namespace {

// ---- matching the two networks ----------------------------------------------------

/// Where each entity of a is in b (by id), every organization of either network
/// numbered once (b's positions, then a's organizations that b lacks), and a's role
/// names numbered as b's vocabulary does.
struct numbering {
  std::array<std::vector<index>, 8> in_b;  // per kind: a's position -> b's (no_index: removed)
  std::array<std::vector<bool>, 8> in_a;   // per kind: b's position -> whether a has it
  std::vector<std::uint32_t> org_of_a;   // a's position -> number
  std::vector<std::string_view> org_id;  // number -> id
  std::vector<std::uint32_t> role_of_a;  // a's role index -> b's (or past b's vocabulary)
  std::vector<std::string_view> role_name;
  numbering(const network& a, const network& b) {
    // One look-up per entity of a, by id; everything else follows from these.
    for (std::size_t k = 0; k < 8; ++k) {
      const auto kind = static_cast<entity_kind>(k);
      in_b[k].resize(a.size(kind));
      in_a[k].assign(b.size(kind), false);
      for (index i = 0; i < a.size(kind); ++i) {
        in_b[k][i] = b.find(kind, a.id_of(kind, i)).value_or(no_index);
        if (in_b[k][i] != no_index) in_a[k][in_b[k][i]] = true;
      }
    }
    for (const auto o : b.organizations()) org_id.push_back(o.id());
    org_of_a.resize(a.organizations().size());
    const auto& orgs = in_b[static_cast<std::size_t>(entity_kind::organization)];
    for (const auto o : a.organizations()) {
      const index found = orgs[o.position()];
      org_of_a[o.position()] = found != no_index ? found : static_cast<std::uint32_t>(org_id.size());
      if (found == no_index) org_id.push_back(o.id());
    }
    for (const auto& def : b.vocabulary().all()) role_name.push_back(def.name);
    for (const auto& def : a.vocabulary().all()) {
      const auto in_b = b.vocabulary().find(def.name);
      role_of_a.push_back(in_b ? *in_b : static_cast<std::uint32_t>(role_name.size()));
      if (!in_b) role_name.push_back(def.name);
    }
  }
};

// ---- entities ---------------------------------------------------------------------

std::string text(std::string_view s) { return std::string(s); }
std::string text(date d) { return d.to_string(); }
std::string text(const period& p) { return p.empty() ? std::string() : p.start.to_string() + ".." + p.end.to_string(); }

/// `a,b,c`: the ids of a list of references.
std::string ids(const network& net, entity_kind kind, std::span<const index> list) {
  std::string out;
  for (index i : list) (out += out.empty() ? "" : ",") += net.id_of(kind, i);
  return out;
}
template <class V> std::string id_of(const std::optional<V>& v) { return v ? std::string(v->id()) : std::string(); }

template <class View> struct field {
  const char* name;
  std::string (*show)(const View&);
};

template <class View> std::vector<field<View>> common_fields() {
  return {
      {"name", [](const View& v) { return text(v.name()); }},
      {"name_en", [](const View& v) { return text(v.name_en()); }},
      {"aliases", [](const View& v) {
         std::string out;
         for (auto a : v.aliases()) (out += out.empty() ? "" : ",") += a;
         return out;
       }},
      {"valid_from", [](const View& v) { return text(v.valid_from()); }},
      {"valid_to", [](const View& v) { return text(v.valid_to()); }},
      {"classification", [](const View& v) {
         return v.classification_stated() ? std::string(to_string(v.classification())) : std::string();
       }},
      {"sources", [](const View& v) {
         std::string out;
         for (const auto& e : v.sources())
           (out += out.empty() ? "" : ",") += std::string(v.net().id_of(entity_kind::source, e.source)) +
                                              (e.begin ? "[" + std::to_string(*e.begin) + "," + std::to_string(e.end.value_or(0)) + "]" : "");
         return out;
       }},
      {"extra", [](const View& v) { return text(v.extra()); }},
  };
}

template <class View> std::vector<field<View>> fields_of();

template <> std::vector<field<area_view>> fields_of() {
  auto f = common_fields<area_view>();
  f.push_back({"level", [](const area_view& v) { return std::string(to_string(v.level())); }});
  f.push_back({"code", [](const area_view& v) { return text(v.code()); }});
  f.push_back({"parent", [](const area_view& v) { return id_of(v.parent()); }});
  return f;
}
template <> std::vector<field<topic_view>> fields_of() {
  auto f = common_fields<topic_view>();
  f.push_back({"parent", [](const topic_view& v) { return id_of(v.parent()); }});
  return f;
}
template <> std::vector<field<organization_view>> fields_of() {
  auto f = common_fields<organization_view>();
  f.push_back({"kind", [](const organization_view& v) { return std::string(to_string(v.kind())); }});
  f.push_back({"level", [](const organization_view& v) { return v.level() ? std::string(to_string(*v.level())) : std::string(); }});
  f.push_back({"area", [](const organization_view& v) { return id_of(v.area()); }});
  f.push_back({"parent", [](const organization_view& v) { return id_of(v.parent()); }});
  f.push_back({"names", [](const organization_view& v) {
                 std::string out;
                 for (const auto& n : v.names())
                   (out += out.empty() ? "" : ",") += std::string(n.name) + "@" + text(period{n.valid_from, n.valid_to});
                 return out;
               }});
  return f;
}
template <> std::vector<field<document_view>> fields_of() {
  using V = document_view;
  auto f = common_fields<V>();
  f.push_back({"type", [](const V& v) { return text(v.type()); }});
  f.push_back({"number", [](const V& v) { return text(v.number()); }});
  f.push_back({"issuer", [](const V& v) { return text(v.issuer()); }});
  f.push_back({"issued_by", [](const V& v) { return id_of(v.issued_by()); }});
  f.push_back({"date", [](const V& v) { return text(v.date()); }});
  f.push_back({"term", [](const V& v) { return text(v.term()); }});
  f.push_back({"title", [](const V& v) { return text(v.title()); }});
  f.push_back({"continues", [](const V& v) { return ids(v.net(), entity_kind::document, v.continues()); }});
  f.push_back({"implements", [](const V& v) { return ids(v.net(), entity_kind::document, v.implements()); }});
  f.push_back({"amends", [](const V& v) { return ids(v.net(), entity_kind::document, v.amends()); }});
  f.push_back({"replaces", [](const V& v) { return ids(v.net(), entity_kind::document, v.replaces()); }});
  f.push_back({"topics", [](const V& v) { return ids(v.net(), entity_kind::topic, v.topics()); }});
  f.push_back({"areas", [](const V& v) { return ids(v.net(), entity_kind::area, v.areas()); }});
  f.push_back({"reviews", [](const V& v) {
                 std::string out;
                 for (const auto& r : v.reviews())
                   (out += out.empty() ? "" : ",") += std::string(to_string(r.kind)) + ":" + std::to_string(r.years) + (r.recurring ? "+" : "");
                 return out;
               }});
  return f;
}
template <> std::vector<field<program_view>> fields_of() {
  using V = program_view;
  auto f = common_fields<V>();
  f.push_back({"kind", [](const V& v) { return std::string(to_string(v.kind())); }});
  f.push_back({"period", [](const V& v) { return text(v.period()); }});
  f.push_back({"implements", [](const V& v) { return ids(v.net(), entity_kind::document, v.implements()); }});
  f.push_back({"topics", [](const V& v) { return ids(v.net(), entity_kind::topic, v.topics()); }});
  f.push_back({"areas", [](const V& v) { return ids(v.net(), entity_kind::area, v.areas()); }});
  return f;
}
template <> std::vector<field<task_view>> fields_of() {
  using V = task_view;
  auto f = common_fields<V>();
  f.push_back({"kind", [](const V& v) { return std::string(to_string(v.kind())); }});
  f.push_back({"status", [](const V& v) { return std::string(to_string(v.status())); }});
  f.push_back({"program", [](const V& v) { return id_of(v.program()); }});
  f.push_back({"implements", [](const V& v) { return ids(v.net(), entity_kind::document, v.implements()); }});
  f.push_back({"topics", [](const V& v) { return ids(v.net(), entity_kind::topic, v.topics()); }});
  f.push_back({"areas", [](const V& v) { return ids(v.net(), entity_kind::area, v.areas()); }});
  f.push_back({"period", [](const V& v) { return text(v.period()); }});
  f.push_back({"due", [](const V& v) { return text(v.due()); }});
  return f;
}
template <> std::vector<field<event_view>> fields_of() {
  using V = event_view;
  auto f = common_fields<V>();
  f.push_back({"kind", [](const V& v) { return std::string(to_string(v.kind())); }});
  f.push_back({"date", [](const V& v) { return text(v.date()); }});
  f.push_back({"approximate", [](const V& v) { return std::string(v.approximate() ? "true" : ""); }});
  f.push_back({"from", [](const V& v) { return ids(v.net(), entity_kind::organization, v.from()); }});
  f.push_back({"to", [](const V& v) { return ids(v.net(), entity_kind::organization, v.to()); }});
  return f;
}
template <> std::vector<field<source_view>> fields_of() {
  using V = source_view;
  auto f = common_fields<V>();
  f.push_back({"kind", [](const V& v) { return text(v.kind()); }});
  f.push_back({"title", [](const V& v) { return text(v.title()); }});
  f.push_back({"date", [](const V& v) { return text(v.date()); }});
  f.push_back({"url", [](const V& v) { return text(v.url()); }});
  f.push_back({"sha256", [](const V& v) { return text(v.sha256()); }});
  f.push_back({"document", [](const V& v) { return id_of(v.document()); }});
  return f;
}

template <class View>
void diff_kind(const network& a, const network& b, const numbering& n, entity_kind kind, std::vector<entity_change>& out) {
  static const auto fields = fields_of<View>();
  const auto k = static_cast<std::size_t>(kind);
  const view_range<View> in_a(a, a.size(kind)), in_b(b, b.size(kind));
  for (const auto x : in_a) {
    const index found = n.in_b[k][x.position()];
    if (found == no_index) {
      out.push_back({kind, std::string(x.id()), entity_change_kind::removed, {}, {}, {}});
      continue;
    }
    const View y(b, found);
    for (const auto& f : fields) {
      std::string before = f.show(x), after = f.show(y);
      if (before == after) continue;
      const auto change = std::string_view(f.name) == "name" ? entity_change_kind::renamed : entity_change_kind::changed;
      out.push_back({kind, std::string(x.id()), change, f.name, std::move(before), std::move(after)});
    }
  }
  for (const auto y : in_b)
    if (!n.in_a[k][y.position()]) out.push_back({kind, std::string(y.id()), entity_change_kind::added, {}, {}, {}});
}

// ---- roles ------------------------------------------------------------------------

/// (role number << 32 | organization number, role position) of an item's roles, sorted.
using keyed_roles = std::vector<std::pair<std::uint64_t, index>>;

void roles_of_item(role_range range, const numbering* n, keyed_roles& out) {
  out.clear();
  for (const auto r : range) {
    const std::uint64_t role = n ? n->role_of_a[r.role()] : r.role();
    const std::uint64_t org = n ? n->org_of_a[r.org().position()] : r.org().position();
    out.emplace_back(role << 32 | org, r.position());
  }
  std::sort(out.begin(), out.end());
}

/// What only one network has of an item's roles; where one organization lost a role
/// and another gained the same role, a move (preferring the one a reorganization
/// carried from the first).
void diff_roles_on(const network& b, const numbering& n, entity_kind kind, std::string_view target,
                   const keyed_roles& ra, const keyed_roles& rb, std::vector<role_change>& out) {
  keyed_roles lost, gained;
  auto key_less = [](const auto& x, const auto& y) { return x.first < y.first; };
  std::set_difference(ra.begin(), ra.end(), rb.begin(), rb.end(), std::back_inserter(lost), key_less);
  std::set_difference(rb.begin(), rb.end(), ra.begin(), ra.end(), std::back_inserter(gained), key_less);
  if (lost.empty() && gained.empty()) return;
  auto role_of = [&](std::uint64_t key) { return std::string(n.role_name[key >> 32]); };
  auto org_of = [&](std::uint64_t key) { return n.org_id[key & 0xFFFFFFFFu]; };
  std::vector<bool> used(gained.size(), false);
  for (const auto& l : lost) {
    std::size_t pick = gained.size();
    for (std::size_t g = 0; g < gained.size(); ++g) {
      if (used[g] || gained[g].first >> 32 != l.first >> 32) continue;
      const auto origin = role_view(b, gained[g].second).carried_from();
      const bool carried = origin && origin->org == org_of(l.first);
      if (pick == gained.size() || carried) pick = g;
      if (carried) break;
    }
    if (pick == gained.size()) {
      out.push_back({role_change_kind::lost, kind, std::string(target), role_of(l.first), std::string(org_of(l.first)), {}, {}});
      continue;
    }
    used[pick] = true;
    const auto origin = role_view(b, gained[pick].second).carried_from();
    const bool carried = origin && origin->org == org_of(l.first);
    out.push_back({role_change_kind::moved, kind, std::string(target), role_of(l.first), std::string(org_of(l.first)),
                   std::string(org_of(gained[pick].first)), carried ? std::string(origin->event) : std::string()});
  }
  for (std::size_t g = 0; g < gained.size(); ++g)
    if (!used[g])
      out.push_back({role_change_kind::gained, kind, std::string(target), role_of(gained[g].first), {},
                     std::string(org_of(gained[g].first)), {}});
}

template <class View>
void diff_roles(const network& a, const network& b, const numbering& n, entity_kind kind, std::vector<role_change>& out) {
  const auto k = static_cast<std::size_t>(kind);
  const view_range<View> in_a(a, a.size(kind)), in_b(b, b.size(kind));
  keyed_roles ra, rb;
  for (const auto x : in_a) {
    roles_of_item(x.roles(), &n, ra);
    rb.clear();
    if (const index found = n.in_b[k][x.position()]; found != no_index) roles_of_item(View(b, found).roles(), nullptr, rb);
    diff_roles_on(b, n, kind, x.id(), ra, rb, out);
  }
  ra.clear();
  for (const auto y : in_b)
    if (!n.in_a[k][y.position()]) {
      roles_of_item(y.roles(), nullptr, rb);
      diff_roles_on(b, n, kind, y.id(), ra, rb, out);
    }
}

// ---- responsibility, pairs, findings ---------------------------------------------------

std::vector<std::array<std::uint32_t, 4>> letters_per_org(const network& net) {
  std::vector<std::array<std::uint32_t, 4>> out(net.organizations().size());
  for (const auto r : net.roles()) ++out[r.org().position()][static_cast<std::size_t>(r.letter())];
  return out;
}

void diff_responsibility(const network& a, const network& b, const numbering& n, std::vector<responsibility_change>& out) {
  const auto la = letters_per_org(a), lb = letters_per_org(b);
  const auto k = static_cast<std::size_t>(entity_kind::organization);
  for (const auto o : a.organizations()) {
    const index found = n.in_b[k][o.position()];
    const std::array<std::uint32_t, 4> after = found != no_index ? lb[found] : std::array<std::uint32_t, 4>{};
    if (la[o.position()] != after) out.push_back({std::string(o.id()), la[o.position()], after});
  }
  for (const auto o : b.organizations())
    if (!n.in_a[k][o.position()] && lb[o.position()] != std::array<std::uint32_t, 4>{})
      out.push_back({std::string(o.id()), {}, lb[o.position()]});
}

/// (smaller number << 32 | larger number, count) of the pairs sharing at least `min`
/// tasks, sorted.
std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs_of(const network& net, std::uint32_t min,
                                                              const std::vector<std::uint32_t>* number) {
  projection_options o;
  o.min_weight = min;
  const projection p = project(net, {}, o);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> out;
  for (index x = 0; x < p.size; ++x)
    for (auto e = p.indptr()[x]; e < p.indptr()[x + 1]; ++e) {
      if (p.indices()[e] <= x) continue;
      std::uint64_t u = number ? (*number)[x] : x, v = number ? (*number)[p.indices()[e]] : p.indices()[e];
      if (u > v) std::swap(u, v);
      out.emplace_back(u << 32 | v, p.counts()[e]);
    }
  std::sort(out.begin(), out.end());
  return out;
}

void diff_pairs(const network& a, const network& b, const numbering& n, std::uint32_t min, std::vector<pair_change>& out) {
  const auto pa = pairs_of(a, min, &n.org_of_a), pb = pairs_of(b, min, nullptr);
  auto add = [&](std::uint64_t key, std::uint32_t before, std::uint32_t after) {
    auto x = n.org_id[key >> 32], y = n.org_id[key & 0xFFFFFFFFu];
    if (y < x) std::swap(x, y);
    out.push_back({std::string(x), std::string(y), before, after});
  };
  std::size_t i = 0, j = 0;
  while (i < pa.size() || j < pb.size()) {
    if (j == pb.size() || (i < pa.size() && pa[i].first < pb[j].first)) add(pa[i].first, pa[i].second, 0), ++i;
    else if (i == pa.size() || pb[j].first < pa[i].first) add(pb[j].first, 0, pb[j].second), ++j;
    else ++i, ++j;
  }
  std::sort(out.begin(), out.end(), [](const pair_change& x, const pair_change& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
}

/// (rule position, entity id) of each finding, sorted, with its position in `found`.
std::vector<std::tuple<std::uint32_t, std::string_view, std::size_t>> keyed(const network& checked,
                                                                            const std::vector<finding>& found) {
  std::vector<std::tuple<std::uint32_t, std::string_view, std::size_t>> out;
  out.reserve(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) out.emplace_back(found[i].rule, entity_id(checked, found[i]), i);
  std::sort(out.begin(), out.end());
  return out;
}

void diff_findings(const network& a, const network& b, const diff_options& o, std::vector<finding_change>& out) {
  const rule_set& rules = o.rules ? *o.rules : default_rules();
  const auto fa = find_violations(a, rules, o.as_of), fb = find_violations(b, rules, o.as_of);
  const auto ca = checked_network(a, rules, o.as_of), cb = checked_network(b, rules, o.as_of);
  const auto ka = keyed(*ca, fa), kb = keyed(*cb, fb);
  // Multisets by (rule, entity): what is left over on one side only.
  std::vector<finding> only_a, only_b;
  auto less = [](const auto& x, const auto& y) { return std::tie(std::get<0>(x), std::get<1>(x)) < std::tie(std::get<0>(y), std::get<1>(y)); };
  std::size_t i = 0, j = 0;
  while (i < ka.size() || j < kb.size()) {
    if (j == kb.size() || (i < ka.size() && less(ka[i], kb[j]))) only_a.push_back(fa[std::get<2>(ka[i++])]);
    else if (i == ka.size() || less(kb[j], ka[i])) only_b.push_back(fb[std::get<2>(kb[j++])]);
    else ++i, ++j;
  }
  for (auto& v : describe(a, rules, o.as_of, only_a)) out.push_back({true, v.rule, v.entity_id, v.message, v.severity});
  for (auto& v : describe(b, rules, o.as_of, only_b)) out.push_back({false, v.rule, v.entity_id, v.message, v.severity});
}

}  // namespace

network_diff diff(const network& a, const network& b, const diff_options& o) {
  network_diff d;
  const numbering n(a, b);
  diff_kind<area_view>(a, b, n, entity_kind::area, d.entities);
  diff_kind<topic_view>(a, b, n, entity_kind::topic, d.entities);
  diff_kind<organization_view>(a, b, n, entity_kind::organization, d.entities);
  diff_kind<document_view>(a, b, n, entity_kind::document, d.entities);
  diff_kind<program_view>(a, b, n, entity_kind::program, d.entities);
  diff_kind<task_view>(a, b, n, entity_kind::task, d.entities);
  diff_kind<event_view>(a, b, n, entity_kind::event, d.entities);
  diff_kind<source_view>(a, b, n, entity_kind::source, d.entities);
  diff_roles<program_view>(a, b, n, entity_kind::program, d.roles);
  diff_roles<task_view>(a, b, n, entity_kind::task, d.roles);
  diff_responsibility(a, b, n, d.responsibility);
  if (o.min_shared > 0) diff_pairs(a, b, n, o.min_shared, d.pairs);
  if (o.coverage) diff_findings(a, b, o, d.findings);
  return d;
}

}  // namespace danvan

// Duplicate candidates. Candidate pairs come from a prefix filter (Chaudhuri et al.
// 2006; Bayardo et al. 2007, "AllPairs"): with the organizations ordered rarest
// first, two participant sets whose Jaccard is at least τ must share one of the
// first |x| − ⌈τ|x|⌉ + 1 organizations of each. Items are visited from the smallest
// set up, each probes the inverted lists of its prefix and is then indexed under
// it, and every candidate is checked in full (time, topic, Jaccard, area).
#include "detail/incidence.hpp"
#include "detail/network_access.hpp"
#include <danvan/query/duplicates.hpp>
#include "dated.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace danvan {

namespace {

/// When an item may run: its period, else a task's due date, else always.
period extent_of(const detail::network_data& d, entity_kind kind, index t) {
  if (kind == entity_kind::program) return d.programs[t].period;
  const auto& rec = d.tasks[t];
  if (!rec.period.empty()) return rec.period;
  if (!rec.due.empty()) return {rec.due, rec.due};
  return {};
}

/// The days both periods may share: the later start and the earlier end.
period common_part(const period& x, const period& y) {
  period p;
  if (x.start.empty()) p.start = y.start;
  else if (y.start.empty()) p.start = x.start;
  else p.start = x.start.first_day() >= y.start.first_day() ? x.start : y.start;
  if (x.end.empty()) p.end = y.end;
  else if (y.end.empty()) p.end = x.end;
  else p.end = x.end.last_day() <= y.end.last_day() ? x.end : y.end;
  return p;
}

bool within(const detail::network_data& d, index inner, index outer) {
  for (index a = inner; a != no_index; a = d.areas[a].parent)
    if (a == outer) return true;
  return false;
}

std::string period_words(const period& p) {
  if (p.empty()) return "no dates on either side";
  const std::string a = p.start.empty() ? "…" : p.start.to_string();
  const std::string b = p.end.empty() ? "…" : p.end.to_string();
  return a == b ? a : a + ".." + b;
}

}  // namespace

std::vector<duplicate_candidate> duplicate_candidates(const network& net, const scope& s, const duplicate_options& o) {
  if (!(o.min_jaccard > 0 && o.min_jaccard <= 1))
    throw argument_error("min_jaccard: " + std::to_string(o.min_jaccard) +
                         " is not allowed; the least Jaccard similarity must be in (0, 1]");
  if (const detail::dated_query dated{net, s}) return duplicate_candidates(dated.net(), dated.rest(), o);
  const scope_filter f(net, s);
  const auto mask = detail::role_mask(net, o.roles, "roles");
  const entity_kind kind = o.on == projection_on::tasks ? entity_kind::task : entity_kind::program;
  const auto inc = detail::build_incidence(f, kind, mask);
  const auto& d = detail::data_of(net);
  const double tau = o.min_jaccard;

  // Rarest organizations first; each item's participants as ranks in that order.
  std::vector<index> by_rarity(inc.orgs);
  std::iota(by_rarity.begin(), by_rarity.end(), index{0});
  std::stable_sort(by_rarity.begin(), by_rarity.end(), [&](index x, index y) {
    return inc.org_begin[x + 1] - inc.org_begin[x] < inc.org_begin[y + 1] - inc.org_begin[y];
  });
  std::vector<index> rank(inc.orgs);
  for (index r = 0; r < inc.orgs; ++r) rank[by_rarity[r]] = r;
  std::vector<index> tokens(inc.item_orgs.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) tokens[i] = rank[inc.item_orgs[i]];
  for (index t = 0; t < inc.items; ++t)
    std::sort(tokens.begin() + inc.item_begin[t], tokens.begin() + inc.item_begin[t + 1]);

  // Sorted topics of each item.
  auto topics_of = [&](index t) {
    const auto l = kind == entity_kind::task ? d.list(d.tasks[t].topics) : d.list(d.programs[t].topics);
    std::vector<index> v(l.begin(), l.end());
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  std::vector<std::vector<index>> topics(inc.items);
  std::vector<index> items;
  for (index t = 0; t < inc.items; ++t) {
    if (inc.degree_of_item(t) == 0) continue;
    topics[t] = topics_of(t);
    if (!topics[t].empty()) items.push_back(t);  // items without topics never pair
  }
  std::stable_sort(items.begin(), items.end(),
                   [&](index x, index y) { return inc.degree_of_item(x) < inc.degree_of_item(y); });

  auto areas_of = [&](index t) {
    return kind == entity_kind::task ? d.list(d.tasks[t].areas) : d.list(d.programs[t].areas);
  };

  std::vector<duplicate_candidate> found;
  std::vector<std::vector<index>> lists(inc.orgs);
  std::vector<index> stamp(inc.items, no_index);
  for (index x : items) {
    const std::uint32_t sx = inc.degree_of_item(x);
    const auto need = static_cast<std::uint32_t>(std::ceil(tau * sx - 1e-9));
    const std::uint32_t prefix = sx - need + 1;
    const index* tx = tokens.data() + inc.item_begin[x];
    const period px = extent_of(d, kind, x);
    for (std::uint32_t i = 0; i < prefix && i < sx; ++i) {
      for (index y : lists[tx[i]]) {
        if (stamp[y] == x) continue;
        stamp[y] = x;
        const std::uint32_t sy = inc.degree_of_item(y);
        if (sy < tau * sx - 1e-9) continue;  // size filter: J ≤ |y| / |x|
        const period py = extent_of(d, kind, y);
        if (!px.overlaps(py)) continue;
        std::vector<index> shared_topics;
        std::set_intersection(topics[x].begin(), topics[x].end(), topics[y].begin(), topics[y].end(),
                              std::back_inserter(shared_topics));
        if (shared_topics.empty()) continue;
        const auto ox = inc.orgs_of(x), oy = inc.orgs_of(y);
        std::uint32_t common = 0;
        for (std::size_t p = 0, q = 0; p < ox.size() && q < oy.size();) {
          if (ox[p] < oy[q]) ++p;
          else if (oy[q] < ox[p]) ++q;
          else { ++common; ++p; ++q; }
        }
        const std::uint32_t uni = sx + sy - common;
        const double j = static_cast<double>(common) / static_cast<double>(uni);
        if (j < tau) continue;
        const auto ax = areas_of(x), ay = areas_of(y);
        std::vector<index> shared_areas;
        if (!ax.empty() && !ay.empty()) {
          for (index a : ax)
            for (index b : ay)
              if (within(d, a, b)) shared_areas.push_back(a);
              else if (within(d, b, a)) shared_areas.push_back(b);
          if (shared_areas.empty()) continue;
          std::sort(shared_areas.begin(), shared_areas.end());
          shared_areas.erase(std::unique(shared_areas.begin(), shared_areas.end()), shared_areas.end());
        }
        duplicate_candidate c;
        c.kind = kind;
        c.a = std::min(x, y);
        c.b = std::max(x, y);
        c.jaccard = j;
        c.shared_organizations = common;
        c.organizations = uni;
        c.topics = std::move(shared_topics);
        c.areas = std::move(shared_areas);
        c.common = common_part(px, py);
        found.push_back(std::move(c));
      }
    }
    for (std::uint32_t i = 0; i < prefix && i < sx; ++i) lists[tx[i]].push_back(x);
  }

  std::sort(found.begin(), found.end(), [](const duplicate_candidate& p, const duplicate_candidate& q) {
    if (p.jaccard != q.jaccard) return p.jaccard > q.jaccard;
    if (p.topics.size() != q.topics.size()) return p.topics.size() > q.topics.size();
    if (p.a != q.a) return p.a < q.a;
    return p.b < q.b;
  });
  if (o.limit && found.size() > o.limit) found.resize(o.limit);

  const entity_kind area_kind = entity_kind::area, topic_kind = entity_kind::topic;
  for (auto& c : found) {
    std::string r = "same topic (";
    for (std::size_t i = 0; i < c.topics.size(); ++i) r += (i ? ", " : "") + std::string(net.id_of(topic_kind, c.topics[i]));
    r += "); ";
    if (c.areas.empty()) {
      r += "area not stated on one side";
    } else {
      r += "same area (";
      for (std::size_t i = 0; i < c.areas.size(); ++i) r += (i ? ", " : "") + std::string(net.id_of(area_kind, c.areas[i]));
      r += ")";
    }
    r += "; periods overlap (" + period_words(c.common) + "); ";
    char buf[96];
    std::snprintf(buf, sizeof buf, "%u of %u organizations in common (Jaccard %.2f)", c.shared_organizations,
                  c.organizations, c.jaccard);
    r += buf;
    c.reason = std::move(r);
  }
  return found;
}

}  // namespace danvan

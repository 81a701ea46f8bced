// The organization × item incidence and the helpers the overlap, duplicate and metric
// queries share (src/detail/incidence.hpp).
#include "detail/incidence.hpp"
#include "detail/network_access.hpp"
#include "detail/suggest.hpp"
#include <danvan/query/argument_error.hpp>

#include <algorithm>
#include <thread>

namespace danvan::detail {

std::vector<bool> role_mask(const network& net, const std::vector<std::string>& names, const char* what) {
  std::vector<bool> mask;
  if (names.empty()) return mask;
  mask.assign(net.vocabulary().size(), false);
  for (const auto& name : names) {
    const auto r = net.vocabulary().find(name);
    if (!r) {
      nearest near(name, 1);
      for (const auto& def : net.vocabulary().all()) near.offer(def.name);
      const auto best = near.result();
      throw argument_error(std::string(what) + ": unknown role `" + name + "`" +
                           (best.empty() ? std::string{} : "; did you mean `" + best.front() + "`?"));
    }
    mask[*r] = true;
  }
  return mask;
}

incidence build_incidence(const scope_filter& f, entity_kind on, const std::vector<bool>& mask, item_order order) {
  const auto& d = detail::data_of(f.net());
  const bool tasks = on == entity_kind::task;
  const auto& begin = tasks ? d.task_role_begin : d.program_role_begin;
  incidence inc;
  inc.orgs = d.organizations.size();
  inc.items = tasks ? d.tasks.size() : d.programs.size();
  inc.item_begin.assign(inc.items + 1, 0);
  inc.org_begin.assign(inc.orgs + 1, 0);
  const std::size_t span = inc.items == 0 ? 0 : begin[inc.items] - begin[0];
  inc.item_orgs.resize(span);
  std::vector<index> stamp(inc.orgs, no_index);
  const bool all = f.everything() && mask.empty();
  const detail::role_record* roles = d.roles.data();
  index* out = inc.item_orgs.data();
  std::uint32_t* degree = inc.org_begin.data() + 1;
  std::uint32_t pos = 0;
  // One pass over the roles: each item's organizations as found, once each (an
  // organization with two roles on an item counts once).
  if (all) {
    for (index t = 0; t < inc.items; ++t) {
      inc.item_begin[t] = pos;
      for (std::uint32_t r = begin[t]; r < begin[t + 1]; ++r) {
        const index o = roles[r].org;
        const bool fresh = stamp[o] != t;
        stamp[o] = t;
        out[pos] = o;
        pos += fresh;
        degree[o] += fresh;
      }
    }
  } else {
    for (index t = 0; t < inc.items; ++t) {
      inc.item_begin[t] = pos;
      if (!(tasks ? f.task(t) : f.program(t))) continue;
      for (std::uint32_t r = begin[t]; r < begin[t + 1]; ++r) {
        const auto& rec = roles[r];
        if (!f.role(r) || (!mask.empty() && !mask[rec.role])) continue;
        if (stamp[rec.org] == t) continue;
        stamp[rec.org] = t;
        out[pos++] = rec.org;
        ++degree[rec.org];
      }
    }
  }
  inc.item_begin[inc.items] = pos;
  inc.item_orgs.resize(pos);
  // Organization → items by a counting sort (items come out ascending)...
  for (std::size_t o = 0; o < inc.orgs; ++o) inc.org_begin[o + 1] += inc.org_begin[o];
  inc.org_items.resize(pos);
  {
    std::vector<std::uint32_t> fill(inc.org_begin.begin(), inc.org_begin.end() - 1);
    index* oi = inc.org_items.data();
    for (index t = 0; t < inc.items; ++t)
      for (std::uint32_t i = inc.item_begin[t]; i < inc.item_begin[t + 1]; ++i) oi[fill[out[i]]++] = t;
  }
  // ...and back, which lists each item's organizations ascending.
  if (order == item_order::ascending) list_items_in_order(inc, {}, false, out);
  return inc;
}

void list_items_in_order(const incidence& inc, const std::vector<index>& org_at, bool as_ranks, index* out) {
  std::vector<std::uint32_t> fill(inc.item_begin.begin(), inc.item_begin.end() - 1);
  const index* oi = inc.org_items.data();
  for (index r = 0; r < inc.orgs; ++r) {
    const index o = org_at.empty() ? r : org_at[r];
    const index value = as_ranks ? r : o;
    for (std::uint32_t i = inc.org_begin[o]; i < inc.org_begin[o + 1]; ++i) out[fill[oi[i]]++] = value;
  }
}

unsigned worker_count(unsigned requested, std::size_t work_units) {
  unsigned n = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  if (work_units < n) n = static_cast<unsigned>(std::max<std::size_t>(1, work_units));
  return n;
}

}  // namespace danvan::detail

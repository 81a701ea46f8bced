// The items two organizations share: shared_items().
#include "kernel.hpp"
#include "detail/network_access.hpp"
#include "../dated.hpp"

#include <stdexcept>

namespace danvan {

using namespace detail::kernel;

std::vector<shared_item> shared_items(const network& net, const scope& s, index a, index b,
                                      const projection_options& o) {
  const auto& d = detail::data_of(net);
  if (a >= d.organizations.size() || b >= d.organizations.size())
    throw std::out_of_range("danvan: organization position " + std::to_string(std::max(a, b)) +
                            " is past the end (" + std::to_string(d.organizations.size()) + " organizations)");
  if (const detail::dated_query dated{net, s}) {
    const index x = dated.position(entity_kind::organization, a), y = dated.position(entity_kind::organization, b);
    return x == no_index || y == no_index ? std::vector<shared_item>{} : shared_items(dated.net(), dated.rest(), x, y, o);
  }
  const scope_filter f(net, s);
  const auto lmask = detail::role_mask(net, o.left_roles, "left roles");
  const auto rmask = detail::role_mask(net, o.right_roles, "right roles");
  std::vector<shared_item> out;
  if (a == b) return out;
  const entity_kind kind = item_kind(o.on);

  // (target, role) of an organization's roles in scope, in role order (grouped by target).
  const auto targets = d.role_targets();
  auto held = [&](index org, const std::vector<bool>& mask) {
    std::vector<std::pair<index, role_index>> v;
    for (std::uint32_t i = d.org_role_begin[org]; i < d.org_role_begin[org + 1]; ++i) {
      const index r = d.org_roles[i];
      const auto& rec = d.roles[r];
      if (targets.kind(r) != kind || !f.role(r) || (!mask.empty() && !mask[rec.role])) continue;
      v.emplace_back(targets.target(r), rec.role);
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  };
  const auto ha = held(a, lmask), hb = held(b, rmask);
  for (std::size_t i = 0, j = 0; i < ha.size() && j < hb.size();) {
    if (ha[i].first < hb[j].first) { ++i; continue; }
    if (hb[j].first < ha[i].first) { ++j; continue; }
    const index t = ha[i].first;
    shared_item item{kind, t, {}, {}};
    for (; i < ha.size() && ha[i].first == t; ++i) item.roles_a.push_back(ha[i].second);
    for (; j < hb.size() && hb[j].first == t; ++j) item.roles_b.push_back(hb[j].second);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace danvan

// Organizations × topics: topic_overlap().
#include "kernel.hpp"
#include "detail/network_access.hpp"
#include "../dated.hpp"

namespace danvan {

using namespace detail::kernel;

topic_matrix topic_overlap(const network& net, const scope& s, const topic_overlap_options& o) {
  if (const detail::dated_query dated{net, s}) return topic_overlap(dated.net(), dated.rest(), o);
  const scope_filter f(net, s);
  const auto mask = detail::role_mask(net, o.roles, "roles");
  const entity_kind kind = item_kind(o.on);
  const auto inc = detail::build_incidence(f, kind, mask);
  const auto& d = detail::data_of(net);
  const std::size_t n = inc.orgs, topics = d.topics.size();

  // Each item's topics (with their ancestors when rolled up), once each, ascending.
  std::vector<std::uint32_t> tbegin(inc.items + 1, 0);
  std::vector<index> tlist;
  {
    std::vector<index> stamp(topics, no_index), chain;
    for (index t = 0; t < inc.items; ++t) {
      tbegin[t] = static_cast<std::uint32_t>(tlist.size());
      if (inc.degree_of_item(t) == 0) continue;
      const auto direct = kind == entity_kind::task ? d.list(d.tasks[t].topics()) : d.list(d.programs[t].topics);
      const std::size_t first = tlist.size();
      for (index topic : direct) {
        for (index x = topic; x != no_index; x = o.rollup ? d.topics[x].parent : no_index) {
          if (stamp[x] == t) break;  // already counted with its ancestors
          stamp[x] = t;
          tlist.push_back(x);
        }
      }
      std::sort(tlist.begin() + static_cast<std::ptrdiff_t>(first), tlist.end());
    }
    tbegin[inc.items] = static_cast<std::uint32_t>(tlist.size());
  }

  topic_matrix m;
  m.rows = n;
  m.cols = topics;
  detail::csr_access::indptr(m) = detail::buffer<std::uint64_t>(n + 1, 0);
  std::vector<index> cols;
  std::vector<std::uint32_t> vals;
  std::vector<std::uint32_t> acc(topics, 0);
  std::vector<index> touched;
  for (index a = 0; a < n; ++a) {
    touched.clear();
    for (index t : inc.items_of(a))
      for (std::uint32_t i = tbegin[t]; i < tbegin[t + 1]; ++i)
        if (acc[tlist[i]]++ == 0) touched.push_back(tlist[i]);
    std::sort(touched.begin(), touched.end());
    for (index x : touched) {
      cols.push_back(x);
      vals.push_back(acc[x]);
      acc[x] = 0;
    }
    detail::csr_access::indptr(m)[a + 1] = cols.size();
  }
  detail::csr_access::indices(m) = detail::buffer<index>(std::span<const index>(cols));
  detail::csr_access::counts(m) = detail::buffer<std::uint32_t>(std::span<const std::uint32_t>(vals));
  return m;
}

}  // namespace danvan

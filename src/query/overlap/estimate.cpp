// The size of a projection before computing it: estimate_projection().
#include "kernel.hpp"
#include "../dated.hpp"

#include "detail/parallel.hpp"

#include <numeric>

namespace danvan {

using namespace detail::kernel;

projection_estimate estimate_projection(const network& net, const scope& s, const projection_options& o, bool exact) {
  if (const detail::dated_query dated{net, s}) return estimate_projection(dated.net(), dated.rest(), o, exact);
  check_threshold(o.min_weight);
  const bool newman = o.weight == overlap_weight::newman;
  const sides sd(net, s, o, newman && exact);
  const std::size_t n = sd.left.orgs;
  projection_estimate e;
  std::vector<bool> active(n, false);
  for (index t = 0; t < sd.left.items; ++t) {
    const auto l = sd.left.orgs_of(t);
    if (sd.symmetric) {
      const std::uint64_t d = l.size();
      if (d < 2) continue;
      ++e.items;
      e.pair_increments += d * (d - 1) / 2;
    } else {
      const auto r = sd.right->orgs_of(t);
      std::uint64_t common = 0;
      for (std::size_t i = 0, j = 0; i < l.size() && j < r.size();) {
        if (l[i] < r[j]) ++i;
        else if (r[j] < l[i]) ++j;
        else { ++common; ++i; ++j; }
      }
      const std::uint64_t ordered = static_cast<std::uint64_t>(l.size()) * r.size() - common;
      if (ordered == 0) continue;
      ++e.items;
      e.pair_increments += ordered;
    }
    for (index a : l) active[a] = true;
  }
  const std::uint64_t m = static_cast<std::uint64_t>(std::count(active.begin(), active.end(), true));
  const std::uint64_t dense = sd.symmetric ? m * (m ? m - 1 : 0) : static_cast<std::uint64_t>(n) * (n ? n - 1 : 0);
  e.upper_bound = std::min(sd.symmetric ? 2 * e.pair_increments : e.pair_increments, dense);
  const std::uint64_t per_entry = sizeof(index) + sizeof(std::uint32_t) + (o.weight == overlap_weight::count ? 0 : sizeof(double));
  const std::uint64_t fixed = (n + 1) * sizeof(std::uint64_t) + 2 * n * sizeof(std::uint32_t);

  if (exact && n > 0) {
    // Symmetric: count the upper triangle (half the work) and double it.
    const auto prefix = row_work_prefix(sd);
    const unsigned parts = parts_for(o.threads, prefix[n], parallel_threshold, n);
    const auto cut = split_rows(prefix, parts);
    std::vector<std::uint64_t> found(parts, 0);
    const weigher weigh(o.weight, sd);
    detail::run_parallel(parts, [&](unsigned q) {
      accumulator acc(n, newman);
      std::uint64_t k = 0;
      for (index a = cut[q]; a < cut[q + 1]; ++a) {
        if (sd.symmetric) {
          if (newman) accumulate_row<true, true>(sd, a, acc);
          else accumulate_row<false, true>(sd, a, acc);
        } else {
          if (newman) accumulate_row<true, false>(sd, a, acc);
          else accumulate_row<false, false>(sd, a, acc);
        }
        acc.drain([&](index b, std::uint32_t c, double x) { k += weigh(a, b, c, x) >= o.min_weight; });
      }
      found[q] = k;
    });
    std::uint64_t entries = std::accumulate(found.begin(), found.end(), std::uint64_t{0});
    if (sd.symmetric) entries *= 2;
    e.entries = entries;
    e.bytes = fixed + entries * per_entry;
  } else {
    e.bytes = fixed + e.upper_bound * per_entry;
  }
  return e;
}

}  // namespace danvan

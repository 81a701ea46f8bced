// Which elements of a parent hierarchy (areas, topics, organizations) lie under marked
// ones. Each element is settled once, and a walk up stops at the first settled
// ancestor, so the pass is linear however deep the hierarchy (a walk per element to
// the top would be quadratic in a deep one).
#pragma once

#include <danvan/fwd.hpp>

#include <cstdint>
#include <vector>

namespace danvan::detail {

/// `marked[i]` true for the roots; returns, for every element, whether it or an
/// ancestor is marked. `parent_of(i)` gives the parent or no_index; parents never
/// form cycles (checked on load).
template <class ParentOf> std::vector<bool> under_marked(const std::vector<bool>& marked, ParentOf&& parent_of) {
  enum : std::uint8_t { unknown, under, not_under };
  std::vector<std::uint8_t> state(marked.size(), unknown);
  for (index i = 0; i < marked.size(); ++i)
    if (marked[i]) state[i] = under;
  std::vector<index> path;
  for (index i = 0; i < marked.size(); ++i) {
    path.clear();
    index v = i;
    while (v != no_index && state[v] == unknown) {
      path.push_back(v);
      v = parent_of(v);
    }
    const std::uint8_t answer = v == no_index ? std::uint8_t{not_under} : state[v];
    for (index p : path) state[p] = answer;
  }
  std::vector<bool> out(marked.size());
  for (index i = 0; i < marked.size(); ++i) out[i] = state[i] == under;
  return out;
}

}  // namespace danvan::detail

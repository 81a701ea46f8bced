// Shared by the plain benchmark programs: the fastest of several runs, wall clock.
#pragma once

#include <algorithm>
#include <chrono>

namespace danvan::bench {

template <class F> double fastest(int runs, F&& f) {
  double best = 1e300;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace danvan::bench

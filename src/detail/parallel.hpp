// Fork-join over a few parts, for the queries that split their work by organization
// or by source (projection, betweenness). Internal.
#pragma once

#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace danvan::detail {

/// Runs f(part) for part in [0, parts) on `parts` threads (the calling thread takes
/// part 0) and rethrows the first exception any of them threw.
template <class F> void run_parallel(unsigned parts, F&& f) {
  if (parts <= 1) {
    f(0u);
    return;
  }
  std::exception_ptr failure;
  std::mutex m;
  auto guarded = [&](unsigned p) {
    try {
      f(p);
    } catch (...) {
      std::lock_guard lock(m);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(parts - 1);
  for (unsigned p = 1; p < parts; ++p) pool.emplace_back(guarded, p);
  guarded(0);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace danvan::detail

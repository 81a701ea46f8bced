// Load benchmark: reads one network file with danvan::load (parse + validate +
// index) and prints one JSON line:
//
//   {"peer": "danvan", "op": "load", "file": ..., "seconds": ..., "peak_mb": ...,
//    "roles": ..., "memory_bytes": ..., "bytes_per_role": ...}
//
//   load_bench FILE [--repeat N]
//
// `seconds` is the fastest of N loads (default 1) in this process (wall clock) and
// `cpu_seconds` the processor time of that load (less sensitive to a busy machine); `peak_mb` is the
// process's peak resident set (getrusage), which includes the mapped input file;
// `bytes_per_role` is network::memory_bytes() divided by the number of roles.
// bench/compare_load.py runs it next to NetworkX on the same files.
#include <danvan/danvan.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: load_bench FILE [--repeat N]\n";
    return 2;
  }
  const std::string file = argv[1];
  int repeat = 1;
  for (int i = 2; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));

  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  double best = 1e300, best_cpu = 0;
  std::size_t roles = 0, bytes = 0, orgs = 0, tasks = 0;
  try {
    for (int r = 0; r < repeat; ++r) {
      const double c0 = cpu_now();
      const auto t0 = std::chrono::steady_clock::now();
      const danvan::network net = danvan::load(file);
      const auto t1 = std::chrono::steady_clock::now();
      const double c1 = cpu_now();
      if (const double s = std::chrono::duration<double>(t1 - t0).count(); s < best) {
        best = s;
        best_cpu = c1 - c0;
      }
      roles = net.roles().size();
      bytes = net.memory_bytes();
      orgs = net.organizations().size();
      tasks = net.tasks().size();
    }
  } catch (const danvan::error& e) {
    std::cerr << "load_bench: " << e.what() << '\n';
    return 1;
  }

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
  std::printf(
      "{\"peer\": \"danvan\", \"op\": \"load\", \"file\": \"%s\", \"seconds\": %.4f, \"cpu_seconds\": %.4f, \"peak_mb\": %.1f, "
      "\"organizations\": %zu, \"tasks\": %zu, \"roles\": %zu, \"memory_bytes\": %zu, \"bytes_per_role\": %.2f}\n",
      file.c_str(), best, best_cpu, peak_mb, orgs, tasks, roles, bytes,
      roles ? static_cast<double>(bytes) / static_cast<double>(roles) : 0.0);
  return 0;
}

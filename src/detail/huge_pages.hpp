// Transparent huge pages for large buffers that are filled once: the load's input and
// parse buffers and the builder's arrays, and every detail::buffer (allocate_bytes).
// Linux leaves huge pages to programs by default ("madvise" mode); with 4 KiB pages, page
// faults and TLB misses took about 40 % of the time of loading a 250 MB file on the
// machines danvan is measured on. A hint only: where it is not supported or fails,
// nothing changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace danvan::detail {

/// Below this size (two 2 MiB huge pages) a buffer is left alone.
inline constexpr std::size_t huge_page_minimum = std::size_t{4} << 20;

/// Asks for huge pages on the whole pages inside [p, p + n), before they are touched.
inline void prefer_huge_pages([[maybe_unused]] void* p, [[maybe_unused]] std::size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (p == nullptr || n < huge_page_minimum) return;
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + page - 1) & ~(page - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + n) & ~(page - 1);
  if (end > begin) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

/// v.reserve(n), with huge pages for the new buffer when it is large (a std::vector or
/// std::string).
template <class Contiguous> void reserve_huge(Contiguous& v, std::size_t n) {
  if (n <= v.capacity()) return;
  const bool fresh = v.empty();
  v.reserve(n);
  // Pages already holding elements were copied in and are touched; only advise a buffer
  // that nothing has touched yet.
  if (fresh) prefer_huge_pages(v.data(), v.capacity() * sizeof(*v.data()));
}

}  // namespace danvan::detail

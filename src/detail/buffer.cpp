// Memory of detail::buffer (include/danvan/detail/buffer.hpp).
#include <danvan/detail/buffer.hpp>
#include "detail/huge_pages.hpp"

#include <cstdlib>
#include <new>

namespace danvan::detail {

void* allocate_bytes(std::size_t bytes) {
  constexpr std::size_t huge = std::size_t{2} << 20;
  void* p = nullptr;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= huge_page_minimum) {
    // 2 MiB-aligned, so that every page of the block can be a huge one.
    const std::size_t rounded = (bytes + huge - 1) / huge * huge;
    if (posix_memalign(&p, huge, rounded) != 0) throw std::bad_alloc();
    prefer_huge_pages(p, rounded);
    return p;
  }
#endif
  p = std::malloc(bytes == 0 ? 1 : bytes);
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace danvan::detail

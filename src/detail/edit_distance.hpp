// Edit distance, one for the whole library: name search ranks candidates by it, error
// messages suggest the nearest id, key or word. Optimal string alignment (Levenshtein
// plus adjacent transpositions, `tỉnh`/`tịnh` one apart, `lead`/`laed` one apart), over
// code points, so that a Vietnamese letter counts once whatever its UTF-8 length.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::detail {

// Optimal string alignment distance (Levenshtein plus adjacent
// transpositions), or k + 1 when it exceeds k. Only the diagonal band of
// width 2k + 1 is computed: cells outside it exceed k anyway.
template <class Char>
inline int osa_distance(const Char* a, std::size_t n, const Char* b, std::size_t m, int k) {
  if (n > m + static_cast<std::size_t>(k) || m > n + static_cast<std::size_t>(k)) return k + 1;
  constexpr int kInf = 1 << 20;
  constexpr std::size_t kStack = 257;
  int stack_rows[3][kStack];
  std::vector<int> heap_rows;
  int* rows[3];
  if (m + 1 <= kStack) {
    rows[0] = stack_rows[0], rows[1] = stack_rows[1], rows[2] = stack_rows[2];
  } else {
    heap_rows.resize(3 * (m + 1));
    rows[0] = heap_rows.data(), rows[1] = rows[0] + m + 1, rows[2] = rows[1] + m + 1;
  }
  int* prev2 = rows[0];
  int* prev = rows[1];
  int* cur = rows[2];
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j), prev2[j] = kInf;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t lo = i > static_cast<std::size_t>(k) ? i - static_cast<std::size_t>(k) : 1;
    const std::size_t hi = std::min(m, i + static_cast<std::size_t>(k));
    cur[0] = static_cast<int>(i);
    if (lo > 1) cur[lo - 1] = kInf;
    int row_min = lo == 1 ? cur[0] : kInf;
    for (std::size_t j = lo; j <= hi; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min(prev[j - 1] + cost, std::min(cur[j - 1], prev[j]) + 1);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (hi < m) cur[hi + 1] = kInf;
    if (row_min > k) return k + 1;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return std::min(prev[m], k + 1);
}

/// The code points of UTF-8 text (ill-formed bytes decode as U+FFFD).
[[nodiscard]] std::u32string decode(std::string_view s);

/// The optimal string alignment distance of two UTF-8 strings in code points, or `k + 1`
/// as soon as it must exceed `k`.
[[nodiscard]] int edit_distance(std::string_view a, std::string_view b, int k);

}  // namespace danvan::detail

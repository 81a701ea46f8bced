// Nearest-string suggestions for error messages ("did you mean ...?").
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::detail {

/// Levenshtein distance of two byte strings, or `limit + 1` as soon as it must exceed `limit`.
inline std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t diag = row[0], best = row[0] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
  }
  return row[a.size()];
}

/// Collects the candidates nearest to a word, keeping at most `limit` of them, nearest first.
class nearest {
 public:
  nearest(std::string_view word, std::size_t limit)
      : word_(word), limit_(limit), max_distance_(std::max<std::size_t>(2, word.size() / 3)) {}
  void offer(std::string_view candidate) {
    // A candidate that extends the word (`org:cong-an` → `org:cong-an-tinh`) is as good as one typo.
    const bool extends = word_.size() >= 3 && (candidate.starts_with(word_) || word_.starts_with(candidate));
    const std::size_t d = extends ? 1 : bounded_edit_distance(word_, candidate, max_distance_);
    if (d > max_distance_) return;
    found_.emplace_back(d, std::string(candidate));
    std::stable_sort(found_.begin(), found_.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    if (found_.size() > limit_) {
      found_.pop_back();
      max_distance_ = found_.back().first;  // nothing farther can enter any more
    }
  }
  [[nodiscard]] std::vector<std::string> result() const {
    std::vector<std::string> out;
    for (const auto& f : found_) out.push_back(f.second);
    return out;
  }

 private:
  std::string_view word_;
  std::size_t limit_, max_distance_;
  std::vector<std::pair<std::size_t, std::string>> found_;
};

}  // namespace danvan::detail

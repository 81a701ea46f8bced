// Nearest-string suggestions for error messages ("did you mean ...?").
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "detail/edit_distance.hpp"

namespace danvan::detail {

/// Collects the candidates nearest to a word, keeping at most `limit` of them, nearest first.
class nearest {
 public:
  nearest(std::string_view word, std::size_t limit)
      : word_(word), limit_(limit), max_distance_(std::max<std::size_t>(2, word.size() / 3)) {}
  void offer(std::string_view candidate) {
    // A candidate that extends the word (`org:cong-an` → `org:cong-an-tinh`) is as good as one typo.
    const bool extends = word_.size() >= 3 && (candidate.starts_with(word_) || word_.starts_with(candidate));
    const auto d = extends ? std::size_t{1}
                          : static_cast<std::size_t>(edit_distance(word_, candidate, static_cast<int>(max_distance_)));
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

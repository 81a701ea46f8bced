// danvan report — the words of the page in Vietnamese (the default) or English:
// headings and notes, and the labels of kinds, roles, severities and events.
#pragma once

#include <danvan/danvan.hpp>
#include <danvan/query/coverage.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace danvan::cli::report {

/// The page's language and its words.
class words {
 public:
  /// `vi` or `en`; anything else reads as `vi`.
  explicit words(std::string_view lang) : en_(lang == "en") {}
  /// `vi` or `en`, for `<html lang>`.
  [[nodiscard]] std::string_view lang() const noexcept { return en_ ? "en" : "vi"; }
  /// The UI string called `key` (a heading, a column, a note); the key itself when unknown.
  [[nodiscard]] std::string_view operator()(std::string_view key) const;
  /// A kind of entity, plural (`tổ chức`, `organizations`).
  [[nodiscard]] std::string_view kind(entity_kind k) const;
  /// A kind of reorganization (`hợp nhất`, `merge`).
  [[nodiscard]] std::string_view event(event_kind k) const;
  /// A severity (`lỗi`, `error`).
  [[nodiscard]] std::string_view severity(danvan::severity s) const;
  /// A role: its first Vietnamese label in Vietnamese, its name in English.
  [[nodiscard]] std::string role(const role_def& def) const;
  /// `and K more WHAT` / `và K WHAT khác`.
  [[nodiscard]] std::string more(std::size_t k, std::string_view what_key) const;

 private:
  bool en_;
};

}  // namespace danvan::cli::report

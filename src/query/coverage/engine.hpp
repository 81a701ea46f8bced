// The coverage engine's private header (src/query/coverage/): the registry of built-in
// rules, what a rule sees while it runs (rule_run), and the pieces the rules share.
//
// Each rule is a registry entry: its catalog definition (name, default severity,
// parameters), find() and describe(). find() walks the network and records compact
// findings (no strings); describe() writes the message and evidence of one finding.
// check() does both; find_violations() only the first, so that counting 15,000
// violations of a large network costs no formatting. Each rule's file says what its
// findings' `detail`, `step` and `a` hold. docs/rules.md is the reference for every
// rule's meaning; keep the two in step (tests/cpp/coverage_test.cpp checks the catalog
// against the docs and the schema).
#pragma once

#include "detail/suggest.hpp"
#include "detail/network_access.hpp"
#include <danvan/query/coverage.hpp>

#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace danvan::detail::coverage {

class rule_run;

// ---- the registry -------------------------------------------------------------------

/// What a parameter names that must be in the network the rules look at.
enum class reference : std::uint8_t { role, program, area };

/// One built-in rule.
struct rule_entry {
  rule_definition definition;
  void (*find)(rule_run& run);
  void (*describe)(rule_run& run, const finding& f, violation& v);
  /// Parameters holding ids or role names, checked before any rule runs.
  std::vector<std::pair<std::string, reference>> references = {};
};
using rule_family = std::vector<rule_entry>;

/// Every built-in rule, in the order docs/rules.md lists them.
[[nodiscard]] const std::vector<rule_entry>& registry();
/// The entry of the built-in rule of this name, or nullptr.
[[nodiscard]] const rule_entry* find_entry(std::string_view name) noexcept;

// One function per file of rules (registry.cpp lists them in order).
[[nodiscard]] rule_family task_count_rules();    // task_counts.cpp: task-responsible, task-accountable
[[nodiscard]] rule_family document_rules();      // document_implemented.cpp
[[nodiscard]] rule_family program_rules();       // program_lead.cpp
[[nodiscard]] rule_family review_rules();        // review_overdue.cpp
[[nodiscard]] rule_family area_rules();          // area_reached.cpp
[[nodiscard]] rule_family organization_rules();  // organization_idle.cpp
[[nodiscard]] rule_family moved_role_rules();    // moved_roles.cpp: orphaned-role, inherited-role

// ---- words and messages --------------------------------------------------------------

[[nodiscard]] param_spec param(std::string name, param_type type, std::string def, std::string description,
                               std::vector<std::string> choices = {});

/// Every word of an enumeration, in order.
template <class E> std::vector<std::string> words() {
  return std::vector<std::string>(std::begin(enum_names<E>::names), std::end(enum_names<E>::names));
}

/// The `roles` parameter of the rules that count roles.
[[nodiscard]] param_spec roles_param();

/// The candidate nearest to `word`, or nothing.
template <class Range> std::string nearest_word(std::string_view word, const Range& candidates) {
  nearest near(word, 1);
  for (const auto& c : candidates) near.offer(c);
  auto r = near.result();
  return r.empty() ? std::string() : r.front();
}

/// " (did you mean `x`?)", or nothing without a suggestion.
[[nodiscard]] std::string did_you_mean(const std::string& suggestion);

/// `id`
[[nodiscard]] std::string ticked(std::string_view id);

/// `id` (name)
template <class View> std::string named(const View& v) {
  std::string s = ticked(v.id());
  if (!v.name().empty()) s += " (" + std::string(v.name()) + ")";
  return s;
}

/// `a`, `b`, `c`
[[nodiscard]] std::string joined(const std::vector<std::string>& ids);
/// a, b or c
[[nodiscard]] std::string words_joined(const std::vector<std::string>& words);

/// One flag per word of E: those listed, or all of them when the list is empty.
template <class E> std::vector<bool> word_mask(const std::vector<std::string>& list) {
  std::vector<bool> mask(std::size(enum_names<E>::names), list.empty());
  for (const auto& w : list)
    if (auto v = enum_from_string<E>(w)) mask[static_cast<std::size_t>(*v)] = true;
  return mask;
}

// ---- running a rule -------------------------------------------------------------------

/// Everything the rules of one check share: the network as of the check's day (the
/// network itself without a date), the day, and the network it was taken from, whose
/// events and former organizations name where carried and orphaned roles came from.
struct context {
  const network& source;
  std::optional<date> on;
  std::shared_ptr<const network> dated;  // null: no date, the rules look at `source`
  const network& net() const noexcept { return dated ? *dated : source; }
};

/// The parameters of a rule: the file's values, else the catalog's defaults.
class params_of {
 public:
  params_of(const rule& r, const rule_definition& def);
  template <class T> std::optional<T> get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return std::get<T>(it->second);
  }
  template <class T> T value(const std::string& name, T fallback) const { return get<T>(name).value_or(fallback); }

 private:
  std::map<std::string, rule_value> values_;
};

/// One rule of a rule set running on the network of a check.
class rule_run {
 public:
  rule_run(const context& ctx, const rule& r, std::uint32_t position, const rule_entry& entry);

  /// Appends the rule's findings to `out`.
  void find(std::vector<finding>& out);
  /// The violation of one of the rule's findings.
  [[nodiscard]] violation describe(const finding& f);

  // ---- what the rules use ----

  [[nodiscard]] const context& ctx() const noexcept { return ctx_; }
  /// The network the rules look at.
  [[nodiscard]] const network& net() const noexcept { return net_; }
  /// The rule as its file gives it.
  [[nodiscard]] const rule& file_rule() const noexcept { return rule_; }
  [[nodiscard]] const params_of& params() const noexcept { return params_; }

  /// Records a finding of the rule.
  void emit(entity_kind kind, index entity, index a = no_index, std::uint8_t detail = 0, std::uint16_t step = 0);

  [[nodiscard]] bool task_in(index t) const { return all_ || filter_.task(t); }
  [[nodiscard]] bool program_in(index p) const { return all_ || filter_.program(p); }
  [[nodiscard]] bool document_in(index d) const { return all_ || filter_.document(d); }
  [[nodiscard]] bool organization_in(index o) const { return all_ || filter_.organization(o); }
  [[nodiscard]] bool role_in(index r) const { return all_ || filter_.role(r); }

  /// Calls f(holder) for the organization holding role r, when the role is in scope.
  template <class F> void holders(index r, F&& f) const {
    if (role_in(r)) f(detail::data_of(net_).roles[r].org);
  }

  /// Which role names count: the `roles` parameter, else those of the `letter` parameter.
  [[nodiscard]] std::vector<std::uint8_t> counting_roles() const;
  /// "is responsible (R: lead, advise)" or "holds lead".
  [[nodiscard]] std::string counted_what() const;

  /// A value the rule builds on first use and keeps for the rest of the run (one per rule).
  template <class T, class Make> const T& memo(Make&& make) {
    if (!memo_.has_value()) memo_ = T(make());
    return *std::any_cast<T>(&memo_);
  }

 private:
  const context& ctx_;
  const network& net_;
  const rule& rule_;
  std::uint32_t position_;
  const rule_entry& entry_;
  params_of params_;
  scope_filter filter_;
  bool all_;
  std::vector<finding>* out_ = nullptr;
  std::any memo_;
};

}  // namespace danvan::detail::coverage

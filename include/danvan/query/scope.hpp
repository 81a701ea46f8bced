// danvan — the scope every query takes: when, which roles, topics, areas,
// program, document, and up to which classification.
#pragma once

#include <danvan/date.hpp>
#include <danvan/error.hpp>
#include <danvan/fwd.hpp>
#include <danvan/network.hpp>

#include <optional>
#include <string>
#include <vector>

namespace danvan {

/// What part of a network a query looks at. Every field left empty means "all".
///
///     danvan::scope s;
///     s.as_of = danvan::date(2023, 9, 16);
///     s.roles = {"lead", "advise"};
///
/// - `as_of`: only entities and roles that exist on that day by their validity dates
///   (a date of year or month precision counts when any of its days may match).
/// - `window`: only tasks and programs whose period or due date may fall in it
///   (tasks and programs without dates are kept: nothing says they are outside).
/// - `roles`: only roles with these names.
/// - `topics`, `areas`: only tasks and programs tagged with one of these or a
///   descendant of one of these in the topic/area hierarchy.
/// - `program`: only that program and its tasks.
/// - `document`: only tasks and programs that implement the document or a document
///   that continues, implements, amends or replaces it, directly or not.
/// - `ceiling`: only what is classified at or below it; a role counts with the
///   highest classification of itself, its organization and its task or program.
struct scope {
  /// The day looked at: queries answer on `net.as_of(day)`, and positions in their
  /// results refer to that network. Nothing: the network as it is.
  std::optional<date> as_of;
  std::optional<period> window;  ///< the time looked at; nothing: all time
  std::vector<std::string> roles;  ///< role names kept; empty: every role
  std::vector<std::string> topics;  ///< `topic:` ids kept (with their descendants); empty: every topic
  std::vector<std::string> areas;  ///< `area:` ids kept (with their descendants); empty: every area
  std::string program;  ///< `prog:` id: only that program and its tasks; empty: every program
  /// `doc:` id: only tasks and programs that implement it (or a document that continues,
  /// implements, amends or replaces it); empty: any
  std::string document;
  std::optional<danvan::classification> ceiling;  ///< the highest classification shown; nothing: no limit
  /// Field-by-field equality; equal to `scope{}` means "everything".
  friend bool operator==(const scope&, const scope&) = default;
};

/// A scope resolved against one network: membership as bit vectors, so that
/// queries ask "is task t in scope?" in O(1). Building it is O(network size).
/// Throws danvan::not_found for an id of the scope that the network does not have,
/// and danvan::error for an unknown role name.
class scope_filter {
 public:
  /// Resolves `s` against `net`, which must outlive the filter. A scope with `as_of`
  /// must be resolved on the network as of that day (`net.as_of(day)`): on any other
  /// network it throws danvan::argument_error.
  scope_filter(const network& net, const scope& s);

  /// Whether the organization at position `o` is in scope; `o` is not checked.
  [[nodiscard]] bool organization(index o) const noexcept { return everything_ || org_[o]; }
  /// Whether the task at position `t` is in scope; `t` is not checked.
  [[nodiscard]] bool task(index t) const noexcept { return everything_ || task_[t]; }
  /// Whether the program at position `p` is in scope; `p` is not checked.
  [[nodiscard]] bool program(index p) const noexcept { return everything_ || program_[p]; }
  /// Whether the document at position `d` is in scope (by its classification); `d` is not checked.
  [[nodiscard]] bool document(index d) const noexcept { return everything_ || document_[d]; }
  /// The role is in scope, and so are its organization and its task or program.
  [[nodiscard]] bool role(index r) const noexcept { return everything_ || role_[r]; }
  /// True when the scope keeps everything (no field set).
  [[nodiscard]] bool everything() const noexcept { return everything_; }
  /// The network the filter was resolved against.
  [[nodiscard]] const network& net() const noexcept { return *net_; }

  /// Number of organizations in scope. O(organizations).
  [[nodiscard]] std::size_t organizations_in_scope() const noexcept;
  /// Number of tasks in scope. O(tasks).
  [[nodiscard]] std::size_t tasks_in_scope() const noexcept;
  /// Number of roles in scope. O(roles).
  [[nodiscard]] std::size_t roles_in_scope() const noexcept;

 private:
  const network* net_;
  bool everything_ = false;
  // Empty when everything_: a query of one organization's few roles then costs nothing
  // in proportion to the network.
  std::vector<bool> org_, task_, program_, document_, role_;
};

}  // namespace danvan

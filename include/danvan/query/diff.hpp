// danvan — what changed between two networks (two files, or one network on two days):
// entities, roles, responsibility per organization, overlap pairs, coverage findings.
#pragma once

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>
#include <danvan/network.hpp>
#include <danvan/query/coverage.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

/// How an entity differs.
enum class entity_change_kind : std::uint8_t {
  added,    ///< only in the second network
  removed,  ///< only in the first
  renamed,  ///< same id, another name (`field` is "name")
  changed,  ///< same id, another value of `field`
};
/// Words of entity_change_kind.
template <> struct enum_names<entity_change_kind> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"added", "removed", "renamed", "changed"};
};

/// One difference of an entity; a changed entity gives one per field.
struct entity_change {
  entity_kind kind = entity_kind::organization;  ///< the entity's kind
  std::string id;  ///< the entity's id (the same in both networks)
  entity_change_kind change = entity_change_kind::changed;  ///< how it differs
  std::string field;          ///< empty for added and removed
  /// The field's value in the first network, as written in a file (compact JSON for lists).
  std::string before, after;  ///< The field's value in the second network, written the same way.
  /// Field-by-field equality.
  friend bool operator==(const entity_change&, const entity_change&) = default;
};

/// How a role differs: held by another organization on the same task or program
/// (`moved`), or only in one network.
enum class role_change_kind : std::uint8_t {
  gained,  ///< only in the second network
  lost,    ///< only in the first network
  moved    ///< the same role on the same item, held by another organization in the second
};
/// Words of role_change_kind.
template <> struct enum_names<role_change_kind> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"gained", "lost", "moved"};
};

/// One role that differs between the two networks.
struct role_change {
  role_change_kind change = role_change_kind::gained;  ///< how it differs
  entity_kind target_kind = entity_kind::task;  ///< task or program
  std::string target;      ///< task or program id
  std::string role;        ///< role name
  std::string org_before;  ///< empty when gained
  std::string org_after;   ///< empty when lost
  std::string event;       ///< for a move a reorganization made: the event that carried it
  /// Field-by-field equality.
  friend bool operator==(const role_change&, const role_change&) = default;
};

/// An organization's roles by RACI letter (R, A, C, I) in each network, when they differ.
struct responsibility_change {
  std::string org;  ///< the organization's id
  /// Its roles in the first network by letter, indexed by raci (R, A, C, I); zeros when it is not there.
  std::array<std::uint32_t, 4> before{}, after{};  ///< The same in the second network.
  /// Field-by-field equality.
  friend bool operator==(const responsibility_change&, const responsibility_change&) = default;
};

/// A pair of organizations that shares at least `min_shared` tasks in one network only
/// (counts in each: 0 when the pair shares fewer there).
struct pair_change {
  /// Id of the first organization (a < b).
  std::string a, b;  ///< Id of the second organization.
  /// Tasks the pair shares in the first network; 0 when below `min_shared` there.
  std::uint32_t before = 0, after = 0;  ///< Tasks the pair shares in the second network, likewise.
  /// Field-by-field equality.
  friend bool operator==(const pair_change&, const pair_change&) = default;
};

/// A coverage finding of one network only: new in the second, or resolved in it.
struct finding_change {
  bool resolved = false;  ///< found in the first network, not in the second
  /// The name of the rule in its rule set.
  std::string rule, entity, message;
  /// \var std::string entity
  /// The id of the entity the finding is about.
  /// \var std::string message
  /// The violation's message, as check() writes it.

  danvan::severity severity = severity::warning;  ///< the rule's severity
  /// Field-by-field equality.
  friend bool operator==(const finding_change&, const finding_change&) = default;
};

/// What diff() compares.
struct diff_options {
  /// Overlap pairs compared: those sharing at least this many tasks (0: no overlap part).
  std::uint32_t min_shared = 2;
  /// Coverage findings compared: of these rules (null: the shipped defaults); each
  /// network is checked as of its own day (see check_day()), or `as_of` when given.
  const rule_set* rules = nullptr;
  std::optional<date> as_of;  ///< the day both networks' coverage is checked as of; nothing: each its own day
  bool coverage = true;  ///< false leaves the coverage findings out (and saves two checks)
};

/// What changed from `a` to `b`. Every part in a stable order: entities by kind then
/// the first network's order (added ones after, in the second's); roles by target.
struct network_diff {
  std::vector<entity_change> entities;  ///< entities added, removed, renamed or changed
  std::vector<role_change> roles;  ///< roles gained, lost or moved
  std::vector<responsibility_change> responsibility;  ///< organizations whose role counts by RACI letter differ
  std::vector<pair_change> pairs;  ///< overlap pairs of one network only (see diff_options::min_shared)
  std::vector<finding_change> findings;  ///< coverage findings new or resolved
  /// True when nothing differs.
  [[nodiscard]] bool empty() const noexcept {
    return entities.empty() && roles.empty() && responsibility.empty() && pairs.empty() && findings.empty();
  }
};

/// Compares two networks, matching entities by id. Linear in their sizes (plus one
/// projection and one coverage check of each). Roles are matched per task or program by
/// role name: where one organization lost a role and another gained the same role on
/// the same item, the role `moved` (with the event when a reorganization carried it).
[[nodiscard]] network_diff diff(const network& a, const network& b, const diff_options& options = {});

}  // namespace danvan

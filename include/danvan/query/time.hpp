// danvan — time and change: what a network looks like on one day, and who holds an
// organization's roles after reorganizations (merge, split, rename, dissolve, transfer).
#pragma once

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>
#include <danvan/network.hpp>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace danvan {

/// True when event `e` has taken effect on day `on`: its date starts no later than `on`
/// starts (an event of 2025-07-01 has taken effect on 2025-09-01 but not "in 2025").
[[nodiscard]] bool event_applies(const event_view& e, date on) noexcept;

/// The reorganization events of a network in the order they are applied: by the first
/// day of their date, then file order.
[[nodiscard]] std::vector<index> events_in_order(const network& net);

/// Where an organization's roles are on a day.
struct succession {
  /// Organizations that hold the roles: the organization itself when no event moved
  /// it and it exists that day; its successors (each once, in event order) otherwise;
  /// empty when it ended without a successor (dissolved, or ended by its validity
  /// dates with no event naming it).
  std::vector<index> holders;
  /// The events applied on the way, in order (empty when none moved it).
  std::vector<index> events;
  /// False when the organization does not exist yet on that day (it starts later):
  /// it holds nothing then, and nothing passes on.
  bool started = true;
  /// True when holders is empty although the organization started: its roles are orphaned.
  [[nodiscard]] bool orphaned() const noexcept { return started && holders.empty(); }
};

/// Follows the events that applied by day `on` (event_applies()) from `org`: every
/// applied event whose `from` names a current holder replaces it by the event's `to`
/// organizations (none for a dissolution). A holder that does not exist on `on` by its
/// validity dates and that no event moves has ended without successor.
/// Throws danvan::not_found for an unknown id, danvan::argument_error for an empty date.
[[nodiscard]] succession successor(const network& net, std::string_view org_id, date on);
[[nodiscard]] succession successor(const network& net, index org, date on);

/// One role as it stands on the day of a time_view.
struct dated_role {
  index role = no_index;          ///< position of the role in the network
  index org = no_index;           ///< who holds it that day (no_index when orphaned)
  index original_org = no_index;  ///< who holds it in the network
  index event = no_index;         ///< the last event that moved it (no_index when not inherited)
  bool inherited = false;         ///< held by a successor of original_org
  bool orphaned = false;          ///< original_org ended without successor
  friend bool operator==(const dated_role&, const dated_role&) = default;
};

/// The network as it stands on one day: the entities that exist by their validity
/// dates (a date of year or month precision keeps what may exist some day of it, as a
/// scope's `as_of` does), and the roles on existing tasks and programs, each held by
/// its organization when it exists, by its successor(s) when reorganization events
/// moved it (marked inherited, with the event), or by nobody (orphaned) when its
/// organization ended without successor. Roles of organizations that do not exist yet
/// are left out. A day before everything gives an empty view.
///
/// Building costs O(organizations + tasks + programs + events) and a byte per entity;
/// roles are produced on demand. The view refers to the network, which must
/// outlive it. Const member functions are safe from many threads. An empty date throws
/// danvan::argument_error.
class time_view {
 public:
  time_view(const network& net, date on);

  [[nodiscard]] const network& net() const noexcept { return *net_; }
  [[nodiscard]] date on() const noexcept { return on_; }

  [[nodiscard]] bool organization(index o) const noexcept { return org_[o] != 0; }
  [[nodiscard]] bool task(index t) const noexcept { return task_[t] != 0; }
  [[nodiscard]] bool program(index p) const noexcept { return program_[p] != 0; }
  [[nodiscard]] bool document(index d) const noexcept { return document_[d] != 0; }
  [[nodiscard]] bool area(index a) const noexcept { return area_[a] != 0; }

  /// Who holds organization `o`'s roles that day (see succession::holders).
  [[nodiscard]] std::span<const index> holders(index o) const noexcept;
  /// The last event that moved `o`'s roles, or no_index.
  [[nodiscard]] index moved_by(index o) const noexcept { return moved_by_[o]; }
  /// True when `o` started by that day and its roles have no holder.
  [[nodiscard]] bool orphaned(index o) const noexcept { return started_[o] != 0 && holders(o).empty(); }
  /// True when `o`'s roles are held by others that day, or by nobody (moved or orphaned).
  [[nodiscard]] bool changed(index o) const noexcept {
    const auto h = holders(o);
    return started_[o] != 0 && !(h.size() == 1 && h[0] == o);
  }
  /// True when role `r` is in the view: its task or program exists and its organization has started.
  [[nodiscard]] bool role(index r) const noexcept;

  [[nodiscard]] std::size_t organization_count() const noexcept;
  [[nodiscard]] std::size_t task_count() const noexcept;
  [[nodiscard]] std::size_t program_count() const noexcept;
  /// Roles of the view (an inherited role moved to two successors counts twice). O(roles).
  [[nodiscard]] std::size_t role_count() const noexcept;

  /// Calls `f(const dated_role&)` for every role of the view, in role order; a role
  /// whose organization was split appears once per successor.
  template <class F> void for_each_role(F&& f) const;
  /// Every role of the view, in role order.
  [[nodiscard]] std::vector<dated_role> roles() const;
  /// The roles one task or program has that day.
  [[nodiscard]] std::vector<dated_role> roles_on(entity_kind kind, index target) const;
  /// The roles an organization holds that day, its own and those it inherited.
  [[nodiscard]] std::vector<dated_role> roles_held(index org) const;

 private:
  template <class F> void emit(index r, F& f) const;
  const network* net_;
  date on_;
  std::vector<std::uint8_t> org_, task_, program_, document_, area_, started_;
  std::vector<std::uint32_t> holder_begin_;  // organizations + 1 offsets into holder_list_
  std::vector<index> holder_list_;
  std::vector<index> moved_by_;
};

/// The view of `net` on day `on`.
[[nodiscard]] inline time_view as_of(const network& net, date on) { return time_view(net, on); }

// ---- inline implementation ------------------------------------------------

inline std::span<const index> time_view::holders(index o) const noexcept {
  return {holder_list_.data() + holder_begin_[o], holder_begin_[o + 1] - holder_begin_[o]};
}

template <class F> void time_view::emit(index r, F& f) const {
  const auto& rec = net_->data().roles[r];
  const index o = rec.org;
  const auto hs = holders(o);
  if (hs.empty()) {
    f(dated_role{r, no_index, o, moved_by_[o], false, true});
    return;
  }
  const bool moved = !(hs.size() == 1 && hs[0] == o);
  for (index h : hs) f(dated_role{r, h, o, moved ? moved_by_[o] : no_index, moved, false});
}

inline bool time_view::role(index r) const noexcept {
  const auto& rec = net_->data().roles[r];
  return started_[rec.org] != 0 && (rec.target_kind == entity_kind::task ? task_[rec.target] : program_[rec.target]) != 0;
}

template <class F> void time_view::for_each_role(F&& f) const {
  const index n = static_cast<index>(net_->data().roles.size());
  for (index r = 0; r < n; ++r)
    if (role(r)) emit(r, f);
}

}  // namespace danvan

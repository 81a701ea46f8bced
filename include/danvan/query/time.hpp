// danvan — time and change: the network as it stands on one day, and who holds an
// organization's roles after reorganizations (merge, split, rename, dissolve, transfer).
#pragma once

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>
#include <danvan/network.hpp>

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
  /// dates with no event naming it). A split with shares gives every successor here;
  /// which of them takes a given role is as_of()'s to say.
  std::vector<index> holders;
  /// The events applied on the way, each once, in the order they apply (empty when
  /// none moved it).
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
/// validity dates and that no event moves has ended without successor. Each event is
/// followed once, however many paths lead to it.
/// Throws danvan::not_found for an unknown id, danvan::argument_error for an empty date.
[[nodiscard]] succession successor(const network& net, std::string_view org_id, date on);
/// The same for the organization at position `org`; throws std::out_of_range past the end.
[[nodiscard]] succession successor(const network& net, index org, date on);

/// The network as it stands on day `on`: a network like a loaded one, on which every
/// query works unchanged (see docs/time.md).
///
/// - It holds the areas, organizations, documents, programs and tasks that exist that
///   day by their validity dates (a date of year or month precision keeps what may
///   exist some day of it), every topic and source, and no events (they are applied).
/// - A role is kept when its task or program is kept, it is valid that day by its own
///   dates, and its organization has started. When its organization no longer holds
///   it — reorganization events that took effect by `on` moved it, or it ended — the
///   role is carried along the events (chains followed; merge, rename and transfer to
///   every successor; a split as its shares declare) to the successors that exist that
///   day, each copy recording where it came from (role_view::carried_from()). A role
///   left without a holder becomes an orphaned role of its task or program.
/// - References to what is gone are dropped; a parent or issuing organization that is
///   gone is replaced by its successor when it has exactly one.
/// - Organizations bear the name valid that day (names history kept); `meta().as_of`
///   is `on`.
///
/// Costs O(size of the network + events × successors). Throws danvan::argument_error
/// for an empty date.
[[nodiscard]] network as_of(const network& net, date on);

/// What a reorganization moved in a network as of a day: roles carried to a successor
/// (role_view::carried_from()) and roles left without holder (orphaned_roles() of tasks
/// and programs). Both 0 in a network that is not as of a day.
struct moved_role_counts {
  std::size_t carried = 0;   ///< roles held by a successor of their first holder
  std::size_t orphaned = 0;  ///< roles whose holder ended without successor
};

/// The moved roles of `net`, counted in O(1).
[[nodiscard]] moved_role_counts count_moved_roles(const network& net) noexcept;

}  // namespace danvan

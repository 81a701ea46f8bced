// danvan — duplicate candidates: pairs of tasks (or programs) that look like the
// same work planned twice (SPEC section 4, "Overlap").
#pragma once

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>
#include <danvan/network.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/overlap.hpp>
#include <danvan/query/scope.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace danvan {

/// What duplicate_candidates() looks for.
struct duplicate_options {
  projection_on on = projection_on::tasks;  ///< pairs of tasks or of programs
  /// Least Jaccard similarity of the two participant sets, in (0, 1] (argument_error otherwise).
  double min_jaccard = 0.5;
  /// Roles that make an organization a participant; empty: any.
  std::vector<std::string> roles;
  /// At most this many candidates, the best first; 0: all.
  std::size_t limit = 0;
};

/// Two items that may duplicate each other, and why.
struct duplicate_candidate {
  entity_kind kind = entity_kind::task;  ///< task or program
  /// Position of the first item among its kind (a < b).
  index a = no_index, b = no_index;      ///< Position of the second item among its kind.
  double jaccard = 0;                    ///< of the participant sets
  std::uint32_t shared_organizations = 0;  ///< organizations taking part in both
  std::uint32_t organizations = 0;       ///< in the union of the participant sets
  std::vector<index> topics;             ///< topics both are tagged with, ascending
  /// Areas where both work: the areas of one that equal or lie inside an area of the
  /// other, ascending; empty when either states no area (read as the whole network).
  std::vector<index> areas;
  period common;                         ///< when both may run (open ends when a side has no dates)
  std::string reason;                    ///< the above in words, with ids
};

/// Pairs of items in scope that
/// - share a topic (items without topics never pair),
/// - overlap in area: an area of one equals, contains or lies inside an area of the
///   other (an item without areas counts as everywhere),
/// - overlap in time: their periods (a task's due date when it has no period) may
///   share a day (an item without dates counts as always), and
/// - have participant sets whose Jaccard similarity is at least min_jaccard,
/// ranked by Jaccard, then shared topics, then positions. Candidate pairs come from
/// a prefix filter on the participant sets (rarest organizations first), so items
/// that share only busy organizations are never compared.
[[nodiscard]] std::vector<duplicate_candidate> duplicate_candidates(const network& net, const scope& s = {},
                                                                    const duplicate_options& options = {});

}  // namespace danvan

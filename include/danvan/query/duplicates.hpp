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
#include <cstdint>
#include <string>
#include <vector>

namespace danvan {

/// What duplicate_candidates() looks for. The defaults find work repeated under a
/// reworded name by (mostly) the same organizations, and nothing on a network whose
/// items merely share a busy commission: on `data/haiduong-2023.json` they give no
/// candidate. Every bad value is an argument_error naming the option.
struct duplicate_options {
  projection_on on = projection_on::tasks;  ///< pairs of tasks or of programs
  /// Least Jaccard similarity of the two participant sets, in (0, 1].
  double min_jaccard = 0.5;
  /// Least number of organizations taking part in both, 1 or more: one organization
  /// alone on both items (a commission that leads everything) is no sign of repetition.
  std::uint32_t min_shared_organizations = 2;
  /// Groups of kinds of work that may duplicate one another, by their words (task
  /// kinds such as `briefing`, `dialogue`; for programs `joint_program`, `plan`, ...).
  /// An item may always duplicate one of its own kind; empty: only the same kind, so
  /// a conference never pairs with a monitoring task.
  std::vector<std::vector<std::string>> kinds;
  bool any_kind = false;  ///< every kind may duplicate every other (kinds is then ignored)
  /// Weight of the name similarity in the score, in [0, 1]; the participants' Jaccard
  /// has the rest: score = (1 − name_weight) · jaccard + name_weight · name_similarity.
  double name_weight = 0.5;
  /// Least score, in [0, 1].
  double min_score = 0.6;
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
  double score = 0;                      ///< (1 − name_weight) · jaccard + name_weight · name_similarity
  double jaccard = 0;                    ///< of the participant sets
  /// Of the two names: the share of words in common (Jaccard of the word sets of
  /// text::search_key, so tone marks, case and `uỷ`/`ủy` do not count), and 0 when the
  /// names carry numbers and neither's numbers include the other's (`44-KL/TW` and
  /// `58-KL/TW`, `quý 3` and `quý 4`: other documents, other periods).
  double name_similarity = 0;
  bool same_kind = false;                ///< both are of the same kind of work
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
/// - are of the same kind of work, or of kinds options.kinds lets pair,
/// - share a topic (items without topics never pair),
/// - overlap in area: an area of one equals, contains or lies inside an area of the
///   other (an item without areas counts as everywhere),
/// - overlap in time: their periods (a task's due date when it has no period) may
///   share a day (an item without dates counts as always),
/// - share at least min_shared_organizations organizations, with participant sets
///   whose Jaccard similarity is at least min_jaccard, and
/// - score at least min_score (participants and names),
/// ranked by score, then Jaccard, then shared topics, then positions. Candidate pairs
/// come from a prefix filter on the participant sets (rarest organizations first), so
/// items that share only busy organizations are never compared.
[[nodiscard]] std::vector<duplicate_candidate> duplicate_candidates(const network& net, const scope& s = {},
                                                                    const duplicate_options& options = {});

}  // namespace danvan

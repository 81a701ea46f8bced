// danvan — folding a reviewed draft (e.g. of `danvan extract`) into a network: each
// draft entity matched to the network's, added as new, or left for the steward to
// decide, and a report of every decision and conflict.
#pragma once

#include <danvan/fwd.hpp>
#include <danvan/network.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

/// What became of one draft entity.
enum class merge_status : std::uint8_t {
  matched,    ///< it is the network's `id`: its evidence, new aliases and missing fields join that entity
  added,      ///< new to the network, added as `id` (the draft's id, or one made unique)
  ambiguous,  ///< several network entities fit (`candidates`); added as new unless chosen
  dropped,    ///< below the minimum confidence: left out, with what refers to it
};
/// Words of merge_status.
template <> struct enum_names<merge_status> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"matched", "added", "ambiguous", "dropped"};
};

/// The decision about one draft entity.
struct merge_entry {
  entity_kind kind = entity_kind::organization;  ///< the entity's kind
  std::string draft_id;  ///< its id in the draft
  merge_status status = merge_status::added;  ///< what became of it
  std::string id;                       ///< the id it has in the merged network (empty when dropped)
  std::vector<std::string> candidates;  ///< for ambiguous: the network's ids that fit
  std::string how;                      ///< why: `name`, `alias`, `former name`, `reference`, `code`, `sha256`, `id`, ...
};

/// A field a matched entity has with another value in the draft.
struct merge_conflict {
  entity_kind kind = entity_kind::organization;  ///< the entity's kind
  /// The entity's id in the merged network.
  std::string id, field, network_value, draft_value;
  /// \var std::string field
  /// The field's key as files write it (`date`, `issuer`, ...).
  /// \var std::string network_value
  /// The network's value as compact JSON text.
  /// \var std::string draft_value
  /// The draft's value as compact JSON text.

  bool draft_taken = false;  ///< with merge_options::prefer_draft
};

/// How merge() decides.
struct merge_options {
  /// Draft entities and roles whose `extra.confidence` is below this are dropped.
  double min_confidence = 0;
  /// A conflicting field takes the draft's value (default: the network's stays).
  bool prefer_draft = false;
  /// Asked for each ambiguous entity: returns the chosen candidate's id, or nothing to
  /// add it as new (`danvan merge --interactive` asks on the terminal).
  std::function<std::optional<std::string>(const merge_entry&)> choose;
  /// The text the draft's source cites, when known: its SHA-256 must be the source's
  /// and every span of the draft must lie inside it.
  std::optional<std::string> source_text;
};

/// What merge() made, and the report of its decisions.
struct merge_result {
  network merged;  ///< the network with the draft folded in (validated like a loaded file)
  std::vector<merge_entry> entries;  ///< one per draft entity, in the draft's order by kind
  std::vector<merge_conflict> conflicts;  ///< fields of matched entities whose values differ
  std::size_t roles_added = 0;  ///< roles of the draft the network did not have
};

/// Folds `draft` into `net`. Matching, by kind:
///
/// - documents by their reference: type, number and issuer (`TƯ` read as `TW`, case and
///   tone marks ignored), and the year when both give one;
/// - organizations by name, alias or former name (Vietnamese-aware: case, tone-mark
///   placement and accents ignored) within the same province — a body named with, or
///   placed in, another province is never matched, and one named without a province
///   belongs to its file's province (the draft's single province area); central bodies
///   match anywhere;
/// - areas by official code, else by name and level; topics by name; programs and tasks
///   by name within the same province (by their areas); events by id, else by kind,
///   date and name; sources by SHA-256, else by id.
///
/// A new body, program, task or district the draft places nowhere is placed in the
/// draft's own province (its single province area), so that the merged network keeps
/// it apart from the network's own.
///
/// Nothing of the network is overwritten unless `prefer_draft`: a matched entity gains
/// the draft's evidence and names (as aliases) and the fields it lacks; a field it has
/// with another value is a conflict in the report. Roles of the draft are added where
/// the network lacks them (the same organization and role on the same item), with their
/// evidence. A draft id the network uses for something else is made unique (`-2`, ...).
///
/// The result is validated like a loaded file. Throws danvan::validation_error (with
/// the draft's JSON paths) for a declared role whose RACI letter differs from the
/// network's, and, with `source_text`, for a source of another text or a span past
/// its end.
[[nodiscard]] merge_result merge(const network& net, const network& draft, const merge_options& options = {});

}  // namespace danvan

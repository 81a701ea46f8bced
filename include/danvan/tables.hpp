// danvan — the tables of a network: one row per entity, role or evidence entry, in
// file order, with the columns danvan.Network's DataFrames show (net.organizations(),
// net.roles(), net.evidence_frame(), ...). Declared apart from danvan/table.hpp because
// they are the network's own tables: a program that only writes rows of its own as CSV
// includes table.hpp without them.
#pragma once

#include <danvan/table.hpp>

namespace danvan {

/// One row per entity of `kind`. Columns every kind has: id, name, name_en (text),
/// aliases (text_list), valid_from, valid_to (date), classification (code; the file's
/// default where the entity states none), evidence (integer: how many evidence entries),
/// extra (text: compact JSON, empty for none). Then per kind:
/// - area: level (code), code (text), parent (reference);
/// - topic: parent (reference);
/// - organization: kind, level (code), area, parent (reference), roles (integer: how many);
/// - document: type, number, issuer (text), issued_by (reference), date, term, title,
///   continues, implements, amends, replaces, topics, areas (reference_list), reviews
///   (text_list: `kind:years`, with `:recurring` for one due every `years` years);
/// - program: kind (code), start, end (date), implements, topics, areas, roles;
/// - task: kind, status (code), program (reference), start, end, due (date), implements,
///   topics, areas, roles, lead_pos (integer: the single R organization's position,
///   no_lead or several_leads as lead_of() gives);
/// - event: kind (code), date, approximate (boolean), from, to (reference_list);
/// - source: kind, title (text), date, url, sha256 (text), document (reference).
[[nodiscard]] table entity_table(const network& net, entity_kind kind);

/// One row per role (programs' roles, then tasks' roles): org (reference), target_kind
/// (code of entity_kind), target (integer: position among its kind), role (integer: the
/// vocabulary's index), raci (code), classification (code: the highest of the role's own,
/// its organization's and its target's), own_classification (code), source (reference:
/// the first evidence entry's source), span_begin, span_end (integer: its character span,
/// -1 for none), evidence (integer: how many entries), valid_from, valid_to (date),
/// carried_from, carried_event (text, none for a role not carried by a reorganization).
[[nodiscard]] table role_table(const network& net);

/// One row per role nobody holds in a network as of a day: target_kind (code), target,
/// role, org (text: ids of the full network), event (text, none when no event ended it),
/// date (date).
[[nodiscard]] table orphan_table(const network& net);

/// One row per evidence entry of every entity (kind by kind) and then of every role:
/// holder_kind (code: the entity kinds, then `role`), holder (integer: the position of
/// the entity or role), source (reference), span_begin, span_end (integer, -1 for none),
/// note (text).
[[nodiscard]] table evidence_table(const network& net);

}  // namespace danvan

// danvan — responsibility queries: who holds which role on a task, program or
// document (with roll-up), what an organization carries, the RACI matrix of a
// scope, the accountability chain of a task, and batch look-ups of the lead.
#pragma once

#include <danvan/fwd.hpp>
#include <danvan/network.hpp>
#include <danvan/query/scope.hpp>
#include <danvan/roles.hpp>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace danvan {

/// How a responsibility row was reached from the entity asked about.
enum class role_path : std::uint8_t {
  own,           ///< a role on the entity itself (or, in a portfolio, held directly)
  program_task,  ///< a role on a task of the program asked about (or of a program reached)
  implements,    ///< a role on a program or task that implements the document asked about,
                 ///< or a document that implements or continues it, directly or not
};

/// One role as a query sees it: who, in which role, on what, and how it was reached.
struct responsibility_row {
  index role = no_index;           ///< position of the role in the network
  index org = no_index;            ///< the organization holding it
  role_index name = 0;             ///< position of the role name in the network's vocabulary
  raci letter = raci::C;           ///< the role's RACI letter
  entity_kind target_kind = entity_kind::task;  ///< task or program
  index target = no_index;         ///< the task or program the role is on
  role_path path = role_path::own;  ///< how the row was reached
  index program = no_index;        ///< for program_task rows: the program the task belongs to
  index document = no_index;       ///< for implements rows: the document the target implements
  /// Field-by-field equality.
  friend bool operator==(const responsibility_row&, const responsibility_row&) = default;
};

/// The roles on a task, program or document in scope, each once, in role order of
/// the items reached.
///
/// - task: its own roles;
/// - program: its own roles, then (with `rollup`) the roles of its tasks;
/// - document: (needs `rollup`; without it there are none, since documents hold no roles)
///   the roles of every program and task that implements the document or a document
///   that implements or continues it (transitively), and of those programs' tasks.
///
/// Throws danvan::not_found (naming the nearest ids) for an unknown id, danvan::argument_error
/// for an id of another kind (use portfolio() for an organization).
[[nodiscard]] std::vector<responsibility_row> roles_of(const network& net, std::string_view id,
                                                       const scope& s = {}, bool rollup = true);
/// The same for an entity given by kind and position (task, program or document).
[[nodiscard]] std::vector<responsibility_row> roles_of(const network& net, entity_kind kind, index position,
                                                       const scope& s = {}, bool rollup = true);

/// What an organization carries: every role it holds in scope (path `own`), and with
/// `include_subunits` those of its descendants in the organization hierarchy (their
/// rows name the sub-unit as `org`). Rows in organization, then role order.
/// Throws danvan::not_found for an unknown organization.
[[nodiscard]] std::vector<responsibility_row> portfolio(const network& net, std::string_view org_id,
                                                        const scope& s = {}, bool include_subunits = false);
/// The same for the organization at position `org`; throws std::out_of_range past the end.
[[nodiscard]] std::vector<responsibility_row> portfolio(const network& net, index org, const scope& s = {},
                                                        bool include_subunits = false);

/// Bit of a RACI letter in raci_cell::letters: R = 1, A = 2, C = 4, I = 8.
constexpr std::uint8_t raci_bit(raci letter) noexcept { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(letter)); }

/// One non-empty cell of the RACI matrix: the letters an organization holds on a task.
struct raci_cell {
  index task = no_index;  ///< position of the task among the network's tasks
  index org = no_index;  ///< position of the organization among the network's organizations
  std::uint8_t letters = 0;  ///< OR of raci_bit() of every role it holds there
  /// Field-by-field equality.
  friend bool operator==(const raci_cell&, const raci_cell&) = default;
};

/// The RACI matrix (organizations × tasks) of a scope in compact form: the non-empty
/// cells sorted by task, then organization. Program roles are not part of it.
[[nodiscard]] std::vector<raci_cell> raci_matrix(const network& net, const scope& s = {});

/// Why an organization is in an accountability chain.
enum class chain_link : std::uint8_t {
  responsible,  ///< holds an R role on the task (or, when the task has none, on its program)
  accountable,  ///< holds an A role on the task (or, when the task has none, on its program)
  parent,       ///< parent in the organization hierarchy of the previous link
};

/// One organization of an accountability chain.
struct chain_step {
  index org = no_index;  ///< position of the organization among the network's organizations
  chain_link link = chain_link::responsible;  ///< why it is in the chain
  index role = no_index;  ///< the role that put it there (no_index for parents)
  /// Field-by-field equality.
  friend bool operator==(const chain_step&, const chain_step&) = default;
};

/// Who answers for a task, as the network records it: the responsible organizations
/// (R), then the accountable ones (A) — both taken from the task's program when the
/// task has none in scope — then the parents of the first accountable organization
/// (or of the first responsible one when there is no A) up to the top of the
/// hierarchy. Each organization appears once. Throws danvan::not_found.
[[nodiscard]] std::vector<chain_step> accountability_chain(const network& net, std::string_view task_id,
                                                           const scope& s = {});
/// The same for the task at position `task`; throws std::out_of_range past the end.
[[nodiscard]] std::vector<chain_step> accountability_chain(const network& net, index task, const scope& s = {});

/// lead_of() result when the task has no organization with the letter.
inline constexpr std::int64_t no_lead = -1;
/// lead_of() result when several organizations hold the letter.
inline constexpr std::int64_t several_leads = -2;

/// Position of the single organization holding a role of RACI `letter` (R by default:
/// lead or advise) on task `task`, no_lead when none does, several_leads when more
/// than one organization does (one organization holding two R roles counts once).
/// O(roles of the task). Throws std::out_of_range for a position past the end.
[[nodiscard]] std::int64_t lead_of(const network& net, index task, raci letter = raci::R);

/// Batch form of lead_of(): `out[i]` for `tasks[i]`. `out` must be as long as `tasks`
/// (std::invalid_argument otherwise); a position past the end throws std::out_of_range
/// before anything is written. Safe to call from many threads.
void lead_of(const network& net, std::span<const index> tasks, std::span<std::int64_t> out,
             raci letter = raci::R);

}  // namespace danvan

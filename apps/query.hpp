// danvan command line — what the query commands (who, portfolio, raci, chain,
// duplicates, metrics, path) share: the network they answer on (after --as-of and
// --max-classification), names and aliases where an id is expected, Vietnamese role
// words, and one way to print a table as text, JSON or CSV.
#pragma once

#include "command.hpp"
#include "common.hpp"

#include <danvan/query/responsibility.hpp>
#include <danvan/table.hpp>

#include <initializer_list>
#include <utility>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::cli {

/// The options every query command has.
struct query_options {
  std::string file;
  std::string as_of;
  std::string max_classification;
  std::string format;
  std::vector<std::string> roles;  ///< --role (several): role names or Vietnamese words
  std::string program, document;   ///< --program, --document: ids or names
  std::vector<std::string> areas, topics;
};

/// Adds FILE, --as-of, --max-classification and --format table|json|csv to `app`; with
/// `scoped`, also --role, --program, --document, --area and --topic.
void add_query_options(CLI::App& app, query_options& opt, bool scoped);

/// open_network() of the command's FILE, --as-of and --max-classification.
[[nodiscard]] std::optional<network> open_network(const query_options& opt, std::string_view command,
                                                  const streams& io, int& status);

/// The entity of `kind` that `text` names: its id, or a name or alias (the
/// Vietnamese-aware search: `ban dan van tinh uy` finds `Ban Dân vận Tỉnh ủy`) that only
/// one entity bears. Nothing, after printing the candidates, when no entity or several
/// match.
[[nodiscard]] std::optional<index> resolve(const network& net, entity_kind kind, std::string_view text,
                                           std::string_view command, std::ostream& err);

/// The entity of one of `kinds` that `text` names by id or name, as resolve() finds one.
[[nodiscard]] std::optional<std::pair<entity_kind, index>> resolve_any(const network& net,
                                                                       std::initializer_list<entity_kind> kinds,
                                                                       std::string_view text, std::string_view command,
                                                                       std::ostream& err);

/// The role that `word` names: a role name (`lead`) or one of its Vietnamese labels
/// (`chủ trì`, `chu tri`). Nothing, after printing the known roles, for another word.
[[nodiscard]] std::optional<std::string> role_word(const network& net, std::string_view word,
                                                   std::string_view command, std::ostream& err);

/// The scope of --role, --program, --document, --area and --topic (names resolved);
/// nothing after printing why.
[[nodiscard]] std::optional<scope> read_scope(const network& net, const query_options& opt, std::string_view command,
                                              std::ostream& err);

/// Appends the columns `<name>` (the entity's id, a reference) and `<name>_name` (its
/// name) for the entities `positions` of `kind` (no_index: none) to `t`.
void add_entity_columns(table& t, const network& net, const std::string& name, entity_kind kind,
                        const std::vector<index>& positions);

/// Responsibility rows as a table: org, org_name, role, raci, target_kind, target,
/// target_name, path (own, program_task, implements) and via (the program or document
/// a rolled-up row came through).
[[nodiscard]] table responsibility_table(const network& net, const std::vector<responsibility_row>& rows);

/// Prints `t` as --format asks: an aligned table (names beside ids), CSV, or a JSON
/// object of the file, the fields of `about` (what was asked) and the rows under `rows_key`.
void print_rows(const streams& io, const query_options& opt, const table& t, const network& net, const char* rows_key,
                const json& about = json::object());

}  // namespace danvan::cli

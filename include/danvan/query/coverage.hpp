// danvan — coverage rules: a rule engine whose rules are data (a JSON rules file,
// docs/rules.md and schema/rules.schema.json), and the violations it reports.
#pragma once

#include <danvan/date.hpp>
#include <danvan/error.hpp>
#include <danvan/fwd.hpp>
#include <danvan/network.hpp>
#include <danvan/query/scope.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace danvan {

/// How much a violation matters. `danvan check` exits 1 when any is an error.
enum class severity : std::uint8_t {
  info,     ///< worth knowing; nothing is wrong
  warning,  ///< probably wrong or missing
  error     ///< wrong: `danvan check` fails
};

/// Words of severity.
template <> struct enum_names<severity> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"info", "warning", "error"};
};

/// The value of one rule parameter, as the rules file gives it.
using rule_value = std::variant<bool, std::int64_t, std::string, std::vector<std::string>, date, period>;

/// The type a built-in rule expects of a parameter.
enum class param_type : std::uint8_t {
  boolean,       ///< true or false
  integer,       ///< a whole number (at least 0)
  string,        ///< text (an id, a word)
  string_list,   ///< an array of texts
  date_value,    ///< an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD
  period_value,  ///< {"start": date, "end": date}, either end optional
};

/// Words of param_type, as messages name the types.
template <> struct enum_names<param_type> {
  /// The word of each enumerator, in enumerator order.
  static constexpr std::string_view names[] = {"boolean", "integer", "string", "array of strings", "date",
                                               "period"};
};

/// One parameter of a built-in rule.
struct param_spec {
  std::string name;  ///< the key in a rule's `params` object
  param_type type = param_type::string;  ///< the type its value must have
  std::string default_value;  ///< as JSON text; empty when there is no default
  std::string description;  ///< what it does, in English
  std::vector<std::string> choices;  ///< allowed words for a string or string_list, when closed
};

/// A built-in rule: what the rules file names in `"rule"`.
struct rule_definition {
  std::string name;  ///< stable: `task-responsible`, `review-overdue`, ...
  danvan::severity severity = severity::warning;  ///< the default severity
  entity_kind subject = entity_kind::task;         ///< the kind of entity a violation names
  bool needs_date = false;  ///< does nothing without an as_of date (from the check or the file)
  std::string summary;  ///< what the rule checks, in one sentence
  std::vector<param_spec> params;  ///< the parameters it takes, in documentation order
};

/// Every built-in rule, in the order docs/rules.md lists them.
[[nodiscard]] const std::vector<rule_definition>& rule_catalog();
/// The built-in rule of this name, or nullptr.
[[nodiscard]] const rule_definition* find_rule(std::string_view name) noexcept;

/// One entry of a rules file: a built-in rule with its parameters.
struct rule {
  std::string name;   ///< unique in its rule set; the built-in's name when the file gives none
  std::string check;  ///< the built-in rule
  danvan::severity severity = severity::warning;  ///< the severity of its violations
  std::string description;  ///< the file's own words about the rule; may be empty
  std::map<std::string, rule_value> params;  ///< only those the file gives; defaults apply to the rest
  danvan::scope scope;  ///< what the rule looks at (its `as_of` is the check's date)
  bool enabled = true;  ///< false: check() skips it
  std::string path;     ///< JSON pointer of the entry in its file (`/rules/3`), for messages
};

/// A rules file: an optional date and the rules, in file order.
struct rule_set {
  std::string file;            ///< the file name or label, for messages
  std::string title;  ///< the file's title; may be empty
  std::optional<date> as_of;   ///< the file's default date for the check
  std::vector<rule> rules;  ///< the rules, in file order
};

/// Parses a rules file's JSON text. Throws danvan::parse_error for text that is not
/// JSON and danvan::validation_error naming the JSON path of each mistake: an unknown
/// rule or parameter (with the nearest name), a parameter of the wrong type, a bad
/// date or severity, two rules of the same name.
[[nodiscard]] rule_set parse_rules(std::string_view json_text, std::string_view label = "<string>");
/// Reads a rules file; also throws danvan::io_error when it cannot be read.
[[nodiscard]] rule_set load_rules(const std::filesystem::path& file);
/// The shipped default rules (the text of data/rules/default.rules.json, compiled in).
[[nodiscard]] const rule_set& default_rules();
/// The JSON text default_rules() is parsed from.
[[nodiscard]] std::string_view default_rules_text() noexcept;

/// One thing the rules found: which rule, how bad, about what, why, and the ids involved.
struct violation {
  std::string rule;   ///< the rule's name in its rule set
  std::string check;  ///< the built-in rule it is an instance of
  danvan::severity severity = severity::warning;  ///< the rule's severity
  entity_kind kind = entity_kind::task;  ///< kind of the entity it is about
  index entity = no_index;               ///< position of that entity in the checked network; no_index when it is not there (see entity_id())
  std::string entity_id;                 ///< id of that entity (see entity_id())
  std::string message;                   ///< a sentence a person understands
  std::vector<std::string> evidence;     ///< ids involved, the entity first
  /// Field-by-field equality.
  friend bool operator==(const violation&, const violation&) = default;
};

/// `severity rule entity: message`.
[[nodiscard]] std::string to_string(const violation& v);

/// A violation before its message and evidence are written: which rule of the rule set,
/// about which entity. find_violations() returns these without formatting anything, for
/// counts, charts and large networks; describe() turns them into violations.
struct finding {
  std::uint32_t rule = 0;  ///< position of the rule in rule_set::rules
  danvan::severity severity = severity::warning;  ///< the rule's severity
  entity_kind kind = entity_kind::task;  ///< kind of the entity it is about
  /// Which case of its rule the finding is, as describe() words it: document-implemented
  /// 0 (nothing implements the document) or 1/2 (a program/task implements it too late);
  /// orphaned-role 1, inherited-role 0. 0 for the other rules.
  std::uint8_t detail = 0;
  std::uint16_t step = 0;   ///< rule-specific (the occurrence of a recurring review)
  index entity = no_index;  ///< position of the entity among its kind
  /// The second thing the finding is about, by rule: the late implementing program or task
  /// (document-implemented), the review obligation among the document's (review-overdue),
  /// the orphaned role's record (orphaned-role) or the carried role (inherited-role).
  index a = no_index;
  /// Field-by-field equality.
  friend bool operator==(const finding&, const finding&) = default;
};

/// Runs every enabled rule of `rules` on `net` as of a day (check_day()): on the
/// network as of that day (network::as_of()), so that roles follow reorganizations;
/// rules that need a date are skipped when there is none. Violations come rule by
/// rule in file order, each rule's in entity order; positions in them refer to the
/// network the rules looked at (checked_network()).
/// Throws danvan::validation_error (with the rule's JSON path) when a rule names an
/// id or role the network does not have.
[[nodiscard]] std::vector<violation> check(const network& net, const rule_set& rules,
                                           std::optional<date> as_of = std::nullopt);

/// What check() finds, without messages or evidence: O(network) with no formatting.
/// Same order and the same exceptions as check().
[[nodiscard]] std::vector<finding> find_violations(const network& net, const rule_set& rules,
                                                   std::optional<date> as_of = std::nullopt);

/// The violations of findings that find_violations() returned for the same network, rules
/// and date: messages and evidence written.
[[nodiscard]] std::vector<violation> describe(const network& net, const rule_set& rules, std::optional<date> as_of,
                                              const std::vector<finding>& findings);

/// The day a check looks at: `as_of`, else the day of a network as of a day, else the
/// rule set's date; nothing when none is given.
[[nodiscard]] std::optional<date> check_day(const network& net, const rule_set& rules, std::optional<date> as_of);

/// The network the rules look at: `net.as_of(day)` on a check_day(), else `net` itself
/// (a shared pointer that does not own it).
[[nodiscard]] std::shared_ptr<const network> checked_network(const network& net, const rule_set& rules,
                                                             std::optional<date> as_of);

/// The id of the entity a finding is about, in the network the rules looked at. For a
/// carried or orphaned role (rules inherited-role and orphaned-role) that is the
/// organization that held it first, which that network no longer holds (`entity` is
/// no_index then).
[[nodiscard]] std::string_view entity_id(const network& checked, const finding& f);

/// True when no violation has error severity.
[[nodiscard]] bool passes(const std::vector<violation>& violations) noexcept;
/// True when no finding has error severity.
[[nodiscard]] bool passes(const std::vector<finding>& findings) noexcept;

}  // namespace danvan

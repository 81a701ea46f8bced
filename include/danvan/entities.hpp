// danvan — the entities of the model as plain values: what a network_builder
// takes and what readers such as the JSON loader produce. A loaded network stores
// them compactly and hands out views (see network.hpp).
#pragma once

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

/// Where a fact comes from: a character span `[begin, end)` (Unicode code points)
/// of a source's text, and an optional note in the data steward's own words.
struct evidence {
  std::string source;  ///< `src:` id
  std::optional<std::uint32_t> begin, end;
  std::string note;
  friend bool operator==(const evidence&, const evidence&) = default;
};

/// Fields every entity has.
struct entity_base {
  std::string id;  ///< with its kind prefix, e.g. `org:ban-dan-van-tinh-uy`
  std::string name;
  std::string name_en;
  std::vector<std::string> aliases;
  date valid_from, valid_to;
  std::optional<danvan::classification> classification;  ///< nothing: the file's default
  std::vector<evidence> sources;
  std::string extra;  ///< a JSON object as compact text, kept verbatim; empty for none
};

struct area : entity_base {
  danvan::level level = level::district;
  std::string code;    ///< official administrative code
  std::string parent;  ///< `area:` id
};

struct topic : entity_base {
  std::string parent;  ///< `topic:` id
};

/// A name an organization bore for a while, without a change of identity (a rename
/// that keeps the id). Its `name` field stays the default; see organization::names.
struct dated_name {
  std::string name;
  date valid_from, valid_to;
  friend bool operator==(const dated_name&, const dated_name&) = default;
};

struct organization : entity_base {
  org_kind kind = org_kind::other;
  /// Its names over time, each with the period it was borne; periods do not overlap.
  /// Outputs as of a day show the name valid that day, and search finds every one.
  std::vector<dated_name> names;
  std::optional<danvan::level> level;
  std::string area;    ///< `area:` id
  std::string parent;  ///< `org:` id
};

/// A document's duty to be reviewed `years` after its date (every `years` when recurring).
struct review_obligation {
  review_kind kind = review_kind::preliminary;
  std::uint16_t years = 5;
  bool recurring = false;
  friend bool operator==(const review_obligation&, const review_obligation&) = default;
};

struct document : entity_base {
  std::string type;       ///< open list: NQ, CT, KL, QĐ, QĐi, QC, HD, KH, CTr, ĐA, TB, BC, CV, ...
  std::string number;     ///< `21`, `202/2025`
  std::string issuer;     ///< issuer code: `TW`, `TU`, `BDVTU-BCHQST-CAT`, `QH15`
  std::string issued_by;  ///< `org:` id
  danvan::date date;
  std::string term;  ///< khóa, as written: `XII`
  std::string title;
  std::vector<std::string> continues, implements, amends, replaces;  ///< `doc:` ids
  std::vector<std::string> topics, areas;
  std::vector<review_obligation> reviews;
};

/// Where a role of a network as of a day came from when a reorganization carried it
/// to a successor: the organization that held it, the event that moved it last and
/// that event's date. The ids name entities of the full network, which the network
/// as of a day may no longer hold.
struct role_origin {
  std::string org;    ///< `org:` id of the original holder
  std::string event;  ///< `event:` id, empty when no event moved it
  danvan::date date;  ///< the event's date
  friend bool operator==(const role_origin&, const role_origin&) = default;
};

/// An organization's role on a task or program.
struct role_assignment {
  std::string org;   ///< `org:` id
  std::string role;  ///< a name of the network's role vocabulary
  date valid_from, valid_to;  ///< when the organization held it (a body joins late or leaves)
  std::optional<role_origin> carried_from;  ///< set on roles a reorganization carried (see as_of())
  std::optional<danvan::classification> classification;
  std::vector<evidence> sources;
  std::string extra;
};

/// A role whose organization ended without successor (see as_of()): nobody holds it.
struct orphaned_role {
  std::string role;   ///< the role name
  role_origin origin; ///< who held it, and the event that ended it
  friend bool operator==(const orphaned_role&, const orphaned_role&) = default;
};

struct program : entity_base {
  program_kind kind = program_kind::joint_program;
  danvan::period period;
  std::vector<std::string> implements, topics, areas;
  std::vector<role_assignment> roles;
  std::vector<orphaned_role> orphaned_roles;  ///< only in a network as of a day
};

struct task : entity_base {
  task_kind kind = task_kind::other;
  std::string program;  ///< `prog:` id
  std::vector<std::string> implements, topics, areas;
  danvan::period period;
  date due;
  task_status status = task_status::planned;
  std::vector<role_assignment> roles;
  std::vector<orphaned_role> orphaned_roles;  ///< only in a network as of a day
};

/// How a split divides the roles of its predecessor: the successor `to` takes the
/// roles on tasks and programs with one of `topics` or `areas` (or a descendant of
/// one), and those on the `items` listed (`task:` and `prog:` ids).
struct event_share {
  std::string to;  ///< `org:` id, one of the event's `to`
  std::vector<std::string> topics, areas, items;
  friend bool operator==(const event_share&, const event_share&) = default;
};

/// A reorganization: on `date`, `from` became `to` (merge, split, rename, transfer)
/// or ended without successor (dissolve). A role passes to every organization of `to`,
/// except where a split declares `shares`: then to the successors whose share matches
/// the role's task or program (to all of them when none matches).
struct event : entity_base {
  event_kind kind = event_kind::merge;
  danvan::date date;
  bool approximate = false;  ///< the date is not known exactly
  std::vector<std::string> from, to;  ///< `org:` ids
  std::vector<event_share> shares;
};

/// A text or document that facts cite.
struct source : entity_base {
  std::string kind;  ///< `article`, `document`, `file`, `web`, ...
  std::string title;
  danvan::date date;
  std::string url;
  std::string sha256;    ///< hex SHA-256 of the UTF-8 text spans refer to
  std::string document;  ///< `doc:` id when the source is a document of the network
};

/// Facts about the file as a whole.
struct meta {
  std::string title;
  std::string description;
  std::string language = "vi";
  danvan::classification classification = classification::public_;
  /// Set on a network as of a day (see as_of()): the day it shows.
  danvan::date as_of;
  std::string extra;
};

}  // namespace danvan

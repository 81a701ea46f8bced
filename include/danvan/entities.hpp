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
  /// First code point of the span in the source's text; nothing when the evidence
  /// cites the source as a whole.
  std::optional<std::uint32_t> begin, end;  ///< One past the last code point of the span; nothing when not given.
  std::string note;  ///< the data steward's note; empty for none
  /// Field-by-field equality.
  friend bool operator==(const evidence&, const evidence&) = default;
};

/// Fields every entity has.
struct entity_base {
  std::string id;  ///< with its kind prefix, e.g. `org:ban-dan-van-tinh-uy`
  std::string name;  ///< the Vietnamese name (required: a blank name is a problem)
  std::string name_en;  ///< the English name; empty for none
  std::vector<std::string> aliases;  ///< other names it is known by (abbreviations, spellings)
  /// First day it exists, at the precision known; empty: since before the data begins.
  date valid_from, valid_to;  ///< Last day it exists; empty: it has not ended. Must not lie before valid_from.
  std::optional<danvan::classification> classification;  ///< nothing: the file's default
  std::vector<evidence> sources;  ///< the evidence it rests on
  std::string extra;  ///< a JSON object as compact text, kept verbatim; empty for none
};

/// An administrative area (`area:`): a province, district or commune.
struct area : entity_base {
  danvan::level level = level::district;  ///< its administrative level
  std::string code;    ///< official administrative code
  std::string parent;  ///< `area:` id
};

/// A subject of work (`topic:`), e.g. religion, ethnic minorities; topics form a hierarchy.
struct topic : entity_base {
  std::string parent;  ///< `topic:` id
};

/// A name an organization bore for a while, without a change of identity (a rename
/// that keeps the id). Its `name` field stays the default; see organization::names.
struct dated_name {
  std::string name;  ///< the name borne in the period
  /// First day the name was borne; empty: since the organization began.
  date valid_from, valid_to;  ///< Last day the name was borne; empty: still borne.
  /// Field-by-field equality.
  friend bool operator==(const dated_name&, const dated_name&) = default;
};

/// A body of the political system (`org:`): party committee or commission, front,
/// socio-political organization, state agency, police, military unit, ...
struct organization : entity_base {
  org_kind kind = org_kind::other;  ///< what kind of body it is
  /// Its names over time, each with the period it was borne; periods do not overlap.
  /// Outputs as of a day show the name valid that day, and search finds every one.
  std::vector<dated_name> names;
  std::optional<danvan::level> level;  ///< its administrative level; nothing when not stated
  std::string area;    ///< `area:` id
  std::string parent;  ///< `org:` id
};

/// A document's duty to be reviewed `years` after its date (every `years` when recurring).
struct review_obligation {
  review_kind kind = review_kind::preliminary;  ///< sơ kết (preliminary) or tổng kết (final)
  std::uint16_t years = 5;  ///< years after the document's date the review is due
  bool recurring = false;  ///< due again every `years` years after that
  /// Field-by-field equality.
  friend bool operator==(const review_obligation&, const review_obligation&) = default;
};

/// A directive or other document (`doc:`): resolution (NQ), directive (CT),
/// conclusion (KL), decision (QĐ), regulation (QĐi), plan (KH), program (CTr), ...
struct document : entity_base {
  std::string type;       ///< open list: NQ, CT, KL, QĐ, QĐi, QC, HD, KH, CTr, ĐA, TB, BC, CV, ...
  std::string number;     ///< `21`, `202/2025`
  std::string issuer;     ///< issuer code: `TW`, `TU`, `BDVTU-BCHQST-CAT`, `QH15`
  std::string issued_by;  ///< `org:` id
  danvan::date date;  ///< date of issue at the precision known; empty when not known
  std::string term;  ///< khóa, as written: `XII`
  std::string title;  ///< the title (trích yếu); empty when not given
  /// `doc:` ids of the documents it continues (a later document on the same matter).
  std::vector<std::string> continues, implements, amends, replaces;
  /// \var std::vector<std::string> implements
  /// `doc:` ids of the documents it implements (carries out).
  /// \var std::vector<std::string> amends
  /// `doc:` ids of the documents it amends.
  /// \var std::vector<std::string> replaces
  /// `doc:` ids of the documents it replaces.

  /// `topic:` ids of its topics.
  std::vector<std::string> topics, areas;  ///< `area:` ids of the areas it applies to.
  std::vector<review_obligation> reviews;  ///< the reviews it calls for
};

/// Where a role of a network as of a day came from when a reorganization carried it
/// to a successor: the organization that held it, the event that moved it last and
/// that event's date. The ids name entities of the full network, which the network
/// as of a day may no longer hold.
struct role_origin {
  std::string org;    ///< `org:` id of the original holder
  std::string event;  ///< `event:` id, empty when no event moved it
  danvan::date date;  ///< the event's date
  /// Field-by-field equality.
  friend bool operator==(const role_origin&, const role_origin&) = default;
};

/// An organization's role on a task or program.
struct role_assignment {
  std::string org;   ///< `org:` id
  std::string role;  ///< a name of the network's role vocabulary
  /// When the organization began to hold it (a body joins late); empty: from the
  /// start of its task or program.
  date valid_from, valid_to;  ///< When it stopped holding it (a body leaves); empty: to the end.
  std::optional<role_origin> carried_from;  ///< set on roles a reorganization carried (see as_of())
  std::optional<danvan::classification> classification;  ///< nothing: the file's default
  std::vector<evidence> sources;  ///< the evidence it rests on
  std::string extra;  ///< a JSON object as compact text, kept verbatim; empty for none
};

/// A role whose organization ended without successor (see as_of()): nobody holds it.
struct orphaned_role {
  std::string role;   ///< the role name
  role_origin origin; ///< who held it, and the event that ended it
  /// Field-by-field equality.
  friend bool operator==(const orphaned_role&, const orphaned_role&) = default;
};

/// A joint program (chương trình phối hợp), plan, movement or work program (`prog:`):
/// work several organizations carry out together, possibly in tasks.
struct program : entity_base {
  program_kind kind = program_kind::joint_program;  ///< what kind of program it is
  danvan::period period;  ///< when it runs; either end empty when not stated
  /// `doc:` ids of the documents it implements.
  std::vector<std::string> implements, topics, areas;
  /// \var std::vector<std::string> topics
  /// `topic:` ids of its topics.
  /// \var std::vector<std::string> areas
  /// `area:` ids of the areas it covers.
  std::vector<role_assignment> roles;  ///< the organizations' roles on the program itself
  std::vector<orphaned_role> orphaned_roles;  ///< only in a network as of a day
};

/// A task (`task:`): one piece of work, on its own or part of a program.
struct task : entity_base {
  task_kind kind = task_kind::other;  ///< what kind of work it is
  std::string program;  ///< `prog:` id
  /// `doc:` ids of the documents it implements.
  std::vector<std::string> implements, topics, areas;
  /// \var std::vector<std::string> topics
  /// `topic:` ids of its topics.
  /// \var std::vector<std::string> areas
  /// `area:` ids of the areas it covers.
  danvan::period period;  ///< when it runs; either end empty when not stated
  date due;  ///< its deadline; empty when none
  task_status status = task_status::planned;  ///< how far it has got
  std::vector<role_assignment> roles;  ///< the organizations' roles on it
  std::vector<orphaned_role> orphaned_roles;  ///< only in a network as of a day
};

/// How a split divides the roles of its predecessor: the successor `to` takes the
/// roles on tasks and programs with one of `topics` or `areas` (or a descendant of
/// one), and those on the `items` listed (`task:` and `prog:` ids).
struct event_share {
  std::string to;  ///< `org:` id, one of the event's `to`
  /// `topic:` ids: roles on items tagged with one of them (or a descendant) go to `to`.
  std::vector<std::string> topics, areas, items;
  /// \var std::vector<std::string> areas
  /// `area:` ids: roles on items placed in one of them (or a descendant) go to `to`.
  /// \var std::vector<std::string> items
  /// `task:` and `prog:` ids whose roles go to `to`.

  /// Field-by-field equality.
  friend bool operator==(const event_share&, const event_share&) = default;
};

/// A reorganization: on `date`, `from` became `to` (merge, split, rename, transfer)
/// or ended without successor (dissolve). A role passes to every organization of `to`,
/// except where a split declares `shares`: then to the successors whose share matches
/// the role's task or program (to all of them when none matches).
struct event : entity_base {
  event_kind kind = event_kind::merge;  ///< what kind of reorganization it is
  danvan::date date;  ///< the day it took effect, at the precision known
  bool approximate = false;  ///< the date is not known exactly
  /// `org:` ids of the organizations it ended or changed.
  std::vector<std::string> from, to;  ///< `org:` ids of the successors; empty for a dissolution.
  std::vector<event_share> shares;  ///< how a split divides the roles; empty: every successor takes every role
};

/// A text or document that facts cite.
struct source : entity_base {
  std::string kind;  ///< `article`, `document`, `file`, `web`, ...
  std::string title;  ///< its title; empty when not given
  danvan::date date;  ///< its date at the precision known; empty when not given
  std::string url;  ///< where it can be found; empty when not given
  std::string sha256;    ///< hex SHA-256 of the UTF-8 text spans refer to
  std::string document;  ///< `doc:` id when the source is a document of the network
};

/// Facts about the file as a whole.
struct meta {
  std::string title;  ///< the data set's title; empty when not given
  std::string description;  ///< what the data set covers; empty when not given
  std::string language = "vi";  ///< BCP 47 tag of the texts' language (`vi`, `en-US`)
  /// Default classification of every entity and role that states none.
  danvan::classification classification = classification::public_;
  /// Set on a network as of a day (see as_of()): the day it shows.
  danvan::date as_of;
  /// The `meta` object's `extra` (plus any key it does not know) as compact JSON text; empty for none.
  std::string extra;
};

}  // namespace danvan

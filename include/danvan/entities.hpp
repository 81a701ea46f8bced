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

struct organization : entity_base {
  org_kind kind = org_kind::other;
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

/// An organization's role on a task or program.
struct role_assignment {
  std::string org;   ///< `org:` id
  std::string role;  ///< a name of the network's role vocabulary
  std::optional<danvan::classification> classification;
  std::vector<evidence> sources;
  std::string extra;
};

struct program : entity_base {
  program_kind kind = program_kind::joint_program;
  danvan::period period;
  std::vector<std::string> implements, topics, areas;
  std::vector<role_assignment> roles;
};

struct task : entity_base {
  task_kind kind = task_kind::other;
  std::string program;  ///< `prog:` id
  std::vector<std::string> implements, topics, areas;
  danvan::period period;
  date due;
  task_status status = task_status::planned;
  std::vector<role_assignment> roles;
};

/// A reorganization: on `date`, `from` became `to` (merge, split, rename, transfer)
/// or ended without successor (dissolve).
struct event : entity_base {
  event_kind kind = event_kind::merge;
  danvan::date date;
  bool approximate = false;  ///< the date is not known exactly
  std::vector<std::string> from, to;  ///< `org:` ids
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
  std::string extra;
};

}  // namespace danvan

// danvan — forward declarations, index types and the closed vocabularies of
// the data model (SPEC section 2).
#pragma once

#include <array>
#include <iterator>
#include <cstdint>
#include <optional>
#include <string_view>

namespace danvan {

/// Compact position of an entity inside a loaded network (0-based, per kind).
using index = std::uint32_t;
/// The value an `index` field holds when nothing is referenced.
inline constexpr index no_index = 0xFFFFFFFFu;

/// The kinds of entity; each has its own id prefix (`org:`, `doc:`, ...).
enum class entity_kind : std::uint8_t { area, topic, organization, document, program, task, event, source };

enum class org_kind : std::uint8_t {
  party_committee, party_commission, front, sociopolitical, association, state_agency,
  people_committee, police, military, training_center, press, other
};
/// Administrative level of an organization or area.
enum class level : std::uint8_t { central, province, district, commune };
enum class program_kind : std::uint8_t { joint_program, plan, movement, work_program, other };
enum class task_kind : std::uint8_t {
  plan, review, inspection, dialogue, training, briefing, propaganda, monitoring,
  commemoration, coordination, other
};
enum class task_status : std::uint8_t { planned, in_progress, done, cancelled };
/// Reorganization events (SPEC section 2).
enum class event_kind : std::uint8_t { merge, split, rename, dissolve, transfer };
/// Ordered: public < internal < restricted.
enum class classification : std::uint8_t { public_, internal, restricted };
/// RACI letter of a role: Responsible, Accountable, Consulted, Informed.
enum class raci : std::uint8_t { R, A, C, I };
/// Review obligations a document declares: sơ kết (preliminary) and tổng kết (final).
enum class review_kind : std::uint8_t { preliminary, final_ };

/// The words used for each enumerator in files, on the command line and in Python.
template <class E> struct enum_names;

#define DANVAN_ENUM_NAMES(E, ...)                                                   \
  template <> struct enum_names<E> {                                                \
    static constexpr std::string_view names[] = {__VA_ARGS__};                              \
  };

DANVAN_ENUM_NAMES(entity_kind, std::string_view{"area"}, "topic", "organization", "document",
                  "program", "task", "event", "source")
DANVAN_ENUM_NAMES(org_kind, std::string_view{"party_committee"}, "party_commission", "front",
                  "sociopolitical", "association", "state_agency", "people_committee", "police",
                  "military", "training_center", "press", "other")
DANVAN_ENUM_NAMES(level, std::string_view{"central"}, "province", "district", "commune")
DANVAN_ENUM_NAMES(program_kind, std::string_view{"joint_program"}, "plan", "movement",
                  "work_program", "other")
DANVAN_ENUM_NAMES(task_kind, std::string_view{"plan"}, "review", "inspection", "dialogue",
                  "training", "briefing", "propaganda", "monitoring", "commemoration",
                  "coordination", "other")
DANVAN_ENUM_NAMES(task_status, std::string_view{"planned"}, "in_progress", "done", "cancelled")
DANVAN_ENUM_NAMES(event_kind, std::string_view{"merge"}, "split", "rename", "dissolve", "transfer")
DANVAN_ENUM_NAMES(classification, std::string_view{"public"}, "internal", "restricted")
DANVAN_ENUM_NAMES(raci, std::string_view{"R"}, "A", "C", "I")
DANVAN_ENUM_NAMES(review_kind, std::string_view{"preliminary"}, "final")
enum class precision : std::uint8_t;  // defined in date.hpp
DANVAN_ENUM_NAMES(precision, std::string_view{"none"}, "year", "month", "day")

#undef DANVAN_ENUM_NAMES

/// The file word of an enumerator, e.g. `to_string(org_kind::police) == "police"`.
template <class E> constexpr std::string_view to_string(E value) noexcept {
  return enum_names<E>::names[static_cast<std::size_t>(value)];
}

/// The enumerator named `word`, or nothing when no enumerator has that name.
template <class E> constexpr std::optional<E> enum_from_string(std::string_view word) noexcept {
  const auto& names = enum_names<E>::names;
  for (std::size_t i = 0; i < std::size(names); ++i)
    if (names[i] == word) return static_cast<E>(i);
  return std::nullopt;
}

/// The id prefix of each kind, including the colon (`"org:"`).
constexpr std::string_view id_prefix(entity_kind kind) noexcept {
  constexpr std::array<std::string_view, 8> prefixes{"area:", "topic:", "org:", "doc:",
                                                     "prog:", "task:", "event:", "src:"};
  return prefixes[static_cast<std::size_t>(kind)];
}

class date;
struct period;
class network;
class network_builder;
class role_vocabulary;
struct problem;
class error;

}  // namespace danvan

// danvan — forward declarations, index types and the closed vocabularies of
// the data model (SPEC section 2).
#pragma once

#include <array>
#include <iterator>
#include <cstdint>
#include <optional>
#include <string_view>

/// Inter-agency coordination networks: organizations, documents, joint programs,
/// tasks and the roles organizations hold on them, reorganizations over time, and the
/// queries over them (responsibility, overlap, coverage rules, metrics, diffs). The
/// text layer (extraction from Vietnamese reports) lives in danvan::text.
namespace danvan {

/// Compact position of an entity inside a loaded network (0-based, per kind).
using index = std::uint32_t;
/// The value an `index` field holds when nothing is referenced.
inline constexpr index no_index = 0xFFFFFFFFu;

/// The kinds of entity; each has its own id prefix (`org:`, `doc:`, ...).
enum class entity_kind : std::uint8_t {
  area,          ///< an administrative area (`area:`)
  topic,         ///< a subject of work (`topic:`)
  organization,  ///< a body of the political system (`org:`)
  document,      ///< a directive or other document (`doc:`)
  program,       ///< a joint program, plan, movement or work program (`prog:`)
  task,          ///< a unit of work (`task:`)
  event,         ///< a reorganization (`event:`)
  source         ///< a text or document that evidence cites (`src:`)
};

/// What kind of body an organization is.
enum class org_kind : std::uint8_t {
  party_committee,   ///< a party committee or its organs: Tỉnh ủy, Ban Thường vụ, Bộ Chính trị, Ban Bí thư
  party_commission,  ///< a commission or office of a party committee: Ban Dân vận, Ban Tuyên giáo, Văn phòng Tỉnh ủy
  front,             ///< the Fatherland Front: Ủy ban MTTQ
  sociopolitical,    ///< a socio-political organization: women's, farmers', veterans' unions, youth union, labour federation
  association,       ///< an association: Red Cross, Elderly association
  state_agency,      ///< a state agency: Sở ..., Ban Tôn giáo
  people_committee,  ///< a people's committee (UBND)
  police,            ///< the police (Công an)
  military,          ///< a military body (Bộ Chỉ huy Quân sự)
  training_center,   ///< a political training centre (Trung tâm chính trị)
  press,             ///< a newspaper, radio or television body
  other              ///< anything else: steering committees, offices, public posts, groups named as one actor
};
/// Administrative level of an organization or area.
enum class level : std::uint8_t {
  central,   ///< national (Trung ương)
  province,  ///< a province or centrally-run city (tỉnh, thành phố trực thuộc Trung ương)
  district,  ///< a district-level unit (huyện, thị xã, thành phố thuộc tỉnh)
  commune    ///< a commune-level unit (xã, phường, thị trấn)
};
/// What kind of program a program is.
enum class program_kind : std::uint8_t {
  joint_program,  ///< a joint coordination program (chương trình phối hợp)
  plan,           ///< a plan (kế hoạch)
  movement,       ///< an emulation movement (phong trào)
  work_program,   ///< a work program (chương trình công tác)
  other           ///< anything else
};
/// What kind of work a task is.
enum class task_kind : std::uint8_t {
  plan,           ///< drawing up or carrying out a plan
  review,         ///< a review (sơ kết, tổng kết); it names the document it reviews in `implements`
  inspection,     ///< inspection or supervision (kiểm tra, giám sát)
  dialogue,       ///< meeting or dialogue with the people (tiếp xúc, đối thoại)
  training,       ///< training (bồi dưỡng, tập huấn)
  briefing,       ///< a briefing or launch conference (giao ban, hội nghị triển khai)
  propaganda,     ///< propaganda and mobilization (tuyên truyền, vận động)
  monitoring,     ///< keeping track of the situation (nắm tình hình)
  commemoration,  ///< a commemoration (kỷ niệm)
  coordination,   ///< coordination between bodies
  other           ///< anything else
};
/// How far a task has got.
enum class task_status : std::uint8_t {
  planned,      ///< not started (the default)
  in_progress,  ///< under way
  done,         ///< finished
  cancelled     ///< called off
};
/// Reorganization events (SPEC section 2).
enum class event_kind : std::uint8_t {
  merge,     ///< several bodies become one
  split,     ///< one body becomes several
  rename,    ///< the same body under a new name and id
  dissolve,  ///< it ends with no successor
  transfer   ///< the duties of one or more bodies pass to one or more others
};
/// Ordered: public < internal < restricted.
enum class classification : std::uint8_t {
  public_,    ///< may be shown to anyone (the word `public` in files)
  internal,   ///< for internal use, not for publication
  restricted  ///< the highest level: restricted access
};
/// RACI letter of a role: Responsible, Accountable, Consulted, Informed.
enum class raci : std::uint8_t {
  R,  ///< Responsible: does and answers for the work (`lead`, `advise`)
  A,  ///< Accountable: in whose name the work is done (`direct`)
  C,  ///< Consulted: works with the responsible body (`coordinate`, `guide`, `participate`, ...)
  I   ///< Informed: is reported to, or is the subject (`inform`, `subject`)
};
/// Review obligations a document declares: sơ kết (preliminary) and tổng kết (final).
enum class review_kind : std::uint8_t {
  preliminary,  ///< sơ kết: an interim review
  final_        ///< tổng kết: the final review (the word `final` in files)
};

/// The words used for each enumerator in files, on the command line and in Python.
/// Specialized for every enumeration of the model; `names[i]` is the word of the
/// enumerator with value `i`.
template <class E> struct enum_names;

#define DANVAN_ENUM_NAMES(E, ...)                                                   \
  template <> struct enum_names<E> {                                                \
    /** The word of each enumerator, in enumerator order. */                        \
    static constexpr std::string_view names[] = {__VA_ARGS__};                              \
  };

/// Words of entity_kind.
DANVAN_ENUM_NAMES(entity_kind, std::string_view{"area"}, "topic", "organization", "document",
                  "program", "task", "event", "source")
/// Words of org_kind.
DANVAN_ENUM_NAMES(org_kind, std::string_view{"party_committee"}, "party_commission", "front",
                  "sociopolitical", "association", "state_agency", "people_committee", "police",
                  "military", "training_center", "press", "other")
/// Words of level.
DANVAN_ENUM_NAMES(level, std::string_view{"central"}, "province", "district", "commune")
/// Words of program_kind.
DANVAN_ENUM_NAMES(program_kind, std::string_view{"joint_program"}, "plan", "movement",
                  "work_program", "other")
/// Words of task_kind.
DANVAN_ENUM_NAMES(task_kind, std::string_view{"plan"}, "review", "inspection", "dialogue",
                  "training", "briefing", "propaganda", "monitoring", "commemoration",
                  "coordination", "other")
/// Words of task_status.
DANVAN_ENUM_NAMES(task_status, std::string_view{"planned"}, "in_progress", "done", "cancelled")
/// Words of event_kind.
DANVAN_ENUM_NAMES(event_kind, std::string_view{"merge"}, "split", "rename", "dissolve", "transfer")
/// Words of classification (`public`, not `public_`).
DANVAN_ENUM_NAMES(classification, std::string_view{"public"}, "internal", "restricted")
/// Words of raci.
DANVAN_ENUM_NAMES(raci, std::string_view{"R"}, "A", "C", "I")
/// Words of review_kind (`final`, not `final_`).
DANVAN_ENUM_NAMES(review_kind, std::string_view{"preliminary"}, "final")
enum class precision : std::uint8_t;  // defined in date.hpp
/// Words of precision.
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

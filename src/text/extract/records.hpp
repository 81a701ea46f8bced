// What the extractor finds and keeps until the draft is made: entities of the
// whole text, with the byte spans of their mentions, and what parsing a name
// at some token yields.
#pragma once

#include <danvan/entities.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/reference.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace danvan::text::detail {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

struct byte_span {
  std::size_t b = 0, e = 0;
};

struct org_entity {
  std::string key, base_key, name, name_en, entry, net_id, sub_key, head;
  org_kind kind = org_kind::other;
  std::optional<danvan::level> lvl;
  bool has_place = false;
  bool bare = false;  // the head alone, of an entry that usually has a scope
  std::string area_key;
  std::vector<std::string> aliases;
  std::set<std::string> alias_keys;
  std::vector<byte_span> evidence;
  std::size_t mentions = 0;
  double conf = 0;
  int merged_into = -1;
  int net = -1;               // its position in the network, when it is one of its organizations
  bool generic_name = false;  // network's, and named each time without its province
  std::string surface;        // as the text first names it
};

struct area_entity {
  std::string key, name, net_id, code;
  danvan::level lvl = danvan::level::district;
  std::vector<byte_span> evidence;
  double conf = 0;
  std::size_t mentions = 0;
};

struct program_entity {
  std::string key, name, name_en;
  program_kind kind = program_kind::other;
  danvan::period per;
  std::vector<int> implements;  // document records
  std::vector<byte_span> evidence;
  double conf = 0;
  std::size_t mentions = 0;
};

struct task_entity {
  std::string name;
  task_kind kind = task_kind::other;
  task_status status = task_status::planned;
  byte_span span;       // the clause
  byte_span name_span;  // the activity the name is taken from
  danvan::period per;   // when it runs, as the clause says
  byte_span per_span;
  danvan::date due;     // `hoàn thành trước ngày ...`
  byte_span due_span;
  std::string repeats;  // `hằng quý` → quarterly (a task's period has no room for it: kept in extra)
  byte_span repeats_span;
  std::vector<int> docs, areas;
  std::vector<byte_span> area_spans;
  // A clause's second activity (`..., đồng thời tổ chức ...`) takes the roles of its
  // first: the index of that task, else -1.
  int shares_roles_of = -1;
  // Drafted without a role: an activity whose actor names no cue (`Văn phòng Tỉnh ủy
  // bảo đảm kinh phí`) is kept all the same.
  bool standalone = false;
};

struct doc_record {
  document_reference ref;
  byte_span span;
  int issued_by = -1;  // org entity
  std::vector<int> continues, implements;  // document records
};

struct item_record {
  item_kind kind = item_kind::organization;
  byte_span span;
  double conf = 0;
  int entity = -1;  // org, doc record, program, area; role: org entity
  std::uint32_t name = 0, category = 0, source = 0;  // interned strings (extractor::strings_)
  danvan::period per;
  // roles
  byte_span org_span;
  int program = -1, task = -1;
};

struct place_parse {
  std::size_t first = 0, last = 0;
  std::string name, code, net_id;
  std::optional<danvan::level> lvl;
  bool known = false;
  bool province_city = false;  // a centrally-run city
  bool province_name = false;  // the gazetteer knows the name as a province's
  std::string word;            // the locality word before it (`thành phố`)
};

struct locality_parse {
  std::size_t first = 0, last = 0;
  std::optional<danvan::level> lvl;
  std::string word;
  bool plural = false, city = false;
  std::optional<place_parse> place;
};

struct org_parse {
  std::size_t first = 0, last = 0;
  int entry = -1;  // gazetteer entry
  int net = -1;    // network organization
  std::string name, key, base_key;
  org_kind kind = org_kind::other;
  std::optional<danvan::level> lvl;
  double conf = 0;
  bool unaccented = false, plural = false, office = false, committee = false, bare = false;
  std::optional<place_parse> place;
  std::optional<std::size_t> locality_first;
  std::string sub_key, sub_name;
  std::optional<org_kind> sub_kind;
  std::optional<danvan::level> sub_lvl;
  std::optional<place_parse> sub_place;
  std::optional<std::size_t> sub_locality_first;
};

struct org_hit {
  std::size_t first = 0, last = 0;
  int entity = -1;
  bool object = false;    // follows a preposition or possessive: not an actor
  bool in_doc = false;    // inside a document reference
  bool in_title = false;  // inside the title of a document (`về ...`)
  double conf = 0;
};

}  // namespace danvan::text::detail

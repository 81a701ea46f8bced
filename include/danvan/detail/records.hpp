// Compact storage of a built network. Strings live in one pool and are named by
// (offset, length); lists of indices live in one shared array. Optional, rarely
// filled fields (English name, aliases, evidence, extra) sit in a side table so
// that the common case costs four bytes.
#pragma once

#include <danvan/date.hpp>
#include <danvan/fwd.hpp>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace danvan::detail {

struct str_ref {
  std::uint32_t offset = 0, length = 0;
};
struct list_ref {
  std::uint32_t offset = 0, length = 0;
};

inline constexpr std::uint8_t inherit_classification = 0xFF;
inline constexpr std::uint8_t no_level = 0xFF;
inline constexpr std::uint32_t no_offset = 0xFFFFFFFFu;

/// What most records leave at its default: a task keeps it apart (network_data::task_rares),
/// every other record in itself.
struct rare_fields {
  date valid_from, valid_to;
  std::uint32_t side = no_index;
  std::uint8_t classification = inherit_classification;

  bool empty() const noexcept {
    return valid_from.empty() && valid_to.empty() && side == no_index && classification == inherit_classification;
  }
};

/// The fields of every record but a task. rare_fields are spelt out rather than a base:
/// a derived record's first bytes then fill this one's tail padding (with a 16-byte base
/// they could not: 4 bytes more per organization, document and program).
struct common_record {
  str_ref id, name;
  date valid_from, valid_to;
  std::uint32_t side = no_index;                          // index into side_records
  std::uint8_t classification = inherit_classification;  // or a danvan::classification

  rare_fields rare() const noexcept { return {valid_from, valid_to, side, classification}; }
  void set_rare(const rare_fields& r) noexcept {
    valid_from = r.valid_from;
    valid_to = r.valid_to;
    side = r.side;
    classification = r.classification;
  }
};

struct side_record {
  str_ref name_en;
  list_ref aliases;   // into string_lists
  list_ref sources;   // into evidence_records
  str_ref extra;      // compact JSON text
};

struct evidence_record {
  index source = no_index;
  std::uint32_t begin = no_offset, end = no_offset;
  str_ref note;
};

struct area_record : common_record {
  std::uint8_t level = 0;
  str_ref code;
  index parent = no_index;
};
struct topic_record : common_record {
  index parent = no_index;
};
struct organization_record : common_record {
  std::uint8_t kind = 0, level = no_level;
  index area = no_index, parent = no_index;
  list_ref names;  // into network_data::names
};
struct dated_name_record {
  str_ref name;
  date valid_from, valid_to;
};
struct review_record {
  std::uint8_t kind = 0;
  bool recurring = false;
  std::uint16_t years = 0;
};
struct document_record : common_record {
  str_ref type, number, issuer, term, title;
  index issued_by = no_index;
  danvan::date date;
  list_ref continues, implements, amends, replaces, topics, areas;
  list_ref reviews;  // into review_records
};
struct program_record : common_record {
  std::uint8_t kind = 0;
  danvan::period period;
  list_ref implements, topics, areas;
};
/// The common fields few tasks give, kept apart for the tasks that do
/// (network_data::task_rares) and read through network_data::rare_of().
struct task_rare_record : rare_fields {
  index task = no_index;
};

/// A task: forty bytes, there being many. Its name follows its id in the string pool,
/// its three lists lie back to back in index_lists from `lists`, and its valid_from,
/// valid_to, side and classification are in network_data::task_rares.
struct task_record {
  std::uint32_t text = 0;  // the id, then the name right after it
  std::uint32_t id_length = 0, name_length = 0;
  index program = no_index;
  std::uint32_t lists = 0;  // implements, then topics, then areas
  std::uint16_t implements_end = 0, topics_end = 0, areas_end = 0;
  std::uint8_t kind = 0, status = 0;
  danvan::period period;
  date due;

  /// The most references the three lists hold together.
  static constexpr std::size_t max_list_items = 0xFFFF;

  str_ref id() const noexcept { return {text, id_length}; }
  str_ref name() const noexcept { return {text + id_length, name_length}; }
  list_ref implements() const noexcept { return {lists, implements_end}; }
  list_ref topics() const noexcept { return {lists + implements_end, std::uint32_t{topics_end} - implements_end}; }
  list_ref areas() const noexcept { return {lists + topics_end, std::uint32_t{areas_end} - topics_end}; }
  /// Takes three lists that lie back to back, their lengths together at most max_list_items.
  void set_lists(list_ref implements, list_ref topics, list_ref areas) noexcept {
    lists = implements.offset;
    implements_end = static_cast<std::uint16_t>(implements.length);
    topics_end = static_cast<std::uint16_t>(implements.length + topics.length);
    areas_end = static_cast<std::uint16_t>(implements.length + topics.length + areas.length);
  }
};
static_assert(sizeof(task_record) == 40);

/// The id and name of a record of any kind.
inline str_ref record_id(const common_record& r) noexcept { return r.id; }
inline str_ref record_id(const task_record& r) noexcept { return r.id(); }
inline str_ref record_name(const common_record& r) noexcept { return r.name; }
inline str_ref record_name(const task_record& r) noexcept { return r.name(); }
struct event_record : common_record {
  std::uint8_t kind = 0;
  bool approximate = false;
  danvan::date date;
  list_ref from, to;
  list_ref shares;  // into network_data::shares
};
struct share_record {
  index to = no_index;
  list_ref topics, areas, programs, tasks;  // into index_lists
};
struct source_record : common_record {
  str_ref kind, title, url, sha256;
  danvan::date date;
  index document = no_index;
};

/// One role: eight bytes. Roles are stored grouped by target in file order
/// (programs' roles, then tasks' roles; program_role_begin, task_role_begin), so the
/// target is not stored: network_data::role_target() finds it from target_step.
struct role_record {
  index org = no_index;
  std::uint16_t role = 0;
  std::uint8_t classification = inherit_classification;
  // The target, counted over programs then tasks, minus role_target_base[role index / 64];
  // far_step when that does not fit in a byte (a run of targets without roles).
  std::uint8_t target_step = 0;
};
inline constexpr std::uint8_t far_step = 0xFF;
inline constexpr unsigned role_block_shift = 6;  // role_target_base has one entry per 64 roles

static_assert(sizeof(role_record) == 8);

/// Sparse per-role facts, each list sorted by role index: most roles have none.
struct role_period_record {
  index role = no_index;
  date valid_from, valid_to;
};
struct role_origin_record {
  index role = no_index;
  str_ref org, event;
  danvan::date date;
};
/// A role nobody holds in a network as of a day, on a task or program.
struct orphan_record {
  entity_kind target_kind = entity_kind::task;
  std::uint16_t role = 0;
  index target = no_index;
  str_ref org, event;
  danvan::date date;
};

/// Open-addressing hash table from id text to entity index; ids live in the
/// string pool, so a slot is just the index (plus one; zero means empty).
class id_table {
 public:
  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    slots_.assign(cap, 0);
  }
  /// Inserts `i` under `key` unless the key is present; returns the index stored under it.
  template <class KeyOf> index insert(std::string_view key, index i, KeyOf&& key_of) {
    if ((count_ + 1) * 2 > slots_.size()) grow(key_of);
    for (std::size_t s = hash(key) & mask();; s = (s + 1) & mask()) {
      if (slots_[s] == 0) {
        slots_[s] = i + 1;
        ++count_;
        return i;
      }
      if (key_of(slots_[s] - 1) == key) return slots_[s] - 1;
    }
  }
  /// Inserts `i` under `key`, which the table does not hold: its ids are known to be
  /// distinct, so no key is compared (each comparison would read a random id's text).
  template <class KeyOf> void insert_new(std::string_view key, index i, KeyOf&& key_of) {
    if ((count_ + 1) * 2 > slots_.size()) grow(key_of);
    std::size_t s = hash(key) & mask();
    while (slots_[s] != 0) s = (s + 1) & mask();
    slots_[s] = i + 1;
    ++count_;
  }
  template <class KeyOf> index find(std::string_view key, KeyOf&& key_of) const noexcept {
    if (slots_.empty()) return no_index;
    for (std::size_t s = hash(key) & mask();; s = (s + 1) & mask()) {
      if (slots_[s] == 0) return no_index;
      if (key_of(slots_[s] - 1) == key) return slots_[s] - 1;
    }
  }
  [[nodiscard]] std::size_t bytes() const noexcept { return slots_.capacity() * sizeof(index); }

  static std::size_t hash(std::string_view s) noexcept {  // FNV-1a, 64 bit
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }

 private:
  std::size_t mask() const noexcept { return slots_.size() - 1; }
  template <class KeyOf> void grow(KeyOf& key_of) {
    std::vector<index> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, 0);
    count_ = 0;
    for (index v : old)
      if (v != 0) insert_new(key_of(v - 1), v - 1, key_of);
  }
  std::vector<index> slots_;
  std::size_t count_ = 0;
};

/// Everything a network owns. Shared by network, network_builder and the readers.
struct network_data {
  std::string strings;                 // every string, back to back
  std::vector<str_ref> string_lists;   // aliases
  std::vector<index> index_lists;      // every list of references
  std::vector<evidence_record> evidence;
  std::vector<review_record> reviews;
  std::vector<side_record> sides;

  std::vector<area_record> areas;
  std::vector<topic_record> topics;
  std::vector<organization_record> organizations;
  std::vector<document_record> documents;
  std::vector<program_record> programs;
  std::vector<task_record> tasks;
  std::vector<task_rare_record> task_rares;  // sorted by task: the tasks that have any
  std::vector<event_record> events;
  std::vector<source_record> sources;

  std::vector<role_record> roles;
  std::vector<std::uint32_t> program_role_begin;  // programs + 1 offsets into roles
  std::vector<std::uint32_t> task_role_begin;     // tasks + 1 offsets into roles
  std::vector<std::uint32_t> org_role_begin;      // organizations + 1 offsets into org_roles
  std::vector<index> org_roles;                   // role indices grouped by organization
  std::vector<index> role_target_base;            // the target of every 64th role (see role_record)
  // Sparse per-role side data, sorted by role index.
  std::vector<std::pair<index, std::uint32_t>> role_sides;
  std::vector<role_period_record> role_periods;
  std::vector<role_origin_record> role_origins;
  // Orphaned roles of a network as of a day, sorted by (target kind, target).
  std::vector<orphan_record> orphans;
  std::vector<dated_name_record> names;
  std::vector<share_record> shares;

  std::vector<id_table> ids = std::vector<id_table>(8);  // one per entity_kind

  /// Makes role `r`'s target the one numbered `g` over programs then tasks; called for
  /// the roles in order (index_role_targets, push_role).
  void set_role_target(index r, index g) {
    if ((r & ((1u << role_block_shift) - 1)) == 0) role_target_base.push_back(g);
    const index step = g - role_target_base.back();
    roles[r].target_step = step < far_step ? static_cast<std::uint8_t>(step) : far_step;
  }

  std::string_view str(str_ref r) const noexcept { return {strings.data() + r.offset, r.length}; }
  std::span<const index> list(list_ref r) const noexcept { return {index_lists.data() + r.offset, r.length}; }

  /// valid_from, valid_to, side and classification of the record at `pos`, wherever kept.
  template <class Record> rare_fields rare_of(const Record& r, index pos) const noexcept {
    if constexpr (std::is_same_v<Record, task_record>) {
      auto it = std::lower_bound(task_rares.begin(), task_rares.end(), pos,
                                 [](const task_rare_record& x, index t) { return x.task < t; });
      return it != task_rares.end() && it->task == pos ? rare_fields(*it) : rare_fields{};
    } else {
      return r.rare();
    }
  }

  /// What finding roles' targets reads, taken once: a loop that writes elsewhere (rows
  /// pushed into a vector) then does not reload the arrays for every role.
  struct role_target_reader {
    const network_data* d;
    const role_record* roles;
    const index* base;
    index programs, first_task_role;

    /// The kind of target role `r` is on: programs' roles come first.
    entity_kind kind(index r) const noexcept { return r < first_task_role ? entity_kind::program : entity_kind::task; }
    /// The position (among programs or tasks) of the target of role `r`: one look-up in
    /// a small table for nearly every role, a binary search for the few far_step ones.
    index target(index r) const noexcept {
      const std::uint8_t step = roles[r].target_step;
      if (step != far_step) {
        const index t = base[r >> role_block_shift] + step;
        return t < programs ? t : t - programs;
      }
      const auto& begin = r < first_task_role ? d->program_role_begin : d->task_role_begin;
      return static_cast<index>(std::upper_bound(begin.begin(), begin.end(), r) - begin.begin() - 1);
    }
  };
  /// Taken also where there is no role (a network without tasks, or not built yet).
  role_target_reader role_targets() const noexcept {
    return {this, roles.data(), role_target_base.data(),
            program_role_begin.empty() ? 0 : static_cast<index>(program_role_begin.size() - 1),
            task_role_begin.empty() ? 0 : task_role_begin.front()};
  }
  entity_kind role_target_kind(index r) const noexcept { return role_targets().kind(r); }
  index role_target(index r) const noexcept { return role_targets().target(r); }
  /// Fills role_target_base and the roles' target_step from program_role_begin and
  /// task_role_begin, once the roles are all in.
  void index_role_targets() {
    const auto programs = static_cast<index>(program_role_begin.size() - 1);
    auto begin_of = [&](index g) { return g < programs ? program_role_begin[g] : task_role_begin[g - programs]; };
    role_target_base.clear();
    role_target_base.reserve((roles.size() >> role_block_shift) + 1);
    index g = 0;  // the target, counted over programs then tasks
    for (index r = 0; r < roles.size(); ++r) {
      while (begin_of(g + 1) <= r) ++g;
      set_role_target(r, g);
    }
  }
  /// Appends a role on the target numbered `g` over programs then tasks, the roles
  /// coming grouped by target in order.
  void push_role(const role_record& rec, index g) {
    roles.push_back(rec);
    set_role_target(static_cast<index>(roles.size() - 1), g);
  }

  str_ref add_string(std::string_view s) {
    str_ref r{static_cast<std::uint32_t>(strings.size()), static_cast<std::uint32_t>(s.size())};
    strings.append(s);
    return r;
  }
};

}  // namespace danvan::detail

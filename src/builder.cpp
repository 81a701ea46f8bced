// network_builder: interns strings and ids as entities arrive, then resolves
// references, checks hierarchies and builds the role indexes in build().
//
// While building, every reference field holds a *slot*: the number an id got
// the first time it was seen, as a declaration or as a reference. build() maps
// slots to positions (file order) and reports the slots nobody declared.
#include <danvan/builder.hpp>
#include "detail/huge_pages.hpp"
#include "detail/suggest.hpp"
#include "text/detail/unicode.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <new>
#include <tuple>
#include <vector>

namespace danvan {

namespace {

constexpr std::array<std::string_view, 8> collections{"areas",    "topics",   "organizations", "documents",
                                                      "programs", "tasks",    "events",        "sources"};
constexpr std::uint16_t pending_role_flag = 0x8000;
constexpr std::size_t suggestion_budget = 20;  // problems that get a (costly) nearest-id search

std::string_view kind_word(entity_kind k) {
  constexpr std::array<std::string_view, 8> words{"area", "topic", "organization", "document",
                                                  "program", "task", "event", "source"};
  return words[static_cast<std::size_t>(k)];
}

/// A JSON path made of up to four (name, position) steps below a collection element.
struct path_parts {
  entity_kind kind;
  index pos;
  std::string_view f1;
  std::int64_t i1 = -1;
  std::string_view f2 = {};
  std::int64_t i2 = -1;
  std::string_view f3 = {};
  std::int64_t i3 = -1;
  std::string_view f4 = {};

  /// This path with `i` as the position below its last field.
  path_parts item(std::int64_t i) const {
    path_parts p = *this;
    (!f3.empty() ? p.i3 : !f2.empty() ? p.i2 : p.i1) = i;
    return p;
  }

  std::string str() const {
    std::string s = "/" + std::string(collections[static_cast<std::size_t>(kind)]) + "/" + std::to_string(pos);
    auto step = [&](std::string_view f, std::int64_t i) {
      if (!f.empty()) (s += '/') += f;
      if (i >= 0) (s += '/') += std::to_string(i);
    };
    step(f1, i1);
    step(f2, i2);
    step(f3, i3);
    step(f4, -1);
    return s;
  }
};

/// White space as the schema's patterns spell it out: Unicode's White_Space
/// characters and U+FEFF (the two regex dialects that read the schema disagree on `\s`).
constexpr bool white_space(char32_t c) noexcept {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}
constexpr bool control(char32_t c) noexcept { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

/// The first character of `s` for which `refused` is true, and its position in characters.
template <class F> std::optional<std::pair<char32_t, std::size_t>> first_char(std::string_view s, F&& refused) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  for (std::size_t n = 0; p < end; ++n) {
    const auto d = text::detail::decode_utf8(p, end);
    if (refused(d.cp)) return std::pair{d.cp, n};
    p += d.len;
  }
  return std::nullopt;
}

/// The term (khóa) meant by `12` or `xii`, in Roman numerals as documents write it; or nothing.
std::string roman_term(std::string_view term) {
  std::string upper(term);
  for (auto& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (!upper.empty() && upper.find_first_not_of("IVXLCDM") == std::string::npos) return upper;
  int n = 0;
  if (std::from_chars(term.data(), term.data() + term.size(), n).ptr != term.data() + term.size() || n < 1 || n > 3999) return {};
  constexpr std::array<std::pair<int, std::string_view>, 13> numerals{
      {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"},
       {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}};
  std::string out;
  for (auto [value, letters] : numerals)
    for (; n >= value; n -= value) out += letters;
  return out;
}

bool blank(std::string_view s) { return !first_char(s, [](char32_t c) { return !white_space(c); }); }

/// `U+00A0`
std::string code_point(char32_t c) {
  char u[16];
  std::snprintf(u, sizeof u, "U+%04X", static_cast<unsigned>(c));
  return u;
}

/// Room for `more` elements at the end of `v`. A large vector grows (doubling, as
/// push_back does) into a buffer that asks for huge pages before the elements are copied
/// in: a streamed file is not counted in advance, and the page faults of its growing
/// arrays were a tenth of the time of a large load.
template <class T> void make_room(std::vector<T>& v, std::size_t more = 1) {
  if (v.capacity() - v.size() >= more) return;
  std::vector<T> bigger;
  detail::reserve_huge(bigger, std::max({v.size() + more, 2 * v.capacity(), std::size_t{16}}));
  bigger.insert(bigger.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
  v.swap(bigger);
}

/// c.shrink_to_fit(), into a buffer that asks for huge pages when it is large. Room never
/// written to takes no memory, but it is counted (network::memory_bytes()) and keeping it
/// would make a network's size depend on how well its file's counts were guessed; the
/// copy is a small part of a load.
template <class C> void shrink_to_fit_huge(C& c) {
  if (c.capacity() == c.size()) return;
  C exact;
  detail::reserve_huge(exact, c.size());
  exact.assign(c.begin(), c.end());
  c.swap(exact);
}

}  // namespace

bool path_less(std::string_view a, std::string_view b) noexcept {
  // Collections in the order a file lists them, positions by number, fields by name.
  constexpr std::array<std::string_view, 11> order{"danvan", "meta",  "roles",  "areas",   "topics", "organizations",
                                                   "documents", "programs", "tasks", "events", "sources"};
  auto next = [](std::string_view& p) {
    if (!p.empty() && p.front() == '/') p.remove_prefix(1);
    const auto cut = p.find('/');
    const auto seg = p.substr(0, cut);
    p = cut == std::string_view::npos ? std::string_view{} : p.substr(cut);
    return seg;
  };
  auto numeric = [](std::string_view s) {
    return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  for (bool first = true; !a.empty() || !b.empty(); first = false) {
    const auto x = next(a), y = next(b);
    if (x == y) continue;
    if (x.empty() || y.empty()) return x.empty();
    if (first) {
      const auto rx = std::find(order.begin(), order.end(), x), ry = std::find(order.begin(), order.end(), y);
      if (rx != ry) return rx < ry;
    }
    if (numeric(x) && numeric(y)) return std::stoll(std::string(x)) < std::stoll(std::string(y));
    return x < y;
  }
  return false;
}

std::string_view collection_name(entity_kind kind) noexcept { return collections[static_cast<std::size_t>(kind)]; }

struct network_builder::impl {
  std::string file;
  detail::network_data d;
  role_vocabulary vocabulary;
  danvan::meta meta;
  std::string extra;

  /// Id text -> slot while building. Unlike the network's id_table, each entry holds
  /// its id's text (up to 24 bytes, which nearly every id fits): a look-up reads one
  /// entry, two to a cache line, and nothing else, where reading the text elsewhere was a
  /// second wait on memory for each of the millions of roles that name an organization.
  /// A longer id keeps its first 16 bytes there and the whole text in a side string.
  class tagged_table {
   public:
    /// The hash that find() and insert_new() take: std::hash's, which reads 8 bytes at a time.
    static std::uint64_t hash(std::string_view key) noexcept { return std::hash<std::string_view>{}(key); }

    index find(std::string_view key, std::uint64_t h) const noexcept {
      if (entries_.empty()) return no_index;
      const auto text = inline_text(key);
      const auto length = static_cast<std::uint32_t>(key.size());
      for (std::size_t s = h & mask();; s = (s + 1) & mask()) {
        const entry& e = entries_[s];
        if (e.slot == 0) return no_index;
        if (e.length != length || e.text[0] != text[0] || e.text[1] != text[1]) continue;
        if (length <= inline_bytes ? e.text[2] == text[2]
                                   : std::memcmp(long_keys_.data() + e.text[2], key.data(), length) == 0)
          return e.slot - 1;
      }
    }
    /// Starts fetching where find() will look first for a key of hash `h`.
    void prefetch(std::uint64_t h) const noexcept {
      if (!entries_.empty()) __builtin_prefetch(&entries_[h & mask()]);
    }
    /// Adds `key`, which find() did not find, under slot `i`.
    void insert_new(std::string_view key, std::uint64_t h, index i) {
      if ((count_ + 1) * 8 > entries_.size() * 5) {
        // Straight to the size for the count expected once an eighth of it is here: a
        // guess that soon borne out is close, and each size on the way would be written
        // in full and dropped.
        std::size_t size = entries_.empty() ? 16 : entries_.size() * 2;
        if (expected_ > count_ && count_ * 8 >= expected_) size = std::max(size, size_for(expected_));
        rehash(size);
      }
      entry e{i + 1, static_cast<std::uint32_t>(key.size()), inline_text(key)};
      if (key.size() > inline_bytes) {
        e.text[2] = long_keys_.size();
        long_keys_.append(key);
      }
      place(h, e);
      ++count_;
    }
    void reserve(std::size_t n) {
      if (n * 8 > entries_.size() * 5) rehash(size_for(n));
    }
    /// About `n` keys are expected, guessed rather than counted: reserve() when the guess
    /// is borne out, not before.
    void expect(std::size_t n) { expected_ = n; }

   private:
    static constexpr std::size_t inline_bytes = 24;
    using text_words = std::array<std::uint64_t, 3>;
    struct entry {
      std::uint32_t slot = 0;    // slot + 1; 0 when empty
      std::uint32_t length = 0;  // of the key
      // The key, zero-padded; a longer key's first 16 bytes, then its offset in long_keys_.
      text_words text{};
    };
    /// What an entry holds of `key` (its last word only when the key fits whole).
    static text_words inline_text(std::string_view key) noexcept {
      text_words t{};
      std::memcpy(t.data(), key.data(), key.size() <= inline_bytes ? key.size() : 16);
      return t;
    }
    std::string_view key_of(const entry& e) const noexcept {
      if (e.length <= inline_bytes) return {reinterpret_cast<const char*>(e.text.data()), e.length};
      return {long_keys_.data() + e.text[2], e.length};
    }
    std::size_t mask() const noexcept { return entries_.size() - 1; }
    /// The table size for `n` keys: a power of two, at most 5/8 full.
    static std::size_t size_for(std::size_t n) noexcept { return std::bit_ceil(std::max<std::size_t>(16, (n * 8 + 4) / 5)); }
    void place(std::uint64_t h, const entry& e) {
      std::size_t s = h & mask();
      while (entries_[s].slot != 0) s = (s + 1) & mask();
      entries_[s] = e;
    }
    void rehash(std::size_t capacity) {
      std::vector<entry> old = std::move(entries_);
      entries_ = {};
      detail::reserve_huge(entries_, capacity);
      entries_.assign(capacity, entry{});
      for (const entry& e : old)
        if (e.slot != 0) place(hash(key_of(e)), e);
    }
    std::vector<entry> entries_;
    std::string long_keys_;  // the keys longer than inline_bytes, back to back
    std::size_t count_ = 0, expected_ = 0;
  };

  // slots, per kind
  struct slot_table {
    std::vector<detail::str_ref> ids;  // slot -> id text
    std::vector<index> position;       // slot -> position, or no_index while undeclared
    tagged_table table;
  };
  std::array<slot_table, 8> slots;

  std::vector<detail::role_record> program_roles, task_roles;
  std::vector<std::pair<index, std::uint32_t>> program_role_sides, task_role_sides;
  std::vector<detail::role_period_record> program_role_periods, task_role_periods;
  std::vector<detail::role_origin_record> program_role_origins, task_role_origins;
  std::vector<std::uint32_t> program_role_begin{0}, task_role_begin{0};
  std::vector<detail::orphan_record> orphans;  // role: a pending role name until resolved
  std::vector<problem> warnings;
  std::vector<std::string> pending_roles;
  std::vector<std::uint64_t> org_hashes;  // of the roles of one task or program, while adding them
  std::size_t roles_declared = 0;  // positions in the file's `roles` list

  std::vector<problem> problems;
  std::size_t problem_total = 0;
  std::size_t max_problems = 100;
  std::size_t suggestions_made = 0;
  bool built = false;

  // ---- problems -----------------------------------------------------------
  void report(std::string path, std::string rule, std::string message, std::string suggestion = {}) {
    ++problem_total;
    if (problems.size() >= max_problems) return;
    problems.push_back(problem{file, std::move(path), 0, 0, std::move(rule), std::move(message), std::move(suggestion)});
  }
  bool want_detail() const { return problems.size() < max_problems; }

  std::vector<std::string> nearest_declared(entity_kind k, std::string_view id, std::size_t limit = 1) {
    if (suggestions_made >= suggestion_budget) return {};
    ++suggestions_made;
    detail::nearest near(id, limit);
    const auto& st = slots[static_cast<std::size_t>(k)];
    for (std::size_t s = 0; s < st.ids.size(); ++s)
      if (st.position[s] != no_index) near.offer(d.str(st.ids[s]));
    return near.result();
  }

  // ---- strings and slots --------------------------------------------------
  detail::str_ref str(std::string_view s) {
    if (d.strings.size() + s.size() > std::numeric_limits<std::uint32_t>::max())
      throw error("danvan: a network holds at most 4 GiB of text");
    return d.add_string(s);
  }
  index slot_of(entity_kind k, std::string_view id) { return slot_of(k, id, tagged_table::hash(id)); }
  /// slot_of() for an id whose tagged_table::hash is `h`.
  index slot_of(entity_kind k, std::string_view id, std::uint64_t h) {
    auto& st = slots[static_cast<std::size_t>(k)];
    const index found = st.table.find(id, h);
    if (found != no_index) return found;
    const index next = static_cast<index>(st.ids.size());
    make_room(st.ids);
    make_room(st.position);
    st.ids.push_back(str(id));
    st.position.push_back(no_index);
    st.table.insert_new(id, h, next);
    return next;
  }

  /// Why `id` is not an id of kind `k` (as the schema's id patterns say), or nothing.
  static std::optional<std::string> bad_id(entity_kind k, std::string_view id) {
    const auto prefix = id_prefix(k);
    const bool prefixed = id.size() > prefix.size() && id.starts_with(prefix);
    // Nearly every id is printable ASCII: no need to decode it (a look-up per reference).
    if (prefixed && std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 0x7F; })) return std::nullopt;
    const auto c = first_char(id, [](char32_t c) { return white_space(c) || control(c); });
    if (prefixed && !c) return std::nullopt;
    std::string rule = "it must start with `" + std::string(prefix) +
                       "` followed by at least one character, and contain no white space or control character";
    if (!prefixed) return rule;
    return rule + " (it has " + code_point(c->first) + " at character " + std::to_string(c->second + 1) + ")";
  }

  /// A reference field: returns the slot, or no_index (reported) for an empty or malformed id.
  index ref(entity_kind k, std::string_view id, const path_parts& where) {
    return ref(k, id, where, tagged_table::hash(id));
  }
  /// Room in the arrays of `k` for `n` entities and `roles` roles (only address space
  /// until they are written: see detail::reserve_huge).
  void reserve_arrays(entity_kind k, std::size_t n, std::size_t roles) {
    auto& st = slots[static_cast<std::size_t>(k)];
    detail::reserve_huge(st.ids, n);
    detail::reserve_huge(st.position, n);
    switch (k) {
      case entity_kind::area: detail::reserve_huge(d.areas, n); break;
      case entity_kind::topic: detail::reserve_huge(d.topics, n); break;
      case entity_kind::organization: detail::reserve_huge(d.organizations, n); break;
      case entity_kind::document: detail::reserve_huge(d.documents, n); break;
      case entity_kind::program:
        detail::reserve_huge(d.programs, n);
        detail::reserve_huge(program_roles, roles);
        detail::reserve_huge(program_role_begin, n + 1);
        break;
      case entity_kind::task:
        detail::reserve_huge(d.tasks, n);
        detail::reserve_huge(task_roles, roles);
        detail::reserve_huge(task_role_begin, n + 1);
        break;
      case entity_kind::event: detail::reserve_huge(d.events, n); break;
      case entity_kind::source: detail::reserve_huge(d.sources, n); break;
    }
  }

  /// ref() for an id whose tagged_table::hash is `h`.
  index ref(entity_kind k, std::string_view id, const path_parts& where, std::uint64_t h) {
    if (id.empty()) return no_index;
    // An id in the table passed check_id() when it was first seen: most references name
    // an id seen before, and need no second check.
    if (const index found = slots[static_cast<std::size_t>(k)].table.find(id, h); found != no_index) return found;
    if (!check_id(k, id, where)) return no_index;
    return slot_of(k, id, h);
  }
  /// Reports an id (of a reference, or an origin) that is not of kind `k`; false then.
  bool check_id(entity_kind k, std::string_view id, const path_parts& where) {
    const auto why = bad_id(k, id);
    if (!why) return true;
    if (!want_detail())
      ++problem_total;
    else
      report(where.str(), "wrong-id-prefix",
             "`" + std::string(id) + "` is not " + (kind_word(k).find_first_of("aeiou") == 0 ? "an " : "a ") +
                 std::string(kind_word(k)) + " id: " + *why);
    return false;
  }
  /// The items of a list the schema marks `uniqueItems` whose strings must not be blank:
  /// aliases, labels. Reports blank ones (when `what` names one) and repeats.
  template <class PathOf>
  void check_items(const std::vector<std::string>& items, PathOf&& path_of, std::string_view what = {}) {
    if (!what.empty())
      for (std::size_t i = 0; i < items.size(); ++i)
        if (blank(items[i]))
          report(path_of(i), "bad-value", std::string(what) + " must not be empty or only white space");
    if (items.size() < 2) return;
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return items[a] < items[b]; });
    for (std::size_t i = 1, first = 0; i < order.size(); ++i) {
      if (items[order[i]] != items[order[first]]) {
        first = i;
      } else if (!items[order[i]].empty()) {  // an empty one is reported as such
        report(path_of(order[i]), "duplicate-item",
               "`" + items[order[i]] + "` is listed twice (first at " + path_of(order[first]) + ")");
      }
    }
  }

  /// A list of references; `positions` maps each to its place in the file's list when
  /// that list was split by kind (a share's `items`).
  detail::list_ref ref_list(entity_kind k, const std::vector<std::string>& ids, const path_parts& where,
                            const std::vector<std::size_t>* positions = nullptr) {
    auto at = [&](std::size_t i) { return where.item(static_cast<std::int64_t>(positions ? (*positions)[i] : i)); };
    if (!positions) check_items(ids, [&](std::size_t i) { return at(i).str(); });  // else the caller checks the whole list
    detail::list_ref l{static_cast<std::uint32_t>(d.index_lists.size()), static_cast<std::uint32_t>(ids.size())};
    make_room(d.index_lists, ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const index s = ref(k, ids[i], at(i));
      if (ids[i].empty()) report(at(i).str(), "empty-reference", "an empty id in a list of references");
      d.index_lists.push_back(s);
    }
    return l;
  }

  /// The parts of a document's reference (`21-CT/TW`), as the schema's patterns have them.
  void check_reference_parts(const document& v, index pos) {
    constexpr auto K = entity_kind::document;
    auto has_any = [](std::string_view s, std::string_view also) {
      return first_char(s, [&](char32_t c) {
               return white_space(c) || (c < 0x80 && also.find(static_cast<char>(c)) != std::string_view::npos);
             }).has_value();
    };
    if (has_any(v.type, "/-"))
      report(path_parts{K, pos, "type"}.str(), "bad-value",
             "`" + v.type + "` is not a document type: a type has no white space, `/` or `-` (the reference `21-CT/TW` "
             "has type `CT`, number `21` and issuer `TW`)");
    if (has_any(v.number, ""))
      report(path_parts{K, pos, "number"}.str(), "bad-value",
             "`" + v.number + "` is not a document number: a number has no white space (`21`, `202/2025`)");
    if (has_any(v.issuer, "/"))
      report(path_parts{K, pos, "issuer"}.str(), "bad-value",
             "`" + v.issuer + "` is not an issuer code: it has no white space or `/` (`TW`, `BDVTU-BCHQST-CAT`, `QH15`)");
    if (v.term.find_first_not_of("IVXLCDM") != std::string::npos) {
      const std::string meant = roman_term(v.term);
      report(path_parts{K, pos, "term"}.str(), "bad-value",
             "`" + v.term + "` is not a term: write the term (khóa) in Roman numerals, as documents do (`XII`)" +
                 (meant.empty() ? std::string{} : "; did you mean `" + meant + "`?"),
             meant);
    }
  }

  // ---- common fields ------------------------------------------------------
  template <class Record>
  Record& declare(std::vector<Record>& records, entity_kind k, entity_base& e) {
    const index pos = static_cast<index>(records.size());
    make_room(records);
    Record& r = records.emplace_back();
    detail::str_ref id;
    const path_parts at{k, pos, "id"};
    if (e.id.empty()) {
      report(at.str(), "missing-field", "the " + std::string(kind_word(k)) + " has no id");
    } else if (auto why = bad_id(k, e.id)) {
      report(at.str(), "wrong-id-prefix", "`" + e.id + "` is not a valid " + std::string(kind_word(k)) + " id: " + *why);
    } else {
      const index s = slot_of(k, e.id);
      auto& st = slots[static_cast<std::size_t>(k)];
      id = st.ids[s];
      if (st.position[s] != no_index) {
        report(at.str(), "duplicate-id",
               "duplicate id `" + e.id + "`; first declared at /" + std::string(collection_name(k)) + "/" +
                   std::to_string(st.position[s]));
      } else {
        st.position[s] = pos;
      }
    }
    if (blank(e.name))
      report(path_parts{k, pos, "name"}.str(), "missing-field",
             "the " + std::string(kind_word(k)) + " has no name" +
                 (e.name.empty() ? std::string{} : ": `" + e.name + "` is only white space"));
    check_items(e.aliases, [&](std::size_t i) { return path_parts{k, pos, "aliases", static_cast<std::int64_t>(i)}.str(); },
                "an alias");
    if constexpr (std::is_same_v<Record, detail::task_record>) {
      // The name goes right after the id: a task names both by one offset. An id met
      // first as a reference was stored earlier, elsewhere: it is stored again here.
      if (id.length != 0 && id.offset + id.length != d.strings.size()) id = str(std::string(d.str(id)));
      const auto name = str(e.name);
      r.text = id.length != 0 ? id.offset : name.offset;
      r.id_length = id.length;
      r.name_length = name.length;
    } else {
      r.id = id;
      r.name = str(e.name);
    }
    detail::rare_fields rare;
    rare.valid_from = e.valid_from;
    rare.valid_to = e.valid_to;
    if (!period{e.valid_from, e.valid_to}.well_formed())
      report(path_parts{k, pos, "valid_to"}.str(), "ends-before-start",
             "valid_to " + e.valid_to.to_string() + " is before valid_from " + e.valid_from.to_string());
    if (e.classification) rare.classification = static_cast<std::uint8_t>(*e.classification);
    rare.side = side(e.name_en, e.aliases, e.sources, e.extra, path_parts{k, pos, "sources"});
    if constexpr (std::is_same_v<Record, detail::task_record>) {
      // Declared in order, so the list stays sorted by task.
      if (!rare.empty()) d.task_rares.push_back({rare, pos});
    } else {
      r.set_rare(rare);
    }
    return r;
  }

  std::uint32_t side(const std::string& name_en, const std::vector<std::string>& aliases,
                     const std::vector<evidence>& sources, const std::string& extra, const path_parts& at) {
    if (name_en.empty() && aliases.empty() && sources.empty() && extra.empty()) return no_index;
    detail::side_record s;
    s.name_en = str(name_en);
    s.aliases = {static_cast<std::uint32_t>(d.string_lists.size()), static_cast<std::uint32_t>(aliases.size())};
    for (const auto& a : aliases) d.string_lists.push_back(str(a));
    s.sources = {static_cast<std::uint32_t>(d.evidence.size()), static_cast<std::uint32_t>(sources.size())};
    for (std::size_t i = 0; i < sources.size(); ++i) {
      const auto& ev = sources[i];
      path_parts where = at;
      // `at` points at ".../sources"; the steps below it name the entry.
      if (where.f2.empty()) { where.i1 = static_cast<std::int64_t>(i); where.f2 = "source"; }
      else { where.i3 = static_cast<std::int64_t>(i); where.f4 = "source"; }
      detail::evidence_record r;
      if (ev.source.empty()) report(where.str(), "missing-field", "the evidence names no source");
      r.source = ref(entity_kind::source, ev.source, where);
      if (ev.begin) r.begin = *ev.begin;
      if (ev.end) r.end = *ev.end;
      if (ev.begin && ev.end && *ev.end < *ev.begin) {
        if (where.f4.empty()) where.f2 = "span"; else where.f4 = "span";
        report(where.str(), "ends-before-start",
               "the span ends (" + std::to_string(*ev.end) + ") before it begins (" + std::to_string(*ev.begin) + ")");
      }
      r.note = str(ev.note);
      d.evidence.push_back(r);
    }
    s.extra = str(extra);
    d.sides.push_back(s);
    return static_cast<std::uint32_t>(d.sides.size() - 1);
  }

  void check_period(const period& p, const path_parts& at) {
    if (!p.well_formed())
      report(at.str(), "ends-before-start",
             "the period ends (" + p.end.to_string() + ") before it starts (" + p.start.to_string() + ")");
  }

  std::uint16_t role_name(const std::string& name) {
    if (auto r = vocabulary.find(name)) return *r;
    auto it = std::find(pending_roles.begin(), pending_roles.end(), name);
    if (it == pending_roles.end()) it = pending_roles.insert(it, name);
    return static_cast<std::uint16_t>(pending_role_flag | (it - pending_roles.begin()));
  }

  /// The roles of a task or program, and the facts few roles have (dates, origin)
  /// in their sparse lists. `active` is the period the task or program runs.
  struct role_lists {
    std::vector<detail::role_record>& roles;
    std::vector<std::pair<index, std::uint32_t>>& sides;
    std::vector<detail::role_period_record>& periods;
    std::vector<detail::role_origin_record>& origins;
    std::vector<std::uint32_t>& begin;
  };
  /// The roles name organizations in no particular order, and each look-up would wait
  /// for a cache miss on its table entry; and so does the declaration of the task or
  /// program that holds them. Called first thing, this starts fetching them all, so that
  /// the waits overlap each other and the work in between; add_roles() takes the hashes.
  void prefetch_ids(entity_kind k, std::string_view id, const std::vector<role_assignment>& roles) {
    slots[static_cast<std::size_t>(k)].table.prefetch(tagged_table::hash(id));
    const auto& orgs = slots[static_cast<std::size_t>(entity_kind::organization)].table;
    org_hashes.clear();
    for (const auto& ra : roles) {
      org_hashes.push_back(tagged_table::hash(ra.org));
      orgs.prefetch(org_hashes.back());
    }
  }
  void add_roles(std::vector<role_assignment>& roles, entity_kind k, index pos, role_lists out_lists,
                 const period& active) {
    auto& out = out_lists.roles;
    make_room(out, roles.size());
    make_room(out_lists.begin);
    for (std::size_t i = 0; i < roles.size(); ++i) {
      auto& ra = roles[i];
      const auto step = static_cast<std::int64_t>(i);
      const auto role_pos = static_cast<index>(out.size());
      if (!ra.valid_from.empty() || !ra.valid_to.empty()) {
        out_lists.periods.push_back({role_pos, ra.valid_from, ra.valid_to});
        if (!period{ra.valid_from, ra.valid_to}.well_formed())
          report(path_parts{k, pos, "roles", step, "valid_to"}.str(), "ends-before-start",
                 "valid_to " + ra.valid_to.to_string() + " is before valid_from " + ra.valid_from.to_string());
        else
          warn_outside(ra, active, path_parts{k, pos, "roles", step});
      }
      if (ra.carried_from) {
        // Ids of the full network, not resolved here, but well-formed ids all the same.
        const auto& o = *ra.carried_from;
        const path_parts org{k, pos, "roles", step, "carried_from", -1, "org"};
        path_parts event = org;
        event.f3 = "event";
        if (o.org.empty()) report(org.str(), "missing-field", "a carried role names the organization it came from");
        else check_id(entity_kind::organization, o.org, org);
        if (!o.event.empty()) check_id(entity_kind::event, o.event, event);
        out_lists.origins.push_back({role_pos, str(ra.carried_from->org), str(ra.carried_from->event), ra.carried_from->date});
      }
      detail::role_record r;  // its target is where it is pushed: roles are grouped by target
      if (ra.org.empty()) report(path_parts{k, pos, "roles", step, "org"}.str(), "missing-field", "the role names no organization");
      r.org = ref(entity_kind::organization, ra.org, path_parts{k, pos, "roles", step, "org"}, org_hashes[i]);
      if (ra.role.empty()) report(path_parts{k, pos, "roles", step, "role"}.str(), "missing-field", "the role has no role name");
      r.role = role_name(ra.role);
      if (ra.classification) r.classification = static_cast<std::uint8_t>(*ra.classification);
      const std::uint32_t s = side({}, {}, ra.sources, ra.extra, path_parts{k, pos, "roles", step, "sources"});
      if (s != no_index) out_lists.sides.emplace_back(role_pos, s);
      out.push_back(r);
    }
    out_lists.begin.push_back(static_cast<std::uint32_t>(out.size()));
  }

  /// A role dated outside the period of its task or program is kept, with a warning.
  void warn_outside(const role_assignment& ra, const period& active, const path_parts& at) {
    auto outside = [&](date d) {
      return !d.empty() && ((!active.start.empty() && surely_before(d, active.start)) ||
                            (!active.end.empty() && surely_after(d, active.end)));
    };
    for (auto [field, d] : {std::pair{"valid_from", ra.valid_from}, std::pair{"valid_to", ra.valid_to}}) {
      if (!outside(d)) continue;
      path_parts where = at;
      where.f2 = field;
      warnings.push_back(problem{file, where.str(), 0, 0, "role-outside-period",
                                 std::string(field) + " " + d.to_string() + " lies outside the period " +
                                     (active.start.empty() ? std::string("…") : active.start.to_string()) + "–" +
                                     (active.end.empty() ? std::string("…") : active.end.to_string()) +
                                     " of its " + std::string(kind_word(at.kind)),
                                 {}});
    }
  }

  void add_orphans(const std::vector<orphaned_role>& list, entity_kind k, index pos) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& o = list[i];
      const path_parts org{k, pos, "orphaned_roles", static_cast<std::int64_t>(i), "org"};
      path_parts role = org, event = org;
      role.f2 = "role";
      event.f2 = "event";
      if (o.role.empty()) report(role.str(), "missing-field", "the orphaned role has no role name");
      if (o.origin.org.empty()) report(org.str(), "missing-field", "an orphaned role names the organization that held it");
      else check_id(entity_kind::organization, o.origin.org, org);
      if (!o.origin.event.empty()) check_id(entity_kind::event, o.origin.event, event);
      orphans.push_back({k, role_name(o.role), pos, str(o.origin.org), str(o.origin.event), o.origin.date});
    }
  }

  // ---- build --------------------------------------------------------------
  /// Calls f(kind, ref, path) for every reference field (slots before resolution).
  template <class F> void visit_refs(F&& f) {
    auto visit_list = [&](entity_kind target, detail::list_ref l, path_parts at) {
      for (std::uint32_t k = 0; k < l.length; ++k) {
        at.i1 = k;
        f(target, d.index_lists[l.offset + k], at);
      }
    };
    auto visit_side = [&](std::uint32_t side_index, path_parts at) {
      if (side_index == no_index) return;
      const auto l = d.sides[side_index].sources;
      for (std::uint32_t k = 0; k < l.length; ++k) {
        path_parts w = at;
        if (w.f2.empty()) { w.i1 = k; w.f2 = "source"; } else { w.i3 = k; w.f4 = "source"; }
        f(entity_kind::source, d.evidence[l.offset + k].source, w);
      }
    };
    using K = entity_kind;
    for (index p = 0; p < d.areas.size(); ++p) {
      f(K::area, d.areas[p].parent, path_parts{K::area, p, "parent"});
      visit_side(d.areas[p].side, {K::area, p, "sources"});
    }
    for (index p = 0; p < d.topics.size(); ++p) {
      f(K::topic, d.topics[p].parent, path_parts{K::topic, p, "parent"});
      visit_side(d.topics[p].side, {K::topic, p, "sources"});
    }
    for (index p = 0; p < d.organizations.size(); ++p) {
      auto& o = d.organizations[p];
      f(K::area, o.area, path_parts{K::organization, p, "area"});
      f(K::organization, o.parent, path_parts{K::organization, p, "parent"});
      visit_side(o.side, {K::organization, p, "sources"});
    }
    for (index p = 0; p < d.documents.size(); ++p) {
      auto& o = d.documents[p];
      f(K::organization, o.issued_by, path_parts{K::document, p, "issued_by"});
      visit_list(K::document, o.continues, {K::document, p, "continues"});
      visit_list(K::document, o.implements, {K::document, p, "implements"});
      visit_list(K::document, o.amends, {K::document, p, "amends"});
      visit_list(K::document, o.replaces, {K::document, p, "replaces"});
      visit_list(K::topic, o.topics, {K::document, p, "topics"});
      visit_list(K::area, o.areas, {K::document, p, "areas"});
      visit_side(o.side, {K::document, p, "sources"});
    }
    for (index p = 0; p < d.programs.size(); ++p) {
      auto& o = d.programs[p];
      visit_list(K::document, o.implements, {K::program, p, "implements"});
      visit_list(K::topic, o.topics, {K::program, p, "topics"});
      visit_list(K::area, o.areas, {K::program, p, "areas"});
      visit_side(o.side, {K::program, p, "sources"});
    }
    auto rare = d.task_rares.begin();
    for (index p = 0; p < d.tasks.size(); ++p) {
      auto& o = d.tasks[p];
      f(K::program, o.program, path_parts{K::task, p, "program"});
      visit_list(K::document, o.implements(), {K::task, p, "implements"});
      visit_list(K::topic, o.topics(), {K::task, p, "topics"});
      visit_list(K::area, o.areas(), {K::task, p, "areas"});
      if (rare != d.task_rares.end() && rare->task == p) visit_side((rare++)->side, {K::task, p, "sources"});
    }
    for (index p = 0; p < d.events.size(); ++p) {
      auto& o = d.events[p];
      visit_list(K::organization, o.from, {K::event, p, "from"});
      visit_list(K::organization, o.to, {K::event, p, "to"});
      for (std::uint32_t k = 0; k < o.shares.length; ++k) {
        auto& share = d.shares[o.shares.offset + k];
        f(K::organization, share.to, path_parts{K::event, p, "shares", k, "to"});
        auto visit_share_list = [&](entity_kind target, detail::list_ref l, std::string_view field) {
          for (std::uint32_t j = 0; j < l.length; ++j)
            f(target, d.index_lists[l.offset + j], path_parts{K::event, p, "shares", k, field, j});
        };
        visit_share_list(K::topic, share.topics, "topics");
        visit_share_list(K::area, share.areas, "areas");
        visit_share_list(K::program, share.programs, "items");
        visit_share_list(K::task, share.tasks, "items");
      }
      visit_side(o.side, {K::event, p, "sources"});
    }
    for (index p = 0; p < d.sources.size(); ++p) {
      f(K::document, d.sources[p].document, path_parts{K::source, p, "document"});
      visit_side(d.sources[p].side, {K::source, p, "sources"});
    }
    auto visit_roles = [&](K k, std::vector<detail::role_record>& roles, const std::vector<std::uint32_t>& begin,
                           const std::vector<std::pair<index, std::uint32_t>>& sides) {
      auto side_it = sides.begin();
      for (index t = 0; t + 1 < begin.size(); ++t)
        for (std::uint32_t r = begin[t]; r < begin[t + 1]; ++r) {
          const auto step = static_cast<std::int64_t>(r - begin[t]);
          f(K::organization, roles[r].org, path_parts{k, t, "roles", step, "org"});
          while (side_it != sides.end() && side_it->first < r) ++side_it;
          if (side_it != sides.end() && side_it->first == r)
            visit_side(side_it->second, {k, t, "roles", step, "sources"});
        }
    };
    visit_roles(K::program, program_roles, program_role_begin, program_role_sides);
    visit_roles(K::task, task_roles, task_role_begin, task_role_sides);
  }

  void resolve_references() {
    visit_refs([&](entity_kind k, index& ref, const path_parts& at) {
      if (ref == no_index) return;
      const auto& st = slots[static_cast<std::size_t>(k)];
      const index pos = st.position[ref];
      if (pos != no_index) {
        ref = pos;
        return;
      }
      if (!want_detail()) {
        ++problem_total;
      } else {
        const std::string id(d.str(st.ids[ref]));
        auto near = nearest_declared(k, id);
        report(at.str(), "unknown-reference",
               "unknown " + std::string(kind_word(k)) + " `" + id + "`" +
                   (near.empty() ? std::string{} : "; did you mean `" + near.front() + "`?"),
               near.empty() ? std::string{} : near.front());
      }
      ref = no_index;
    });
  }

  void resolve_role_names() {
    std::vector<std::optional<role_index>> resolved;
    for (const auto& name : pending_roles) resolved.push_back(vocabulary.find(name));
    auto fix = [&](entity_kind k, std::vector<detail::role_record>& roles, const std::vector<std::uint32_t>& begin) {
      for (index t = 0; t + 1 < begin.size(); ++t)
        for (std::uint32_t r = begin[t]; r < begin[t + 1]; ++r) {
          auto& role = roles[r].role;
          if (!(role & pending_role_flag)) continue;
          const auto& name = pending_roles[role & ~pending_role_flag];
          if (auto found = resolved[role & ~pending_role_flag]) {
            role = *found;
            continue;
          }
          role = 0;
          if (name.empty()) continue;  // reported as missing when added
          detail::nearest near(name, 1);
          for (const auto& def : vocabulary.all()) near.offer(def.name);
          auto best = near.result();
          report(path_parts{k, t, "roles", static_cast<std::int64_t>(r - begin[t]), "role"}.str(), "unknown-role",
                 "unknown role `" + name + "`" + (best.empty() ? "" : "; did you mean `" + best.front() + "`?") +
                     " (declare new roles in the top-level `roles` list)",
                 best.empty() ? std::string{} : best.front());
        }
    };
    fix(entity_kind::program, program_roles, program_role_begin);
    fix(entity_kind::task, task_roles, task_role_begin);
    std::vector<std::uint32_t> seen(2, 0);  // orphans per kind so far, for their paths
    for (auto& o : orphans) {
      if (!(o.role & pending_role_flag)) continue;
      const auto& name = pending_roles[o.role & ~pending_role_flag];
      if (auto found = resolved[o.role & ~pending_role_flag]) {
        o.role = *found;
        continue;
      }
      o.role = 0;
      if (!name.empty())
        report("/" + std::string(collection_name(o.target_kind)) + "/" + std::to_string(o.target) + "/orphaned_roles",
               "unknown-role", "unknown role `" + name + "` in an orphaned role");
    }
  }

  /// Reports every cycle of a parent relation once, at the element that closes it.
  template <class Record> void check_hierarchy(const std::vector<Record>& records, entity_kind k) {
    std::vector<std::uint8_t> state(records.size(), 0);  // 0 new, 1 on the current walk, 2 done
    std::vector<index> walk;
    for (index start = 0; start < records.size(); ++start) {
      walk.clear();
      index v = start;
      while (v != no_index && state[v] == 0) {
        state[v] = 1;
        walk.push_back(v);
        v = records[v].parent;
      }
      if (v != no_index && state[v] == 1) {
        std::vector<std::string_view> members;
        for (auto it = std::find(walk.begin(), walk.end(), v); it != walk.end(); ++it) members.push_back(d.str(records[*it].id));
        report(path_parts{k, walk.back(), "parent"}.str(), "hierarchy-cycle",
               "the " + std::string(kind_word(k)) + " hierarchy has a cycle" + cycle_text(members, collection_name(k)));
      }
      for (index w : walk) state[w] = 2;
    }
  }

  /// `: a → b → c → a`, the members of a cycle; a long one as ` of 100000 organizations:
  /// a → b → … → z → a`, so that the message stays short.
  static std::string cycle_text(const std::vector<std::string_view>& ids, std::string_view plural) {
    constexpr std::size_t shown_whole = 8;
    std::string s;
    auto add = [&](std::string_view id) { (s += id) += " → "; };
    if (ids.size() <= shown_whole) {
      s = ": ";
      for (auto id : ids) add(id);
    } else {
      s = " of " + std::to_string(ids.size()) + " " + std::string(plural) + ": ";
      add(ids[0]);
      add(ids[1]);
      add("…");
      add(ids.back());
    }
    return s += ids.front();
  }

  /// A document does not continue, implement, amend or replace itself; and what
  /// replaces or continues a document comes after it, so those two have no cycle.
  void check_document_links() {
    using list = detail::list_ref detail::document_record::*;
    constexpr std::array<std::tuple<list, std::string_view, std::string_view>, 4> links{{
        {&detail::document_record::continues, "continues", "continue"},
        {&detail::document_record::implements, "implements", "implement"},
        {&detail::document_record::amends, "amends", "amend"},
        {&detail::document_record::replaces, "replaces", "replace"},
    }};
    for (const auto& [field, name, verb] : links)
      for (index p = 0; p < d.documents.size(); ++p) {
        const auto l = d.documents[p].*field;
        for (std::uint32_t k = 0; k < l.length; ++k)
          if (d.index_lists[l.offset + k] == p)
            report(path_parts{entity_kind::document, p, name, k}.str(), "self-reference",
                   "the document " + std::string(name) + " itself");
      }
    find_document_cycles(&detail::document_record::continues, "continues", "continue");
    find_document_cycles(&detail::document_record::replaces, "replaces", "replace");
  }

  /// Depth-first over one relation of documents (iterative: chains may be long);
  /// reports each cycle once, at the link that closes it.
  void find_document_cycles(detail::list_ref detail::document_record::*field, std::string_view name, std::string_view verb) {
    const auto n = d.documents.size();
    std::vector<std::uint8_t> state(n, 0);  // 0 new, 1 on the stack, 2 done
    std::vector<std::size_t> place(n);      // where on the stack, while on it
    std::vector<std::pair<index, std::uint32_t>> stack;  // (document, next link)
    for (index start = 0; start < n; ++start) {
      if (state[start] != 0) continue;
      state[start] = 1;
      place[start] = 0;
      stack.emplace_back(start, 0);
      while (!stack.empty()) {
        const auto [v, k] = stack.back();
        const auto l = d.documents[v].*field;
        if (k == l.length) {
          state[v] = 2;
          stack.pop_back();
          continue;
        }
        ++stack.back().second;
        const index w = d.index_lists[l.offset + k];
        if (w == no_index || w == v) continue;  // unresolved, or reported as a self-reference
        if (state[w] == 1) {
          std::vector<std::string_view> members;
          for (std::size_t i = place[w]; i < stack.size(); ++i) members.push_back(d.str(d.documents[stack[i].first].id));
          report(path_parts{entity_kind::document, v, name, k}.str(), "document-cycle",
                 "the documents " + std::string(verb) + " each other in a cycle" + cycle_text(members, "documents"));
        } else if (state[w] == 0) {
          state[w] = 1;
          place[w] = stack.size();
          stack.emplace_back(w, 0);
        }
      }
    }
  }

  void check_events() {
    for (index p = 0; p < d.events.size(); ++p) {
      const auto& e = d.events[p];
      const auto kind = static_cast<event_kind>(e.kind);
      const auto from = e.from.length, to = e.to.length;
      std::string want;
      switch (kind) {
        case event_kind::merge: if (from < 2 || to != 1) want = "at least two `from` and exactly one `to`"; break;
        case event_kind::split: if (from != 1 || to < 2) want = "exactly one `from` and at least two `to`"; break;
        case event_kind::rename: if (from != 1 || to != 1) want = "exactly one `from` and one `to`"; break;
        case event_kind::transfer: if (from < 1 || to < 1) want = "at least one `from` and one `to`"; break;
        case event_kind::dissolve: if (from < 1 || to != 0) want = "at least one `from` and no `to`"; break;
      }
      if (!want.empty())
        report(path_parts{entity_kind::event, p, "to"}.str(), "event-shape",
               "a `" + std::string(to_string(kind)) + "` event needs " + want + " (it has " + std::to_string(from) +
                   " and " + std::to_string(to) + ")");
      if (e.date.empty()) report(path_parts{entity_kind::event, p, "date"}.str(), "missing-field", "the event has no date");
      check_event_dates(p);
      check_shares(p);
    }
    check_event_loops();
  }

  /// An event takes effect within its predecessors' lives (by the day after they end)
  /// and not before its successors begin.
  void check_event_dates(index p) {
    const auto& e = d.events[p];
    if (e.date.empty()) return;
    const auto list = [&](detail::list_ref l) { return std::span<const index>(d.index_lists.data() + l.offset, l.length); };
    for (std::uint32_t k = 0; k < e.from.length; ++k) {
      const index o = list(e.from)[k];
      if (o == no_index) continue;
      const auto& org = d.organizations[o];
      const bool before_start = !org.valid_from.empty() && surely_before(e.date, org.valid_from);
      const bool after_end = !org.valid_to.empty() && e.date.first_day() > org.valid_to.last_day() + 1;
      if (before_start || after_end)
        report(path_parts{entity_kind::event, p, "date"}.str(), "event-outside-validity",
               "the event's date " + e.date.to_string() + " lies outside the life of its predecessor `" +
                   std::string(d.str(org.id)) + "` (" + (org.valid_from.empty() ? std::string("…") : org.valid_from.to_string()) +
                   "–" + (org.valid_to.empty() ? std::string("…") : org.valid_to.to_string()) +
                   "); an event takes effect by the day after its predecessors end");
    }
    for (std::uint32_t k = 0; k < e.to.length; ++k) {
      const index o = list(e.to)[k];
      if (o == no_index) continue;
      const auto& org = d.organizations[o];
      if (!org.valid_from.empty() && surely_after(org.valid_from, e.date))
        report(path_parts{entity_kind::event, p, "to", k}.str(), "successor-starts-late",
               "the successor `" + std::string(d.str(org.id)) + "` starts " + org.valid_from.to_string() +
                   ", after the event (" + e.date.to_string() + "): nobody would hold the roles in between");
    }
  }

  /// A share names one of the event's successors; only a split divides.
  void check_shares(index p) {
    const auto& e = d.events[p];
    if (e.shares.length == 0) return;
    if (static_cast<event_kind>(e.kind) != event_kind::split)
      report(path_parts{entity_kind::event, p, "shares"}.str(), "event-shape",
             "only a `split` event divides roles with `shares`");
    const auto to = std::span<const index>(d.index_lists.data() + e.to.offset, e.to.length);
    for (std::uint32_t k = 0; k < e.shares.length; ++k) {
      const index s = d.shares[e.shares.offset + k].to;
      if (s != no_index && std::find(to.begin(), to.end(), s) == to.end())
        report(path_parts{entity_kind::event, p, "shares", k, "to"}.str(), "share-not-successor",
               "the share names `" + std::string(d.str(d.organizations[s].id)) + "`, which is not one of the event's `to`");
    }
  }

  /// Events of one day that lead from an organization through others back to itself
  /// leave no holder to name (on different days they are a history: renamed, then
  /// renamed back; and a merge whose `to` is one of its `from` is an absorption).
  void check_event_loops() {
    std::vector<index> order(d.events.size());
    for (index i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](index a, index b) {
      return d.events[a].date.first_day() < d.events[b].date.first_day();
    });
    std::vector<std::uint8_t> state(d.organizations.size(), 0);  // 0 new, 1 on the walk, 2 done
    std::vector<std::vector<std::pair<index, index>>> next(d.organizations.size());  // (event, to)
    std::vector<index> touched;
    for (std::size_t a = 0; a < order.size();) {
      std::size_t b = a;
      const auto day = d.events[order[a]].date.first_day();
      while (b < order.size() && d.events[order[b]].date.first_day() == day) ++b;
      touched.clear();
      for (std::size_t k = a; k < b; ++k) {
        const auto& e = d.events[order[k]];
        for (std::uint32_t i = 0; i < e.from.length; ++i)
          for (std::uint32_t j = 0; j < e.to.length; ++j) {
            const index f = d.index_lists[e.from.offset + i], t = d.index_lists[e.to.offset + j];
            if (f == no_index || t == no_index || f == t) continue;  // a body that absorbs others goes on
            next[f].emplace_back(order[k], t);
            touched.push_back(f);
          }
      }
      for (index start : touched) find_loop(start, next, state);
      for (index o : touched) { next[o].clear(); state[o] = 0; }
      for (std::size_t k = a; k < b; ++k) {
        const auto& e = d.events[order[k]];
        for (std::uint32_t j = 0; j < e.to.length; ++j)
          if (const index t = d.index_lists[e.to.offset + j]; t != no_index) state[t] = 0;
      }
      a = b;
    }
  }

  /// Depth-first from `start` over one day's events (iterative: chains may be long);
  /// reports the event that closes a loop.
  void find_loop(index start, const std::vector<std::vector<std::pair<index, index>>>& next,
                 std::vector<std::uint8_t>& state) {
    if (state[start] != 0) return;
    std::vector<std::pair<index, std::size_t>> stack{{start, 0}};
    state[start] = 1;
    while (!stack.empty()) {
      auto& [o, k] = stack.back();
      if (k == next[o].size()) {
        state[o] = 2;
        stack.pop_back();
        continue;
      }
      const auto [e, t] = next[o][k++];
      if (state[t] == 1) {
        report(path_parts{entity_kind::event, e, "to"}.str(), "event-cycle",
               "events of " + d.events[e].date.to_string() + " lead from `" + std::string(d.str(d.organizations[t].id)) +
                   "` back to itself (through `" + std::string(d.str(d.events[e].id)) +
                   "`): on one day an organization cannot succeed itself");
        continue;
      }
      if (state[t] == 0) {
        state[t] = 1;
        stack.emplace_back(t, 0);
      }
    }
  }

  /// Names over time: each with a name, periods in order that do not overlap.
  void check_names(index pos, const std::vector<dated_name>& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto& n = names[i];
      const auto at = [&](std::string_view f) {
        return path_parts{entity_kind::organization, pos, "names", static_cast<std::int64_t>(i), f}.str();
      };
      if (blank(n.name)) report(at("name"), "missing-field", "a former name needs a name");
      if (!period{n.valid_from, n.valid_to}.well_formed())
        report(at("valid_to"), "ends-before-start",
               "valid_to " + n.valid_to.to_string() + " is before valid_from " + n.valid_from.to_string());
      for (std::size_t j = 0; j < i; ++j)
        if (period{n.valid_from, n.valid_to}.overlaps(period{names[j].valid_from, names[j].valid_to})) {
          report(at("valid_from"), "names-overlap",
                 "the period of `" + n.name + "` overlaps that of `" + names[j].name + "` (/organizations/" +
                     std::to_string(pos) + "/names/" + std::to_string(j) + "): an organization bears one name at a time");
          break;
        }
    }
  }

  void index_roles() {
    // Programs' roles first, then tasks'; both already grouped by target in order.
    const auto shift = static_cast<std::uint32_t>(program_roles.size());
    if (program_roles.empty()) {
      d.roles = std::move(task_roles);
    } else if (task_roles.capacity() - task_roles.size() >= program_roles.size()) {
      // Few programs, many tasks: move the tasks' roles up in place rather than copy them
      // into fresh memory.
      task_roles.insert(task_roles.begin(), program_roles.begin(), program_roles.end());
      d.roles = std::move(task_roles);
    } else {
      detail::reserve_huge(d.roles, program_roles.size() + task_roles.size());
      d.roles.insert(d.roles.end(), program_roles.begin(), program_roles.end());
      d.roles.insert(d.roles.end(), task_roles.begin(), task_roles.end());
    }
    program_roles = {};
    task_roles = {};
    d.program_role_begin = std::move(program_role_begin);
    d.task_role_begin = std::move(task_role_begin);
    for (auto& b : d.task_role_begin) b += shift;
    d.role_sides = std::move(program_role_sides);
    for (auto [r, s] : task_role_sides) d.role_sides.emplace_back(r + shift, s);
    d.role_periods = std::move(program_role_periods);
    for (auto p : task_role_periods) d.role_periods.push_back({p.role + shift, p.valid_from, p.valid_to});
    d.role_origins = std::move(program_role_origins);
    for (auto o : task_role_origins) d.role_origins.push_back({o.role + shift, o.org, o.event, o.date});
    std::stable_sort(orphans.begin(), orphans.end(), [](const auto& a, const auto& b) {
      return std::pair{a.target_kind, a.target} < std::pair{b.target_kind, b.target};
    });
    d.orphans = std::move(orphans);

    // Counting sort of role indices by organization: the reverse adjacency.
    d.org_role_begin.assign(d.organizations.size() + 1, 0);
    for (const auto& r : d.roles)
      if (r.org != no_index) ++d.org_role_begin[r.org + 1];
    for (std::size_t o = 0; o < d.organizations.size(); ++o) d.org_role_begin[o + 1] += d.org_role_begin[o];
    d.org_roles.resize(d.org_role_begin.back());
    std::vector<std::uint32_t> fill(d.org_role_begin.begin(), d.org_role_begin.end() - 1);
    for (index r = 0; r < d.roles.size(); ++r)
      if (d.roles[r].org != no_index) d.org_roles[fill[d.roles[r].org]++] = r;
    d.index_role_targets();
  }

  template <class Record> void index_ids(std::vector<Record>& records, entity_kind k) {
    auto& table = d.ids[static_cast<std::size_t>(k)];
    table.reserve(records.size());
    auto key_of = [&](index p) { return d.str(detail::record_id(records[p])); };
    // declare() let no id through twice (or build() threw): no need to compare keys.
    for (index p = 0; p < records.size(); ++p) table.insert_new(key_of(p), p, key_of);
  }
};

network_builder::network_builder(std::string file) : impl_(std::make_unique<impl>()) { impl_->file = std::move(file); }
network_builder::~network_builder() = default;
network_builder::network_builder(network_builder&&) noexcept = default;
network_builder& network_builder::operator=(network_builder&&) noexcept = default;

void network_builder::set_meta(danvan::meta m) {
  // A BCP 47 tag as the schema's pattern has it: a language, then subtags.
  auto tag = [](std::string_view s) {
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto alnum = [&](char c) { return lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    const auto cut = std::min(s.find('-'), s.size());
    bool ok = cut >= 2 && cut <= 3 && std::all_of(s.begin(), s.begin() + cut, lower);
    for (std::size_t from = cut; ok && from < s.size();) {
      const auto next = std::min(s.find('-', from + 1), s.size());
      ok = next - from - 1 >= 1 && next - from - 1 <= 8 && std::all_of(s.begin() + from + 1, s.begin() + next, alnum);
      from = next;
    }
    return ok;
  };
  if (!tag(m.language)) {
    // `VI`, `vi_VN`: the tag meant, spelt as BCP 47 spells it.
    std::string fixed = m.language;
    std::replace(fixed.begin(), fixed.end(), '_', '-');
    for (auto& c : std::span(fixed).first(std::min(fixed.find('-'), fixed.size())))
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const std::string suggestion = tag(fixed) ? fixed : std::string{};
    impl_->report("/meta/language", "bad-value",
                  "`" + m.language + "` is not a language tag: write a BCP 47 tag such as `vi` or `en-US`" +
                      (suggestion.empty() ? std::string{} : "; did you mean `" + suggestion + "`?"),
                  suggestion);
  }
  impl_->meta = std::move(m);
}
void network_builder::set_extra(std::string json_object) { impl_->extra = std::move(json_object); }
void network_builder::report(problem p) {
  if (p.file.empty()) p.file = impl_->file;
  ++impl_->problem_total;
  if (impl_->problems.size() < impl_->max_problems) impl_->problems.push_back(std::move(p));
}
std::size_t network_builder::problem_count() const noexcept { return impl_->problem_total; }
void network_builder::set_max_problems(std::size_t cap) noexcept { impl_->max_problems = cap; }
std::size_t network_builder::max_problems() const noexcept { return impl_->max_problems; }

void network_builder::add_role(role_def def) {
  const auto pos = impl_->roles_declared++;
  const std::string at = "/roles/" + std::to_string(pos);
  impl_->check_items(def.labels, [&](std::size_t i) { return at + "/labels/" + std::to_string(i); }, "a label");
  try {
    impl_->vocabulary.add(std::move(def));
  } catch (const error& e) {
    impl_->report("/roles/" + std::to_string(pos) + "/name", "bad-role", e.what());
  }
}

void network_builder::reserve(entity_kind kind, std::size_t n, std::size_t roles) {
  impl_->slots[static_cast<std::size_t>(kind)].table.reserve(n);
  impl_->reserve_arrays(kind, n, roles);
}

void network_builder::expect(entity_kind kind, std::size_t n, std::size_t roles) {
  // The id table's memory is all written when it is made: it grows to the guess only
  // once the guess looks right.
  impl_->slots[static_cast<std::size_t>(kind)].table.expect(n);
  try {
    impl_->reserve_arrays(kind, n, roles);
  } catch (const std::bad_alloc&) {
    // A guess too large for a system that counts address space strictly: the arrays
    // grow as they fill instead.
  }
}

void network_builder::reserve_text(std::size_t bytes) {
  detail::reserve_huge(impl_->d.strings, bytes);
}

void network_builder::add(area v) {
  auto& r = impl_->declare(impl_->d.areas, entity_kind::area, v);
  const index pos = static_cast<index>(impl_->d.areas.size() - 1);
  r.level = static_cast<std::uint8_t>(v.level);
  r.code = impl_->str(v.code);
  r.parent = impl_->ref(entity_kind::area, v.parent, {entity_kind::area, pos, "parent"});
}

void network_builder::add(topic v) {
  auto& r = impl_->declare(impl_->d.topics, entity_kind::topic, v);
  const index pos = static_cast<index>(impl_->d.topics.size() - 1);
  r.parent = impl_->ref(entity_kind::topic, v.parent, {entity_kind::topic, pos, "parent"});
}

void network_builder::add(organization v) {
  auto& I = *impl_;
  auto& r = I.declare(I.d.organizations, entity_kind::organization, v);
  const index pos = static_cast<index>(I.d.organizations.size() - 1);
  r.kind = static_cast<std::uint8_t>(v.kind);
  if (v.level) r.level = static_cast<std::uint8_t>(*v.level);
  r.area = I.ref(entity_kind::area, v.area, {entity_kind::organization, pos, "area"});
  r.parent = I.ref(entity_kind::organization, v.parent, {entity_kind::organization, pos, "parent"});
  I.check_names(pos, v.names);
  r.names = {static_cast<std::uint32_t>(I.d.names.size()), static_cast<std::uint32_t>(v.names.size())};
  for (const auto& n : v.names) I.d.names.push_back({I.str(n.name), n.valid_from, n.valid_to});
}

void network_builder::add(document v) {
  auto& I = *impl_;
  constexpr auto K = entity_kind::document;
  auto& r = I.declare(I.d.documents, K, v);
  const index pos = static_cast<index>(I.d.documents.size() - 1);
  r.type = I.str(v.type);
  r.number = I.str(v.number);
  r.issuer = I.str(v.issuer);
  r.term = I.str(v.term);
  r.title = I.str(v.title);
  r.date = v.date;
  r.issued_by = I.ref(entity_kind::organization, v.issued_by, {K, pos, "issued_by"});
  I.check_reference_parts(v, pos);
  // ref_list may grow the record vector's neighbours only, not the vector itself,
  // but keep the reference fresh anyway: collect the lists first.
  const auto continues = I.ref_list(K, v.continues, {K, pos, "continues"});
  const auto implements = I.ref_list(K, v.implements, {K, pos, "implements"});
  const auto amends = I.ref_list(K, v.amends, {K, pos, "amends"});
  const auto replaces = I.ref_list(K, v.replaces, {K, pos, "replaces"});
  const auto topics = I.ref_list(entity_kind::topic, v.topics, {K, pos, "topics"});
  const auto areas = I.ref_list(entity_kind::area, v.areas, {K, pos, "areas"});
  auto& rec = I.d.documents[pos];
  std::tie(rec.continues, rec.implements, rec.amends, rec.replaces, rec.topics, rec.areas) =
      std::tie(continues, implements, amends, replaces, topics, areas);
  rec.reviews = {static_cast<std::uint32_t>(I.d.reviews.size()), static_cast<std::uint32_t>(v.reviews.size())};
  for (std::size_t i = 0; i < v.reviews.size(); ++i) {
    const auto& o = v.reviews[i];
    if (o.years == 0)
      I.report(path_parts{K, pos, "reviews", static_cast<std::int64_t>(i), "years"}.str(), "bad-value",
               "a review obligation needs a positive number of years");
    I.d.reviews.push_back({static_cast<std::uint8_t>(o.kind), o.recurring, o.years});
  }
}

void network_builder::add(program v) {
  auto& I = *impl_;
  constexpr auto K = entity_kind::program;
  I.prefetch_ids(K, v.id, v.roles);
  I.declare(I.d.programs, K, v);
  const index pos = static_cast<index>(I.d.programs.size() - 1);
  I.check_period(v.period, {K, pos, "period", -1, "end"});
  const auto implements = I.ref_list(entity_kind::document, v.implements, {K, pos, "implements"});
  const auto topics = I.ref_list(entity_kind::topic, v.topics, {K, pos, "topics"});
  const auto areas = I.ref_list(entity_kind::area, v.areas, {K, pos, "areas"});
  auto& r = I.d.programs[pos];
  r.kind = static_cast<std::uint8_t>(v.kind);
  r.period = v.period;
  r.implements = implements;
  r.topics = topics;
  r.areas = areas;
  I.add_roles(v.roles, K, pos,
              {I.program_roles, I.program_role_sides, I.program_role_periods, I.program_role_origins, I.program_role_begin},
              v.period.empty() ? period{v.valid_from, v.valid_to} : v.period);
  I.add_orphans(v.orphaned_roles, K, pos);
}

void network_builder::add(task v) {
  auto& I = *impl_;
  constexpr auto K = entity_kind::task;
  I.prefetch_ids(K, v.id, v.roles);
  I.declare(I.d.tasks, K, v);
  const index pos = static_cast<index>(I.d.tasks.size() - 1);
  I.check_period(v.period, {K, pos, "period", -1, "end"});
  const index program = I.ref(entity_kind::program, v.program, {K, pos, "program"});
  const auto implements = I.ref_list(entity_kind::document, v.implements, {K, pos, "implements"});
  const auto topics = I.ref_list(entity_kind::topic, v.topics, {K, pos, "topics"});
  const auto areas = I.ref_list(entity_kind::area, v.areas, {K, pos, "areas"});
  auto& r = I.d.tasks[pos];
  r.kind = static_cast<std::uint8_t>(v.kind);
  r.status = static_cast<std::uint8_t>(v.status);
  r.program = program;
  if (implements.length + topics.length + areas.length > detail::task_record::max_list_items)
    I.report(path_parts{K, pos, "implements"}.str(), "too-many-items",
             "a task lists at most " + std::to_string(detail::task_record::max_list_items) +
                 " references in implements, topics and areas together");
  else
    r.set_lists(implements, topics, areas);  // ref_list wrote them back to back
  r.period = v.period;
  r.due = v.due;
  const period active = !v.period.empty() ? v.period : !v.due.empty() ? period{{}, v.due} : period{v.valid_from, v.valid_to};
  I.add_roles(v.roles, K, pos,
              {I.task_roles, I.task_role_sides, I.task_role_periods, I.task_role_origins, I.task_role_begin}, active);
  I.add_orphans(v.orphaned_roles, K, pos);
}

void network_builder::add(event v) {
  auto& I = *impl_;
  constexpr auto K = entity_kind::event;
  I.declare(I.d.events, K, v);
  const index pos = static_cast<index>(I.d.events.size() - 1);
  const auto from = I.ref_list(entity_kind::organization, v.from, {K, pos, "from"});
  const auto to = I.ref_list(entity_kind::organization, v.to, {K, pos, "to"});
  const detail::list_ref shares{static_cast<std::uint32_t>(I.d.shares.size()), static_cast<std::uint32_t>(v.shares.size())};
  for (std::size_t i = 0; i < v.shares.size(); ++i) {
    const auto& sh = v.shares[i];
    const auto step = static_cast<std::int64_t>(i);
    detail::share_record rec;
    if (sh.to.empty()) I.report(path_parts{K, pos, "shares", step, "to"}.str(), "missing-field", "a share names its successor in `to`");
    rec.to = I.ref(entity_kind::organization, sh.to, {K, pos, "shares", step, "to"});
    rec.topics = I.ref_list(entity_kind::topic, sh.topics, {K, pos, "shares", step, "topics"});
    rec.areas = I.ref_list(entity_kind::area, sh.areas, {K, pos, "shares", step, "areas"});
    std::vector<std::string> programs, tasks;
    std::vector<std::size_t> program_at, task_at;  // their places in `items`
    I.check_items(sh.items, [&](std::size_t j) { return path_parts{K, pos, "shares", step, "items", static_cast<std::int64_t>(j)}.str(); });
    for (std::size_t j = 0; j < sh.items.size(); ++j) {
      const bool program = sh.items[j].starts_with(id_prefix(entity_kind::program));
      (program ? programs : tasks).push_back(sh.items[j]);
      (program ? program_at : task_at).push_back(j);
    }
    rec.programs = I.ref_list(entity_kind::program, programs, {K, pos, "shares", step, "items"}, &program_at);
    rec.tasks = I.ref_list(entity_kind::task, tasks, {K, pos, "shares", step, "items"}, &task_at);
    if (sh.topics.empty() && sh.areas.empty() && sh.items.empty())
      I.report(path_parts{K, pos, "shares", step}.str(), "missing-field", "a share divides by `topics`, `areas` or `items`");
    I.d.shares.push_back(rec);
  }
  auto& r = I.d.events[pos];
  r.kind = static_cast<std::uint8_t>(v.kind);
  r.date = v.date;
  r.approximate = v.approximate;
  r.from = from;
  r.to = to;
  r.shares = shares;
}

void network_builder::add(source v) {
  auto& I = *impl_;
  constexpr auto K = entity_kind::source;
  I.declare(I.d.sources, K, v);
  const index pos = static_cast<index>(I.d.sources.size() - 1);
  const index doc = I.ref(entity_kind::document, v.document, {K, pos, "document"});
  auto& r = I.d.sources[pos];
  r.kind = I.str(v.kind);
  r.title = I.str(v.title);
  r.url = I.str(v.url);
  r.sha256 = I.str(v.sha256);
  r.date = v.date;
  r.document = doc;
}

void network_builder::skip(entity_kind kind) {
  auto& I = *impl_;
  switch (kind) {
    case entity_kind::area: I.d.areas.emplace_back(); break;
    case entity_kind::topic: I.d.topics.emplace_back(); break;
    case entity_kind::organization: I.d.organizations.emplace_back(); break;
    case entity_kind::document: I.d.documents.emplace_back(); break;
    case entity_kind::program: I.d.programs.emplace_back(); I.program_role_begin.push_back(static_cast<std::uint32_t>(I.program_roles.size())); break;
    case entity_kind::task: I.d.tasks.emplace_back(); I.task_role_begin.push_back(static_cast<std::uint32_t>(I.task_roles.size())); break;
    case entity_kind::event: I.d.events.emplace_back(); break;
    case entity_kind::source: I.d.sources.emplace_back(); break;
  }
}

network network_builder::build() && {
  auto& I = *impl_;
  if (I.built) throw error("danvan: a network_builder builds once");
  I.built = true;
  I.resolve_references();
  I.resolve_role_names();
  I.check_hierarchy(I.d.organizations, entity_kind::organization);
  I.check_hierarchy(I.d.areas, entity_kind::area);
  I.check_hierarchy(I.d.topics, entity_kind::topic);
  I.check_document_links();
  I.check_events();
  if (I.problem_total > 0) {
    std::stable_sort(I.problems.begin(), I.problems.end(),
                     [](const problem& a, const problem& b) { return path_less(a.path, b.path); });
    throw validation_error(std::move(I.problems), I.problem_total);
  }
  I.index_roles();
  I.index_ids(I.d.areas, entity_kind::area);
  I.index_ids(I.d.topics, entity_kind::topic);
  I.index_ids(I.d.organizations, entity_kind::organization);
  I.index_ids(I.d.documents, entity_kind::document);
  I.index_ids(I.d.programs, entity_kind::program);
  I.index_ids(I.d.tasks, entity_kind::task);
  I.index_ids(I.d.events, entity_kind::event);
  I.index_ids(I.d.sources, entity_kind::source);
  I.slots = {};
  // A reader that could not count in advance (a streamed file) grew the arrays as it
  // went; a network keeps only what it holds. Arrays reserved exactly are left as they are.
  auto& d = I.d;
  auto fit = [](auto&... arrays) { (shrink_to_fit_huge(arrays), ...); };
  fit(d.strings, d.string_lists, d.index_lists, d.evidence, d.reviews, d.sides, d.areas, d.topics, d.organizations,
      d.documents, d.programs, d.tasks, d.task_rares, d.events, d.sources, d.roles, d.program_role_begin, d.task_role_begin,
      d.org_role_begin, d.org_roles, d.role_sides, d.role_periods, d.role_origins, d.orphans, d.names, d.shares);

  network net;
  net.d_ = std::move(I.d);
  net.vocabulary_ = std::move(I.vocabulary);
  net.meta_ = std::move(I.meta);
  net.extra_ = std::move(I.extra);
  std::stable_sort(I.warnings.begin(), I.warnings.end(),
                   [](const problem& a, const problem& b) { return path_less(a.path, b.path); });
  net.warnings_ = std::move(I.warnings);
  return net;
}

}  // namespace danvan

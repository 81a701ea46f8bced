// Reading the danvan JSON format.
//
// simdjson parses the text (it tokenizes at well over 1 GB/s; nlohmann/json's
// lexer manages about 40 MB/s here, which alone would take the whole load budget
// of a large network). Each element of a collection is then read field by field
// into an entity for the network_builder. nlohmann/json keeps two jobs: the
// `extra` objects (canonical, sorted, kept verbatim) and, when simdjson rejects
// a text, a second pass that finds the exact line and column of the mistake.
#include <danvan/builder.hpp>
#include "detail/huge_pages.hpp"
#include "detail/json_problem.hpp"
#include "detail/json_split.hpp"
#include "detail/read_file.hpp"
#include "detail/suggest.hpp"
#include <danvan/io/json.hpp>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <span>
#include <stdexcept>

namespace danvan {

namespace {

using json = nlohmann::json;
namespace dom = simdjson::dom;

std::string type_word(dom::element e) {
  using detail::json_type;
  switch (e.type()) {
    case dom::element_type::NULL_VALUE: return std::string(detail::type_word(json_type::null));
    case dom::element_type::OBJECT: return std::string(detail::type_word(json_type::object));
    case dom::element_type::ARRAY: return std::string(detail::type_word(json_type::array));
    case dom::element_type::STRING: return std::string(detail::type_word(json_type::string));
    case dom::element_type::BOOL: return std::string(detail::type_word(json_type::boolean));
    case dom::element_type::DOUBLE: return std::string(detail::type_word(json_type::fraction));
    default: return std::string(detail::type_word(json_type::integer));
  }
}

/// A non-negative integer that fits in `limit`, or nothing.
std::optional<std::uint64_t> whole_number(dom::element e, std::uint64_t limit) {
  std::int64_t i = 0;
  std::uint64_t u = 0;
  if (e.get_int64().get(i) == simdjson::SUCCESS) {
    if (i < 0 || static_cast<std::uint64_t>(i) > limit) return std::nullopt;
    return static_cast<std::uint64_t>(i);
  }
  if (e.get_uint64().get(u) == simdjson::SUCCESS && u <= limit) return u;
  return std::nullopt;
}

std::string quoted_list(std::initializer_list<std::string_view> words) {
  std::string s;
  for (auto w : words) s += (s.empty() ? "`" : ", `") + std::string(w) + "`";
  return s;
}

/// A key as a step of a JSON pointer (RFC 6901).
std::string pointer_step(std::string_view key) {
  std::string s;
  for (char c : key) s += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return s;
}

/// The keys that appear more than once in an object, each once, in sorted order.
std::vector<std::string_view> repeated_keys(dom::object obj) {
  if (obj.size() <= 16) {
    // Most objects are a role or an entity of a few fields: compare each key with the ones
    // before it, which allocates nothing unless a key repeats (the check runs per object).
    std::vector<std::string_view> repeated;
    std::size_t i = 0;
    for (auto a : obj) {
      std::size_t same_before = 0, j = 0;
      for (auto b : obj) {
        if (j++ == i) break;
        same_before += b.key == a.key;
      }
      if (same_before == 1) repeated.push_back(a.key);  // its second occurrence
      ++i;
    }
    std::sort(repeated.begin(), repeated.end());
    return repeated;
  }
  std::vector<std::string_view> keys;
  for (auto field : obj) keys.push_back(field.key);
  std::sort(keys.begin(), keys.end());
  std::vector<std::string_view> repeated;
  for (std::size_t i = 1; i < keys.size(); ++i)
    if (keys[i] == keys[i - 1] && (repeated.empty() || repeated.back() != keys[i])) repeated.push_back(keys[i]);
  return repeated;
}

/// A value kept verbatim in an `extra` object. nlohmann/json would keep only the last
/// of two equal keys, and a save would lose the other value: those are reported, at
/// any depth (without recursion: the depth limit is the caller's to choose).
json kept_verbatim(dom::element value, std::string path, network_builder& out) {
  struct step {
    dom::element value;
    std::size_t parent;  // length of the parent's path
    std::string name;    // this value's step below it
  };
  std::vector<step> todo{{value, 0, std::move(path)}};
  std::string at;
  while (!todo.empty()) {
    step s = std::move(todo.back());
    todo.pop_back();
    at.resize(s.parent);
    at += s.name;
    if (dom::object o; s.value.get_object().get(o) == simdjson::SUCCESS) {
      for (auto key : repeated_keys(o))
        out.report(problem{{}, at + "/" + pointer_step(key), 0, 0, "duplicate-field",
                           "the key `" + std::string(key) + "` appears twice; `extra` keeps one value per key", {}});
      for (auto field : o)
        if (field.value.is_object() || field.value.is_array())
          todo.push_back({field.value, at.size(), "/" + pointer_step(field.key)});
    } else if (dom::array a; s.value.get_array().get(a) == simdjson::SUCCESS) {
      std::size_t i = 0;
      for (dom::element item : a) {
        if (item.is_object() || item.is_array()) todo.push_back({item, at.size(), "/" + std::to_string(i)});
        ++i;
      }
    }
  }
  return json::parse(simdjson::to_string(value));
}

/// The JSON path of an object, spelt out only when something needs it: a reader is made
/// for each of millions of roles, and nearly all of them have nothing to report. It
/// refers to the strings it is made of, which must outlive it.
class lazy_path {
 public:
  /// `whole` itself.
  lazy_path(const std::string& whole) : parent_(&whole) {}  // implicit: readers are made with a path
  /// `parent/step/index`.
  lazy_path(const std::string& parent, std::string_view step, std::size_t index)
      : parent_(&parent), step_(step), index_(index) {}
  lazy_path(std::string&&) = delete;  // it would refer to a temporary

  const std::string& str() const {
    if (step_.empty()) return *parent_;
    if (text_.empty()) (((text_ = *parent_) += '/') += step_) += '/' + std::to_string(index_);
    return text_;
  }

 private:
  const std::string* parent_;
  std::string_view step_;
  std::size_t index_ = 0;
  mutable std::string text_;
};

/// Reads the fields of one JSON object into a value, reporting each problem with
/// its path, and collects the keys it does not know into `extra`.
class object_reader {
 public:
  object_reader(dom::object obj, lazy_path path, network_builder& out, std::initializer_list<std::string_view> known)
      : obj_(obj), path_(std::move(path)), out_(out), known_count_(known.size()) {
    // Held in place rather than in a vector: a reader is made for every role of a file.
    if (known.size() > known_fields_.size()) throw std::logic_error("object_reader: too many known fields");
    std::copy(known.begin(), known.end(), known_fields_.begin());
    // One pass over the object finds every known field; a look-up per field would
    // compare each key with every other, for each of millions of roles.
    // It also counts the other keys, so that the checks for unknown and repeated keys
    // can pass over the many objects that have none.
    std::size_t next = 0;  // where the next key is likely to be among the known fields
    for (auto field : obj) {
      if (const std::size_t i = known_index(field.key, next); i < known_count_) {
        next = i + 1;
        if (found_ >> i & 1) {
          known_repeated_ = true;
        } else {
          values_[i] = field.value;
          found_ |= std::uint32_t{1} << i;
        }
      } else if (field.key == "extra") {
        if (extras_++ == 0) extra_ = field.value;
      } else {
        ++unknown_;
      }
    }
  }

  void report(std::string_view key, std::string rule, std::string message, std::string suggestion = {}) {
    out_.report(problem{{}, (path() + '/').append(key), 0, 0, std::move(rule), std::move(message), std::move(suggestion)});
  }
  /// The reader's object's JSON path.
  const std::string& path() const { return path_.str(); }

  /// The value of `key`; nothing when it is absent or null.
  std::optional<dom::element> get(std::string_view key) const {
    dom::element e;
    if (const std::size_t i = known_index(key, next_get_); i < known_count_) {
      next_get_ = i + 1;
      if (!(found_ >> i & 1)) return std::nullopt;
      e = values_[i];
    } else if (key == "extra") {
      if (extras_ == 0) return std::nullopt;
      e = extra_;
    } else if (obj_.at_key(key).get(e) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    if (e.is_null()) return std::nullopt;
    return e;
  }

  std::string string(std::string_view key) {
    auto v = get(key);
    if (!v) return {};
    std::string_view text;
    if (v->get_string().get(text) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected a string, found " + type_word(*v));
      return {};
    }
    return std::string(text);
  }

  std::vector<std::string> strings(std::string_view key) {
    std::vector<std::string> out;
    auto v = get(key);
    if (!v) return out;
    dom::array items;
    if (v->get_array().get(items) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected an array of strings, found " + type_word(*v));
      return out;
    }
    std::size_t i = 0;
    for (dom::element item : items) {
      std::string_view text;
      if (item.get_string().get(text) == simdjson::SUCCESS) out.emplace_back(text);
      else report(std::string(key) + "/" + std::to_string(i), "wrong-type", "expected a string, found " + type_word(item));
      ++i;
    }
    return out;
  }

  danvan::date date_at(dom::element v, std::string_view key) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected a date string (YYYY, YYYY-MM or YYYY-MM-DD), found " + type_word(v));
      return {};
    }
    if (auto d = date::parse(s)) return *d;
    const std::string why = date::why_not(s);
    report(key, "bad-date", "`" + std::string(s) + "` is not a date: " + why);
    return {};
  }

  danvan::date date(std::string_view key) {
    auto v = get(key);
    return v ? date_at(*v, key) : danvan::date{};
  }

  danvan::period period(std::string_view key) {
    auto v = get(key);
    if (!v) return {};
    dom::object o;
    if (v->get_object().get(o) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected a period object {\"start\": ..., \"end\": ...}, found " + type_word(*v));
      return {};
    }
    danvan::period p;
    for (auto field : o) {
      const std::string k = std::string(key) + "/" + std::string(field.key);
      if (field.value.is_null()) continue;
      if (field.key == "start") p.start = date_at(field.value, k);
      else if (field.key == "end") p.end = date_at(field.value, k);
      else report(k, "unknown-field", "a period has only `start` and `end`");
    }
    return p;
  }

  bool boolean(std::string_view key) {
    auto v = get(key);
    if (!v) return false;
    bool b = false;
    if (v->get_bool().get(b) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected true or false, found " + type_word(*v));
      return false;
    }
    return b;
  }

  template <class E> std::optional<E> word(std::string_view key, std::string_view what) {
    auto v = get(key);
    if (!v) return std::nullopt;
    std::string_view s;
    if (v->get_string().get(s) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected a string, found " + type_word(*v));
      return std::nullopt;
    }
    if (auto e = enum_from_string<E>(s)) return e;
    detail::nearest near(s, 1);
    std::string all;
    for (auto n : enum_names<E>::names) {
      near.offer(n);
      all += (all.empty() ? "`" : ", `") + std::string(n) + "`";
    }
    auto best = near.result();
    report(key, "unknown-value",
           "unknown " + std::string(what) + " `" + std::string(s) + "`" +
               (best.empty() ? "" : "; did you mean `" + best.front() + "`?") + " (one of " + all + ")",
           best.empty() ? std::string{} : best.front());
    return std::nullopt;
  }

  /// Calls read(object, path) for each object of the array under `key`, reporting
  /// what is not an array or not an object (`what` names one element).
  template <class F> void each_object(std::string_view key, std::string_view what, F&& read) {
    auto v = get(key);
    if (!v) return;
    dom::array items;
    if (v->get_array().get(items) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected an array of " + std::string(what) + " objects, found " + type_word(*v));
      return;
    }
    std::size_t i = 0;
    for (dom::element item : items) {
      const std::string at = path() + "/" + std::string(key) + "/" + std::to_string(i++);
      dom::object o;
      if (item.get_object().get(o) != simdjson::SUCCESS)
        out_.report(problem{{}, at, 0, 0, "wrong-type", "expected a " + std::string(what) + " object, found " + type_word(item), {}});
      else
        read(o, at);
    }
  }

  /// The object under `key`, reporting anything else.
  std::optional<dom::object> object(std::string_view key, std::string_view what) {
    auto v = get(key);
    if (!v) return std::nullopt;
    dom::object o;
    if (v->get_object().get(o) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected " + std::string(what) + " object, found " + type_word(*v));
      return std::nullopt;
    }
    return o;
  }

  /// The origin of a carried or orphaned role: {org, event, date}.
  role_origin origin(dom::object o, const std::string& at) {
    object_reader r(o, at, out_, {"org", "event", "date"});
    role_origin x{r.string("org"), r.string("event"), r.date("date")};
    r.finish_strict();
    return x;
  }

  std::optional<danvan::classification> classification() {
    return word<danvan::classification>("classification", "classification");
  }

  std::vector<evidence> sources(std::string_view key = "sources") {
    std::vector<evidence> out;
    auto v = get(key);
    if (!v) return out;
    dom::array items;
    if (v->get_array().get(items) != simdjson::SUCCESS) {
      report(key, "wrong-type", "expected an array of evidence objects, found " + type_word(*v));
      return out;
    }
    std::size_t i = 0;
    for (dom::element item : items) {
      const std::string at = path() + "/" + std::string(key) + "/" + std::to_string(i++);
      dom::object o;
      if (item.get_object().get(o) != simdjson::SUCCESS) {
        out_.report(problem{{}, at, 0, 0, "wrong-type", "expected an evidence object, found " + type_word(item), {}});
        continue;
      }
      object_reader r(o, at, out_, {"source", "span", "note"});
      evidence e;
      e.source = r.string("source");
      e.note = r.string("note");
      if (auto span = r.get("span")) {
        dom::array pair;
        std::optional<std::uint64_t> b, en;
        if (span->get_array().get(pair) == simdjson::SUCCESS && pair.size() == 2) {
          b = whole_number(pair.at(0).value_unsafe(), 0xFFFFFFFEull);
          en = whole_number(pair.at(1).value_unsafe(), 0xFFFFFFFEull);
        }
        if (!b || !en) {
          r.report("span", "wrong-type", "expected [begin, end]: two character offsets (non-negative integers)");
        } else {
          e.begin = static_cast<std::uint32_t>(*b);
          e.end = static_cast<std::uint32_t>(*en);
        }
      }
      r.finish_strict();
      out.push_back(std::move(e));
    }
    return out;
  }

  /// The entity's `extra` object plus every key not in `known`, as compact JSON text.
  /// A key one or two edits from a known field is a typo, not extra data.
  std::string finish() {
    json extra;  // null, which allocates nothing, until something is kept
    if (auto e = get("extra")) {
      if (e->is_object()) extra = kept_verbatim(*e, path() + "/extra", out_);
      else report("extra", "wrong-type", "`extra` must be an object, found " + type_word(*e));
    }
    check_duplicate_keys();
    for (auto field : obj_) {
      if (unknown_ == 0) break;
      const std::string_view k = field.key;
      if (k == "extra" || known_index(k) < known_count_) continue;
      const std::string key(k);
      if (auto typo = near_miss(k)) {
        report(pointer_step(key), "unknown-field", "unknown field `" + key + "`; did you mean `" + *typo + "`?", *typo);
        continue;
      }
      if (extra.contains(key)) {
        report(pointer_step(key), "duplicate-field", "`" + key + "` is both a field and a key of `extra`");
        continue;
      }
      extra[key] = kept_verbatim(field.value, path() + "/" + pointer_step(key), out_);
    }
    return extra.empty() ? std::string{} : extra.dump(-1, ' ', false, json::error_handler_t::strict);
  }

  /// For small fixed objects (evidence, reviews, role declarations): every unknown key is an error.
  void finish_strict() {
    check_duplicate_keys();
    for (auto field : obj_) {
      if (unknown_ + extras_ == 0) break;
      const std::string_view k = field.key;
      if (known_index(k) < known_count_) continue;
      auto typo = near_miss(k);
      report(pointer_step(k), "unknown-field",
             "unknown field `" + std::string(k) + "`" + (typo ? "; did you mean `" + *typo + "`?" : "") +
                 " (known: " + known_list() + ")",
             typo.value_or(""));
    }
  }

 private:
  std::span<const std::string_view> known() const noexcept { return {known_fields_.data(), known_count_}; }
  /// The place of `key` among the known fields, or known_count_. The search starts at
  /// `from` and wraps around: files list an object's fields, and readers ask for them,
  /// mostly in the order of the known fields, so the key is nearly always the first
  /// known field at or after the one before it.
  std::size_t known_index(std::string_view key, std::size_t from = 0) const noexcept {
    if (from >= known_count_) from = 0;
    for (std::size_t n = 0, i = from; n < known_count_; ++n, i = i + 1 == known_count_ ? 0 : i + 1) {
      // Field names are short: compared in place, not through a library call.
      const std::string_view f = known_fields_[i];
      if (f.size() != key.size()) continue;
      std::size_t j = 0;
      while (j < f.size() && f[j] == key[j]) ++j;
      if (j == f.size()) return i;
    }
    return known_count_;
  }
  /// JSON allows a key twice; the format does not (which one would win is a guess).
  void check_duplicate_keys() {
    if (!known_repeated_ && extras_ <= 1 && unknown_ <= 1) return;  // no key can repeat
    for (auto key : repeated_keys(obj_))
      report(pointer_step(key), "duplicate-field", "the key `" + std::string(key) + "` appears twice");
  }
  std::optional<std::string> near_miss(std::string_view k) const {
    for (auto f : known())
      if (detail::edit_distance(k, f, 2) <= (f.size() <= 4 ? 1 : 2)) return std::string(f);
    return std::nullopt;
  }
  std::string known_list() const {
    std::string s;
    for (auto f : known()) s += (s.empty() ? "`" : ", `") + std::string(f) + "`";
    return s;
  }

  dom::object obj_;
  lazy_path path_;
  network_builder& out_;
  std::array<std::string_view, 24> known_fields_;
  std::size_t known_count_;
  std::array<dom::element, 24> values_;  // of the known fields present (bit i of found_)
  std::uint32_t found_ = 0;
  bool known_repeated_ = false;  // a known field appears twice
  std::size_t extras_ = 0;       // how many times `extra` appears (the first is extra_)
  dom::element extra_;
  std::size_t unknown_ = 0;      // fields neither known nor `extra`
  mutable std::size_t next_get_ = 0;  // where get()'s next key is likely to be among the known fields
};

#define DANVAN_COMMON_FIELDS "id", "name", "name_en", "aliases", "valid_from", "valid_to", "classification", "sources"

template <class Entity> void read_common(object_reader& r, Entity& e) {
  e.id = r.string("id");
  e.name = r.string("name");
  e.name_en = r.string("name_en");
  e.aliases = r.strings("aliases");
  e.valid_from = r.date("valid_from");
  e.valid_to = r.date("valid_to");
  e.classification = r.classification();
  e.sources = r.sources();
}

/// The role `{"org": "...", "role": "..."}` (in either order), as nearly every role of a
/// file is written; nothing for any other object, which object_reader reads. What it
/// returns is what object_reader would make of it, without the cost of a general reader
/// for each of millions of roles.
std::optional<role_assignment> plain_role(dom::object o) {
  if (o.size() != 2) return std::nullopt;
  std::optional<std::string_view> org, role;
  for (auto field : o) {
    std::string_view text;
    if (field.value.get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
    if (field.key == "org" && !org) org = text;
    else if (field.key == "role" && !role) role = text;
    else return std::nullopt;
  }
  role_assignment a;
  a.org = *org;
  a.role = *role;
  return a;
}

std::vector<role_assignment> read_roles(object_reader& r, const std::string& path, network_builder& out) {
  std::vector<role_assignment> roles;
  auto v = r.get("roles");
  if (!v) return roles;
  dom::array items;
  if (v->get_array().get(items) != simdjson::SUCCESS) {
    r.report("roles", "wrong-type", "expected an array of roles, found " + type_word(*v));
    return roles;
  }
  roles.reserve(items.size());
  std::size_t i = 0;
  for (dom::element item : items) {
    const lazy_path at(path, "roles", i++);
    dom::object o;
    if (item.get_object().get(o) != simdjson::SUCCESS) {
      out.report(problem{{}, at.str(), 0, 0, "wrong-type", "expected a role object {\"org\": ..., \"role\": ...}, found " + type_word(item), {}});
      continue;
    }
    if (auto plain = plain_role(o)) {
      roles.push_back(std::move(*plain));
      continue;
    }
    object_reader rr(o, at, out, {"org", "role", "valid_from", "valid_to", "carried_from", "classification", "sources"});
    role_assignment a;
    a.org = rr.string("org");
    a.role = rr.string("role");
    a.valid_from = rr.date("valid_from");
    a.valid_to = rr.date("valid_to");
    if (auto c = rr.object("carried_from", "an origin {\"org\", \"event\", \"date\"}"))
      a.carried_from = rr.origin(*c, rr.path() + "/carried_from");
    a.classification = rr.classification();
    a.sources = rr.sources();
    a.extra = rr.finish();
    roles.push_back(std::move(a));
  }
  return roles;
}

std::vector<orphaned_role> read_orphans(object_reader& r, network_builder& out) {
  std::vector<orphaned_role> list;
  r.each_object("orphaned_roles", "orphaned role", [&](dom::object o, const std::string& at) {
    object_reader rr(o, at, out, {"role", "org", "event", "date"});
    orphaned_role x;
    x.role = rr.string("role");
    x.origin = {rr.string("org"), rr.string("event"), rr.date("date")};
    rr.finish_strict();
    list.push_back(std::move(x));
  });
  return list;
}

/// Turns one element of a collection into an entity for the builder.
void read_entity(entity_kind kind, dom::object obj, const std::string& path, network_builder& out) {
  using K = entity_kind;
  switch (kind) {
    case K::area: {
      object_reader r(obj, path, out, {DANVAN_COMMON_FIELDS, "level", "code", "parent"});
      area e;
      read_common(r, e);
      e.level = r.word<level>("level", "level").value_or(level::district);
      if (!r.get("level")) r.report("level", "missing-field", "an area needs a level (" + quoted_list({"province", "district", "commune", "central"}) + ")");
      e.code = r.string("code");
      e.parent = r.string("parent");
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::topic: {
      object_reader r(obj, path, out, {DANVAN_COMMON_FIELDS, "parent"});
      topic e;
      read_common(r, e);
      e.parent = r.string("parent");
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::organization: {
      object_reader r(obj, path, out, {DANVAN_COMMON_FIELDS, "kind", "level", "area", "parent", "names"});
      organization e;
      read_common(r, e);
      r.each_object("names", "name", [&](dom::object o, const std::string& at) {
        object_reader rr(o, at, out, {"name", "valid_from", "valid_to"});
        e.names.push_back({rr.string("name"), rr.date("valid_from"), rr.date("valid_to")});
        rr.finish_strict();
      });
      e.kind = r.word<org_kind>("kind", "organization kind").value_or(org_kind::other);
      e.level = r.word<level>("level", "level");
      e.area = r.string("area");
      e.parent = r.string("parent");
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::document: {
      object_reader r(obj, path, out,
                      {DANVAN_COMMON_FIELDS, "type", "number", "issuer", "issued_by", "date", "term", "title",
                       "continues", "implements", "amends", "replaces", "topics", "areas", "reviews"});
      document e;
      read_common(r, e);
      e.type = r.string("type");
      e.number = r.string("number");
      e.issuer = r.string("issuer");
      e.issued_by = r.string("issued_by");
      e.date = r.date("date");
      e.term = r.string("term");
      e.title = r.string("title");
      e.continues = r.strings("continues");
      e.implements = r.strings("implements");
      e.amends = r.strings("amends");
      e.replaces = r.strings("replaces");
      e.topics = r.strings("topics");
      e.areas = r.strings("areas");
      if (auto v = r.get("reviews")) {
        dom::array items;
        if (v->get_array().get(items) != simdjson::SUCCESS) {
          r.report("reviews", "wrong-type", "expected an array of review obligations, found " + type_word(*v));
        } else {
          std::size_t i = 0;
          for (dom::element item : items) {
            const std::string at = path + "/reviews/" + std::to_string(i++);
            dom::object o;
            if (item.get_object().get(o) != simdjson::SUCCESS) {
              out.report(problem{{}, at, 0, 0, "wrong-type", "expected a review object, found " + type_word(item), {}});
              continue;
            }
            object_reader rr(o, at, out, {"kind", "years", "recurring"});
            review_obligation ob;
            ob.kind = rr.word<review_kind>("kind", "review kind").value_or(review_kind::preliminary);
            if (!rr.get("kind")) rr.report("kind", "missing-field", "a review obligation needs a kind (`preliminary` or `final`)");
            auto years_value = rr.get("years");
            auto years = years_value ? whole_number(*years_value, 1000) : std::nullopt;
            if (!years || *years == 0)
              rr.report("years", years_value ? "wrong-type" : "missing-field", "a review obligation needs `years`: a whole number from 1 to 1000");
            else
              ob.years = static_cast<std::uint16_t>(*years);
            ob.recurring = rr.boolean("recurring");
            rr.finish_strict();
            e.reviews.push_back(ob);
          }
        }
      }
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::program: {
      object_reader r(obj, path, out,
                      {DANVAN_COMMON_FIELDS, "kind", "period", "implements", "topics", "areas", "roles", "orphaned_roles"});
      program e;
      read_common(r, e);
      e.kind = r.word<program_kind>("kind", "program kind").value_or(program_kind::other);
      e.period = r.period("period");
      e.implements = r.strings("implements");
      e.topics = r.strings("topics");
      e.areas = r.strings("areas");
      e.roles = read_roles(r, path, out);
      e.orphaned_roles = read_orphans(r, out);
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::task: {
      object_reader r(obj, path, out,
                      {DANVAN_COMMON_FIELDS, "kind", "program", "implements", "topics", "areas", "period", "due", "status",
                       "roles", "orphaned_roles"});
      task e;
      read_common(r, e);
      e.kind = r.word<task_kind>("kind", "task kind").value_or(task_kind::other);
      e.program = r.string("program");
      e.implements = r.strings("implements");
      e.topics = r.strings("topics");
      e.areas = r.strings("areas");
      e.period = r.period("period");
      e.due = r.date("due");
      e.status = r.word<task_status>("status", "task status").value_or(task_status::planned);
      e.roles = read_roles(r, path, out);
      e.orphaned_roles = read_orphans(r, out);
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::event: {
      object_reader r(obj, path, out, {DANVAN_COMMON_FIELDS, "kind", "date", "approximate", "from", "to", "shares"});
      event e;
      read_common(r, e);
      auto k = r.word<event_kind>("kind", "event kind");
      if (!r.get("kind")) r.report("kind", "missing-field", "an event needs a kind (" + quoted_list({"merge", "split", "rename", "dissolve", "transfer"}) + ")");
      e.kind = k.value_or(event_kind::transfer);
      e.date = r.date("date");
      e.approximate = r.boolean("approximate");
      e.from = r.strings("from");
      e.to = r.strings("to");
      r.each_object("shares", "share", [&](dom::object o, const std::string& at) {
        object_reader rr(o, at, out, {"to", "topics", "areas", "items"});
        e.shares.push_back({rr.string("to"), rr.strings("topics"), rr.strings("areas"), rr.strings("items")});
        rr.finish_strict();
      });
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::source: {
      object_reader r(obj, path, out, {DANVAN_COMMON_FIELDS, "kind", "title", "date", "url", "sha256", "document"});
      source e;
      read_common(r, e);
      e.kind = r.string("kind");
      e.title = r.string("title");
      e.date = r.date("date");
      e.url = r.string("url");
      e.sha256 = r.string("sha256");
      if (!e.sha256.empty() && (e.sha256.size() != 64 || !std::all_of(e.sha256.begin(), e.sha256.end(), [](char c) {
                                  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                                })))
        r.report("sha256", "bad-value", "`sha256` must be 64 lower-case hexadecimal digits");
      e.document = r.string("document");
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
  }
}

void read_role_declaration(dom::object obj, const std::string& path, network_builder& out) {
  object_reader r(obj, path, out, {"name", "labels", "raci", "description"});
  role_def def;
  def.name = r.string("name");
  def.labels = r.strings("labels");
  def.description = r.string("description");
  def.letter = r.word<raci>("raci", "RACI letter").value_or(raci::C);
  if (!r.get("raci")) r.report("raci", "missing-field", "a role needs a RACI letter (`R`, `A`, `C` or `I`)");
  r.finish_strict();
  out.add_role(std::move(def));
}

meta read_meta(dom::object obj, network_builder& out) {
  static const std::string path = "/meta";
  object_reader r(obj, path, out, {"title", "description", "language", "classification", "as_of"});
  meta m;
  m.as_of = r.date("as_of");
  m.title = r.string("title");
  m.description = r.string("description");
  if (auto lang = r.string("language"); !lang.empty()) m.language = lang;
  m.classification = r.classification().value_or(classification::public_);
  m.extra = r.finish();
  return m;
}

constexpr std::array<std::pair<std::string_view, entity_kind>, 8> entity_collections{{
    {"areas", entity_kind::area},
    {"topics", entity_kind::topic},
    {"organizations", entity_kind::organization},
    {"documents", entity_kind::document},
    {"programs", entity_kind::program},
    {"tasks", entity_kind::task},
    {"events", entity_kind::event},
    {"sources", entity_kind::source},
}};
constexpr std::array<std::string_view, 12> top_level_keys{"danvan", "meta",     "roles",  "areas",  "topics",  "organizations",
                                                          "documents", "programs", "tasks", "events", "sources", "extra"};

/// The offset of the first byte outside the strings of a JSON text for which
/// `stop(offset)` is true, or npos. The text must be well formed up to there.
template <class F> std::size_t find_outside_strings(std::string_view text, F&& stop) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (stop(i)) {
      return i;
    }
  }
  return std::string_view::npos;
}

/// The first number that neither a 64-bit integer nor a double holds (JSON allows
/// any size; simdjson and danvan do not): its offset and length, or nothing.
std::optional<std::pair<std::size_t, std::size_t>> number_out_of_range(std::string_view text) {
  std::size_t length = 0, end = 0;
  const std::size_t at = find_outside_strings(text, [&](std::size_t i) {
    const char c = text[i];
    if (i < end || (c != '-' && (c < '0' || c > '9'))) return false;
    end = text.find_first_not_of("+-.0123456789eE", i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view token = text.substr(i, end - i);
    length = token.size();
    // A decimal too small for a double is read as 0, as simdjson reads it: only overflow counts.
    if (token.find_first_of(".eE") != std::string::npos) return std::isinf(std::strtod(std::string(token).c_str(), nullptr));
    std::int64_t s;
    std::uint64_t u;
    const char* last = token.data() + token.size();
    return std::from_chars(token.data(), last, s).ec == std::errc::result_out_of_range &&
           std::from_chars(token.data(), last, u).ec != std::errc{};
  });
  if (at == std::string_view::npos) return std::nullopt;
  return std::pair{at, length};
}

/// Where an ill-formed UTF-8 sequence starts, given the byte where a decoder gave up:
/// at the lead byte of the sequence that byte cannot complete, or at that byte.
std::size_t utf8_sequence_start(std::string_view text, std::size_t byte) {
  for (std::size_t back = 1; back <= 3 && back <= byte; ++back) {
    const auto c = static_cast<unsigned char>(text[byte - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: the lead is further back
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return back < length ? byte - back : byte;
  }
  return byte;
}

[[noreturn]] void throw_at(std::string_view text, const std::string& label, std::size_t byte, std::string rule,
                           std::string message) {
  auto [line, column] = detail::line_column(text, byte);
  throw parse_error(problem{label, {}, line, column, std::move(rule), std::move(message), {}});
}

/// Where and why a text is not JSON: nlohmann/json's parser reads it again and
/// names the first offending byte, which simdjson does not. `skipped` bytes (a byte
/// order mark) came before `text` in the file: byte offsets count them.
[[noreturn]] void throw_syntax_error(std::string_view text, std::size_t skipped, const std::string& label,
                                     simdjson::error_code code, std::size_t max_depth) {
  if (code == simdjson::EMPTY) {
    // Only white space: say so at its end without a second pass over it.
    throw_at(text, label, text.size(), "syntax", "invalid JSON: unexpected end of input; the file holds only white space");
  }
  if (code == simdjson::DEPTH_ERROR) {
    // simdjson checks the structure before the depth: all before the deep bracket is well formed.
    std::size_t depth = 0;
    const std::size_t at = find_outside_strings(text, [&](std::size_t i) {
      if (text[i] == '[' || text[i] == '{') return ++depth > max_depth;
      if (text[i] == ']' || text[i] == '}') --depth;
      return false;
    });
    throw_at(text, label, at, "too-deep",
             "JSON nested deeper than " + std::to_string(max_depth) + " levels; a danvan file needs no more than 6");
  }
  struct no_dom : nlohmann::json_sax<json> {
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) override {
      // A number too large for a double is an out_of_range, not a parse_error: keep
      // what every error has.
      failed = true;
      overflow = e.id == 406;
      message = e.what();
      end = position;
      last_token = token;
      return false;
    }
    bool failed = false, overflow = false;
    std::string message, last_token;
    std::size_t end = 0;  // bytes read, up to and including the offending one
  } sax;
  json::sax_parse(text.begin(), text.end(), &sax);
  if (!sax.failed || sax.overflow) {
    // JSON, but simdjson takes no number beyond 64 bits (nlohmann/json takes integers).
    if (auto number = number_out_of_range(text)) {
      const auto [at, length] = *number;
      throw_at(text, label, at, "number-out-of-range",
               "number out of range: `" + std::string(text.substr(at, std::min<std::size_t>(length, 40))) +
                   (length > 40 ? "…" : "") +
                   "` (danvan reads integers from -2^63 to 2^64-1 and decimals up to about ±1.8e308; "
                   "write it as a string to keep it)");
    }
    throw parse_error(problem{label, {}, 0, 0, "syntax", std::string("invalid JSON: ") + simdjson::error_message(code), {}});
  }
  // nlohmann's message: "[json.exception.parse_error.101] parse error at line L, column C: <what>; last read: '...'"
  std::string what = sax.message;
  if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
  else if (auto id = what.find("] "); id != std::string::npos) what = what.substr(id + 2);
  // "last read" echoes raw input bytes, which may not be UTF-8: name the byte offset instead.
  if (auto last = what.find("; last read:"); last != std::string::npos) what.erase(last);
  std::size_t byte = sax.end > 0 ? sax.end - 1 : 0;
  if (const auto unexpected = what.find("- unexpected "); unexpected != std::string::npos) {
    // A whole token came where it cannot stand: point at its start, not its end. The
    // lexer's token text is exact for strings and numbers only.
    const std::string_view token = std::string_view(what).substr(unexpected + 13);
    const std::string_view name = token.substr(0, token.find(';'));
    const std::size_t length = name == "string literal" || name == "number literal" ? sax.last_token.size()
                               : name == "false literal"                             ? 5
                               : name.ends_with(" literal")                          ? 4
                               : name == "end of input"                              ? 0
                                                                                     : 1;
    byte = sax.end - std::min(length, sax.end);
    // A value where `,` or the closing bracket must come: the comma is missing after the
    // previous value, which may be lines before.
    const bool value_next = name.ends_with(" literal") || name == "'['" || name == "'{'";
    const bool in_object = what.ends_with("expected '}'"), in_array = what.ends_with("expected ']'");
    if (value_next && (in_object || in_array)) {
      while (byte > 0 && std::string_view(" \t\r\n").find(text[byte - 1]) != std::string_view::npos) --byte;
      throw_at(text, label, byte, "syntax",
               std::string("invalid JSON: missing comma before the next ") +
                   (in_object ? "member of the object" : "element of the array") + " (byte " + std::to_string(skipped + byte) + ")");
    }
  } else if (what.find("UTF-8") != std::string::npos) {
    byte = utf8_sequence_start(text, byte);
  }
  byte = std::min(byte, text.size());
  throw_at(text, label, byte, "syntax", "invalid JSON: " + what + " (byte " + std::to_string(skipped + byte) + ")");
}

/// How many roles the tasks (or programs) of a collection hold, for the builder to
/// reserve; 0 for other kinds. Counts what is there: a wrong type counts nothing.
std::size_t role_count(entity_kind kind, dom::array items) {
  if (kind != entity_kind::task && kind != entity_kind::program) return 0;
  std::size_t n = 0;
  for (dom::element item : items) {
    dom::array roles;
    if (item["roles"].get_array().get(roles) == simdjson::SUCCESS) n += roles.size();
  }
  return n;
}

/// The collection a top-level key names, if any.
std::optional<entity_kind> collection_kind(std::string_view key) {
  for (const auto& [name, kind] : entity_collections)
    if (name == key) return kind;
  return std::nullopt;
}

/// Reads the members of a file's top-level object into `out`.
void read_members(dom::element doc, const std::string& label, network_builder& out) {
  dom::object top;
  if (doc.get_object().get(top) != simdjson::SUCCESS)
    throw validation_error({problem{label, "", 0, 0, "wrong-type", "a danvan file is a JSON object, found " + type_word(doc), {}}});

  // The version first: problems found in a file of another version would only be noise.
  dom::element version;
  if (top.at_key("danvan").get(version) != simdjson::SUCCESS) {
    out.report(problem{{}, "/danvan", 0, 0, "missing-field",
                       "missing format version: a danvan file starts with \"danvan\": \"" + std::string(format_version) + "\"",
                       std::string(format_version)});
  } else if (std::string_view v; version.get_string().get(v) != simdjson::SUCCESS || v != format_version) {
    throw validation_error({problem{label, "/danvan", 0, 0, "unsupported-version",
                                    "unsupported format version " + simdjson::to_string(version) +
                                        "; this danvan reads version \"" + std::string(format_version) + "\"",
                                    std::string(format_version)}});
  }

  // `extra` first, so that a top-level key that is also one of its keys is found
  // wherever it stands.
  json top_extra = json::object();
  if (dom::element extra; top.at_key("extra").get(extra) == simdjson::SUCCESS) {
    if (extra.is_object()) top_extra = kept_verbatim(extra, "/extra", out);
    else out.report(problem{{}, "/extra", 0, 0, "wrong-type", "`extra` must be an object, found " + type_word(extra), {}});
  }
  std::vector<std::string_view> seen;
  for (auto field : top) {
    const std::string_view key = field.key;
    const std::string path = "/" + pointer_step(key);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      out.report(problem{{}, path, 0, 0, "duplicate-field", "the top-level key `" + std::string(key) + "` appears twice", {}});
      continue;
    }
    seen.push_back(key);
    if (key == "danvan" || key == "extra") continue;
    const dom::element value = field.value;
    auto kind = std::find_if(entity_collections.begin(), entity_collections.end(),
                             [&](const auto& c) { return c.first == key; });
    if (kind != entity_collections.end() || key == "roles") {
      dom::array items;
      if (value.get_array().get(items) != simdjson::SUCCESS) {
        out.report(problem{{}, path, 0, 0, "wrong-type", "`" + std::string(key) + "` must be an array, found " + type_word(value), {}});
        continue;
      }
      if (kind != entity_collections.end()) out.reserve(kind->second, items.size(), role_count(kind->second, items));
      std::size_t i = 0;
      for (dom::element item : items) {
        const std::string at = path + "/" + std::to_string(i++);
        dom::object o;
        if (item.get_object().get(o) != simdjson::SUCCESS) {
          out.report(problem{{}, at, 0, 0, "wrong-type", "expected an object, found " + type_word(item), {}});
          if (kind != entity_collections.end()) out.skip(kind->second);
          continue;
        }
        if (kind != entity_collections.end()) read_entity(kind->second, o, at, out);
        else read_role_declaration(o, at, out);
      }
    } else if (key == "meta") {
      dom::object o;
      if (value.get_object().get(o) == simdjson::SUCCESS) out.set_meta(read_meta(o, out));
      else out.report(problem{{}, "/meta", 0, 0, "wrong-type", "`meta` must be an object, found " + type_word(value), {}});
    } else {
      std::optional<std::string_view> typo;
      for (auto k : top_level_keys)
        if (detail::edit_distance(key, k, 2) <= 2) typo = k;
      const std::string name(key);
      if (typo)
        out.report(problem{{}, path, 0, 0, "unknown-field",
                           "unknown top-level field `" + name + "`; did you mean `" + std::string(*typo) + "`?", std::string(*typo)});
      else if (top_extra.contains(name))
        out.report(problem{{}, path, 0, 0, "duplicate-field", "`" + name + "` is both a top-level field and a key of `extra`", {}});
      else
        top_extra[name] = kept_verbatim(value, path, out);
    }
  }
  if (!top_extra.empty()) out.set_extra(top_extra.dump());
}

network read_document(dom::element doc, const std::string& label, const load_options& options) {
  network_builder out(label);
  out.set_max_problems(options.max_problems);
  read_members(doc, label, out);
  return std::move(out).build();
}

/// Raised inside read_streaming() where the careful way must take over.
struct not_plain {};

/// Reads a network from `source` in one pass, a batch of elements at a time, so that
/// neither the whole text nor a parsed document of it is ever in memory. It gives up
/// (nothing) at the first sign of trouble — a problem, a syntax error, a layout the
/// splitter does not expect — and the caller reads the input again the careful way,
/// which finds and places every problem: errors read exactly as they always did.
std::optional<network> read_streaming(const detail::byte_source& source, std::size_t size, const std::string& label,
                                      const load_options& options) {
  network_builder out(label);
  out.set_max_problems(options.max_problems);
  out.reserve_text(size);  // the text of a file holds all the text of its network
  constexpr std::size_t batch_bytes = std::size_t{1} << 20;
  dom::parser parser;
  // An element of a batch `[e, ...]` is one level less deep than in the file `{"k": [e, ...]}`.
  // A batch runs a little over batch_bytes, to the end of an element: room for twice that,
  // for the parser and its document, is made once rather than again at each larger batch
  // (pages not written take no memory).
  if (options.max_depth < 2 || parser.allocate(2 * batch_bytes, options.max_depth - 1) != simdjson::SUCCESS ||
      parser.doc.allocate(2 * batch_bytes) != simdjson::SUCCESS)
    return std::nullopt;
  std::string rest;  // the other members, as an object of their own
  const detail::split_sink sink{
      [](std::string_view key) { return collection_kind(key).has_value(); },
      [&](std::string_view key, simdjson::padded_string_view batch, std::size_t first, std::size_t end) {
        dom::array items;
        if (parser.parse(batch).get_array().get(items) != simdjson::SUCCESS) throw not_plain{};
        const entity_kind kind = *collection_kind(key);
        if (first == 0 && batch.length() >= batch_bytes && end < size) {
          // A collection of more than one batch: room for as many elements (and roles) as
          // the rest of the file would hold at the density of this first batch. That is
          // close for the last large collection, nearly all of a file, whose arrays would
          // otherwise be regrown (and their pages written) several times over; too much
          // for the others, which costs only address space.
          const double scale = 1.03 * (1.0 + static_cast<double>(size - end) / static_cast<double>(batch.length()));
          auto guess = [&](std::size_t n) { return static_cast<std::size_t>(static_cast<double>(n) * scale); };
          out.expect(kind, guess(items.size()), guess(role_count(kind, items)));
        }
        const std::string path = "/" + std::string(key) + "/";
        for (dom::element item : items) {
          dom::object o;
          if (item.get_object().get(o) != simdjson::SUCCESS) throw not_plain{};
          read_entity(kind, o, path + std::to_string(first++), out);
        }
        if (out.problem_count() > 0) throw not_plain{};
      },
      [&](std::string_view key, std::string_view value) {
        ((rest += rest.empty() ? "{\"" : ",\"") += key) += "\":";
        rest += value;
      }};
  try {
    if (!detail::split_top_level(source, sink, batch_bytes)) return std::nullopt;
    rest += rest.empty() ? "{}" : "}";
    dom::element doc;
    if (parser.allocate(rest.size(), options.max_depth) != simdjson::SUCCESS ||
        parser.parse(simdjson::padded_string(rest)).get(doc) != simdjson::SUCCESS)
      return std::nullopt;
    read_members(doc, label, out);
    if (out.problem_count() > 0) return std::nullopt;
    return std::move(out).build();
  } catch (const not_plain&) {
    return std::nullopt;
  } catch (const error&) {  // a problem build() found, or the version: said again the careful way
    return std::nullopt;
  }
}

network read_network(const simdjson::padded_string& padded, const std::string& label, const load_options& options) {
  std::string_view text(padded.data(), padded.size());
  // A UTF-8 byte order mark says nothing in UTF-8: read what follows it, as most JSON
  // tools do (simdjson leaves that to the caller). Columns count from after it.
  const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  text.remove_prefix(bom);
  if (text.empty())
    throw parse_error(problem{label, {}, 1, 1, "syntax", "the file is empty; a danvan file is a JSON object", {}});
  dom::parser parser;
  if (auto e = parser.allocate(text.size(), options.max_depth); e != simdjson::SUCCESS)
    throw error(label + ": cannot parse: " + simdjson::error_message(e));
  // simdjson's buffers, allocated now rather than inside parse() so that they can take
  // the hint: the structural indexes (4 bytes per input byte at most), the document's
  // tape (8) and its strings (5/3).
  if (parser.implementation)
    detail::prefer_huge_pages(parser.implementation->structural_indexes.get(), text.size() * sizeof(std::uint32_t));
  if (parser.doc.allocate(text.size()) == simdjson::SUCCESS) {
    detail::prefer_huge_pages(parser.doc.tape.get(), (text.size() + 3) * sizeof(std::uint64_t));
    detail::prefer_huge_pages(parser.doc.string_buf.get(), 5 * text.size() / 3);
  }
  dom::element doc;
  // The padding after the text is still there: no copy is needed.
  const auto code = parser.parse(text.data(), text.size(), false).get(doc);
  if (code != simdjson::SUCCESS) throw_syntax_error(text, bom, label, code, options.max_depth);
  return read_document(doc, label, options);
}

}  // namespace

network loads(std::string_view text, std::string_view label, const load_options& options) {
  return read_network(simdjson::padded_string(text), std::string(label), options);
}

network load(const std::filesystem::path& file, const load_options& options) {
  const std::string name = file.string();
  auto fail = [&](const std::string& what, int why) {
    throw io_error(name, what + (why ? std::string(": ") + std::strerror(why) : std::string()),
                   std::error_code(why, std::generic_category()));
  };
  detail::check_file_name(file);
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int why = errno;
    throw io_error(name, std::strerror(why), std::error_code(why, std::generic_category()));
  }
  const struct closer {
    int fd;
    ~closer() { ::close(fd); }
  } close_at_end{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail("cannot read", errno);
  if (S_ISDIR(st.st_mode))
    throw io_error(name, "is a directory, not a file", std::make_error_code(std::errc::is_a_directory));
  constexpr std::size_t max_size = simdjson::SIMDJSON_MAXSIZE_BYTES;
  const std::string too_large = "too large: danvan reads files of at most 4 GiB";
  // Reads into `into` until the end of the file or `want` bytes; returns the count.
  auto read_into = [&](char* into, std::size_t want) {
    std::size_t done = 0;
    while (done < want) {
      const ssize_t n = ::read(fd, into + done, want - done);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        fail("read failed", errno);
      }
      done += static_cast<std::size_t>(n);
    }
    return done;
  };
  if (S_ISREG(st.st_mode)) {
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > max_size) fail(too_large, EFBIG);
    if (auto net = read_streaming(read_into, size, name, options)) return std::move(*net);
    if (::lseek(fd, 0, SEEK_SET) != 0) fail("cannot read", errno);
    simdjson::padded_string text(size);
    detail::prefer_huge_pages(text.data(), size);
    const std::size_t got = read_into(text.data(), size);
    if (got < size) return read_network(simdjson::padded_string(text.data(), got), name, options);  // it shrank
    return read_network(text, name, options);
  }
  // A pipe, a terminal, /dev/stdin, <(...): no size to know in advance.
  std::string text;
  for (std::size_t got = 1; got > 0;) {
    const std::size_t before = text.size();
    text.resize(before + (std::size_t{1} << 16));
    got = read_into(text.data() + before, std::size_t{1} << 16);
    text.resize(before + got);
    if (text.size() > max_size) fail(too_large, EFBIG);
  }
  return read_network(simdjson::padded_string(text), name, options);
}

}  // namespace danvan

// Reading the danvan JSON format. The file is parsed once with nlohmann/json's
// callback parser: each element of a top-level collection is turned into an
// entity and handed to a network_builder as soon as it is complete, then
// dropped, so a large file never exists as one JSON tree in memory.
#include <danvan/builder.hpp>
#include <danvan/detail/suggest.hpp>
#include <danvan/io/json.hpp>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>

namespace danvan {

namespace {

using json = nlohmann::json;

std::string type_word(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::binary: return "binary data";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

std::string quoted_list(std::initializer_list<std::string_view> words) {
  std::string s;
  for (auto w : words) s += (s.empty() ? "`" : ", `") + std::string(w) + "`";
  return s;
}

/// Reads the fields of one JSON object into a value, reporting each problem with
/// its path, and collects the keys it does not know into `extra`.
class object_reader {
 public:
  object_reader(const json& obj, std::string path, network_builder& out, std::initializer_list<std::string_view> known)
      : obj_(obj), path_(std::move(path)), out_(out), known_(known) {}

  void report(const std::string& key, std::string rule, std::string message, std::string suggestion = {}) {
    out_.report(problem{{}, path_ + "/" + key, 0, 0, std::move(rule), std::move(message), std::move(suggestion)});
  }

  const json* get(const char* key) const {
    auto it = obj_.find(key);
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
  }

  std::string string(const char* key) {
    const json* v = get(key);
    if (!v) return {};
    if (!v->is_string()) {
      report(key, "wrong-type", "expected a string, found " + type_word(*v));
      return {};
    }
    return v->get<std::string>();
  }

  std::vector<std::string> strings(const char* key) {
    std::vector<std::string> out;
    const json* v = get(key);
    if (!v) return out;
    if (!v->is_array()) {
      report(key, "wrong-type", "expected an array of strings, found " + type_word(*v));
      return out;
    }
    out.reserve(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) {
      const auto& item = (*v)[i];
      if (item.is_string()) out.push_back(item.get<std::string>());
      else report(std::string(key) + "/" + std::to_string(i), "wrong-type", "expected a string, found " + type_word(item));
    }
    return out;
  }

  danvan::date date_at(const json& v, const std::string& key) {
    if (!v.is_string()) {
      report(key, "wrong-type", "expected a date string (YYYY, YYYY-MM or YYYY-MM-DD), found " + type_word(v));
      return {};
    }
    const auto& s = v.get_ref<const std::string&>();
    if (auto d = date::parse(s)) return *d;
    std::string why = "expected YYYY, YYYY-MM or YYYY-MM-DD";
    // Say which part is impossible when the shape is right (`2023-02-30`).
    if (s.size() == 10 && s[4] == '-' && s[7] == '-' &&
        std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); })) {
      try {
        (void)danvan::date(std::stoi(s.substr(0, 4)), static_cast<unsigned>(std::stoi(s.substr(5, 2))),
                           static_cast<unsigned>(std::stoi(s.substr(8, 2))));
      } catch (const std::exception& e) {
        why = e.what();
      }
    } else if (s.size() == 7 && s[4] == '-') {
      why = "the month must be between 01 and 12";
    }
    report(key, "bad-date", "`" + s + "` is not a date: " + why);
    return {};
  }

  danvan::date date(const char* key) {
    const json* v = get(key);
    return v ? date_at(*v, key) : danvan::date{};
  }

  danvan::period period(const char* key) {
    const json* v = get(key);
    if (!v) return {};
    if (!v->is_object()) {
      report(key, "wrong-type", "expected a period object {\"start\": ..., \"end\": ...}, found " + type_word(*v));
      return {};
    }
    danvan::period p;
    for (auto it = v->begin(); it != v->end(); ++it) {
      const std::string k = std::string(key) + "/" + it.key();
      if (it.key() == "start") p.start = date_at(it.value(), k);
      else if (it.key() == "end") p.end = date_at(it.value(), k);
      else report(k, "unknown-field", "a period has only `start` and `end`");
    }
    return p;
  }

  bool boolean(const char* key) {
    const json* v = get(key);
    if (!v) return false;
    if (!v->is_boolean()) {
      report(key, "wrong-type", "expected true or false, found " + type_word(*v));
      return false;
    }
    return v->get<bool>();
  }

  template <class E> std::optional<E> word(const char* key, std::string_view what) {
    const json* v = get(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      report(key, "wrong-type", "expected a string, found " + type_word(*v));
      return std::nullopt;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (auto e = enum_from_string<E>(s)) return e;
    detail::nearest near(s, 1);
    std::string all;
    for (auto n : enum_names<E>::names) {
      near.offer(n);
      all += (all.empty() ? "`" : ", `") + std::string(n) + "`";
    }
    auto best = near.result();
    report(key, "unknown-value",
           "unknown " + std::string(what) + " `" + s + "`" + (best.empty() ? "" : "; did you mean `" + best.front() + "`?") +
               " (one of " + all + ")",
           best.empty() ? std::string{} : best.front());
    return std::nullopt;
  }

  std::optional<danvan::classification> classification() {
    return word<danvan::classification>("classification", "classification");
  }

  std::vector<evidence> sources(const char* key = "sources") {
    std::vector<evidence> out;
    const json* v = get(key);
    if (!v) return out;
    if (!v->is_array()) {
      report(key, "wrong-type", "expected an array of evidence objects, found " + type_word(*v));
      return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
      const auto& item = (*v)[i];
      const std::string at = path_ + "/" + key + "/" + std::to_string(i);
      if (!item.is_object()) {
        out_.report(problem{{}, at, 0, 0, "wrong-type", "expected an evidence object, found " + type_word(item), {}});
        continue;
      }
      object_reader r(item, at, out_, {"source", "span", "note"});
      evidence e;
      e.source = r.string("source");
      e.note = r.string("note");
      if (const json* span = r.get("span")) {
        if (!span->is_array() || span->size() != 2 || !(*span)[0].is_number_unsigned() || !(*span)[1].is_number_unsigned() ||
            (*span)[0].get<std::uint64_t>() > 0xFFFFFFFEull || (*span)[1].get<std::uint64_t>() > 0xFFFFFFFEull) {
          r.report("span", "wrong-type", "expected [begin, end]: two character offsets (non-negative integers)");
        } else {
          e.begin = (*span)[0].get<std::uint32_t>();
          e.end = (*span)[1].get<std::uint32_t>();
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
    json extra = json::object();
    if (const json* e = get("extra")) {
      if (e->is_object()) extra = *e;
      else report("extra", "wrong-type", "`extra` must be an object, found " + type_word(*e));
    }
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      const auto& k = it.key();
      if (k == "extra" || std::find(known_.begin(), known_.end(), k) != known_.end()) continue;
      if (auto typo = near_miss(k)) {
        report(k, "unknown-field", "unknown field `" + k + "`; did you mean `" + *typo + "`?", *typo);
        continue;
      }
      if (extra.contains(k)) {
        report(k, "duplicate-field", "`" + k + "` is both a field and a key of `extra`");
        continue;
      }
      extra[k] = it.value();
    }
    return extra.empty() ? std::string{} : extra.dump(-1, ' ', false, json::error_handler_t::strict);
  }

  /// For small fixed objects (evidence, periods, roles declarations): every unknown key is an error.
  void finish_strict() {
    for (auto it = obj_.begin(); it != obj_.end(); ++it)
      if (std::find(known_.begin(), known_.end(), it.key()) == known_.end()) {
        auto typo = near_miss(it.key());
        report(it.key(), "unknown-field",
               "unknown field `" + it.key() + "`" + (typo ? "; did you mean `" + *typo + "`?" : "") +
                   " (known: " + known_list() + ")",
               typo.value_or(""));
      }
  }

 private:
  std::optional<std::string> near_miss(const std::string& k) const {
    for (auto f : known_)
      if (detail::bounded_edit_distance(k, f, 2) <= (f.size() <= 4 ? 1u : 2u)) return std::string(f);
    return std::nullopt;
  }
  std::string known_list() const {
    std::string s;
    for (auto f : known_) s += (s.empty() ? "`" : ", `") + std::string(f) + "`";
    return s;
  }

  const json& obj_;
  std::string path_;
  network_builder& out_;
  std::vector<std::string_view> known_;
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

std::vector<role_assignment> read_roles(object_reader& r, const json& obj, const std::string& path, network_builder& out) {
  std::vector<role_assignment> roles;
  const json* v = r.get("roles");
  if (!v) return roles;
  if (!v->is_array()) {
    r.report("roles", "wrong-type", "expected an array of roles, found " + type_word(*v));
    return roles;
  }
  (void)obj;
  roles.reserve(v->size());
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const std::string at = path + "/roles/" + std::to_string(i);
    if (!item.is_object()) {
      out.report(problem{{}, at, 0, 0, "wrong-type", "expected a role object {\"org\": ..., \"role\": ...}, found " + type_word(item), {}});
      continue;
    }
    object_reader rr(item, at, out, {"org", "role", "classification", "sources"});
    role_assignment a;
    a.org = rr.string("org");
    a.role = rr.string("role");
    a.classification = rr.classification();
    a.sources = rr.sources();
    a.extra = rr.finish();
    roles.push_back(std::move(a));
  }
  return roles;
}

/// Turns one element of a collection into an entity for the builder.
void read_entity(entity_kind kind, const json& obj, const std::string& path, network_builder& out) {
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
      object_reader r(obj, path, out, {DANVAN_COMMON_FIELDS, "kind", "level", "area", "parent"});
      organization e;
      read_common(r, e);
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
      if (const json* v = r.get("reviews")) {
        if (!v->is_array()) r.report("reviews", "wrong-type", "expected an array of review obligations, found " + type_word(*v));
        else
          for (std::size_t i = 0; i < v->size(); ++i) {
            const auto& item = (*v)[i];
            const std::string at = path + "/reviews/" + std::to_string(i);
            if (!item.is_object()) {
              out.report(problem{{}, at, 0, 0, "wrong-type", "expected a review object, found " + type_word(item), {}});
              continue;
            }
            object_reader rr(item, at, out, {"kind", "years", "recurring"});
            review_obligation o;
            o.kind = rr.word<review_kind>("kind", "review kind").value_or(review_kind::preliminary);
            if (!rr.get("kind")) rr.report("kind", "missing-field", "a review obligation needs a kind (`preliminary` or `final`)");
            const json* years = rr.get("years");
            if (!years || !years->is_number_unsigned() || years->get<std::uint64_t>() == 0 || years->get<std::uint64_t>() > 1000)
              rr.report("years", years ? "wrong-type" : "missing-field", "a review obligation needs `years`: a whole number from 1 to 1000");
            else
              o.years = years->get<std::uint16_t>();
            o.recurring = rr.boolean("recurring");
            rr.finish_strict();
            e.reviews.push_back(o);
          }
      }
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::program: {
      object_reader r(obj, path, out, {DANVAN_COMMON_FIELDS, "kind", "period", "implements", "topics", "areas", "roles"});
      program e;
      read_common(r, e);
      e.kind = r.word<program_kind>("kind", "program kind").value_or(program_kind::other);
      e.period = r.period("period");
      e.implements = r.strings("implements");
      e.topics = r.strings("topics");
      e.areas = r.strings("areas");
      e.roles = read_roles(r, obj, path, out);
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::task: {
      object_reader r(obj, path, out,
                      {DANVAN_COMMON_FIELDS, "kind", "program", "implements", "topics", "areas", "period", "due", "status", "roles"});
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
      e.roles = read_roles(r, obj, path, out);
      e.extra = r.finish();
      out.add(std::move(e));
      return;
    }
    case K::event: {
      object_reader r(obj, path, out, {DANVAN_COMMON_FIELDS, "kind", "date", "approximate", "from", "to"});
      event e;
      read_common(r, e);
      auto k = r.word<event_kind>("kind", "event kind");
      if (!r.get("kind")) r.report("kind", "missing-field", "an event needs a kind (" + quoted_list({"merge", "split", "rename", "dissolve", "transfer"}) + ")");
      e.kind = k.value_or(event_kind::transfer);
      e.date = r.date("date");
      e.approximate = r.boolean("approximate");
      e.from = r.strings("from");
      e.to = r.strings("to");
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

void read_role_declaration(const json& obj, const std::string& path, network_builder& out) {
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

meta read_meta(const json& obj, network_builder& out) {
  object_reader r(obj, "/meta", out, {"title", "description", "language", "classification"});
  meta m;
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

struct too_deep {};

/// 1-based line and column (in code points) of a byte offset.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t byte) {
  byte = std::min(byte, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

/// Maps a file into memory read-only (no copy, whatever its size); empty files stay empty.
class mapped_file {
 public:
  explicit mapped_file(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw io_error(file.string(), std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      const int e = errno;
      ::close(fd);
      throw io_error(file.string(), std::strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
      ::close(fd);
      throw io_error(file.string(), "is a directory, not a file");
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        const int e = errno;
        ::close(fd);
        throw io_error(file.string(), std::strerror(e));
      }
      ::madvise(p, size_, MADV_SEQUENTIAL);
      data_ = static_cast<const char*>(p);
    }
    ::close(fd);
  }
  ~mapped_file() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  mapped_file(const mapped_file&) = delete;
  mapped_file& operator=(const mapped_file&) = delete;
  [[nodiscard]] std::string_view text() const noexcept { return {data_ ? data_ : "", size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

network read_network(std::string_view text, const std::string& label, const load_options& options) {
  network_builder out(label);
  out.set_max_problems(options.max_problems);

  if (text.empty()) throw parse_error(problem{label, {}, 1, 1, "syntax", "the file is empty; a danvan file is a JSON object", {}});

  std::string top_key;  // the top-level member being read
  std::array<std::size_t, 8> next{};
  std::size_t next_role = 0;
  bool top_is_object = true;
  json version;
  json top_extra = json::object();

  auto collection = [&](std::string_view key) -> std::optional<entity_kind> {
    for (const auto& [name, kind] : entity_collections)
      if (name == key) return kind;
    return std::nullopt;
  };

  // Depths as nlohmann reports them: 0 the document, 1 its members, 2 collection elements.
  json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) -> bool {
    using E = json::parse_event_t;
    if (event == E::object_start || event == E::array_start) {
      if (static_cast<std::size_t>(depth) >= options.max_depth) throw too_deep{};
      if (depth == 0 && event == E::array_start) top_is_object = false;
      return true;
    }
    if (event == E::key && depth == 1) {
      top_key = parsed.get<std::string>();
      return true;
    }
    const bool element_done = depth == 2 && (event == E::object_end || event == E::array_end || event == E::value);
    if (element_done) {
      if (auto kind = collection(top_key)) {
        const auto i = next[static_cast<std::size_t>(*kind)]++;
        const std::string path = "/" + top_key + "/" + std::to_string(i);
        if (parsed.is_object()) {
          read_entity(*kind, parsed, path, out);
        } else {
          out.report(problem{{}, path, 0, 0, "wrong-type", "expected an object, found " + type_word(parsed), {}});
          out.skip(*kind);
        }
        return false;  // drop the element: it lives in the builder now
      }
      if (top_key == "roles") {
        const std::string path = "/roles/" + std::to_string(next_role++);
        if (parsed.is_object()) read_role_declaration(parsed, path, out);
        else out.report(problem{{}, path, 0, 0, "wrong-type", "expected a role object, found " + type_word(parsed), {}});
        return false;
      }
      return true;
    }
    if (depth == 1 && (event == E::object_end || event == E::array_end || event == E::value)) {
      if (top_key == "danvan") {
        version = parsed;
      } else if (top_key == "meta") {
        if (parsed.is_object()) out.set_meta(read_meta(parsed, out));
        else out.report(problem{{}, "/meta", 0, 0, "wrong-type", "`meta` must be an object, found " + type_word(parsed), {}});
      } else if (collection(top_key) || top_key == "roles") {
        if (!parsed.is_array())
          out.report(problem{{}, "/" + top_key, 0, 0, "wrong-type", "`" + top_key + "` must be an array, found " + type_word(parsed), {}});
      } else if (top_key == "extra") {
        if (parsed.is_object()) top_extra.update(parsed);
        else out.report(problem{{}, "/extra", 0, 0, "wrong-type", "`extra` must be an object, found " + type_word(parsed), {}});
      } else {
        std::optional<std::string_view> typo;
        for (auto k : top_level_keys)
          if (detail::bounded_edit_distance(top_key, k, 2) <= 2) typo = k;
        if (typo)
          out.report(problem{{}, "/" + top_key, 0, 0, "unknown-field",
                              "unknown top-level field `" + top_key + "`; did you mean `" + std::string(*typo) + "`?",
                              std::string(*typo)});
        else if (top_extra.contains(top_key))
          out.report(problem{{}, "/" + top_key, 0, 0, "duplicate-field", "`" + top_key + "` is both a top-level field and a key of `extra`", {}});
        else
          top_extra[top_key] = std::move(parsed);
      }
      return false;
    }
    return true;
  };

  try {
    json rest = json::parse(text.begin(), text.end(), callback);
    if (!top_is_object || !rest.is_object())
      throw validation_error({problem{label, "", 0, 0, "wrong-type", "a danvan file is a JSON object, found " + type_word(rest), {}}});
  } catch (const json::parse_error& e) {
    const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    auto [line, column] = line_column(text, byte);
    std::string what = e.what();
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line L, column C: <what>"
    if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    // "last read" echoes raw input bytes, which may not be UTF-8: name the byte offset instead.
    if (auto last = what.find("; last read:"); last != std::string::npos) what.erase(last);
    what += " (byte " + std::to_string(byte) + ")";
    throw parse_error(problem{label, {}, line, column, "syntax", "invalid JSON: " + what, {}});
  } catch (const too_deep&) {
    throw parse_error(problem{label, {}, 0, 0, "too-deep",
                              "JSON nested deeper than " + std::to_string(options.max_depth) +
                                  " levels; a danvan file needs no more than 6",
                              {}});
  }

  if (version.is_null()) {
    out.report(problem{{}, "/danvan", 0, 0, "missing-field",
                       "missing format version: a danvan file starts with \"danvan\": \"" + std::string(format_version) + "\"",
                       std::string(format_version)});
  } else if (!version.is_string() || version.get<std::string>() != format_version) {
    // Other problems would only be noise for a file of another version.
    throw validation_error({problem{label, "/danvan", 0, 0, "unsupported-version",
                                    "unsupported format version " + version.dump() + "; this danvan reads version \"" +
                                        std::string(format_version) + "\"",
                                    std::string(format_version)}});
  }
  if (!top_extra.empty()) out.set_extra(top_extra.dump());
  return std::move(out).build();
}

}  // namespace

network loads(std::string_view text, std::string_view label, const load_options& options) {
  return read_network(text, std::string(label), options);
}

network load(const std::filesystem::path& file, const load_options& options) {
  const mapped_file mapped(file);
  return read_network(mapped.text(), file.string(), options);
}

}  // namespace danvan

// Folding a draft into a network. Both are taken as JSON documents (what dumps()
// writes), the draft's entities are matched to the network's, the draft's references
// are rewritten to the merged ids, and the result is loaded again, so that it is
// checked exactly as a file is.
#include <danvan/builder.hpp>
#include <danvan/error.hpp>
#include <danvan/io/json.hpp>
#include <danvan/merge.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>
#include <danvan/text/normalize.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>

namespace danvan {

namespace {

using ojson = nlohmann::ordered_json;

/// (collection key, kind) of every kind, in the order a file lists them.
const std::array<std::pair<std::string, entity_kind>, 8>& collections() {
  static const auto all = [] {
    std::array<std::pair<std::string, entity_kind>, 8> out;
    for (std::size_t k = 0; k < 8; ++k)
      out[k] = {std::string(collection_name(static_cast<entity_kind>(k))), static_cast<entity_kind>(k)};
    return out;
  }();
  return all;
}

std::string str(const ojson& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// A name as matching compares it: Vietnamese-aware (search_key), without a leading
/// plural marker (`các`, `những`: "Các tổ chức chính trị - xã hội" is one body).
std::string key(std::string_view name) {
  std::string k = text::search_key(name);
  for (std::string_view plural : {"cac ", "nhung "})
    if (k.starts_with(plural)) k.erase(0, plural.size());
  return k;
}

/// The array under `field` (a reference into `j`, not a copy), or an empty one.
const ojson& list(const ojson& j, std::string_view field) {
  static const ojson empty = ojson::array();
  const auto it = j.find(field);
  return it != j.end() && it->is_array() ? *it : empty;
}

/// Every name an entity answers to: name, aliases, former names; with how each matched.
std::vector<std::pair<std::string, const char*>> names_of(const ojson& e) {
  std::vector<std::pair<std::string, const char*>> out;
  if (auto n = str(e, "name"); !n.empty()) out.emplace_back(key(n), "name");
  for (const auto& a : list(e, "aliases"))
    if (a.is_string()) out.emplace_back(key(a.get<std::string>()), "alias");
  for (const auto& n : list(e, "names"))
    if (n.is_object()) out.emplace_back(key(str(n, "name")), "former name");
  return out;
}

// ---- provinces ----------------------------------------------------------------------

/// The province of an organization: central bodies belong to none (`*`, they match any);
/// otherwise the province its name names, else the one its area lies in, else its
/// file's own province.
class provinces {
 public:
  explicit provinces(const ojson& net_doc, const ojson& draft_doc) {
    for (const auto& p : text::gazetteer::builtin().places())
      if (p.level == level::province) add(p.name);
    for (const auto* doc : {&net_doc, &draft_doc})
      for (const auto& a : list(*doc, "areas"))
        if (str(a, "level") == "province") add(strip_type(str(a, "name")));
  }

  /// The province of each organization, program and task of `doc`, by id (programs and
  /// tasks by their areas).
  std::unordered_map<std::string, std::string> of(const ojson& doc) const {
    std::unordered_map<std::string, std::string> area_province;  // area id -> province key
    std::unordered_map<std::string, const ojson*> areas;
    for (const auto& a : list(doc, "areas")) areas[str(a, "id")] = &a;
    auto province_of_area = [&](std::string id) {
      for (int guard = 0; !id.empty() && guard < 64; ++guard) {  // parents never cycle; the guard is for safety
        const auto it = areas.find(id);
        if (it == areas.end()) break;
        if (str(*it->second, "level") == "province") return named(str(*it->second, "name"));
        id = str(*it->second, "parent");
      }
      return std::string();
    };
    std::unordered_map<std::string, std::string> out;
    std::map<std::string, std::size_t> votes;
    for (const auto& o : list(doc, "organizations")) {
      std::string p = str(o, "level") == "central" ? "*" : named(str(o, "name"));
      if (p.empty()) p = province_of_area(str(o, "area"));
      if (!p.empty() && p != "*") ++votes[p];
      out[str(o, "id")] = p;
    }
    // The file's own province: its single province area, else the one most of its bodies name.
    std::string own;
    std::size_t province_areas = 0;
    for (const auto& a : list(doc, "areas"))
      if (str(a, "level") == "province" && !str(a, "valid_from").starts_with("2025")) {
        ++province_areas;
        own = named(str(a, "name"));
      }
    if (province_areas != 1) {
      own.clear();
      std::size_t best = 0;
      for (const auto& [p, n] : votes)
        if (n > best) best = n, own = p;
    }
    for (const auto* collection : {"programs", "tasks"})
      for (const auto& e : list(doc, collection)) {
        std::string p;
        for (const auto& a : list(e, "areas"))
          if (p.empty() && a.is_string()) p = province_of_area(a.get<std::string>());
        out[str(e, "id")] = p;
      }
    for (auto& [id, p] : out)
      if (p.empty()) p = own;
    return out;
  }

  /// The id of `doc`'s single province area (its own province), or empty.
  static std::string own_area(const ojson& doc) {
    std::string id;
    std::size_t n = 0;
    for (const auto& a : list(doc, "areas"))
      if (str(a, "level") == "province" && !str(a, "valid_from").starts_with("2025")) ++n, id = str(a, "id");
    return n == 1 ? id : std::string();
  }

  static bool compatible(const std::string& a, const std::string& b) {
    return a == "*" || b == "*" || a.empty() || b.empty() || a == b;
  }

 private:
  static std::string strip_type(std::string name) {
    for (std::string_view type : {"Tỉnh ", "tỉnh ", "Thành phố ", "thành phố "})
      if (name.starts_with(type)) return name.substr(type.size());
    return name;
  }
  void add(const std::string& name) {
    const std::string k = key(strip_type(name));
    if (!k.empty() && std::find(keys_.begin(), keys_.end(), k) == keys_.end()) keys_.push_back(k);
  }
  /// The province a name names (the longest that occurs as whole words), or empty.
  std::string named(const std::string& name) const {
    const std::string k = " " + key(name) + " ";
    std::string best;
    for (const auto& p : keys_)
      if (p.size() > best.size() && k.find(" " + p + " ") != std::string::npos) best = p;
    return best;
  }
  std::vector<std::string> keys_;
};

// ---- matching -----------------------------------------------------------------------

/// `NQ`, `TW`: upper case, tone marks and `Ư` folded (`TƯ` is `TW`).
std::string code(std::string_view s) {
  std::string k = key(s);
  std::string out;
  for (char c : k) {
    if (c == ' ') continue;
    out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  // search_key folds `Ư` to `U`; the issuer code of the Central Committee is written both ways.
  for (std::size_t at = 0; (at = out.find("TU", at)) != std::string::npos; at += 2)
    if ((at == 0 || out[at - 1] == '-' || out[at - 1] == '/') && (at + 2 == out.size() || out[at + 2] == '-'))
      out.replace(at, 2, "TW");
  return out;
}

std::string year_of(const std::string& date) { return date.size() >= 4 ? date.substr(0, 4) : std::string(); }

class matcher {
 public:
  matcher(const ojson& net_doc, const ojson& draft_doc)
      : net_(net_doc), draft_(draft_doc), provinces_(net_doc, draft_doc), net_province_(provinces_.of(net_doc)),
        draft_province_(provinces_.of(draft_doc)) {
    for (const auto& [collection, kind] : collections()) {
      auto& index = by_name_[static_cast<std::size_t>(kind)];
      for (const auto& e : list(net_doc, collection)) {
        ids_.insert(str(e, "id"));
        by_id_[str(e, "id")] = &e;
        for (const auto& [k, how] : names_of(e)) index[k].push_back(&e);
      }
    }
  }

  /// The network entities a draft entity may be, and how it matched.
  std::pair<std::vector<std::string>, std::string> candidates(entity_kind kind, const ojson& e) const {
    switch (kind) {
      case entity_kind::document: return documents(e);
      case entity_kind::source: return sources(e);
      case entity_kind::area: {
        auto by_code = unique_where(entity_kind::area, [&](const ojson& n) {
          return !str(e, "code").empty() && str(n, "code") == str(e, "code");
        });
        if (!by_code.empty()) return {by_code, "code"};
        return by_names(kind, e, [&](const ojson& n) { return str(n, "level") == str(e, "level"); });
      }
      case entity_kind::organization:
      case entity_kind::program:
      case entity_kind::task: {
        auto found = by_names(kind, e, [&](const ojson& n) {
          return provinces::compatible(at(net_province_, str(n, "id")), at(draft_province_, str(e, "id")));
        });
        // Between several, those of the draft's level (a provincial front, not the national one).
        if (found.first.size() > 1 && !str(e, "level").empty()) {
          std::vector<std::string> same_level;
          for (const auto& id : found.first)
            if (str(*by_id_.at(id), "level") == str(e, "level")) same_level.push_back(id);
          if (!same_level.empty()) found.first = std::move(same_level);
        }
        return found;
      }
      case entity_kind::event: {  // the same id, else the same kind, day and name
        if (network_has(str(e, "id"))) return {{str(e, "id")}, "id"};
        return by_names(kind, e, [&](const ojson& n) { return str(n, "kind") == str(e, "kind") && str(n, "date") == str(e, "date"); });
      }
      default: return by_names(kind, e, [](const ojson&) { return true; });
    }
  }

  [[nodiscard]] bool network_has(const std::string& id) const { return ids_.count(id) != 0; }

 private:
  static std::string at(const std::unordered_map<std::string, std::string>& m, const std::string& id) {
    const auto it = m.find(id);
    return it == m.end() ? std::string() : it->second;
  }

  template <class Keep>
  std::pair<std::vector<std::string>, std::string> by_names(entity_kind kind, const ojson& e, Keep&& keep) const {
    const auto& index = by_name_[static_cast<std::size_t>(kind)];
    std::vector<std::string> found;
    std::string how;
    // The draft's own name first: a match by it says more than one by an alias.
    for (const auto& [k, draft_how] : names_of(e)) {
      const auto it = index.find(k);
      if (it == index.end()) continue;
      for (const ojson* n : it->second) {
        const std::string id = str(*n, "id");
        if (!keep(*n) || std::find(found.begin(), found.end(), id) != found.end()) continue;
        found.push_back(id);
        if (how.empty()) how = draft_how;
      }
      if (!found.empty() && std::string_view(draft_how) == "name") break;
    }
    return {found, how};
  }

  template <class Pred> std::vector<std::string> unique_where(entity_kind kind, Pred&& pred) const {
    std::vector<std::string> out;
    for (const auto& [collection, k] : collections())
      if (k == kind)
        for (const auto& n : list(net_, collection))
          if (pred(n)) out.push_back(str(n, "id"));
    return out;
  }

  std::pair<std::vector<std::string>, std::string> documents(const ojson& e) const {
    const std::string type = code(str(e, "type")), number = code(str(e, "number")), issuer = code(str(e, "issuer"));
    if (type.empty() || number.empty()) return by_names(entity_kind::document, e, [](const ojson&) { return true; });
    const std::string year = year_of(str(e, "date"));
    return {unique_where(entity_kind::document,
                         [&](const ojson& n) {
                           if (code(str(n, "type")) != type || code(str(n, "number")) != number) return false;
                           if (!issuer.empty() && !str(n, "issuer").empty() && code(str(n, "issuer")) != issuer) return false;
                           const std::string y = year_of(str(n, "date"));
                           return year.empty() || y.empty() || y == year;
                         }),
            "reference"};
  }

  std::pair<std::vector<std::string>, std::string> sources(const ojson& e) const {
    const std::string sha = str(e, "sha256");
    if (!sha.empty()) {
      auto same = unique_where(entity_kind::source, [&](const ojson& n) { return str(n, "sha256") == sha; });
      if (!same.empty()) return {same, "sha256"};
    }
    if (network_has(str(e, "id"))) return {{str(e, "id")}, "id"};
    return {{}, {}};
  }

  const ojson& net_;
  const ojson& draft_;
  provinces provinces_;
  std::unordered_map<std::string, std::string> net_province_, draft_province_;
  std::array<std::unordered_map<std::string, std::vector<const ojson*>>, 8> by_name_;
  std::set<std::string> ids_;
  std::unordered_map<std::string, const ojson*> by_id_;
};

// ---- rewriting and folding ------------------------------------------------------------

/// Keys whose values (or array elements) are ids of other entities.
bool reference_key(std::string_view k) {
  static const std::set<std::string_view> keys{"org",        "parent",   "area",    "issued_by", "program", "source",
                                               "document",   "from",     "to",      "continues", "implements",
                                               "amends",     "replaces", "topics",  "areas",     "items"};
  return keys.count(k) != 0;
}

/// Replaces, outside `extra`, every reference to a draft id by its merged id; a
/// reference to a dropped entity (merged id empty) goes.
void rewrite(ojson& j, const std::unordered_map<std::string, std::string>& ids) {
  if (j.is_array()) {
    for (auto& x : j) rewrite(x, ids);
    return;
  }
  if (!j.is_object()) return;
  auto merged = [&](const ojson& s) -> std::optional<std::string> {
    if (!s.is_string()) return std::nullopt;
    const auto m = ids.find(s.get<std::string>());
    return m == ids.end() ? std::nullopt : std::optional(m->second);
  };
  for (auto it = j.begin(); it != j.end();) {
    auto& v = it.value();
    if (it.key() != "extra" && reference_key(it.key())) {
      if (v.is_array()) {
        ojson kept = ojson::array();
        for (auto& x : v) {
          const auto m = merged(x);
          if (!m) kept.push_back(x);
          else if (!m->empty()) kept.push_back(*m);
        }
        v = std::move(kept);
      } else if (const auto m = merged(v)) {
        if (m->empty()) {
          it = j.erase(it);
          continue;
        }
        v = *m;
      }
    }
    if (it.key() != "extra" && (v.is_object() || v.is_array())) rewrite(v, ids);
    ++it;
  }
}

double confidence(const ojson& e) {
  const auto extra = e.find("extra");
  if (extra == e.end() || !extra->is_object()) return 1.0;
  const auto c = extra->find("confidence");
  return c != extra->end() && c->is_number() ? c->get<double>() : 1.0;
}

/// Appends the elements of `from[field]` that `into[field]` lacks.
void union_into(ojson& into, const ojson& from, const char* field) {
  const auto f = from.find(field);
  if (f == from.end() || !f->is_array()) return;
  auto& list = into[field];
  if (!list.is_array()) list = ojson::array();
  for (const auto& x : *f)
    if (std::find(list.begin(), list.end(), x) == list.end()) list.push_back(x);
}

/// A value danvan writes when a file states nothing (dumps() always writes `kind` and
/// `status`): from a draft it says nothing, so it neither fills nor contradicts.
bool unstated(entity_kind kind, std::string_view field, const ojson& value) {
  if (field == "status") return value == "planned";
  if (field != "kind") return false;
  return value == (kind == entity_kind::program ? "joint_program" : "other");
}

/// The fields a draft may fill or contradict on a matched entity (names, evidence and
/// roles are joined instead).
bool scalar_field(std::string_view k) {
  static const std::set<std::string_view> joined{"id", "name", "aliases", "names", "sources", "roles", "orphaned_roles", "extra"};
  return joined.count(k) == 0;
}

}  // namespace

merge_result merge(const network& net, const network& draft, const merge_options& options) {
  ojson doc = ojson::parse(dumps(net));
  ojson d = ojson::parse(dumps(draft));
  merge_result result;
  std::vector<problem> problems;

  // Role vocabularies: a role the draft declares joins the network's; one the network
  // declares with another letter is an error.
  for (std::size_t i = 0; i < list(d, "roles").size(); ++i) {
    const auto& def = d["roles"][i];
    const auto known = net.vocabulary().find(str(def, "name"));
    if (!known) {
      doc["roles"].push_back(def);
    } else if (const auto letter = std::string(to_string(net.vocabulary()[*known].letter)); letter != str(def, "raci")) {
      problems.push_back({"<draft>", "/roles/" + std::to_string(i) + "/raci", 0, 0, "role-conflict",
                          "the draft declares `" + str(def, "name") + "` with RACI " + str(def, "raci") + "; the network's is " + letter,
                          letter});
    }
  }

  // The source text, when given: the draft's sources must cite it, and its spans lie inside it.
  if (options.source_text) {
    const std::string sha = text::sha256_hex(*options.source_text);
    const std::size_t length = text::count_code_points(*options.source_text);
    const auto& sources = list(d, "sources");
    for (std::size_t i = 0; i < sources.size(); ++i)
      if (!str(sources[i], "sha256").empty() && str(sources[i], "sha256") != sha)
        problems.push_back({"<draft>", "/sources/" + std::to_string(i) + "/sha256", 0, 0, "other-text",
                            "the source `" + str(sources[i], "id") + "` is of another text (SHA-256 " + str(sources[i], "sha256") +
                                ", the text given has " + sha + ")",
                            {}});
    std::function<void(const ojson&, const std::string&)> spans = [&](const ojson& j, const std::string& path) {
      if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) spans(j[i], path + "/" + std::to_string(i));
      } else if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
          if (it.key() == "span" && it->is_array() && it->size() == 2 && (*it)[1].is_number_unsigned() &&
              (*it)[1].get<std::uint64_t>() > length)
            problems.push_back({"<draft>", path + "/span", 0, 0, "span-past-text",
                                "the span ends at " + std::to_string((*it)[1].get<std::uint64_t>()) + ", past the end of the text (" +
                                    std::to_string(length) + " characters)",
                                {}});
          else if (it.key() != "extra")
            spans(*it, path + "/" + it.key());
        }
      }
    };
    spans(d, "");
  }
  if (!problems.empty()) throw validation_error(std::move(problems));

  // Decide every draft entity, in the order references need (areas and topics first).
  const matcher match(doc, d);
  std::unordered_map<std::string, std::string> ids;  // draft id -> merged id
  std::set<std::string> taken;                        // ids the merged network uses
  for (const auto& [collection, kind] : collections())
    for (const auto& e : list(doc, collection)) taken.insert(str(e, "id"));

  for (const auto& [collection, kind] : collections()) {
    for (const auto& e : list(d, collection)) {
      merge_entry entry{kind, str(e, "id"), merge_status::added, {}, {}, {}};
      if (confidence(e) < options.min_confidence) {
        entry.status = merge_status::dropped;
        entry.how = "confidence";
        ids[entry.draft_id] = "";  // references to it go
        result.entries.push_back(std::move(entry));
        continue;
      }
      auto [found, how] = match.candidates(kind, e);
      entry.how = how;
      std::optional<std::string> chosen;
      if (found.size() == 1) chosen = found.front();
      else if (found.size() > 1) {
        entry.status = merge_status::ambiguous;
        entry.candidates = found;
        if (options.choose) chosen = options.choose(entry);
      }
      if (chosen) {
        if (entry.status != merge_status::ambiguous) entry.status = merge_status::matched;
        entry.id = *chosen;
      } else {
        // New: the draft's id, made unique if the network uses it for something else.
        std::string id = entry.draft_id;
        for (int n = 2; taken.count(id); ++n) id = entry.draft_id + "-" + std::to_string(n);
        entry.id = id;
        taken.insert(id);
        if (entry.how.empty()) entry.how = "new";
      }
      ids[entry.draft_id] = entry.id;
      result.entries.push_back(std::move(entry));
    }
  }

  // A body, program, task or district of the draft placed nowhere is in the draft's own
  // province: said explicitly, so that the merged network keeps it apart from its own.
  // (Only for what is added: a matched entity keeps its own place.)
  std::set<std::string> added;
  for (const auto& e : result.entries)
    if (e.status == merge_status::added || e.status == merge_status::ambiguous) added.insert(e.draft_id);
  if (const std::string own = provinces::own_area(d); !own.empty()) {
    auto is_added = [&](const ojson& e) { return e.is_object() && added.count(str(e, "id")) && str(e, "id") != own; };
    for (auto& a : d["areas"])
      if (is_added(a) && !a.contains("parent") && str(a, "level") != "province" && str(a, "level") != "central")
        a["parent"] = own;
    for (auto& o : d["organizations"])
      if (is_added(o) && !o.contains("area") && str(o, "level") != "central") o["area"] = own;
    for (const auto* collection : {"programs", "tasks"})
      for (auto& e : d[collection])
        if (is_added(e) && list(e, "areas").empty()) e["areas"] = ojson::array({own});
  }
  for (auto it = d.begin(); it != d.end();)  // d[...] above may have made null collections
    if (it->is_null()) it = d.erase(it);
    else ++it;

  // Roles below the confidence go too; a role whose organization was dropped lost its `org`.
  auto drop_roles = [&](ojson& e) {
    if (!e.contains("roles")) return;
    ojson kept = ojson::array();
    for (auto& r : e["roles"])
      if (confidence(r) >= options.min_confidence && r.contains("org")) kept.push_back(r);
    e["roles"] = std::move(kept);
  };
  rewrite(d, ids);

  // Fold: matched entities join the network's, new ones are appended.
  std::size_t entry_at = 0;
  for (const auto& [collection, kind] : collections()) {
    auto& into = doc[collection];
    if (!into.is_array()) into = ojson::array();
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < into.size(); ++i) position[str(into[i], "id")] = i;
    for (ojson e : list(d, collection)) {  // a copy: it is given its merged id
      const merge_entry& entry = result.entries[entry_at++];
      if (entry.status == merge_status::dropped) continue;
      e["id"] = entry.id;
      drop_roles(e);
      const auto at = position.find(entry.id);
      if (at == position.end() || (entry.status != merge_status::matched && entry.status != merge_status::ambiguous)) {
        result.roles_added += list(e, "roles").size();
        into.push_back(e);
        position[entry.id] = into.size() - 1;
        continue;
      }
      ojson& n = into[at->second];
      // Names: the draft's name and aliases become aliases where the entity lacks them.
      std::set<std::string> known_names;
      for (const auto& [k, how] : names_of(n)) known_names.insert(k);
      std::vector<std::string> draft_names{str(e, "name")};
      for (const auto& a : list(e, "aliases"))
        if (a.is_string()) draft_names.push_back(a.get<std::string>());
      for (const auto& name : draft_names)
        if (!name.empty() && known_names.insert(key(name)).second) n["aliases"].push_back(name);
      union_into(n, e, "sources");
      // Roles the network lacks (the same organization in the same role).
      if (e.contains("roles")) {
        for (const auto& r : e["roles"]) {
          const bool has = std::any_of(list(n, "roles").begin(), list(n, "roles").end(),
                                       [&](const ojson& x) { return str(x, "org") == str(r, "org") && str(x, "role") == str(r, "role"); });
          if (!has) {
            n["roles"].push_back(r);
            ++result.roles_added;
          }
        }
      }
      // Other fields: filled when missing, a conflict when different.
      for (auto it = e.begin(); it != e.end(); ++it) {
        if (!scalar_field(it.key()) || unstated(kind, it.key(), it.value())) continue;
        if (!n.contains(it.key())) {
          n[it.key()] = it.value();
        } else if (n[it.key()] != it.value()) {
          result.conflicts.push_back({kind, entry.id, it.key(), n[it.key()].dump(), it.value().dump(), options.prefer_draft});
          if (options.prefer_draft) n[it.key()] = it.value();
        }
      }
    }
  }
  for (auto it = doc.begin(); it != doc.end();) {  // no empty collections in the written form
    if (it->is_array() && it->empty()) it = doc.erase(it);
    else ++it;
  }
  result.merged = loads(doc.dump(), "<merged>");
  return result;
}

}  // namespace danvan

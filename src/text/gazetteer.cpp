// The gazetteer: reading data/gazetteer/*.json into values, with every problem
// reported at once (file and JSON path), and finding the shipped copy.
#include <danvan/text/gazetteer.hpp>

#include "detail/json_problem.hpp"
#include "extract/gazetteer_index.hpp"
#include "detail/read_file.hpp"
#include <danvan/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>

namespace danvan::text {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct gazetteer::data {
  contents c;
  std::once_flag once;
  std::shared_ptr<const detail::gazetteer_index> index;
};

namespace {

constexpr std::string_view kFormat = "1";

class reader : public danvan::detail::problem_list {
 public:
  reader(std::string file, gazetteer::contents& out) : problem_list(std::move(file)), out_(out) {}

  void read(const json& j) {
    if (!j.is_object()) {
      report("", "type", "a gazetteer file must be a JSON object");
      return;
    }
    const auto v = j.find("gazetteer");
    if (v == j.end()) {
      report("/gazetteer", "missing-field", "missing `gazetteer` (the format version, \"1\")");
    } else if (!v->is_string() || v->get<std::string>() != kFormat) {
      report("/gazetteer", "unsupported-version", "unsupported gazetteer format version (expected \"1\")");
    }
    static const std::set<std::string> known{"$schema", "gazetteer", "description", "organizations", "localities",
                                             "places", "program_heads", "programs", "role_cues", "words"};
    for (const auto& [key, value] : j.items()) {
      (void)value;
      if (!known.count(key)) report("/" + key, "unknown-key", "unknown key `" + key + "`", nearest(key, known));
    }
    each(j, "organizations", [&](const json& e, const std::string& p) { organization(e, p); });
    each(j, "localities", [&](const json& e, const std::string& p) { locality(e, p); });
    each(j, "places", [&](const json& e, const std::string& p) { place(e, p); });
    each(j, "program_heads", [&](const json& e, const std::string& p) { program_head(e, p); });
    each(j, "programs", [&](const json& e, const std::string& p) { program(e, p); });
    each(j, "role_cues", [&](const json& e, const std::string& p) { role_cue(e, p); });
    if (const auto w = j.find("words"); w != j.end()) {
      if (!w->is_object()) {
        report("/words", "type", "`words` must be an object of word lists");
      } else {
        for (const auto& [category, list] : w->items()) {
          gazetteer_words gw;
          gw.category = category;
          gw.words = strings(list, "/words/" + category, true);
          out_.words.push_back(std::move(gw));
        }
      }
    }
  }

 private:
  template <class F> void each(const json& j, const char* key, F f) {
    const auto it = j.find(key);
    if (it == j.end()) return;
    const std::string path = std::string("/") + key;
    if (!it->is_array()) {
      report(path, "type", "`" + std::string(key) + "` must be an array");
      return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& e = (*it)[i];
      const std::string p = path + "/" + std::to_string(i);
      if (!e.is_object()) {
        report(p, "type", "each element must be an object");
        continue;
      }
      f(e, p);
    }
  }

  static std::string nearest(const std::string& key, const std::set<std::string>& known) {
    std::string best;
    std::size_t best_d = 3;
    for (const auto& k : known) {
      // Edit distance with adjacent transpositions counting one (`kidn` → `kind`).
      const std::size_t n = key.size(), m = k.size();
      std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
      for (std::size_t a = 0; a <= n; ++a) d[a][0] = a;
      for (std::size_t b = 0; b <= m; ++b) d[0][b] = b;
      for (std::size_t a = 1; a <= n; ++a)
        for (std::size_t b = 1; b <= m; ++b) {
          d[a][b] = std::min({d[a - 1][b] + 1, d[a][b - 1] + 1, d[a - 1][b - 1] + (key[a - 1] == k[b - 1] ? 0u : 1u)});
          if (a > 1 && b > 1 && key[a - 1] == k[b - 2] && key[a - 2] == k[b - 1])
            d[a][b] = std::min(d[a][b], d[a - 2][b - 2] + 1);
        }
      if (d[n][m] < best_d) best_d = d[n][m], best = k;
    }
    return best;
  }

  void check_keys(const json& e, const std::string& p, const std::set<std::string>& known) {
    for (const auto& [key, value] : e.items()) {
      (void)value;
      if (!known.count(key)) report(p + "/" + key, "unknown-key", "unknown key `" + key + "`", nearest(key, known));
    }
  }

  std::string str(const json& e, const std::string& p, const char* key, bool required) {
    const auto it = e.find(key);
    if (it == e.end()) {
      if (required) report(p + "/" + key, "missing-field", std::string("missing `") + key + "`");
      return {};
    }
    if (!it->is_string()) {
      report(p + "/" + key, "type", std::string("`") + key + "` must be a string");
      return {};
    }
    auto s = it->get<std::string>();
    if (required && s.find_first_not_of(" \t\n") == std::string::npos)
      report(p + "/" + key, "empty", std::string("`") + key + "` must not be empty");
    return s;
  }

  std::vector<std::string> strings(const json& v, const std::string& p, bool non_empty_items) {
    std::vector<std::string> out;
    if (!v.is_array()) {
      report(p, "type", "must be an array of strings");
      return out;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) {
        report(p + "/" + std::to_string(i), "type", "must be a string");
        continue;
      }
      auto s = v[i].get<std::string>();
      if (non_empty_items && s.find_first_not_of(" \t\n") == std::string::npos) {
        report(p + "/" + std::to_string(i), "empty", "must not be empty");
        continue;
      }
      out.push_back(std::move(s));
    }
    return out;
  }

  std::vector<std::string> list(const json& e, const std::string& p, const char* key) {
    const auto it = e.find(key);
    if (it == e.end()) return {};
    return strings(*it, p + "/" + key, true);
  }

  bool flag(const json& e, const std::string& p, const char* key, bool dflt) {
    const auto it = e.find(key);
    if (it == e.end()) return dflt;
    if (!it->is_boolean()) {
      report(p + "/" + key, "type", std::string("`") + key + "` must be true or false");
      return dflt;
    }
    return it->get<bool>();
  }

  template <class E> std::optional<E> enum_value(const json& e, const std::string& p, const char* key) {
    const auto it = e.find(key);
    if (it == e.end()) return std::nullopt;
    if (!it->is_string()) {
      report(p + "/" + key, "type", std::string("`") + key + "` must be a string");
      return std::nullopt;
    }
    const auto word = it->get<std::string>();
    if (auto v = enum_from_string<E>(word)) return v;
    std::set<std::string> names;
    for (auto n : enum_names<E>::names) names.insert(std::string(n));
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    report(p + "/" + key, "bad-value", "unknown " + std::string(key) + " `" + word + "` (one of " + all + ")",
           nearest(word, names));
    return std::nullopt;
  }

  void organization(const json& e, const std::string& p) {
    check_keys(e, p, {"id", "names", "abbreviations", "name_en", "kind", "party_kind", "kind_from_parent", "level",
                      "scope", "attach", "standalone", "standalone_confidence", "committee", "office", "plural", "case",
                      "note"});
    gazetteer_organization o;
    o.id = str(e, p, "id", true);
    o.names = list(e, p, "names");
    if (o.names.empty()) report(p + "/names", "missing-field", "an organization needs at least one name");
    o.abbreviations = list(e, p, "abbreviations");
    o.name_en = str(e, p, "name_en", false);
    if (auto k = enum_value<org_kind>(e, p, "kind")) o.kind = *k;
    o.party_kind = enum_value<org_kind>(e, p, "party_kind");
    o.kind_from_parent = flag(e, p, "kind_from_parent", false);
    o.level = enum_value<danvan::level>(e, p, "level");
    if (const auto it = e.find("scope"); it != e.end()) {
      const auto words = strings(*it, p + "/scope", true);
      for (std::size_t i = 0; i < words.size(); ++i) {
        static const std::map<std::string, name_scope> scopes{{"none", name_scope::none},
                                                              {"organization", name_scope::organization},
                                                              {"locality", name_scope::locality},
                                                              {"place", name_scope::place},
                                                              {"named", name_scope::named}};
        const auto s = scopes.find(words[i]);
        if (s == scopes.end()) {
          report(p + "/scope/" + std::to_string(i), "bad-value",
                 "unknown scope `" + words[i] + "` (one of none, organization, locality, place, named)");
          continue;
        }
        o.scope.push_back(s->second);
      }
    }
    if (const auto it = e.find("attach"); it != e.end()) {
      const auto words = strings(*it, p + "/attach", true);
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (auto k = enum_from_string<org_kind>(words[i])) o.attach.push_back(*k);
        else report(p + "/attach/" + std::to_string(i), "bad-value", "unknown organization kind `" + words[i] + "`");
      }
    }
    o.standalone = flag(e, p, "standalone", true);
    if (const auto it = e.find("standalone_confidence"); it != e.end()) {
      if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
        report(p + "/standalone_confidence", "bad-value", "`standalone_confidence` must be a number in [0, 1]");
      else
        o.standalone_confidence = it->get<double>();
    }
    o.committee = flag(e, p, "committee", false);
    o.office = flag(e, p, "office", false);
    o.plural = flag(e, p, "plural", false);
    const auto c = str(e, p, "case", false);
    if (!c.empty() && c != "any" && c != "title")
      report(p + "/case", "bad-value", "`case` must be \"title\" or \"any\"");
    o.any_case = c == "any";
    out_.organizations.push_back(std::move(o));
  }

  void locality(const json& e, const std::string& p) {
    check_keys(e, p, {"words", "level", "city", "takes_place", "canonical", "note"});
    gazetteer_locality l;
    l.words = list(e, p, "words");
    if (l.words.empty()) report(p + "/words", "missing-field", "a locality needs at least one word");
    l.level = enum_value<danvan::level>(e, p, "level");
    l.city = flag(e, p, "city", false);
    l.takes_place = flag(e, p, "takes_place", true);
    l.canonical = str(e, p, "canonical", false);
    out_.localities.push_back(std::move(l));
  }

  void place(const json& e, const std::string& p) {
    check_keys(e, p, {"id", "name", "aliases", "level", "type", "code", "note"});
    gazetteer_place g;
    g.id = str(e, p, "id", true);
    g.name = str(e, p, "name", true);
    g.aliases = list(e, p, "aliases");
    if (auto l = enum_value<danvan::level>(e, p, "level")) g.level = *l;
    g.type = str(e, p, "type", false);
    g.code = str(e, p, "code", false);
    out_.places.push_back(std::move(g));
  }

  void program_head(const json& e, const std::string& p) {
    check_keys(e, p, {"words", "kind", "forms", "note"});
    gazetteer_program_head h;
    h.words = str(e, p, "words", true);
    if (auto k = enum_value<program_kind>(e, p, "kind")) h.kind = *k;
    h.forms = list(e, p, "forms");
    for (std::size_t i = 0; i < h.forms.size(); ++i) {
      const auto& f = h.forms[i];
      if (f != "quote" && f != "reference" && f != "period" && f != "known")
        report(p + "/forms/" + std::to_string(i), "bad-value",
               "unknown form `" + f + "` (one of quote, reference, period, known)");
    }
    out_.program_heads.push_back(std::move(h));
  }

  void program(const json& e, const std::string& p) {
    check_keys(e, p, {"id", "name", "aliases", "kind", "name_en", "note"});
    gazetteer_program g;
    g.id = str(e, p, "id", true);
    g.name = str(e, p, "name", true);
    g.aliases = list(e, p, "aliases");
    if (auto k = enum_value<program_kind>(e, p, "kind")) g.kind = *k;
    g.name_en = str(e, p, "name_en", false);
    out_.programs.push_back(std::move(g));
  }

  void role_cue(const json& e, const std::string& p) {
    check_keys(e, p, {"role", "cues", "subject", "object_role", "prepositions", "direct_object", "object_acts",
                      "with_partners", "yields", "passive", "venue", "raci", "description", "note"});
    gazetteer_role_cue r;
    r.role = str(e, p, "role", true);
    if (!r.role.empty() && !std::all_of(r.role.begin(), r.role.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }))
      report(p + "/role", "bad-value", "a role name has only a-z, 0-9 and _");
    r.cues = list(e, p, "cues");
    r.subject = flag(e, p, "subject", true);
    r.object_role = str(e, p, "object_role", false);
    r.prepositions = list(e, p, "prepositions");
    r.direct_object = flag(e, p, "direct_object", false);
    r.object_acts = flag(e, p, "object_acts", false);
    r.with_partners = flag(e, p, "with_partners", false);
    r.yields = flag(e, p, "yields", false);
    r.passive = list(e, p, "passive");
    r.venue = list(e, p, "venue");
    r.raci = str(e, p, "raci", false);
    if (!r.raci.empty() && !enum_from_string<raci>(r.raci))
      report(p + "/raci", "bad-value", "`raci` must be R, A, C or I");
    r.description = str(e, p, "description", false);
    out_.role_cues.push_back(std::move(r));
  }

  gazetteer::contents& out_;
};

void read_text(std::string_view text, const std::string& label, gazetteer::contents& out,
               std::vector<problem>& problems) {
  const auto j = danvan::detail::parse_json<json>(text, label);
  reader r(label, out);
  r.read(j);
  for (auto& p : r.problems()) problems.push_back(std::move(p));
}

void check(gazetteer::contents& c, std::vector<problem>& problems) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < c.organizations.size(); ++i) {
    const auto& id = c.organizations[i].id;
    if (id.empty()) continue;
    if (!seen.emplace(id, i).second)
      problems.push_back(problem{c.files.empty() ? std::string() : c.files.back(), "/organizations",
                                 0, 0, "duplicate-id", "organization id `" + id + "` appears twice", {}});
  }
  std::set<std::string> places;
  for (const auto& p : c.places)
    if (!p.id.empty() && !places.insert(p.id).second)
      problems.push_back(problem{c.files.empty() ? std::string() : c.files.back(), "/places", 0, 0, "duplicate-id",
                                 "place id `" + p.id + "` appears twice", {}});
}

}  // namespace

gazetteer::gazetteer() : d_(std::make_shared<data>()) {}

gazetteer::gazetteer(contents c) : d_(std::make_shared<data>()) {
  std::vector<problem> problems;
  check(c, problems);
  if (!problems.empty()) throw validation_error(std::move(problems));
  d_->c = std::move(c);
}

gazetteer gazetteer::loads(std::string_view json_text, std::string_view label) {
  contents c;
  std::vector<problem> problems;
  read_text(json_text, std::string(label), c, problems);
  check(c, problems);
  if (!problems.empty()) throw validation_error(std::move(problems));
  gazetteer g;
  g.d_->c = std::move(c);
  return g;
}

gazetteer gazetteer::load(const fs::path& path) {
  danvan::detail::check_file_name(path);
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    if (ec) throw io_error(path.string(), "cannot list the gazetteer directory: " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw io_error(path.string(), "the directory holds no gazetteer file (*.json)");
  } else if (fs::exists(path, ec)) {
    files.push_back(path);
  } else {
    throw io_error(path.string(), "no such gazetteer file or directory",
                   std::make_error_code(std::errc::no_such_file_or_directory));
  }
  contents c;
  std::vector<problem> problems;
  for (const auto& f : files) {
    const std::string text = danvan::detail::read_file(f, "the gazetteer file");
    read_text(text, f.string(), c, problems);
    c.files.push_back(f.string());
  }
  check(c, problems);
  if (!problems.empty()) throw validation_error(std::move(problems));
  gazetteer g;
  g.d_->c = std::move(c);
  return g;
}

fs::path gazetteer::builtin_path() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("DANVAN_GAZETTEER"); env && *env) candidates.emplace_back(env);
#ifdef DANVAN_GAZETTEER_DIR
  candidates.emplace_back(DANVAN_GAZETTEER_DIR);
#endif
  // The source tree this file was compiled from: <root>/src/text/gazetteer.cpp.
  candidates.push_back(fs::path(__FILE__).parent_path().parent_path().parent_path() / "data" / "gazetteer");
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::is_directory(c, ec) || fs::is_regular_file(c, ec)) return c;
  return {};
}

const gazetteer& gazetteer::builtin() {
  static const gazetteer g = [] {
    const auto path = builtin_path();
    if (path.empty()) {
      std::string tried = "DANVAN_GAZETTEER";
#ifdef DANVAN_GAZETTEER_DIR
      tried += ", " + std::string(DANVAN_GAZETTEER_DIR);
#endif
      tried += ", " + (fs::path(__FILE__).parent_path().parent_path().parent_path() / "data" / "gazetteer").string();
      throw io_error("<builtin gazetteer>", "no gazetteer found (tried " + tried +
                                               "); set DANVAN_GAZETTEER to the data/gazetteer directory");
    }
    return load(path);
  }();
  return g;
}

gazetteer gazetteer::merged(const gazetteer& other) const {
  contents c = d_->c;
  const contents& o = other.d_->c;
  for (const auto& org : o.organizations) {
    const auto it = std::find_if(c.organizations.begin(), c.organizations.end(),
                                 [&](const gazetteer_organization& x) { return x.id == org.id; });
    if (it != c.organizations.end()) *it = org;
    else c.organizations.push_back(org);
  }
  c.localities.insert(c.localities.end(), o.localities.begin(), o.localities.end());
  for (const auto& p : o.places) {
    const auto it = std::find_if(c.places.begin(), c.places.end(), [&](const gazetteer_place& x) { return x.id == p.id; });
    if (it != c.places.end()) *it = p;
    else c.places.push_back(p);
  }
  c.program_heads.insert(c.program_heads.end(), o.program_heads.begin(), o.program_heads.end());
  c.programs.insert(c.programs.end(), o.programs.begin(), o.programs.end());
  c.role_cues.insert(c.role_cues.end(), o.role_cues.begin(), o.role_cues.end());
  for (const auto& w : o.words) {
    const auto it = std::find_if(c.words.begin(), c.words.end(),
                                 [&](const gazetteer_words& x) { return x.category == w.category; });
    if (it != c.words.end()) it->words.insert(it->words.end(), w.words.begin(), w.words.end());
    else c.words.push_back(w);
  }
  c.files.insert(c.files.end(), o.files.begin(), o.files.end());
  return gazetteer(std::move(c));
}

const std::vector<gazetteer_organization>& gazetteer::organizations() const noexcept { return d_->c.organizations; }
const std::vector<gazetteer_locality>& gazetteer::localities() const noexcept { return d_->c.localities; }
const std::vector<gazetteer_place>& gazetteer::places() const noexcept { return d_->c.places; }
const std::vector<gazetteer_program_head>& gazetteer::program_heads() const noexcept { return d_->c.program_heads; }
const std::vector<gazetteer_program>& gazetteer::programs() const noexcept { return d_->c.programs; }
const std::vector<gazetteer_role_cue>& gazetteer::role_cues() const noexcept { return d_->c.role_cues; }
const std::vector<gazetteer_words>& gazetteer::words() const noexcept { return d_->c.words; }
const std::vector<std::string>& gazetteer::files() const noexcept { return d_->c.files; }

std::vector<std::string> gazetteer::words(std::string_view category) const {
  std::vector<std::string> out;
  for (const auto& w : d_->c.words)
    if (w.category == category) out.insert(out.end(), w.words.begin(), w.words.end());
  return out;
}

std::size_t gazetteer::size() const noexcept {
  const auto& c = d_->c;
  return c.organizations.size() + c.places.size() + c.program_heads.size() + c.programs.size() + c.role_cues.size();
}

const detail::gazetteer_index& gazetteer::index() const {
  std::call_once(d_->once, [this] { d_->index = detail::build_gazetteer_index(*this); });
  return *d_->index;
}

}  // namespace danvan::text

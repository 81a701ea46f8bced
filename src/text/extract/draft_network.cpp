// The network of draft entries: every entity the draft keeps, citing the
// spans of text it rests on, with roles on programs and on the tasks made of
// clauses. It must validate; if it does not, extraction has a bug.
#include "extractor.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace danvan::text::detail {

namespace {

std::string compact(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

double rounded(double conf) { return std::round(conf * 100) / 100; }

/// Adds the ids of the kept documents among `docs` to `to`, once each and not `self`.
void add_document_ids(std::vector<std::string>& to, const std::vector<int>& docs, const draft_plan& plan,
                      const std::string& self = {}) {
  for (const int d : docs) {
    const auto i = static_cast<std::size_t>(d);
    if (plan.doc_used[i] && plan.doc_id[i] != self && std::find(to.begin(), to.end(), plan.doc_id[i]) == to.end())
      to.push_back(plan.doc_id[i]);
  }
}

/// An entity found in the text with what every such entity carries into the draft: its
/// id, its name, a source a mention, and its confidence and mention count (beside
/// `extra`'s own fields) in extra.
template <class Entity, class Found>
Entity drafted(const std::string& id, const Found& f, const draft_plan& plan, nlohmann::json extra = nlohmann::json::object()) {
  Entity x;
  x.id = id;
  x.name = f.name;
  for (const auto& e : f.evidence) x.sources.push_back(plan.ev(e, "mention"));
  extra["confidence"] = rounded(f.conf);
  extra["mentions"] = f.mentions;
  x.extra = compact(extra);
  return x;
}

}  // namespace

std::shared_ptr<const danvan::network> extractor::build_network(const draft_plan& plan, const std::string& sha,
                                                                std::size_t items, std::size_t length) const {
  network_builder b("<draft>");
  {
    meta m;
    m.title = o_.source_title.empty() ? "Bản nháp trích xuất từ văn bản" : "Bản nháp trích xuất: " + o_.source_title;
    m.description = "Draft network entries extracted by danvan from " + plan.src_id +
                    "; every entry cites the span of text it rests on. Review before use.";
    m.extra = compact({{"draft", true}, {"items", items}});
    b.set_meta(std::move(m));
  }
  add_extra_roles(b);
  {
    source s;
    s.id = plan.src_id;
    s.name = o_.source_title.empty() ? "Văn bản nguồn của bản nháp" : o_.source_title;
    s.kind = o_.source_kind.empty() ? "text" : o_.source_kind;
    s.title = o_.source_title;
    s.date = o_.source_date;
    s.url = o_.source_url;
    s.sha256 = sha;
    s.extra = compact({{"code_points", length}, {"bytes", text_.size()}});
    b.add(std::move(s));
  }
  add_areas(b, plan);
  add_organizations(b, plan);
  add_documents(b, plan);
  add_programs_and_tasks(b, plan);
  try {
    return std::make_shared<const danvan::network>(std::move(b).build());
  } catch (const validation_error& e) {
    throw danvan::error(std::string("danvan: extraction built an invalid draft (a bug; please report it): ") + e.what());
  }
}

/// Roles beyond the core vocabulary: the network's definition, else the gazetteer's cues.
void extractor::add_extra_roles(network_builder& b) const {
  for (const auto& name : roles_used_) {
    bool core = false;
    for (const auto& d : role_vocabulary::core()) core = core || d.name == name;
    if (core) continue;
    role_def def;
    def.name = name;
    def.letter = raci::C;
    bool found = false;
    if (o_.network)
      if (const auto r = o_.network->vocabulary().find(name)) def = o_.network->vocabulary()[*r], found = true;
    if (!found)
      for (const auto& c : gx_.cue_entries)
        if (c.role == name) {
          def.labels.insert(def.labels.end(), c.cues.begin(), c.cues.end());
          if (auto l = enum_from_string<raci>(c.raci)) def.letter = *l;
          if (def.description.empty()) def.description = c.description;
        }
    b.add_role(std::move(def));
  }
}

void extractor::add_areas(network_builder& b, const draft_plan& plan) const {
  for (std::size_t i = 0; i < areas_.size(); ++i) {
    if (!plan.area_used[i]) continue;
    const auto& a = areas_[i];
    auto x = drafted<area>(plan.area_id[i], a, plan);
    x.level = a.lvl;
    x.code = a.code;
    b.add(std::move(x));
  }
}

void extractor::add_organizations(network_builder& b, const draft_plan& plan) const {
  std::unordered_map<std::string, std::size_t> org_index_by_key;
  for (std::size_t i = 0; i < orgs_.size(); ++i)
    if (plan.org_used[i]) org_index_by_key.emplace(orgs_[i].key, i);
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    if (!plan.org_used[i]) continue;
    const auto& o = orgs_[i];
    auto x = drafted<organization>(plan.org_id[i], o, plan,
                                   o.entry.empty() ? nlohmann::json::object() : nlohmann::json{{"gazetteer", o.entry}});
    x.name_en = o.name_en;
    x.aliases = o.aliases;
    x.kind = o.kind;
    x.level = o.lvl;
    if (!o.sub_key.empty()) {
      const auto it = org_index_by_key.find(o.sub_key);
      if (it != org_index_by_key.end() && it->second != i && orgs_[it->second].sub_key != o.key)
        x.parent = plan.org_id[it->second];
    }
    if (!o.area_key.empty())
      for (std::size_t a = 0; a < areas_.size(); ++a)
        if (plan.area_used[a] && skey(areas_[a].name) == o.area_key) {
          x.area = plan.area_id[a];
          break;
        }
    b.add(std::move(x));
  }
}

/// One document per id, from its first mention, with what all its mentions say.
void extractor::add_documents(network_builder& b, const draft_plan& plan) const {
  std::map<std::string, std::size_t> first_of;  // doc id -> first record
  for (std::size_t i = 0; i < docs_.size(); ++i)
    if (plan.doc_used[i]) first_of.emplace(plan.doc_id[i], i);
  for (const auto& [id, first] : first_of) {
    document x;
    x.id = id;
    const auto& r = docs_[first].ref;
    x.name = r.type_name.empty() ? r.code : r.type_name + " số " + r.code;
    if (x.name != r.code && !r.code.empty()) x.aliases.push_back(r.code);
    if (!r.type.empty() && r.type.find_first_of(" /-\t") == std::string::npos) x.type = r.type;
    x.number = r.number_year ? r.number + "/" + std::to_string(r.number_year) : r.number;
    if (x.number.find_first_of(" \t\n") != std::string::npos) x.number.clear();
    if (r.issuer.find_first_of(" /\t") == std::string::npos) x.issuer = r.issuer;
    std::size_t mentions = 0;
    double conf = 0;
    for (std::size_t j = 0; j < docs_.size(); ++j) {
      if (!plan.doc_used[j] || plan.doc_id[j] != id) continue;
      const auto& d = docs_[j];
      ++mentions;
      if (x.date.empty() && !d.ref.date.empty()) x.date = d.ref.date;
      if (x.term.empty() && d.ref.term > 0) x.term = to_roman(d.ref.term);
      if (x.issued_by.empty() && d.issued_by >= 0 && plan.org_used[static_cast<std::size_t>(d.issued_by)])
        x.issued_by = plan.org_id[static_cast<std::size_t>(d.issued_by)];
      add_document_ids(x.continues, d.continues, plan, id);
      add_document_ids(x.implements, d.implements, plan, id);
      if (x.sources.size() < o_.max_evidence) x.sources.push_back(plan.ev(d.span, "reference"));
      conf = std::max(conf, r.type_name.empty() ? 0.85 : 0.95);
    }
    x.extra = compact({{"confidence", conf}, {"mentions", mentions}, {"key", r.key}});
    b.add(std::move(x));
  }
}

/// Programs and tasks, each with the roles on it.
void extractor::add_programs_and_tasks(network_builder& b, const draft_plan& plan) const {
  std::map<std::pair<int, int>, std::vector<const item_record*>> roles_of;  // (program, task) -> roles
  for (const auto& it : items_)
    if (it.kind == item_kind::role) roles_of[{it.program, it.task}].push_back(&it);
  for (std::size_t i = 0; i < programs_.size(); ++i) {
    if (!plan.prog_used[i]) continue;
    const auto& p = programs_[i];
    auto x = drafted<program>(plan.prog_id[i], p, plan);
    x.kind = p.kind;
    if (p.per.well_formed()) x.period = p.per;
    add_document_ids(x.implements, p.implements, plan);
    if (const auto it = roles_of.find({static_cast<int>(i), -1}); it != roles_of.end())
      x.roles = assignments(it->second, plan);
    b.add(std::move(x));
  }
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    if (!plan.task_used[i]) continue;
    const auto& t = tasks_[i];
    task x;
    x.id = plan.task_id[i];
    x.name = t.name.empty() ? x.id.substr(5) : t.name;
    x.kind = t.kind;
    x.status = t.status;
    add_document_ids(x.implements, t.docs, plan);
    if (t.per.well_formed()) x.period = t.per;
    x.due = t.due;
    x.sources.push_back(plan.ev(t.span, "clause"));
    x.sources.push_back(plan.ev(t.name_span, "name"));
    if (!t.per.empty()) x.sources.push_back(plan.ev(t.per_span, "period"));
    if (!t.due.empty()) x.sources.push_back(plan.ev(t.due_span, "due"));
    if (!t.repeats.empty()) x.sources.push_back(plan.ev(t.repeats_span, "recurrence"));
    for (std::size_t a = 0; a < t.areas.size(); ++a) {
      const auto area = static_cast<std::size_t>(t.areas[a]);
      if (!plan.area_used[area]) continue;  // its mention fell below the confidence floor
      x.areas.push_back(plan.area_id[area]);
      x.sources.push_back(plan.ev(t.area_spans[a], "area"));
    }
    std::vector<const item_record*> rs;
    for (const int of : {static_cast<int>(i), t.shares_roles_of})
      if (const auto it = roles_of.find({-1, of}); of >= 0 && it != roles_of.end())
        rs.insert(rs.end(), it->second.begin(), it->second.end());
    if (!rs.empty()) x.roles = assignments(rs, plan);
    x.extra = t.repeats.empty() ? compact({{"draft", true}}) : compact({{"draft", true}, {"recurrence", t.repeats}});
    b.add(std::move(x));
  }
}

/// One assignment per organization and role, citing each of its cues.
std::vector<role_assignment> extractor::assignments(const std::vector<const item_record*>& rs,
                                                    const draft_plan& plan) const {
  std::vector<role_assignment> out;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  for (const auto* r : rs) {
    const std::string& org = plan.org_id[static_cast<std::size_t>(r->entity)];
    const auto [it, fresh] = seen.emplace(std::make_pair(org, strings_[r->name]), out.size());
    if (fresh) {
      role_assignment a;
      a.org = org;
      a.role = strings_[r->name];
      a.extra = compact({{"confidence", rounded(r->conf)}, {"cue", strings_[r->category]}});
      out.push_back(std::move(a));
    }
    auto& a = out[it->second];
    if (a.sources.size() < o_.max_evidence) a.sources.push_back(plan.ev(r->span, "role cue"));
  }
  return out;
}

}  // namespace danvan::text::detail

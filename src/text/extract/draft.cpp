// The draft: what survives the confidence floor, the ids it gets, the code
// points of its spans, and its items in text order. The network of draft
// entries is built in draft_network.cpp.
#include "extractor.hpp"

#include "html.hpp"

#include "text/detail/scan.hpp"
#include <danvan/text/normalize.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace danvan::text::detail {

struct draft_access {
  static std::vector<extracted_item>& items(draft& d) { return d.items_; }
  static std::shared_ptr<const danvan::network>& network(draft& d) { return d.network_; }
  static std::string& sha(draft& d) { return d.sha256_; }
  static std::string& source(draft& d) { return d.source_id_; }
  static std::size_t& length(draft& d) { return d.length_; }
  static std::size_t& bytes(draft& d) { return d.byte_length_; }
};

namespace {

std::string unique_id(std::set<std::string>& used, std::string id) {
  if (used.insert(id).second) return id;
  for (int n = 2;; ++n) {
    std::string c = id + "-" + std::to_string(n);
    if (used.insert(c).second) return c;
  }
}

/// A slug of at most `size` bytes that does not end with `-`.
std::string short_slug(const std::string& name, std::size_t size) {
  std::string s = slug(name);
  if (s.size() > size) s.resize(size);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

/// `org:ban-dan-van`, or the network's id when the entity is the network's.
std::string entity_id(std::set<std::string>& used, const std::string& net_id, const char* prefix,
                      const std::string& name) {
  if (!net_id.empty()) return unique_id(used, net_id);
  const std::string s = slug(name);
  return unique_id(used, std::string(prefix) + ":" + (s.empty() ? prefix : s));
}

/// The text of a span as written: without entities or tags it is the bytes,
/// once ill-formed UTF-8 is replaced.
std::string span_as_written(std::string_view raw) {
  bool plain = true;
  for (const char ch : raw) plain = plain && ch != '&' && ch != '<';
  if (plain && find_invalid_utf8(raw) == std::string_view::npos) return std::string(raw);
  return decoded_text(raw);
}

}  // namespace

std::size_t draft_plan::cp(std::size_t byte) const {
  const auto it = std::lower_bound(offsets.begin(), offsets.end(), byte);
  return cps[static_cast<std::size_t>(it - offsets.begin())];
}

danvan::evidence draft_plan::ev(byte_span s, std::string note) const {
  danvan::evidence e;
  e.source = src_id;
  e.begin = static_cast<std::uint32_t>(cp(s.b));
  e.end = static_cast<std::uint32_t>(cp(s.e));
  e.note = std::move(note);
  return e;
}

draft extractor::finish(std::string sha) {
  settle_document_keys();
  merge_organizations();
  draft_plan plan;
  keep_supported_items(plan);
  assign_ids(plan, sha);
  map_code_points(plan);

  draft out;
  draft_access::sha(out) = sha;
  draft_access::source(out) = plan.src_id;
  draft_access::bytes(out) = text_.size();
  draft_access::length(out) = plan.cp(text_.size());
  // The items, in text order.
  std::stable_sort(items_.begin(), items_.end(), [](const item_record& a, const item_record& b) {
    if (a.span.b != b.span.b) return a.span.b < b.span.b;
    return (a.kind == item_kind::role) < (b.kind == item_kind::role);
  });
  fill_items(plan, draft_access::items(out));
  draft_access::network(out) = build_network(plan, sha, draft_access::items(out).size(), draft_access::length(out));
  return out;
}

/// Items below the confidence floor go, and with them what only they support.
void extractor::keep_supported_items(draft_plan& plan) {
  items_.erase(std::remove_if(items_.begin(), items_.end(),
                              [&](const item_record& it) { return it.conf + 1e-9 < o_.min_confidence; }),
               items_.end());
  plan.org_used.assign(orgs_.size(), 0);
  plan.area_used.assign(areas_.size(), 0);
  plan.prog_used.assign(programs_.size(), 0);
  plan.doc_used.assign(docs_.size(), 0);
  plan.task_used.assign(tasks_.size(), 0);
  for (const auto& it : items_) {
    const auto e = static_cast<std::size_t>(it.entity);
    if (it.kind == item_kind::organization) plan.org_used[e] = 1;
    if (it.kind == item_kind::district || it.kind == item_kind::province) plan.area_used[e] = 1;
    if (it.kind == item_kind::program) plan.prog_used[e] = 1;
    if (it.kind == item_kind::document) plan.doc_used[e] = 1;
  }
  // A role needs its organization, and a program its item.
  items_.erase(std::remove_if(items_.begin(), items_.end(),
                              [&](const item_record& it) {
                                if (it.kind != item_kind::role) return false;
                                if (it.entity < 0 || !plan.org_used[static_cast<std::size_t>(it.entity)]) return true;
                                if (it.program >= 0 && !plan.prog_used[static_cast<std::size_t>(it.program)]) return true;
                                return false;
                              }),
               items_.end());
  for (const auto& it : items_)
    if (it.kind == item_kind::role && it.task >= 0) plan.task_used[static_cast<std::size_t>(it.task)] = 1;
  // A task with no role of its own: drafted alone, or sharing the roles of an earlier kept one.
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    const auto& t = tasks_[i];
    if (t.standalone || (t.shares_roles_of >= 0 && plan.task_used[static_cast<std::size_t>(t.shares_roles_of)]))
      plan.task_used[i] = 1;
  }
}

void extractor::assign_ids(draft_plan& plan, const std::string& sha) const {
  std::set<std::string> used_ids;
  plan.src_id = o_.source_id.empty() ? "src:text-" + sha.substr(0, 12) : o_.source_id;
  used_ids.insert(plan.src_id);
  plan.org_id.assign(orgs_.size(), {});
  plan.area_id.assign(areas_.size(), {});
  plan.prog_id.assign(programs_.size(), {});
  plan.task_id.assign(tasks_.size(), {});
  plan.doc_id.assign(docs_.size(), {});
  for (std::size_t i = 0; i < orgs_.size(); ++i)
    if (plan.org_used[i]) plan.org_id[i] = entity_id(used_ids, orgs_[i].net_id, "org", orgs_[i].name);
  std::map<std::string, std::string> doc_by_key;
  for (std::size_t i = 0; i < docs_.size(); ++i)
    if (plan.doc_used[i]) {
      const auto& key = docs_[i].ref.key;
      auto it = doc_by_key.find(key);
      if (it == doc_by_key.end()) {
        const bool clean = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
        });
        std::string k = clean ? key : slug(key);
        it = doc_by_key.emplace(key, unique_id(used_ids, "doc:" + (k.empty() ? "doc" : k))).first;
      }
      plan.doc_id[i] = it->second;
    }
  for (std::size_t i = 0; i < areas_.size(); ++i)
    if (plan.area_used[i]) plan.area_id[i] = entity_id(used_ids, areas_[i].net_id, "area", areas_[i].name);
  for (std::size_t i = 0; i < programs_.size(); ++i)
    if (plan.prog_used[i]) {
      const std::string s = short_slug(programs_[i].name, 60);
      plan.prog_id[i] = unique_id(used_ids, "prog:" + (s.empty() ? "program" : s));
    }
  for (std::size_t i = 0; i < tasks_.size(); ++i)
    if (plan.task_used[i]) {
      const std::string s = short_slug(tasks_[i].name, 48);
      plan.task_id[i] = unique_id(used_ids, "task:" + std::to_string(i + 1) + (s.empty() ? "" : "-" + s));
    }
}

/// Code points of every byte offset used, counted in one pass over the text.
void extractor::map_code_points(draft_plan& plan) const {
  auto& offsets = plan.offsets;
  auto want = [&](byte_span s) { offsets.push_back(s.b), offsets.push_back(s.e); };
  for (const auto& it : items_) {
    want(it.span);
    if (it.kind == item_kind::role) want(it.org_span);
  }
  for (const auto& o : orgs_) for (const auto& e : o.evidence) want(e);
  for (const auto& a : areas_) for (const auto& e : a.evidence) want(e);
  for (const auto& p : programs_) for (const auto& e : p.evidence) want(e);
  for (const auto& t : tasks_) {
    for (const auto s : {t.span, t.name_span, t.per_span, t.due_span, t.repeats_span}) want(s);
    for (const auto s : t.area_spans) want(s);
  }
  for (const auto& d : docs_) want(d.span);
  offsets.push_back(text_.size());
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  plan.cps.resize(offsets.size());
  code_point_counter counter(text_);
  for (std::size_t i = 0; i < offsets.size(); ++i) plan.cps[i] = counter.at(offsets[i]);
}

void extractor::fill_items(const draft_plan& plan, std::vector<extracted_item>& out) const {
  out.reserve(items_.size());
  for (const auto& it : items_) {
    auto& x = out.emplace_back();
    const auto e = static_cast<std::size_t>(it.entity);
    x.kind = it.kind;
    x.byte_span = {it.span.b, it.span.e};
    x.span = {plan.cp(it.span.b), plan.cp(it.span.e)};
    x.text = span_as_written(text_.substr(it.span.b, it.span.e - it.span.b));
    x.confidence = std::clamp(std::round(it.conf * 100) / 100, 0.0, 1.0);
    if (it.kind == item_kind::organization) {
      const auto& o = orgs_[e];
      x.name = o.name;
      x.category = std::string(danvan::to_string(o.kind));
      x.source = o.net_id.empty() ? (o.entry.empty() ? std::string("network") : "gazetteer:" + o.entry) : "network";
    } else {
      x.name = strings_[it.name];
      x.category = strings_[it.category];
      x.source = strings_[it.source];
    }
    x.period = it.per;
    switch (it.kind) {
      case item_kind::organization: x.id = plan.org_id[e]; break;
      case item_kind::document: x.id = plan.doc_id[e], x.name = docs_[e].ref.code; break;
      case item_kind::program: x.id = plan.prog_id[e]; break;
      case item_kind::district:
      case item_kind::province: x.id = plan.area_id[e]; break;
      case item_kind::period: break;
      case item_kind::role:
        x.id = it.program >= 0 ? plan.prog_id[static_cast<std::size_t>(it.program)]
                               : plan.task_id[static_cast<std::size_t>(it.task)];
        x.org = plan.org_id[e];
        x.org_span = {plan.cp(it.org_span.b), plan.cp(it.org_span.e)};
        break;
    }
  }
}

}  // namespace danvan::text::detail

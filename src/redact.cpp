// Redaction works on the canonical JSON form: it holds every field of every entity,
// unknown ones included, so nothing can be forgotten the way a field copied by hand
// could be; the cost (a dump and a load) is paid only when something is above the
// ceiling.
#include <danvan/redact.hpp>

#include <danvan/io/json.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

namespace danvan {

namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array<const char*, 8> kinds{"areas", "topics", "organizations", "documents",
                                           "programs", "tasks", "events", "sources"};

class redactor {
 public:
  redactor(ojson& doc, classification ceiling) : doc_(doc), ceiling_(ceiling) {
    if (doc.contains("meta") && doc["meta"].contains("classification"))
      fallback_ = level(doc["meta"]["classification"]);
  }

  void run() {
    // Entities above the ceiling by their own classification; then what joins them.
    for (const char* kind : kinds) remove_if(kind, [&](const ojson& e) { return level_of(e) > ceiling_; });
    remove_if("sources", [&](const ojson& s) { return s.contains("document") && gone(s["document"]); });
    remove_if("events", [&](const ojson& e) { return names_gone(e, "from") || names_gone(e, "to"); });
    for (const char* kind : kinds) {
      if (!doc_.contains(kind)) continue;
      for (auto& e : doc_[kind]) clean(e);
    }
  }

 private:
  static classification level(const ojson& word) {
    return enum_from_string<classification>(word.get<std::string>()).value_or(classification::restricted);
  }
  classification level_of(const ojson& o) const {
    return o.contains("classification") ? level(o["classification"]) : fallback_;
  }
  bool gone(const ojson& id) const { return id.is_string() && removed_.count(id.get<std::string>()) > 0; }
  bool names_gone(const ojson& o, const char* key) const {
    if (!o.contains(key)) return false;
    return std::any_of(o[key].begin(), o[key].end(), [&](const ojson& id) { return gone(id); });
  }

  template <class Pred> void remove_if(const char* kind, Pred&& pred) {
    if (!doc_.contains(kind)) return;
    ojson kept = ojson::array();
    for (auto& e : doc_[kind]) {
      if (pred(e)) removed_.insert(e["id"].get<std::string>());
      else kept.push_back(std::move(e));
    }
    doc_[kind] = std::move(kept);
  }

  void drop_ref(ojson& o, const char* key) const {
    if (o.contains(key) && gone(o[key])) o.erase(key);
  }
  void filter_refs(ojson& o, const char* key) const {
    if (!o.contains(key)) return;
    ojson kept = ojson::array();
    for (auto& id : o[key])
      if (!gone(id)) kept.push_back(std::move(id));
    if (kept.empty()) o.erase(key);
    else o[key] = std::move(kept);
  }
  void filter_evidence(ojson& o) const {
    if (!o.contains("sources")) return;
    ojson kept = ojson::array();
    for (auto& ev : o["sources"])
      if (!(ev.contains("source") && gone(ev["source"]))) kept.push_back(std::move(ev));
    if (kept.empty()) o.erase("sources");
    else o["sources"] = std::move(kept);
  }

  // What stays loses every mention of what went.
  void clean(ojson& e) {
    for (const char* key : {"parent", "area", "program", "issued_by", "document"}) drop_ref(e, key);
    for (const char* key : {"continues", "implements", "amends", "replaces", "topics", "areas"}) filter_refs(e, key);
    filter_evidence(e);
    if (e.contains("shares")) {
      for (auto& share : e["shares"])
        for (const char* key : {"topics", "areas", "items"}) filter_refs(share, key);
    }
    if (e.contains("roles")) clean_roles(e);
    if (e.contains("orphaned_roles")) {
      ojson kept = ojson::array();
      for (auto& o : e["orphaned_roles"])
        if (!gone(o["org"]) && !(o.contains("event") && gone(o["event"]))) kept.push_back(std::move(o));
      if (kept.empty()) e.erase("orphaned_roles");
      else e["orphaned_roles"] = std::move(kept);
    }
  }

  void clean_roles(ojson& item) {
    const classification item_level = level_of(item);
    ojson kept = ojson::array();
    for (auto& r : item["roles"]) {
      if (gone(r["org"]) || std::max(level_of(r), item_level) > ceiling_) continue;
      if (r.contains("carried_from") &&
          (gone(r["carried_from"]["org"]) || (r["carried_from"].contains("event") && gone(r["carried_from"]["event"]))))
        r.erase("carried_from");
      filter_evidence(r);
      kept.push_back(std::move(r));
    }
    if (kept.empty()) item.erase("roles");
    else item["roles"] = std::move(kept);
  }

  ojson& doc_;
  classification ceiling_;
  classification fallback_ = classification::public_;
  std::unordered_set<std::string> removed_;
};

bool anything_above(const network& net, classification ceiling) {
  bool above = false;
  auto check = [&](const auto& range) {
    for (const auto& v : range) above = above || v.classification() > ceiling;
  };
  check(net.areas());
  check(net.topics());
  check(net.organizations());
  check(net.documents());
  check(net.programs());
  check(net.tasks());
  check(net.events());
  check(net.sources());
  check(net.roles());
  return above;
}

}  // namespace

network redact(const network& net, classification ceiling) {
  if (!anything_above(net, ceiling)) return net;
  ojson doc = ojson::parse(dumps(net));
  redactor(doc, ceiling).run();
  return loads(doc.dump(), "<redacted network>");
}

}  // namespace danvan

// Writing the danvan JSON format in canonical form; save() writes it with write_file().
#include <danvan/builder.hpp>
#include "detail/read_file.hpp"
#include <danvan/error.hpp>
#include <danvan/io/file.hpp>
#include <danvan/io/json.hpp>

#include "io/json_pieces.hpp"

#include <nlohmann/json.hpp>


namespace danvan {

namespace {

using detail::ojson;

class entity_writer {
 public:
  explicit entity_writer(const network& net) : net_(net) {}

  template <class View> ojson common_head(const View& v) const {
    ojson j;
    j["id"] = v.id();
    j["name"] = v.name();
    if (!v.name_en().empty()) j["name_en"] = v.name_en();
    if (auto a = v.aliases(); !a.empty()) j["aliases"] = a;
    return j;
  }
  template <class View> void common_tail(ojson& j, const View& v) const {
    if (!v.valid_from().empty()) j["valid_from"] = v.valid_from().to_string();
    if (!v.valid_to().empty()) j["valid_to"] = v.valid_to().to_string();
    if (v.classification_stated()) j["classification"] = to_string(v.classification());
    sources(j, v.sources());
    extra(j, v.extra());
  }
  void sources(ojson& j, const std::vector<evidence_ref>& evidence) const {
    if (evidence.empty()) return;
    ojson list = ojson::array();
    for (const auto& e : evidence) {
      ojson item;
      item["source"] = net_.id_of(entity_kind::source, e.source);
      if (e.begin && e.end) item["span"] = {*e.begin, *e.end};
      if (!e.note.empty()) item["note"] = e.note;
      list.push_back(std::move(item));
    }
    j["sources"] = std::move(list);
  }
  static void extra(ojson& j, std::string_view text) {
    if (!text.empty()) j["extra"] = ojson::parse(text);
  }
  void ref(ojson& j, const char* key, entity_kind kind, index i) const {
    if (i != no_index) j[key] = net_.id_of(kind, i);
  }
  void refs(ojson& j, const char* key, entity_kind kind, std::span<const index> list) const {
    if (list.empty()) return;
    ojson a = ojson::array();
    for (index i : list) a.push_back(net_.id_of(kind, i));
    j[key] = std::move(a);
  }
  static void date_field(ojson& j, const char* key, date d) {
    if (!d.empty()) j[key] = d.to_string();
  }
  static void period_field(ojson& j, const char* key, period p) {
    if (p.empty()) return;
    ojson o = ojson::object();
    date_field(o, "start", p.start);
    date_field(o, "end", p.end);
    j[key] = std::move(o);
  }
  static void text(ojson& j, const char* key, std::string_view s) {
    if (!s.empty()) j[key] = s;
  }
  void roles(ojson& j, role_range range) const {
    if (range.empty()) return;
    ojson a = ojson::array();
    for (const auto r : range) {
      ojson item;
      item["org"] = r.org().id();
      item["role"] = r.role_name();
      date_field(item, "valid_from", r.valid_from());
      date_field(item, "valid_to", r.valid_to());
      if (const auto o = r.carried_from()) {
        ojson c = ojson::object();
        c["org"] = o->org;
        text(c, "event", o->event);
        date_field(c, "date", o->date);
        item["carried_from"] = std::move(c);
      }
      if (r.classification_stated()) item["classification"] = to_string(r.classification());
      sources(item, r.sources());
      extra(item, r.extra());
      a.push_back(std::move(item));
    }
    j["roles"] = std::move(a);
  }
  void orphans(ojson& j, const std::vector<orphaned_role_view>& list) const {
    if (list.empty()) return;
    ojson a = ojson::array();
    for (const auto& o : list) {
      ojson item;
      item["role"] = net_.vocabulary()[o.role].name;
      item["org"] = o.origin.org;
      text(item, "event", o.origin.event);
      date_field(item, "date", o.origin.date);
      a.push_back(std::move(item));
    }
    j["orphaned_roles"] = std::move(a);
  }

  ojson operator()(const area_view& v) const {
    ojson j = common_head(v);
    j["level"] = to_string(v.level());
    text(j, "code", v.code());
    if (auto p = v.parent()) j["parent"] = p->id();
    common_tail(j, v);
    return j;
  }
  ojson operator()(const topic_view& v) const {
    ojson j = common_head(v);
    if (auto p = v.parent()) j["parent"] = p->id();
    common_tail(j, v);
    return j;
  }
  ojson operator()(const organization_view& v) const {
    ojson j = common_head(v);
    j["kind"] = to_string(v.kind());
    if (auto l = v.level()) j["level"] = to_string(*l);
    if (auto a = v.area()) j["area"] = a->id();
    if (auto p = v.parent()) j["parent"] = p->id();
    if (const auto names = v.names(); !names.empty()) {
      ojson a = ojson::array();
      for (const auto& n : names) {
        ojson item;
        item["name"] = n.name;
        date_field(item, "valid_from", n.valid_from);
        date_field(item, "valid_to", n.valid_to);
        a.push_back(std::move(item));
      }
      j["names"] = std::move(a);
    }
    common_tail(j, v);
    return j;
  }
  ojson operator()(const document_view& v) const {
    ojson j = common_head(v);
    text(j, "type", v.type());
    text(j, "number", v.number());
    text(j, "issuer", v.issuer());
    if (auto o = v.issued_by()) j["issued_by"] = o->id();
    date_field(j, "date", v.date());
    text(j, "term", v.term());
    text(j, "title", v.title());
    refs(j, "continues", entity_kind::document, v.continues());
    refs(j, "implements", entity_kind::document, v.implements());
    refs(j, "amends", entity_kind::document, v.amends());
    refs(j, "replaces", entity_kind::document, v.replaces());
    refs(j, "topics", entity_kind::topic, v.topics());
    refs(j, "areas", entity_kind::area, v.areas());
    if (auto reviews = v.reviews(); !reviews.empty()) {
      ojson a = ojson::array();
      for (const auto& r : reviews) {
        ojson o;
        o["kind"] = to_string(r.kind);
        o["years"] = r.years;
        if (r.recurring) o["recurring"] = true;
        a.push_back(std::move(o));
      }
      j["reviews"] = std::move(a);
    }
    common_tail(j, v);
    return j;
  }
  ojson operator()(const program_view& v) const {
    ojson j = common_head(v);
    j["kind"] = to_string(v.kind());
    period_field(j, "period", v.period());
    refs(j, "implements", entity_kind::document, v.implements());
    refs(j, "topics", entity_kind::topic, v.topics());
    refs(j, "areas", entity_kind::area, v.areas());
    roles(j, v.roles());
    orphans(j, v.orphaned_roles());
    common_tail(j, v);
    return j;
  }
  ojson operator()(const task_view& v) const {
    ojson j = common_head(v);
    j["kind"] = to_string(v.kind());
    if (auto p = v.program()) j["program"] = p->id();
    refs(j, "implements", entity_kind::document, v.implements());
    refs(j, "topics", entity_kind::topic, v.topics());
    refs(j, "areas", entity_kind::area, v.areas());
    period_field(j, "period", v.period());
    date_field(j, "due", v.due());
    j["status"] = to_string(v.status());
    roles(j, v.roles());
    orphans(j, v.orphaned_roles());
    common_tail(j, v);
    return j;
  }
  ojson operator()(const event_view& v) const {
    ojson j = common_head(v);
    j["kind"] = to_string(v.kind());
    date_field(j, "date", v.date());
    if (v.approximate()) j["approximate"] = true;
    refs(j, "from", entity_kind::organization, v.from());
    refs(j, "to", entity_kind::organization, v.to());
    if (const auto shares = v.shares(); !shares.empty()) {
      ojson a = ojson::array();
      for (const auto& sh : shares) {
        ojson item;
        item["to"] = net_.id_of(entity_kind::organization, sh.to);
        refs(item, "topics", entity_kind::topic, sh.topics);
        refs(item, "areas", entity_kind::area, sh.areas);
        if (!sh.programs.empty() || !sh.tasks.empty()) {
          ojson items = ojson::array();
          for (index p : sh.programs) items.push_back(net_.id_of(entity_kind::program, p));
          for (index t : sh.tasks) items.push_back(net_.id_of(entity_kind::task, t));
          item["items"] = std::move(items);
        }
        a.push_back(std::move(item));
      }
      j["shares"] = std::move(a);
    }
    common_tail(j, v);
    return j;
  }
  ojson operator()(const source_view& v) const {
    ojson j = common_head(v);
    text(j, "kind", v.kind());
    text(j, "title", v.title());
    date_field(j, "date", v.date());
    text(j, "url", v.url());
    text(j, "sha256", v.sha256());
    if (auto d = v.document()) j["document"] = d->id();
    common_tail(j, v);
    return j;
  }

 private:
  const network& net_;
};

/// Appends `j` pretty-printed with two-space steps as if it stood `indent` spaces deep:
/// its lines after the first are indented by that much more. nlohmann/json's serializer
/// writes into `out` itself (indenting a dumped copy a character at a time made saving
/// a 200 MB string take 25 s).
void append_json(std::string& out, const ojson& j, unsigned indent) {
  nlohmann::detail::serializer<ojson> s(nlohmann::detail::output_adapter<char>(out), ' ');
  s.dump(j, true, false, 2, indent);
}

}  // namespace

namespace detail {

ojson meta_json(const network& net) {
  const auto& m = net.meta();
  ojson meta = ojson::object();
  if (!m.title.empty()) meta["title"] = m.title;
  if (!m.description.empty()) meta["description"] = m.description;
  meta["language"] = m.language;
  meta["classification"] = to_string(m.classification);
  if (!m.as_of.empty()) meta["as_of"] = m.as_of.to_string();
  if (!m.extra.empty()) meta["extra"] = ojson::parse(m.extra);
  return meta;
}

std::vector<ojson> role_definitions_json(const network& net) {
  std::vector<ojson> out;
  for (const auto& d : net.vocabulary().declared()) {
    ojson r;
    r["name"] = d.name;
    if (!d.labels.empty()) r["labels"] = d.labels;
    r["raci"] = to_string(d.letter);
    if (!d.description.empty()) r["description"] = d.description;
    out.push_back(std::move(r));
  }
  return out;
}

void for_each_entity_json(const network& net, const std::function<void(std::string_view, const ojson&)>& visit) {
  const entity_writer w(net);
  auto each = [&](std::string_view collection, const auto& range) {
    for (const auto v : range) visit(collection, w(v));
  };
  each("areas", net.areas());
  each("topics", net.topics());
  each("organizations", net.organizations());
  each("documents", net.documents());
  each("programs", net.programs());
  each("tasks", net.tasks());
  each("events", net.events());
  each("sources", net.sources());
}

ojson extra_json(const network& net) { return net.extra().empty() ? ojson() : ojson::parse(net.extra()); }

}  // namespace detail

std::string dumps(const network& net) {
  std::string out;
  // The text is about as large as what the network holds: grown by doubling, a text
  // of hundreds of megabytes would be copied, and its new pages touched, many times.
  out.reserve(net.memory_bytes());
  out += "{\n  \"danvan\": \"" + std::string(format_version) + "\"";
  out += ",\n  \"meta\": ";
  append_json(out, detail::meta_json(net), 2);
  const auto declared = detail::role_definitions_json(net);
  if (!declared.empty()) {
    out += ",\n  \"roles\": [\n";
    for (std::size_t i = 0; i < declared.size(); ++i) {
      out += i ? ",\n    " : "    ";
      append_json(out, declared[i], 4);
    }
    out += "\n  ]";
  }
  // Each collection a bracketed list; the callback comes entity by entity, in collection order.
  std::string_view open;
  detail::for_each_entity_json(net, [&](std::string_view collection, const ojson& j) {
    if (collection != open) {
      if (!open.empty()) out += "\n  ]";
      out += ",\n  \"";
      out += collection;
      out += "\": [\n    ";
      open = collection;
    } else {
      out += ",\n    ";
    }
    append_json(out, j, 4);
  });
  if (!open.empty()) out += "\n  ]";
  if (const auto extra = detail::extra_json(net); !extra.is_null()) {
    out += ",\n  \"extra\": ";
    append_json(out, extra, 2);
  }
  out += "\n}\n";
  return out;
}

void save(const network& net, const std::filesystem::path& file) {
  detail::check_file_name(file);
  write_file(file, dumps(net));  // dumps first: everything that can fail before touching the disk
}

}  // namespace danvan

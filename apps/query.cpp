#include "query.hpp"

#include <danvan/query/names.hpp>
#include <danvan/text/reference.hpp>
#include <danvan/text/normalize.hpp>

#include <algorithm>
#include <iostream>

namespace danvan::cli {

void add_query_options(CLI::App& app, query_options& opt, bool scoped) {
  app.add_option("file", opt.file, "Network file (`-` reads standard input)")->required()->type_name("FILE");
  add_as_of_option(app, opt.as_of, "Answer on the network as of this day: roles follow reorganizations");
  add_max_classification_option(app, opt.max_classification);
  add_format_option(app, opt.format, {"table", "json", "csv"});
  if (!scoped) return;
  app.add_option("--role", opt.roles, "Only these roles: a name (lead) or a Vietnamese word (chủ trì); repeatable")
      ->type_name("ROLE");
  app.add_option("--program", opt.program, "Only this program and its tasks (id or name)")->type_name("PROGRAM");
  app.add_option("--document", opt.document, "Only the work that implements this document (id or name)")
      ->type_name("DOCUMENT");
  app.add_option("--area", opt.areas, "Only work in this area or inside it (id or name); repeatable")->type_name("AREA");
  app.add_option("--topic", opt.topics, "Only work on this topic or under it (id or name); repeatable")
      ->type_name("TOPIC");
}

std::optional<network> open_network(const query_options& opt, std::string_view command, const streams& io,
                                    int& status) {
  return open_network(opt.file, opt.as_of, opt.max_classification, command, io, status);
}

namespace {

/// The one document whose number `text` gives (`21-CT/TW`, `Chỉ thị số 21-CT/TW`,
/// `60/2013/NĐ-CP`: type, number and issuer as the text layer reads them), if any.
std::optional<index> document_numbered(const network& net, std::string_view text) {
  const auto ref = text::parse_reference(text);
  if (!ref) return std::nullopt;
  auto same_number = [](std::string_view a, std::string_view b) {
    while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);  // `03` is `3`
    while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
    return a == b;
  };
  std::optional<index> found;
  for (const auto& d : net.documents())
    if (d.type() == ref->type && same_number(d.number(), ref->number) && text::search_key(d.issuer()) == text::search_key(ref->issuer)) {
      if (found) return std::nullopt;  // two documents with that number (another term): say the candidates
      found = d.position();
    }
  return found;
}

}  // namespace

std::optional<std::pair<entity_kind, index>> resolve_any(const network& net, std::initializer_list<entity_kind> kinds,
                                                         std::string_view text, std::string_view command,
                                                         std::ostream& err) {
  for (const auto kind : kinds)
    if (const auto at = net.find(kind, text)) return std::pair{kind, *at};
  if (std::find(kinds.begin(), kinds.end(), entity_kind::document) != kinds.end())
    if (const auto doc = document_numbered(net, text)) return std::pair{entity_kind::document, *doc};
  // A name: the one entity of these kinds that bears it (tone marks and case aside), or
  // the only one the search finds.
  std::vector<std::pair<entity_kind, name_match>> near, exact;
  for (const auto kind : kinds)
    for (auto& m : find_by_name(net, text, kind, 6)) {
      if (m.how == "exact" && std::none_of(exact.begin(), exact.end(), [&](const auto& e) {
            return e.first == kind && e.second.position == m.position;
          }))
        exact.emplace_back(kind, m);
      near.emplace_back(kind, std::move(m));
    }
  if (exact.size() == 1) return std::pair{exact.front().first, exact.front().second.position};
  if (exact.empty() && near.size() == 1) return std::pair{near.front().first, near.front().second.position};
  const bool one_kind = kinds.size() == 1;
  const std::string what = one_kind ? std::string(to_string(*kinds.begin())) : "entity";
  err << "danvan " << command << ": ";
  if (near.empty()) {
    err << "no " << what << " has the id or name `" << text << "`\n";
    return std::nullopt;
  }
  std::stable_sort(near.begin(), near.end(), [](const auto& x, const auto& y) { return x.second.score > y.second.score; });
  err << "`" << text << "` "
      << (exact.size() > 1 ? "names several " + (one_kind ? what + "s" : std::string("entities"))
                           : "is not the id or name of one " + what)
      << "; give one of these ids:\n";
  for (std::size_t i = 0; i < near.size() && i < 8; ++i)
    err << "  " << net.id_of(near[i].first, near[i].second.position) << "  "
        << entity_name(net, near[i].first, near[i].second.position) << '\n';
  return std::nullopt;
}

std::optional<index> resolve(const network& net, entity_kind kind, std::string_view text, std::string_view command,
                             std::ostream& err) {
  const auto found = resolve_any(net, {kind}, text, command, err);
  return found ? std::optional<index>(found->second) : std::nullopt;
}

std::optional<std::string> role_word(const network& net, std::string_view word, std::string_view command,
                                     std::ostream& err) {
  const auto& roles = net.vocabulary().all();
  const std::string key = text::search_key(word);
  for (const auto& r : roles) {
    if (r.name == word) return r.name;
    for (const auto& label : r.labels)
      if (text::search_key(label) == key) return r.name;
  }
  err << "danvan " << command << ": `" << word << "` is not a role; the roles are";
  for (std::size_t i = 0; i < roles.size(); ++i)
    err << (i ? ", " : " ") << roles[i].name << (roles[i].labels.empty() ? "" : " (" + roles[i].labels.front() + ")");
  err << '\n';
  return std::nullopt;
}

std::optional<scope> read_scope(const network& net, const query_options& opt, std::string_view command,
                                std::ostream& err) {
  scope s;
  for (const auto& word : opt.roles) {
    const auto role = role_word(net, word, command, err);
    if (!role) return std::nullopt;
    s.roles.push_back(*role);
  }
  auto id_of = [&](entity_kind kind, const std::string& text, std::string& into) {
    if (text.empty()) return true;
    const auto at = resolve(net, kind, text, command, err);
    if (at) into = std::string(net.id_of(kind, *at));
    return at.has_value();
  };
  if (!id_of(entity_kind::program, opt.program, s.program) || !id_of(entity_kind::document, opt.document, s.document))
    return std::nullopt;
  for (const auto& a : opt.areas)
    if (!id_of(entity_kind::area, a, s.areas.emplace_back())) return std::nullopt;
  for (const auto& t : opt.topics)
    if (!id_of(entity_kind::topic, t, s.topics.emplace_back())) return std::nullopt;
  return s;
}

void add_entity_columns(table& t, const network& net, const std::string& name, entity_kind kind,
                        const std::vector<index>& positions) {
  column id(name, column_kind::reference, kind);
  column names(name + "_name", column_kind::text);
  names.empty_is_none = true;
  id.positions = positions;
  for (const index p : positions) names.push_text(p == no_index ? std::string_view{} : entity_name(net, kind, p));
  t.add(std::move(id));
  t.add(std::move(names));
}

table responsibility_table(const network& net, const std::vector<responsibility_row>& rows) {
  table t;
  std::vector<index> orgs;
  column role("role", column_kind::text), target_kind = column::codes_of<entity_kind>("target_kind", "entity_kind");
  column letter = column::codes_of<raci>("raci", "raci");
  column target("target", column_kind::text), target_name("target_name", column_kind::text);
  column path("path", column_kind::text), via("via", column_kind::text);
  via.empty_is_none = true;
  for (const auto& r : rows) {
    orgs.push_back(r.org);
    role.push_text(net.vocabulary()[r.name].name);
    letter.codes.push_back(static_cast<std::uint8_t>(r.letter));
    target_kind.codes.push_back(static_cast<std::uint8_t>(r.target_kind));
    target.push_text(net.id_of(r.target_kind, r.target));
    target_name.push_text(entity_name(net, r.target_kind, r.target));
    path.push_text(r.path == role_path::own ? "own" : r.path == role_path::program_task ? "program_task" : "implements");
    via.push_text(r.program != no_index    ? net.id_of(entity_kind::program, r.program)
                  : r.document != no_index ? net.id_of(entity_kind::document, r.document)
                                           : std::string_view{});
  }
  add_entity_columns(t, net, "org", entity_kind::organization, orgs);
  for (auto* c : {&role, &letter, &target_kind, &target, &target_name, &path, &via}) t.add(std::move(*c));
  return t;
}

void print_rows(const streams& io, const query_options& opt, const table& t, const network& net, const char* rows_key,
                const json& about) {
  if (opt.format == "json") {
    json out = {{"file", opt.file}};
    out.update(about);
    out[rows_key] = table_json(t, &net);
    io.out << dump(out) << '\n';
  } else if (opt.format == "csv") {
    write_csv(io.out, t, &net);
  } else {
    write_text(io.out, t, &net);
  }
  io.out.flush();
}

}  // namespace danvan::cli

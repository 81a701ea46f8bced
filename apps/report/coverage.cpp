// Coverage: what the rules found, by severity, each with the entity's name, the
// message and the evidence the entity cites (the spanned text when the source's text
// was given with --texts, else the source and the span).
#include "report.hpp"

#include "html.hpp"

#include <map>

namespace danvan::cli::report {
namespace {

std::vector<evidence_ref> evidence_of(const network& net, entity_kind kind, index i) {
  switch (kind) {
    case entity_kind::area: return net.areas()[i].sources();
    case entity_kind::topic: return net.topics()[i].sources();
    case entity_kind::organization: return net.organizations()[i].sources();
    case entity_kind::document: return net.documents()[i].sources();
    case entity_kind::program: return net.programs()[i].sources();
    case entity_kind::task: return net.tasks()[i].sources();
    case entity_kind::event: return net.events()[i].sources();
    case entity_kind::source: return net.sources()[i].sources();
  }
  return {};
}

std::string evidence_html(const input& in, const network& checked, const violation& v) {
  if (v.entity == no_index) return {};
  std::string out;
  const auto refs = evidence_of(checked, v.kind, v.entity);
  for (std::size_t k = 0; k < refs.size() && k < 3; ++k) {
    const auto& e = refs[k];
    const auto src = checked.sources()[e.source];
    out += k ? "<br>" : "";
    out += "<code title=\"" + escape(src.name()) + "\">" + escape(src.id()) + "</code>";
    if (!e.begin || !e.end) continue;
    out += " <span class=\"mono\">[" + std::to_string(*e.begin) + ", " + std::to_string(*e.end) + ")</span>";
    if (auto text = in.texts.span(src.sha256(), *e.begin, *e.end)) out += " <q>" + escape(shorten(*text, 240)) + "</q>";
  }
  if (refs.size() > 3) out += "<br><span class=\"more\">" + escape(in.w.more(refs.size() - 3, "rows")) + "</span>";
  return out;
}

std::string entity_html(const input& in, const network& checked, const violation& v) {
  const std::string name = v.entity == no_index ? v.entity_id : std::string(name_of(checked, v.kind, v.entity));
  return "<span class=\"note\">" + escape(in.w.kind(v.kind)) + "</span><br><span title=\"" + escape(v.entity_id) +
         "\">" + escape(name) + "</span>";
}

/// Counts by rule: how many findings each rule of the set has.
std::string by_rule(const input& in, const std::vector<finding>& found) {
  std::map<std::uint32_t, std::size_t> counts;
  for (const auto& f : found) ++counts[f.rule];
  table t;
  t.headings = {std::string(in.w("rule")), std::string(in.w("severity")), std::string(in.w("count"))};
  for (const auto& [rule, n] : counts) {
    const auto& r = in.rules.rules[rule];
    t.rows.push_back({{"<code>" + escape(r.name) + "</code>", {}},
                      {badge(to_string(r.severity), in.w.severity(r.severity)), std::to_string(static_cast<int>(r.severity))},
                      number_cell(n)});
  }
  return "<h3>" + escape(in.w("by_rule")) + "</h3>\n" + t.html(in.w("filter"));
}

std::string of_severity(const input& in, const network& checked, const std::vector<finding>& found, severity level) {
  std::vector<finding> chosen;
  std::size_t total = 0;
  for (const auto& f : found)
    if (f.severity == level && ++total <= in.top * 4) chosen.push_back(f);
  if (total == 0) return {};
  const auto described = describe(in.full, in.rules, in.as_of, chosen);
  table t;
  t.headings = {std::string(in.w("rule")), std::string(in.w("entity")), std::string(in.w("message")),
                std::string(in.w("evidence"))};
  for (const auto& v : described)
    t.rows.push_back({{"<code>" + escape(v.rule) + "</code>", {}},
                      {entity_html(in, checked, v), {}},
                      text_cell(v.message),
                      {evidence_html(in, checked, v), {}}});
  t.note = in.w.more(total - chosen.size(), "findings");
  return "<h3>" + badge(to_string(level), in.w.severity(level)) + " " + std::to_string(total) + " " +
         escape(in.w("findings")) + "</h3>\n" + t.html(in.w("filter"));
}

}  // namespace

std::string coverage_section(const input& in) {
  const auto found = find_violations(in.full, in.rules, in.as_of);
  const auto checked = checked_network(in.full, in.rules, in.as_of);
  std::string body = "<p class=\"note\">" + escape(in.w("rules")) + ": " + escape(in.rules_label);
  if (const auto day = check_day(in.full, in.rules, in.as_of)) body += " · " + escape(in.w("as_of")) + " " + day->to_string();
  body += "</p>\n";
  if (found.empty()) return section(in, "coverage", body + "<p>" + escape(in.w("no_findings")) + "</p>\n");
  body += by_rule(in, found);
  for (auto level : {severity::error, severity::warning, severity::info}) body += of_severity(in, *checked, found, level);
  return section(in, "coverage", body);
}

}  // namespace danvan::cli::report

// The summary card: what the network holds, its dates, validity, the ceiling applied
// and the sources with their SHA-256.
#include "report.hpp"

#include "html.hpp"

namespace danvan::cli::report {
namespace {

std::string cards(const input& in) {
  std::string out = "<div class=\"cards\">";
  auto card = [&](std::size_t n, std::string_view what) {
    out += "<div class=\"card\"><b>" + std::to_string(n) + "</b><span>" + escape(what) + "</span></div>";
  };
  for (auto k : {entity_kind::organization, entity_kind::document, entity_kind::program, entity_kind::task,
                 entity_kind::event, entity_kind::source, entity_kind::area, entity_kind::topic})
    card(k == entity_kind::event ? in.full.size(k) : in.net.size(k), in.w.kind(k));
  card(in.net.roles().size(), in.w("roles"));
  return out + "</div>\n";
}

std::string period_text(const period& p) {
  return (p.start.empty() ? std::string("…") : p.start.to_string()) + " – " +
         (p.end.empty() ? std::string("…") : p.end.to_string());
}

std::string facts(const input& in) {
  const auto& w = in.w;
  std::string out = "<dl class=\"facts\">";
  auto fact = [&](std::string_view key, const std::string& html) {
    out += "<dt>" + escape(w(key)) + "</dt><dd>" + html + "</dd>";
  };
  fact("file", "<code>" + escape(in.file) + "</code>");
  fact("date_range", escape(period_text(in.full.date_range())));
  const auto& warnings = in.full.warnings();
  std::string validity = warnings.empty() ? escape(w("valid_no_warning"))
                                          : std::to_string(warnings.size()) + " " + escape(w("warnings"));
  for (std::size_t i = 0; i < warnings.size() && i < 5; ++i)
    validity += "<br><span class=\"note\">" + escape(warnings[i].to_string()) + "</span>";
  if (warnings.size() > 5) validity += "<br><span class=\"note\">" + escape(w.more(warnings.size() - 5, "warnings")) + "</span>";
  fact("validity", validity);
  fact("ceiling", in.ceiling ? "<b>" + escape(to_string(*in.ceiling)) + "</b>" : escape(w("no_ceiling")));
  fact("as_of", in.as_of ? escape(in.as_of->to_string()) : escape(w("none")));
  fact("window", in.window ? escape(period_text(*in.window)) : escape(w("all_time")));
  fact("rules", escape(in.rules_label));
  return out + "</dl>\n";
}

std::string sources(const input& in) {
  const auto& w = in.w;
  table t;
  t.headings = {std::string(w("id")), std::string(w("name")), std::string(w("kind")), std::string(w("date")),
                std::string(w("sha256")), std::string(w("text"))};
  std::size_t more = 0;
  for (const auto s : in.full.sources()) {
    if (t.rows.size() == 4 * in.top) {
      ++more;
      continue;
    }
    const bool have = !s.sha256().empty() && in.texts.find(s.sha256()) != nullptr;
    std::string name = escape(s.name());
    if (!s.url().empty()) name += "<br><span class=\"mono note\">" + escape(s.url()) + "</span>";
    t.rows.push_back({{"<code>" + escape(s.id()) + "</code>", {}},
                      {name, {}},
                      text_cell(s.kind()),
                      text_cell(s.date().empty() ? "" : s.date().to_string()),
                      {"<code>" + escape(s.sha256()) + "</code>", {}},
                      text_cell(s.sha256().empty() ? w("none") : have ? w("text_loaded") : w("text_absent"))});
  }
  t.note = w.more(more, "rows");
  return "<h3>" + escape(w("sources")) + "</h3>\n" + t.html(w("filter"));
}

}  // namespace

std::string summary_section(const input& in) { return section(in, "summary", cards(in) + facts(in) + sources(in)); }

}  // namespace danvan::cli::report

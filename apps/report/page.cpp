// The page around the sections: head, style (screen and print), contents, the small
// script that sorts and filters tables. Nothing is fetched: no URL appears in a
// `src` or `href`, and the style and script are inline.
#include "report.hpp"

#include "html.hpp"

namespace danvan::cli::report {
namespace {

constexpr const char* style = R"css(
:root { --ink:#1d2430; --muted:#5b6472; --line:#d8dde6; --band:#f4f6f9; --accent:#8c1d18; }
* { box-sizing:border-box; }
body { font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif; color:var(--ink); margin:0; line-height:1.4; font-size:14px; }
header { background:var(--accent); color:#fff; padding:16px 28px; }
header h1 { margin:0; font-size:22px; }
header p { margin:4px 0 0; opacity:.9; }
nav { padding:8px 28px; background:var(--band); border-bottom:1px solid var(--line); position:sticky; top:0; z-index:2; }
nav a { margin-right:18px; color:var(--accent); text-decoration:none; font-weight:600; }
main { padding:0 28px 40px; max-width:1400px; }
section { margin-top:28px; }
h2 { border-bottom:2px solid var(--accent); padding-bottom:4px; font-size:19px; }
h2 .alt, h3 .alt { color:var(--muted); font-weight:normal; font-size:.8em; margin-left:8px; }
h3 { font-size:16px; margin:22px 0 8px; }
.cards { display:flex; flex-wrap:wrap; gap:12px; }
.card { border:1px solid var(--line); border-radius:6px; padding:10px 14px; background:#fff; min-width:120px; }
.card b { display:block; font-size:22px; }
.card span { color:var(--muted); }
dl.facts { display:grid; grid-template-columns:max-content auto; gap:4px 16px; }
dl.facts dt { color:var(--muted); }
dl.facts dd { margin:0; }
table { border-collapse:collapse; width:100%; margin:6px 0; }
th, td { border:1px solid var(--line); padding:4px 7px; text-align:left; vertical-align:top; }
th { background:var(--band); position:relative; }
table.sortable th { cursor:pointer; }
th[aria-sort=ascending]::after { content:" ▲"; font-size:.7em; }
th[aria-sort=descending]::after { content:" ▼"; font-size:.7em; }
tbody tr:nth-child(even) { background:#fafbfc; }
.more { color:var(--muted); font-style:italic; margin:2px 0 10px; }
.note { color:var(--muted); }
.badge { display:inline-block; border-radius:3px; padding:0 5px; font-size:11px; font-weight:700; background:#e4e8ef; margin-right:3px; }
.badge.error { background:#b3261e; color:#fff; } .badge.warning { background:#f2b705; } .badge.info { background:#cfe2ff; }
.badge.R { background:#d6ecd2; } .badge.A { background:#f9d9d6; } .badge.C { background:#dfe7f7; } .badge.I { background:#eee; }
code, .mono { font-family:"DejaVu Sans Mono",monospace; font-size:12px; overflow-wrap:anywhere; }
q { font-style:italic; color:#333; }
input.filter { width:280px; padding:4px 8px; margin:4px 0; border:1px solid var(--line); border-radius:4px; }
table.heat { width:auto; }
table.heat td { text-align:center; min-width:34px; font-size:12px; }
table.heat th.col { text-align:center; font-weight:normal; font-size:12px; }
table.heat th.row { white-space:nowrap; font-weight:normal; font-size:12px; }
table.heat td.self { background:#eceff3; color:var(--muted); }
svg.graph { width:100%; height:auto; max-height:1000px; border:1px solid var(--line); background:#fff; }
svg.timeline { width:100%; height:auto; font-size:11px; }
svg.timeline text.label.group { font-weight:700; }
svg.timeline text.tick { fill:var(--muted); text-anchor:middle; }
svg.timeline line.tick { stroke:var(--line); }
svg.timeline rect.bar { fill:#6d8fc7; } svg.timeline rect.bar.group { fill:var(--accent); }
svg.timeline rect.bar.open { fill-opacity:.45; }
svg.timeline line.today { stroke:#d08700; stroke-width:2; stroke-dasharray:4 3; }
footer { color:var(--muted); padding:12px 28px; border-top:1px solid var(--line); }
@media print {
  nav, input.filter { display:none !important; }
  header { background:none; color:#000; border-bottom:2px solid #000; }
  body { font-size:10pt; } main { max-width:none; padding:0; }
  section { break-before:page; } section:first-of-type { break-before:auto; }
  tr, .card, svg { break-inside:avoid; }
  th { background:#eee !important; -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  td { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
}
)css";

// Sorting by a click on a heading, filtering by the box before a table. Tables read
// the same without it.
constexpr const char* script = R"js(
(function () {
  function value(td) {
    var v = td.getAttribute('data-sort');
    if (v === null) return td.textContent.trim().toLowerCase();
    var n = Number(v);
    return isNaN(n) ? v : n;
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th').forEach(function (th, col) {
      th.addEventListener('click', function () {
        var down = th.getAttribute('aria-sort') === 'ascending';
        table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = value(a.cells[col]), y = value(b.cells[col]);
          var c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y));
          return down ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll('input.filter').forEach(function (box) {
    box.hidden = false;
    var table = box.parentNode.querySelector('table');
    box.addEventListener('input', function () {
      var q = box.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
)js";

constexpr std::string_view section_ids[] = {"summary", "responsibility", "coverage", "overlap", "time"};

}  // namespace

std::string section(const input& in, std::string_view id, std::string_view body) {
  const words other(in.w.lang() == "en" ? "vi" : "en");
  return "<section id=\"" + std::string(id) + "\"><h2>" + escape(in.w(id)) + "<span class=\"alt\" lang=\"" +
         std::string(other.lang()) + "\">" + escape(other(id)) + "</span></h2>\n" + std::string(body) + "</section>\n";
}

std::string page(const input& in, const std::string& sections) {
  const std::string title = in.net.meta().title.empty() ? std::string(in.w("title")) : in.net.meta().title;
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(in.w.lang()) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"danvan report\">\n";
  out += "<title>" + escape(title) + " — " + escape(in.w("title")) + "</title>\n<style>" + style + "</style>\n</head>\n";
  out += "<body>\n<header><h1>" + escape(title) + "</h1><p>" + escape(in.w("title")) + " · " + escape(in.file);
  if (in.as_of) out += " · " + escape(in.w("as_of")) + " " + in.as_of->to_string();
  out += "</p></header>\n<nav aria-label=\"" + escape(in.w("contents")) + "\">";
  for (const auto id : section_ids) out += "<a href=\"#" + std::string(id) + "\">" + escape(in.w(id)) + "</a>";
  out += "</nav>\n<main>\n" + sections + "</main>\n<footer>" + escape(in.w("generated")) + "</footer>\n";
  out += "<script>" + std::string(script) + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace danvan::cli::report

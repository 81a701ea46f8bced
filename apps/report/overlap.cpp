// Overlap: the pairs of organizations that share most tasks, a heat map of the
// organizations sharing most work, and their coordination graph laid out by Graphviz.
#include "report.hpp"

#include "graphviz.hpp"
#include "html.hpp"

#include <danvan/query/names.hpp>
#include <danvan/query/overlap.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace danvan::cli::report {
namespace {

std::string pairs_table(const input& in, const scope& s) {
  const auto pairs = top_pairs(in.net, s, in.top, {});
  if (pairs.empty()) return "<p>" + escape(in.w("no_pairs")) + "</p>\n";
  table t;
  t.headings = {"#", std::string(in.w("org_a")), std::string(in.w("org_b")), std::string(in.w("shared"))};
  std::size_t rank = 0;
  for (const auto& p : pairs)
    t.rows.push_back({number_cell(++rank), {org_html(in.net, p.a), {}}, {org_html(in.net, p.b), {}}, number_cell(p.count)});
  return "<h3>" + escape(in.w("top_pairs")) + "</h3>\n" + t.html(in.w("filter"));
}

/// Organizations by the work they share (sum of their row), most first; only those
/// sharing something.
std::vector<index> sharing_most(const projection& p, std::size_t k) {
  std::vector<std::uint64_t> shared(p.size, 0);
  for (index a = 0; a < p.size; ++a)
    for (auto e = p.indptr()[a]; e < p.indptr()[a + 1]; ++e) shared[a] += p.counts()[e];
  std::vector<index> order;
  for (index a = 0; a < p.size; ++a)
    if (shared[a] > 0) order.push_back(a);
  std::stable_sort(order.begin(), order.end(), [&](index a, index b) { return shared[a] > shared[b]; });
  if (order.size() > k) order.resize(k);
  return order;
}

std::uint32_t shared_count(const projection& p, index a, index b) {
  const auto e = p.find(a, b);
  return e ? p.counts()[*e] : 0;
}

std::string heat_map(const input& in, const projection& p, const std::vector<index>& orgs) {
  const auto labels = short_labels(in.net, orgs);
  std::uint32_t most = 1;
  for (const index a : orgs)
    for (const index b : orgs)
      if (a != b) most = std::max(most, shared_count(p, a, b));
  std::string out = "<h3>" + escape(in.w("heat_map")) + "</h3>\n<div class=\"table\"><table class=\"heat\"><thead><tr><th></th>";
  for (std::size_t j = 0; j < orgs.size(); ++j)
    out += "<th class=\"col\" scope=\"col\" title=\"" + escape(labels[j]) + "\">" + std::to_string(j + 1) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    out += "<tr><th class=\"row\" scope=\"row\" title=\"" + escape(in.net.organizations()[orgs[i]].name()) + "\">" +
           std::to_string(i + 1) + ". " + escape(labels[i]) + "</th>";
    for (std::size_t j = 0; j < orgs.size(); ++j) {
      if (i == j) {
        out += "<td class=\"self\">" + std::to_string(p.row_items[orgs[i]]) + "</td>";
        continue;
      }
      const auto n = shared_count(p, orgs[i], orgs[j]);
      char shade[64];
      std::snprintf(shade, sizeof shade, "background:rgba(140,29,24,%.2f)%s", 0.08 + 0.85 * n / most,
                    n * 2 > most ? ";color:#fff" : "");
      out += n == 0 ? std::string("<td></td>") : "<td style=\"" + std::string(shade) + "\">" + std::to_string(n) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

/// The DOT text of the graph: the organizations, and the heaviest edges among them.
std::string dot_text(const input& in, const projection& p, const std::vector<index>& orgs) {
  const auto labels = short_labels(in.net, orgs);
  struct edge {
    std::size_t i, j;
    std::uint32_t n;
  };
  std::vector<edge> edges;
  for (std::size_t i = 0; i < orgs.size(); ++i)
    for (std::size_t j = i + 1; j < orgs.size(); ++j)
      if (const auto n = shared_count(p, orgs[i], orgs[j])) edges.push_back({i, j, n});
  std::stable_sort(edges.begin(), edges.end(), [](const edge& a, const edge& b) { return a.n > b.n; });
  if (edges.size() > 3 * orgs.size()) edges.resize(3 * orgs.size());
  const double most = edges.empty() ? 1.0 : edges.front().n;
  std::string dot = "graph coordination {\n  graph [layout=neato, overlap=false, splines=true, sep=\"+6\", outputorder=edgesfirst];\n";
  dot += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f6f9\", color=\"#8c1d18\", fontname=\"Noto Sans\", fontsize=11];\n";
  dot += "  edge [color=\"#6d8fc780\"];\n";
  for (std::size_t i = 0; i < orgs.size(); ++i)
    dot += "  n" + std::to_string(i) + " [label=" + dot_string(labels[i]) + ", tooltip=" +
           dot_string(in.net.organizations()[orgs[i]].name()) + "];\n";
  for (const auto& e : edges) {
    char width[32];
    std::snprintf(width, sizeof width, "%.2f", 0.6 + 5.0 * e.n / most);
    dot += "  n" + std::to_string(e.i) + " -- n" + std::to_string(e.j) + " [penwidth=" + width + ", tooltip=" +
           dot_string(labels[e.i] + " — " + labels[e.j] + ": " + std::to_string(e.n)) + "];\n";
  }
  return dot + "}\n";
}

std::string graph(const input& in, const projection& p, const std::vector<index>& orgs) {
  std::string out = "<h3>" + escape(in.w("graph")) + "</h3>\n<p class=\"note\">" + escape(in.w("graph_note")) + "</p>\n";
  auto svg = run_dot(dot_text(in, p, orgs));
  if (svg.svg.empty()) return out + "<p class=\"note\">" + escape(in.w("no_dot")) + escape(svg.error) + "</p>\n";
  // Sized by the page, not by Graphviz's points.
  auto& s = svg.svg;
  const auto tag_end = s.find('>');
  std::string tag = s.substr(0, tag_end);
  for (const char* attr : {" width=\"", " height=\""})
    if (const auto at = tag.find(attr); at != std::string::npos) tag.erase(at, tag.find('"', at + std::strlen(attr)) + 1 - at);
  return out + tag + " class=\"graph\" role=\"img\"" + s.substr(tag_end) + "\n";
}

}  // namespace

std::string overlap_section(const input& in) {
  const scope s = in.query_scope();
  std::string body = pairs_table(in, s);
  const projection p = project(in.net, s, {});
  const auto graph_orgs = sharing_most(p, in.graph_orgs);
  if (graph_orgs.size() >= 2) {
    const std::vector<index> heat(graph_orgs.begin(), graph_orgs.begin() + std::min(graph_orgs.size(), in.heat_orgs));
    body += heat_map(in, p, heat) + graph(in, p, graph_orgs);
  }
  return section(in, "overlap", body);
}

}  // namespace danvan::cli::report

// danvan report — one self-contained HTML page of a network: summary, responsibility,
// coverage, overlap and time (docs/report.md). Each section is a function of the
// report's input; page() puts them together with the style and the small script.
#pragma once

#include "source_texts.hpp"
#include "words.hpp"

#include <danvan/danvan.hpp>
#include <danvan/query/coverage.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace danvan::cli::report {

/// What a report is made from. Both networks are already at the classification ceiling.
struct input {
  const network& full;  ///< the file's network (its events, the coverage check)
  const network& net;   ///< the network reported on: `full`, or `full` as of `as_of`
  std::string file;     ///< the network file as named on the command line
  std::optional<date> as_of;                 ///< --as-of
  std::optional<period> window;              ///< --window
  std::optional<classification> ceiling;     ///< --max-classification
  const rule_set& rules;                     ///< --rules, or the default rules
  std::string rules_label;                   ///< how the page names the rules
  const words& w;                            ///< the page's language
  const source_texts& texts;                 ///< texts evidence spans refer to
  std::size_t top = 25;                      ///< rows of each long table
  std::size_t graph_orgs = 40;               ///< organizations in the graph
  std::size_t heat_orgs = 16;                ///< organizations in the heat map
  /// The scope of the queries: the window, nothing else.
  [[nodiscard]] scope query_scope() const {
    scope s;
    s.window = window;
    return s;
  }
};

/// Counts per kind, dates, validity, ceiling, sources with their SHA-256.
[[nodiscard]] std::string summary_section(const input& in);
/// Who leads, advises, directs, coordinates each program and directive; chains of tasks.
[[nodiscard]] std::string responsibility_section(const input& in);
/// The rules' findings by severity, with the evidence of each entity.
[[nodiscard]] std::string coverage_section(const input& in);
/// Top pairs, the heat map and the coordination graph.
[[nodiscard]] std::string overlap_section(const input& in);
/// The timeline of programs and tasks, the reorganization events and what they carried.
[[nodiscard]] std::string time_section(const input& in);

/// A section: `<section id>` with its heading in the page's language and the other.
[[nodiscard]] std::string section(const input& in, std::string_view id, std::string_view body);
/// The whole page around the sections' HTML.
[[nodiscard]] std::string page(const input& in, const std::string& sections);

/// The name of an entity of the network (its id when it has no name).
[[nodiscard]] std::string_view name_of(const network& net, entity_kind kind, index position);
/// An organization's name, with its id as tooltip, as HTML.
[[nodiscard]] std::string org_html(const network& net, index org);

}  // namespace danvan::cli::report

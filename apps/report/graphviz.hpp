// danvan report — Graphviz as a subprocess: DOT text in, SVG out, for inlining.
#pragma once

#include <string>
#include <string_view>

namespace danvan::cli::report {

/// What `dot -Tsvg` made of a graph: the `<svg>` element (no XML prolog, doctype or
/// comments), or why there is none.
struct svg_result {
  std::string svg;    ///< empty when it failed
  std::string error;  ///< empty when it worked
};

/// Runs `dot -Tsvg` (found on PATH) with `dot_text` on its standard input.
[[nodiscard]] svg_result run_dot(std::string_view dot_text);

/// `s` quoted as a DOT string (`"` and `\` escaped, newlines as `\n`).
[[nodiscard]] std::string dot_string(std::string_view s);

}  // namespace danvan::cli::report

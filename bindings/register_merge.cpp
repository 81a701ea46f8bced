// Folding a draft into a network: danvan::merge. The Pythonic layer (danvan.merge,
// MergeResult with its report as a DataFrame) is python/danvan/_merge.py.
#include <danvan/merge.hpp>

#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

void register_merge(py::module_& m) {
  m.def(
      "merge",
      [](const network& net, const network& draft, double min_confidence, bool prefer_draft, const py::object& choose,
         const py::object& source_text) {
        merge_options o;
        o.min_confidence = min_confidence;
        o.prefer_draft = prefer_draft;
        if (!source_text.is_none()) o.source_text = source_text.cast<std::string>();
        if (!choose.is_none())
          o.choose = [choose](const merge_entry& e) -> std::optional<std::string> {
            py::gil_scoped_acquire hold;
            const py::object picked = choose(std::string(to_string(e.kind)), e.draft_id, e.candidates);
            if (picked.is_none()) return std::nullopt;
            return picked.cast<std::string>();
          };
        merge_result r;
        {
          py::gil_scoped_release release;
          r = merge(net, draft, o);
        }
        py::list entries, conflicts;
        for (const auto& e : r.entries)
          entries.append(py::make_tuple(to_string(e.kind), e.draft_id, to_string(e.status), e.id, e.candidates, e.how));
        for (const auto& c : r.conflicts)
          conflicts.append(py::make_tuple(to_string(c.kind), c.id, c.field, c.network_value, c.draft_value, c.draft_taken));
        return py::make_tuple(std::make_shared<network>(std::move(r.merged)), entries, conflicts, r.roles_added);
      },
      py::arg("net"), py::arg("draft"), py::arg("min_confidence") = 0.0, py::arg("prefer_draft") = false,
      py::arg("choose") = py::none(), py::arg("source_text") = py::none(),
      R"pbdoc(Folds a draft into a network: (merged network, entries (kind, draft_id, status, id,
candidates, how), conflicts (kind, id, field, network value, draft value, draft taken),
roles added). choose(kind, draft_id, candidates) picks a candidate id (or None) for an
ambiguous entity.)pbdoc");
}

}  // namespace danvan::bindings

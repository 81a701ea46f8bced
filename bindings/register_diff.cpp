// What changed between two networks: danvan::diff as a dict of row lists per part.
// The Pythonic layer (danvan.diff, Diff with DataFrames) is python/danvan/_diff.py.
#include <danvan/query/diff.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

void register_diff(py::module_& m) {
  m.def(
      "diff",
      [](const network& a, const network& b, std::uint32_t min_shared, const py::object& rules, bool coverage) {
        diff_options o;
        o.min_shared = min_shared;
        o.coverage = coverage;
        if (!rules.is_none()) o.rules = &rules.cast<const rule_set&>();
        network_diff d;
        {
          py::gil_scoped_release release;
          d = diff(a, b, o);
        }
        py::list entities, roles, responsibility, pairs, findings;
        for (const auto& e : d.entities)
          entities.append(py::make_tuple(to_string(e.kind), e.id, to_string(e.change), e.field, e.before, e.after));
        for (const auto& r : d.roles)
          roles.append(py::make_tuple(to_string(r.change), to_string(r.target_kind), r.target, r.role, r.org_before,
                                      r.org_after, r.event));
        for (const auto& r : d.responsibility) responsibility.append(py::make_tuple(r.org, r.before, r.after));
        for (const auto& p : d.pairs) pairs.append(py::make_tuple(p.a, p.b, p.before, p.after));
        for (const auto& f : d.findings)
          findings.append(py::make_tuple(f.resolved ? "resolved" : "new", f.rule, to_string(f.severity), f.entity, f.message));
        py::dict out;
        out["entities"] = entities;
        out["roles"] = roles;
        out["responsibility"] = responsibility;
        out["pairs"] = pairs;
        out["findings"] = findings;
        return out;
      },
      py::arg("a"), py::arg("b"), py::arg("min_shared") = 2, py::arg("rules") = py::none(), py::arg("coverage") = true,
      R"pbdoc(What changed from a to b: a dict of row tuples per part — entities (kind, id, change,
field, before, after), roles (change, target_kind, target, role, org_before, org_after,
event), responsibility (org, before R/A/C/I counts, after), pairs (a, b, before, after),
findings (new|resolved, rule, severity, entity, message).)pbdoc");
}

}  // namespace danvan::bindings

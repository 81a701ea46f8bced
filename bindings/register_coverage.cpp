// Coverage rules: rule sets (parsed from JSON text, a file, or the shipped default),
// the catalog of built-in rules, and check(). The Pythonic layer (Rules, Violation,
// load_rules) is python/danvan/_coverage.py.
#include <danvan/query/coverage.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

/// Every word of an enumeration, in enumerator order.
template <class E> std::vector<std::string> words_of() {
  return {std::begin(enum_names<E>::names), std::end(enum_names<E>::names)};
}

/// The findings (or, with messages, the violations) of a check as a dict of columns of
/// numbers: the rule's position, the severity and entity kind as codes (words in
/// "severities" and "entity_kinds"), and the entity as the Python side names it from the
/// ids and names it keeps per network, every kind's in one array (kinds in enumerator
/// order, the order of "entity_kinds"): its position there ("entity_index"), and the id
/// column's categorical made here in one pass — the positions of the entities present,
/// ascending ("entities": the categories), and each finding's rank among them
/// ("entity_code": the codes). Positions are those of `net`, the network asked, also when
/// the rules looked at it as of a day (`checked`); -1 for an entity it does not have.
py::dict findings_table(const network& net, const network& checked, const rule_set& rules,
                        const std::vector<finding>& found, const std::vector<violation>* described) {
  const std::size_t n = found.size();
  // The built-in rule of each rule of the file, numbered in order of first appearance (as
  // int8: they are built-in names, far fewer than 127).
  std::vector<std::string> checks;
  std::vector<std::int8_t> check_of_rule;
  for (const auto& r : rules.rules) {
    const auto at = std::find(checks.begin(), checks.end(), r.check);
    check_of_rule.push_back(static_cast<std::int8_t>(at - checks.begin()));
    if (at == checks.end()) checks.push_back(r.check);
  }
  constexpr std::size_t n_kinds = std::size(enum_names<entity_kind>::names);
  std::array<std::int64_t, n_kinds + 1> start{};  // where each kind starts among all entities
  for (std::size_t k = 0; k < n_kinds; ++k)
    start[k + 1] = start[k] + static_cast<std::int64_t>(net.size(static_cast<entity_kind>(k)));
  py::array_t<std::int64_t> rule_pos(static_cast<py::ssize_t>(n)), entity_index(static_cast<py::ssize_t>(n));
  py::array_t<std::int8_t> severity_code(static_cast<py::ssize_t>(n)), kind_code(static_cast<py::ssize_t>(n)),
      check_code(static_cast<py::ssize_t>(n));
  auto* rp = rule_pos.mutable_data();
  auto* ep = entity_index.mutable_data();
  auto* sp = severity_code.mutable_data();
  auto* kp = kind_code.mutable_data();
  auto* hp = check_code.mutable_data();
  std::array<std::int8_t, n_kinds> kind_found{};  // 1 for each kind found, then its code among them
  // The entities found, as one bit each: a few kilobytes where an array of every entity
  // (200 kB on M) would be fresh pages at each call.
  std::vector<std::uint64_t> seen((static_cast<std::size_t>(start[n_kinds]) + 63) / 64);
  const bool same = &net == &checked;
  for (std::size_t i = 0; i < n; ++i) {
    const finding& f = found[i];
    rp[i] = f.rule;
    hp[i] = check_of_rule[f.rule];
    sp[i] = static_cast<std::int8_t>(f.severity);
    kp[i] = static_cast<std::int8_t>(f.kind);
    kind_found[static_cast<std::size_t>(f.kind)] = 1;
    std::optional<std::size_t> at;
    if (same && f.entity != no_index)
      at = f.entity;
    else  // positions of the day's network, or a carried or orphaned role's first holder: by id
      at = net.find(f.kind, entity_id(checked, f));
    ep[i] = at ? start[static_cast<std::size_t>(f.kind)] + static_cast<std::int64_t>(*at) : -1;
    if (ep[i] >= 0) seen[static_cast<std::size_t>(ep[i]) / 64] |= std::uint64_t{1} << (ep[i] % 64);
  }
  std::vector<std::string> found_kinds;
  for (std::size_t k = 0; k < n_kinds; ++k)
    if (kind_found[k] != 0) {
      kind_found[k] = static_cast<std::int8_t>(found_kinds.size());
      found_kinds.emplace_back(enum_names<entity_kind>::names[k]);
    }
  for (std::size_t i = 0; i < n; ++i) kp[i] = kind_found[static_cast<std::size_t>(kp[i])];
  std::vector<std::int32_t> before(seen.size());  // how many entities found come before each word
  std::int32_t count = 0;
  for (std::size_t w = 0; w < seen.size(); ++w) {
    before[w] = count;
    count += std::popcount(seen[w]);
  }
  py::array_t<std::int64_t> present(static_cast<py::ssize_t>(count));
  auto* pp = present.mutable_data();
  for (std::size_t w = 0; w < seen.size(); ++w)
    for (auto bits = seen[w]; bits != 0; bits &= bits - 1)
      *pp++ = static_cast<std::int64_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
  py::array_t<std::int32_t> entity_code(static_cast<py::ssize_t>(n));
  auto* cp = entity_code.mutable_data();
  for (std::size_t i = 0; i < n; ++i) {
    if (ep[i] < 0) {
      cp[i] = -1;
      continue;
    }
    const auto w = static_cast<std::size_t>(ep[i]) / 64;
    const auto below = (std::uint64_t{1} << (ep[i] % 64)) - 1;
    cp[i] = before[w] + std::popcount(seen[w] & below);
  }
  py::dict t;
  t["rule_pos"] = rule_pos;
  t["check"] = check_code;
  t["checks"] = checks;
  t["severity"] = severity_code;
  t["entity_kind"] = kind_code;
  t["found_kinds"] = found_kinds;
  t["entity_index"] = entity_index;
  t["entity_code"] = entity_code;
  t["entities"] = present;
  t["severities"] = words_of<severity>();
  t["entity_kinds"] = words_of<entity_kind>();
  if (described) {
    const auto& v = *described;
    t["message"] = object_array(n, [&](std::size_t i) { return py::str(v[i].message); });
    t["evidence"] = object_array(n, [&](std::size_t i) { return py::tuple(py::cast(v[i].evidence)); });
  }
  return t;
}

/// One field of every rule, in file order.
std::vector<std::string> each_rule(const rule_set& r, std::string rule::*field) {
  std::vector<std::string> out;
  out.reserve(r.rules.size());
  for (const auto& x : r.rules) out.push_back(x.*field);
  return out;
}

py::dict rule_dict(const rule& r) {
  py::dict d;
  d["name"] = r.name;
  d["rule"] = r.check;
  d["severity"] = std::string(to_string(r.severity));
  d["description"] = r.description;
  d["enabled"] = r.enabled;
  d["params"] = py::cast(r.params);
  d["scope"] = py::cast(r.scope);
  d["path"] = r.path;
  return d;
}

}  // namespace

void register_coverage(py::module_& m) {
  py::class_<rule_set>(m, "RuleSet", "Core of danvan.Rules: a parsed rules file.")
      .def_static(
          "parse", [](const std::string& text, const std::string& label) { return parse_rules(text, label); },
          py::arg("text"), py::arg("label") = "<string>",
          "Parses rules JSON text; ValidationError names the JSON path of each mistake.")
      .def_static(
          "load", [](py::handle path) { return load_rules(file_path(path)); }, py::arg("path"),
          "Reads a rules file.")
      .def_static(
          "default", [] { return default_rules(); }, "The shipped default rules (data/rules/default.rules.json).")
      .def_property_readonly("file", [](const rule_set& r) { return r.file; })
      .def_property_readonly("title", [](const rule_set& r) { return r.title; })
      .def_property_readonly("as_of", [](const rule_set& r) { return r.as_of; })
      .def_property_readonly("names", [](const rule_set& r) { return each_rule(r, &rule::name); })
      .def_property_readonly("checks", [](const rule_set& r) { return each_rule(r, &rule::check); })
      .def_property_readonly("rules", [](const rule_set& r) {
        py::list out;
        for (const auto& x : r.rules) out.append(rule_dict(x));
        return out;
      })
      .def("__len__", [](const rule_set& r) { return r.rules.size(); });

  m.def(
      "check",
      [](const network& net, const rule_set& rules, const py::object& as_of) {
        const auto on = as_optional_date(as_of, "as_of");
        std::vector<violation> found;
        {
          py::gil_scoped_release release;
          found = check(net, rules, on);
        }
        py::list out;
        for (const auto& v : found)
          out.append(py::make_tuple(v.rule, v.check, std::string(to_string(v.severity)), std::string(to_string(v.kind)),
                                    v.entity_id, v.message, v.evidence));
        return out;
      },
      py::arg("net"), py::arg("rules"), py::arg("as_of") = py::none(),
      R"pbdoc(Runs the rules; returns (rule, check, severity, entity_kind, entity, message, evidence)
tuples, rule by rule in file order. as_of: a date, or None for the rules file's own.)pbdoc");

  m.def(
      "check_table",
      [](const network& net, const rule_set& rules, const py::object& as_of, bool messages) {
        const auto on = as_optional_date(as_of, "as_of");
        std::vector<finding> found;
        std::vector<violation> described;
        {
          py::gil_scoped_release release;
          found = find_violations(net, rules, on);
          if (messages) described = describe(net, rules, on, found);
        }
        return findings_table(net, *checked_network(net, rules, on), rules, found, messages ? &described : nullptr);
      },
      py::arg("net"), py::arg("rules"), py::arg("as_of") = py::none(), py::arg("messages") = false,
      R"pbdoc(The violations as a dict of columns: rule_pos (int64), check (int8: the built-in
rule, a code of the words in "checks", the file's built-in rules in order of first
appearance), severity (int8 code of the words in "severities"), entity_kind (int8 code of
the words in "found_kinds", the kinds found), the entity as entity_index (int64: its
position among every entity of `net`, kinds in the order of "entity_kinds", -1 when
`net` has none), entities (int64: the entity_index of each entity found, once,
ascending) and entity_code (int32: the position of the row's entity in entities, -1 for
none), and with messages=True also message and evidence (a tuple of ids). Without
messages no string is made: the fast form.)pbdoc");

  m.def("rule_catalog", [] {
    py::list out;
    for (const auto& def : rule_catalog()) {
      py::dict d;
      d["name"] = def.name;
      d["severity"] = std::string(to_string(def.severity));
      d["subject"] = std::string(to_string(def.subject));
      d["needs_date"] = def.needs_date;
      d["summary"] = def.summary;
      py::list params;
      for (const auto& p : def.params) {
        py::dict pd;
        pd["name"] = p.name;
        pd["type"] = std::string(to_string(p.type));
        pd["default"] = p.default_value.empty() ? py::object(py::none()) : py::object(py::str(p.default_value));
        pd["description"] = p.description;
        pd["choices"] = p.choices;
        params.append(pd);
      }
      d["params"] = params;
      out.append(d);
    }
    return out;
  }, "Every built-in rule: name, default severity, subject kind, needs_date, summary, params.");

  m.def("default_rules_text", [] { return std::string(default_rules_text()); },
        "The JSON text of the shipped default rules.");
}

}  // namespace danvan::bindings

// Time and change: successor() and the as-of view (TimeView). The Pythonic layer
// (Network.as_of, Network.successor, AsOfView) is python/danvan/_responsibility.py.
#include <danvan/query/time.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

/// A date that is not empty (a view is taken on a day, not on "unknown").
date date_arg(const py::handle& value, const char* what) {
  const date d = as_date(value, false, what);
  if (d.empty()) throw py::value_error(std::string(what) + ": the date is empty");
  return d;
}

/// A time_view that keeps its network alive.
struct bound_view {
  std::shared_ptr<const network> net;
  time_view view;
  bound_view(std::shared_ptr<const network> n, date on) : net(std::move(n)), view(*net, on) {}
};

py::dict dated_table(const network& net, const std::vector<dated_role>& rows) {
  const std::size_t n = rows.size();
  const auto& d = net.data();
  id_cache orgs(net, entity_kind::organization), tasks(net, entity_kind::task), programs(net, entity_kind::program),
      events(net, entity_kind::event);
  std::vector<py::object> names, letters;
  for (const auto& def : net.vocabulary().all()) {
    names.push_back(py::str(def.name));
    letters.push_back(word(to_string(def.letter)));
  }
  const py::object task_word = word("task"), program_word = word("program");
  auto rec = [&](std::size_t i) -> const detail::role_record& { return d.roles[rows[i].role]; };
  py::dict t;
  t["org"] = object_array(n, [&](std::size_t i) { return orgs(rows[i].org); });
  t["original_org"] = object_array(n, [&](std::size_t i) { return orgs(rows[i].original_org); });
  t["role"] = object_array(n, [&](std::size_t i) { return names[rec(i).role]; });
  t["raci"] = object_array(n, [&](std::size_t i) { return letters[rec(i).role]; });
  t["target_kind"] = object_array(n, [&](std::size_t i) {
    return rec(i).target_kind == entity_kind::task ? task_word : program_word;
  });
  t["target"] = object_array(n, [&](std::size_t i) {
    return rec(i).target_kind == entity_kind::task ? tasks(rec(i).target) : programs(rec(i).target);
  });
  t["inherited"] = number_array<bool>(n, [&](std::size_t i) { return rows[i].inherited; });
  t["orphaned"] = number_array<bool>(n, [&](std::size_t i) { return rows[i].orphaned; });
  t["event"] = object_array(n, [&](std::size_t i) { return events(rows[i].event); });
  t["org_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) {
    return rows[i].org == no_index ? std::int64_t{-1} : std::int64_t{rows[i].org};
  });
  t["original_org_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return rows[i].original_org; });
  t["target_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return rec(i).target; });
  t["role_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return rows[i].role; });
  return t;
}

py::tuple succession_tuple(const network& net, const succession& s) {
  py::list holders, events;
  for (index h : s.holders) holders.append(word(net.id_of(entity_kind::organization, h)));
  for (index e : s.events) events.append(word(net.id_of(entity_kind::event, e)));
  return py::make_tuple(holders, events, s.started);
}

entity_kind kind_word(const std::string& w) {
  if (auto k = enum_from_string<entity_kind>(w)) return *k;
  throw py::value_error("unknown entity kind '" + w + "'");
}

}  // namespace

void register_time(py::module_& m) {
  m.def(
      "successor",
      [](const network& net, const std::string& org, const py::object& on) {
        const date d = date_arg(on, "date");
        succession s;
        {
          py::gil_scoped_release release;
          s = successor(net, org, d);
        }
        return succession_tuple(net, s);
      },
      py::arg("net"), py::arg("org"), py::arg("date"),
      R"pbdoc(Who holds an organization's roles on a day: (holder ids, event ids applied in
order, started). Holders are the organization itself when nothing moved it, its
successors after reorganizations, or none when it ended without successor.)pbdoc");

  py::class_<bound_view>(m, "TimeView", "Core of danvan's as-of view: the network as it stands on one day.")
      .def(py::init([](std::shared_ptr<network> net, const py::object& on) {
             const date d = date_arg(on, "as_of");
             py::gil_scoped_release release;
             return std::make_unique<bound_view>(std::move(net), d);
           }),
           py::arg("net"), py::arg("date"))
      .def_property_readonly("date", [](const bound_view& v) { return v.view.on(); })
      .def_property_readonly("organization_count", [](const bound_view& v) { return v.view.organization_count(); })
      .def_property_readonly("task_count", [](const bound_view& v) { return v.view.task_count(); })
      .def_property_readonly("program_count", [](const bound_view& v) { return v.view.program_count(); })
      .def_property_readonly("role_count", [](const bound_view& v) { return v.view.role_count(); })
      .def("exists", [](const bound_view& v, const std::string& id) {
        const auto& net = *v.net;
        for (std::size_t k = 0; k < 8; ++k) {
          const auto kind = static_cast<entity_kind>(k);
          if (!std::string_view(id).starts_with(id_prefix(kind))) continue;
          const index i = net.at(kind, id);
          switch (kind) {
            case entity_kind::organization: return v.view.organization(i);
            case entity_kind::task: return v.view.task(i);
            case entity_kind::program: return v.view.program(i);
            case entity_kind::document: return v.view.document(i);
            case entity_kind::area: return v.view.area(i);
            default: throw py::value_error("exists: only organizations, tasks, programs, documents and areas have a day view");
          }
        }
        throw py::value_error("exists: `" + id + "` has no known id prefix");
      }, py::arg("id"), "True when the entity exists that day.")
      .def("positions", [](const bound_view& v, const std::string& kind) {
        const auto k = kind_word(kind);
        std::vector<std::int64_t> out;
        for (index i = 0; i < v.net->size(k); ++i) {
          bool in = false;
          switch (k) {
            case entity_kind::organization: in = v.view.organization(i); break;
            case entity_kind::task: in = v.view.task(i); break;
            case entity_kind::program: in = v.view.program(i); break;
            case entity_kind::document: in = v.view.document(i); break;
            case entity_kind::area: in = v.view.area(i); break;
            default: throw py::value_error("positions: only organizations, tasks, programs, documents and areas");
          }
          if (in) out.push_back(i);
        }
        return py::array_t<std::int64_t>(static_cast<py::ssize_t>(out.size()), out.data());
      }, py::arg("kind"), "Positions (int64 array) of the entities of one kind that exist that day.")
      .def("holders", [](const bound_view& v, const std::string& org) {
        const index o = v.net->at(entity_kind::organization, org);
        py::list out;
        for (index h : v.view.holders(o)) out.append(word(v.net->id_of(entity_kind::organization, h)));
        return out;
      }, py::arg("org"), "Who holds the organization's roles that day.")
      .def("moved_by", [](const bound_view& v, const std::string& org) -> py::object {
        const index e = v.view.moved_by(v.net->at(entity_kind::organization, org));
        if (e == no_index) return py::none();
        return word(v.net->id_of(entity_kind::event, e));
      }, py::arg("org"), "The last event that moved the organization's roles, or None.")
      .def("roles", [](const bound_view& v) {
        std::vector<dated_role> rows;
        {
          py::gil_scoped_release release;
          rows = v.view.roles();
        }
        return dated_table(*v.net, rows);
      }, R"pbdoc(Every role of the day as a dict of columns: org (holder id, None when orphaned),
original_org, role, raci, target_kind, target, inherited, orphaned, event (the last event
that moved it, or None), org_pos (-1 when orphaned), original_org_pos, target_pos, role_pos.)pbdoc")
      .def("roles_on", [](const bound_view& v, const std::string& id) {
        const bool task = std::string_view(id).starts_with(id_prefix(entity_kind::task));
        const bool program = std::string_view(id).starts_with(id_prefix(entity_kind::program));
        if (!task && !program) throw py::value_error("roles_on: `" + id + "` is not a task or program id");
        const auto kind = task ? entity_kind::task : entity_kind::program;
        return dated_table(*v.net, v.view.roles_on(kind, v.net->at(kind, id)));
      }, py::arg("id"), "The roles of one task or program that day, as roles()'s columns.")
      .def("roles_held", [](const bound_view& v, const std::string& org) {
        const index o = v.net->at(entity_kind::organization, org);
        std::vector<dated_role> rows;
        {
          py::gil_scoped_release release;
          rows = v.view.roles_held(o);
        }
        return dated_table(*v.net, rows);
      }, py::arg("org"), "The roles an organization holds that day, its own and inherited, as roles()'s columns.");
}

}  // namespace danvan::bindings

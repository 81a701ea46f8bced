// Responsibility queries: roles_of, portfolio, raci_matrix, accountability_chain,
// lead_of and its batch form. Tables come back as dicts of numpy arrays (ids as
// object arrays, positions as int64) so that pandas builds a DataFrame without a
// Python loop; the Pythonic layer is python/danvan/_responsibility.py.
#include <danvan/query/responsibility.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

py::dict rows_table(const network& net, const std::vector<responsibility_row>& rows) {
  const std::size_t n = rows.size();
  id_cache orgs(net, entity_kind::organization), tasks(net, entity_kind::task), programs(net, entity_kind::program),
      documents(net, entity_kind::document);
  std::vector<py::object> names;
  for (const auto& def : net.vocabulary().all()) names.push_back(py::str(def.name));
  py::dict t;
  t["org"] = object_array(n, [&](std::size_t i) { return orgs(rows[i].org); });
  t["role"] = object_array(n, [&](std::size_t i) { return names[rows[i].name]; });
  t["raci"] = object_array(n, [&](std::size_t i) { return word(to_string(rows[i].letter)); });
  t["target_kind"] = object_array(n, [&](std::size_t i) { return word(to_string(rows[i].target_kind)); });
  t["target"] = object_array(n, [&](std::size_t i) {
    return rows[i].target_kind == entity_kind::task ? tasks(rows[i].target) : programs(rows[i].target);
  });
  t["path"] = object_array(n, [&](std::size_t i) -> py::object {
    switch (rows[i].path) {
      case role_path::own: return word("own");
      case role_path::program_task: return word("program_task");
      default: return word("implements");
    }
  });
  t["program"] = object_array(n, [&](std::size_t i) { return programs(rows[i].program); });
  t["document"] = object_array(n, [&](std::size_t i) { return documents(rows[i].document); });
  t["org_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return rows[i].org; });
  t["target_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return rows[i].target; });
  t["role_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return rows[i].role; });
  return t;
}

raci parse_letter(const std::string& w) {
  if (auto l = enum_from_string<raci>(w)) return *l;
  throw py::value_error("letter: `" + w + "` is not one of R, A, C, I");
}

/// Task positions from an int array or a sequence of ids.
std::vector<index> task_positions(const network& net, const py::handle& tasks) {
  std::vector<index> out;
  const std::size_t n = net.size(entity_kind::task);
  auto from_ints = [&](const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& a) {
    if (a.ndim() != 1) throw py::value_error("tasks: expected a one-dimensional array of task positions");
    out.resize(static_cast<std::size_t>(a.shape(0)));
    const auto* data = a.data();
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (data[i] < 0 || static_cast<std::uint64_t>(data[i]) >= n)
        throw py::index_error("tasks[" + std::to_string(i) + "]: task position " + std::to_string(data[i]) +
                              " out of range (" + std::to_string(n) + " in the network)");
      out[i] = static_cast<index>(data[i]);
    }
  };
  if (py::isinstance<py::array>(tasks)) {
    const auto a = py::reinterpret_borrow<py::array>(tasks);
    const char kind = a.dtype().kind();
    if (kind == 'i' || kind == 'u') {
      from_ints(py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(a));
      return out;
    }
    if (kind != 'U' && kind != 'O')
      throw py::type_error("tasks: expected task positions (integers) or task ids (strings)");
  }
  if (py::isinstance<py::str>(tasks)) throw py::type_error("tasks: expected a sequence of task ids, not one string");
  const auto seq = py::reinterpret_borrow<py::sequence>(tasks);
  const std::size_t m = py::len(seq);
  if (m > 0 && !py::isinstance<py::str>(seq[0])) {
    from_ints(py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(tasks));
    return out;
  }
  std::vector<std::string> ids;
  ids.reserve(m);
  for (std::size_t i = 0; i < m; ++i) ids.push_back(seq[i].cast<std::string>());
  out.resize(m);
  py::gil_scoped_release release;
  for (std::size_t i = 0; i < m; ++i) out[i] = net.at(entity_kind::task, ids[i]);
  return out;
}

/// lead_of(net, task_id) without pybind11's general dispatch: a METH_FASTCALL function,
/// so that 100,000 single look-ups from Python cost tens of milliseconds. Anything
/// unusual (an unknown id, a wrong type) goes to the checked pybind11 version, which
/// raises the proper exception.
PyObject* fast_lead_of(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  auto slow = [&]() -> PyObject* {
    try {
      py::tuple call(nargs);
      for (Py_ssize_t i = 0; i < nargs; ++i) call[static_cast<std::size_t>(i)] = py::reinterpret_borrow<py::object>(args[i]);
      return py::module_::import("danvan._core").attr("_lead_of_checked")(*call).release().ptr();
    } catch (py::error_already_set& e) {
      e.restore();
      return nullptr;
    }
  };
  if (nargs != 2 || !PyUnicode_Check(args[1])) return slow();
  // The last network asked about, held (a strong reference) with its organizations' id
  // strings, so that a loop of look-ups converts neither the network nor the results.
  // The GIL guards it.
  struct last_network {
    PyObject* object = nullptr;
    const network* net = nullptr;
    std::vector<py::object> org_ids;
  };
  static last_network* last = new last_network();  // never destroyed: outlives the interpreter safely
  if (args[0] != last->object) {
    py::detail::make_caster<network> caster;
    if (!caster.load(args[0], false) || caster.value == nullptr) return slow();
    Py_INCREF(args[0]);
    PyObject* previous = last->object;
    last->object = args[0];
    last->net = static_cast<const network*>(caster.value);
    last->org_ids.assign(last->net->size(entity_kind::organization), py::object());
    Py_XDECREF(previous);
  }
  const auto& net = *last->net;
  Py_ssize_t size = 0;
  const char* text = PyUnicode_AsUTF8AndSize(args[1], &size);
  if (!text) return nullptr;
  const auto task = net.find(entity_kind::task, std::string_view(text, static_cast<std::size_t>(size)));
  if (!task) return slow();
  std::int64_t lead = no_lead;
  try {
    lead = lead_of(net, *task);
  } catch (...) {
    return slow();
  }
  if (lead < 0) Py_RETURN_NONE;
  auto& id = last->org_ids[static_cast<std::size_t>(lead)];
  if (!id) {
    const auto text_id = net.id_of(entity_kind::organization, static_cast<index>(lead));
    id = py::str(text_id.data(), text_id.size());
  }
  return id.inc_ref().ptr();
}

PyMethodDef fast_lead_of_def{
    "lead_of", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_lead_of)), METH_FASTCALL,
    "lead_of(net, task) -> str | None\n\nThe id of the single responsible (R) organization of a task, or None when "
    "there is none or several. NotFoundError for an unknown id."};

}  // namespace

void register_responsibility(py::module_& m) {
  m.def(
      "roles_of",
      [](const network& net, const std::string& id, const std::optional<scope>& s, bool rollup) {
        std::vector<responsibility_row> rows;
        {
          py::gil_scoped_release release;
          rows = roles_of(net, id, s.value_or(scope{}), rollup);
        }
        return rows_table(net, rows);
      },
      py::arg("net"), py::arg("id"), py::arg("scope") = py::none(), py::arg("rollup") = true,
      R"pbdoc(The roles on a task, program or document as a dict of columns (numpy arrays):
org, role, raci, target_kind, target, path (own, program_task, implements), program,
document (ids or None), org_pos, target_pos, role_pos (int64).)pbdoc");
  m.def(
      "portfolio",
      [](const network& net, const std::string& org, const std::optional<scope>& s, bool subunits) {
        std::vector<responsibility_row> rows;
        {
          py::gil_scoped_release release;
          rows = portfolio(net, org, s.value_or(scope{}), subunits);
        }
        return rows_table(net, rows);
      },
      py::arg("net"), py::arg("org"), py::arg("scope") = py::none(), py::arg("include_subunits") = false,
      "The roles an organization holds (and its sub-units with include_subunits), as roles_of's columns.");
  m.def(
      "raci_matrix",
      [](const network& net, const std::optional<scope>& s) {
        std::vector<raci_cell> cells;
        {
          py::gil_scoped_release release;
          cells = raci_matrix(net, s.value_or(scope{}));
        }
        const std::size_t n = cells.size();
        id_cache orgs(net, entity_kind::organization), tasks(net, entity_kind::task);
        std::vector<py::object> letters(16);
        for (unsigned mask = 0; mask < 16; ++mask) {
          std::string w;
          for (unsigned b = 0; b < 4; ++b)
            if (mask & (1u << b)) w += to_string(static_cast<raci>(b));
          letters[mask] = py::str(w);
        }
        py::dict t;
        t["task"] = object_array(n, [&](std::size_t i) { return tasks(cells[i].task); });
        t["org"] = object_array(n, [&](std::size_t i) { return orgs(cells[i].org); });
        t["raci"] = object_array(n, [&](std::size_t i) { return letters[cells[i].letters & 15u]; });
        t["task_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return cells[i].task; });
        t["org_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return cells[i].org; });
        t["letters"] = number_array<std::uint8_t>(n, [&](std::size_t i) { return cells[i].letters; });
        return t;
      },
      py::arg("net"), py::arg("scope") = py::none(),
      R"pbdoc(The RACI matrix (organizations x tasks) of a scope as its non-empty cells: task, org
(ids), raci ("R", "RA", ...), task_pos, org_pos (int64) and letters (uint8 bit mask
R=1, A=2, C=4, I=8), sorted by task then organization.)pbdoc");
  m.def(
      "accountability_chain",
      [](const network& net, const std::string& task, const std::optional<scope>& s) {
        std::vector<chain_step> steps;
        {
          py::gil_scoped_release release;
          steps = accountability_chain(net, task, s.value_or(scope{}));
        }
        py::list out;
        for (const auto& st : steps) {
          const char* link = st.link == chain_link::responsible   ? "responsible"
                             : st.link == chain_link::accountable ? "accountable"
                                                                  : "parent";
          py::object role = py::none(), target = py::none();
          if (st.role != no_index) {
            const role_view r(net, st.role);
            role = word(r.role_name());
            target = word(net.id_of(r.target_kind(), r.target()));
          }
          out.append(py::make_tuple(word(net.id_of(entity_kind::organization, st.org)), link, role, target));
        }
        return out;
      },
      py::arg("net"), py::arg("task"), py::arg("scope") = py::none(),
      "The accountability chain of a task: (org id, link, role name or None, role's task/program id or None) tuples.");
  m.add_object("lead_of", py::reinterpret_steal<py::object>(PyCFunction_NewEx(&fast_lead_of_def, nullptr, m.ptr())));
  m.def(
      "_lead_of_checked",
      [](const network& net, std::string_view task) -> py::object {
        const auto r = lead_of(net, net.at(entity_kind::task, task));
        if (r < 0) return py::none();
        return word(net.id_of(entity_kind::organization, static_cast<index>(r)));
      },
      py::arg("net"), py::arg("task"),
      "The id of the single responsible (R) organization of a task, or None when there is none or several.");
  m.def(
      "lead_of_many",
      [](const network& net, const py::object& tasks, const std::string& letter) {
        const raci l = parse_letter(letter);
        const std::vector<index> positions = task_positions(net, tasks);
        py::array_t<std::int64_t> out(static_cast<py::ssize_t>(positions.size()));
        std::int64_t* data = out.mutable_data();
        {
          py::gil_scoped_release release;
          lead_of(net, positions, std::span<std::int64_t>(data, positions.size()), l);
        }
        return out;
      },
      py::arg("net"), py::arg("tasks"), py::arg("letter") = "R",
      R"pbdoc(Batch lead_of: tasks as an int array of positions or a sequence of ids; returns an
int64 array of organization positions, -1 for none, -2 for several.)pbdoc");
  m.attr("NO_LEAD") = no_lead;
  m.attr("SEVERAL_LEADS") = several_leads;
}

}  // namespace danvan::bindings

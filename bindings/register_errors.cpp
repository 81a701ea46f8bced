// Translation of danvan's C++ exceptions into the Python exception classes of
// danvan._errors (defined in Python so that they can inherit from both
// danvan.Error and ValueError/KeyError/OSError). The message of every Python
// exception is the C++ what() text.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <danvan/error.hpp>

#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

/// C++ text as a Python str. Messages can quote bytes that are not UTF-8 (a file
/// name, what a JSON parser read): those become backslash escapes, never an error.
py::str text(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "backslashreplace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

/// A file name as os.fsdecode() gives it (undecodable bytes kept as surrogates).
py::str file_name(const std::string& s) {
  PyObject* o = PyUnicode_DecodeFSDefaultAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::object py_problem(const py::handle& type, const problem& p) {
  return type(py::arg("file") = text(p.file), py::arg("path") = text(p.path), py::arg("line") = p.line,
              py::arg("column") = p.column, py::arg("rule") = text(p.rule), py::arg("message") = text(p.message),
              py::arg("suggestion") = text(p.suggestion));
}

/// Raises the Python exception `exc` (an instance) as the pending error.
void set_error(const py::object& exc) {
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
  (void)m;
  // Most specific first: every danvan exception derives from danvan::error.
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const parse_error& e) {
      const py::module_ errors = py::module_::import("danvan._errors");
      set_error(errors.attr("ParseError")(text(e.what()), py_problem(errors.attr("Problem"), e.where())));
    } catch (const validation_error& e) {
      const py::module_ errors = py::module_::import("danvan._errors");
      const py::object type = errors.attr("Problem");
      py::list problems;
      for (const auto& q : e.problems()) problems.append(py_problem(type, q));
      set_error(errors.attr("ValidationError")(text(e.what()), problems, e.total()));
    } catch (const not_found& e) {
      const py::module_ errors = py::module_::import("danvan._errors");
      py::list suggestions;
      for (const auto& s : e.suggestions()) suggestions.append(text(s));
      set_error(errors.attr("NotFoundError")(text(e.what()), text(e.id()), suggestions));
    } catch (const io_error& e) {
      const py::module_ errors = py::module_::import("danvan._errors");
      const py::object code = e.code() ? py::object(py::int_(e.code().value())) : py::object(py::none());
      set_error(errors.attr("file_error")(text(e.what()), file_name(e.file()), code));
    } catch (const error& e) {
      const py::module_ errors = py::module_::import("danvan._errors");
      set_error(errors.attr("Error")(text(e.what())));
    }
  });
}

}  // namespace danvan::bindings

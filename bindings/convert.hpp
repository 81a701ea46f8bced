// Conversions between Python values and the core's, shared by the register_<area>.cpp
// files: dates and file names in, numpy columns out.
#pragma once

#include <danvan/date.hpp>
#include <danvan/network.hpp>
#include <danvan/query/scope.hpp>
#include <danvan/text/span.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::bindings {

/// A span of text as the (begin, end) tuple Python sees.
inline pybind11::tuple span_tuple(text::text_span s) { return pybind11::make_tuple(s.begin, s.end); }

/// A file name from a str, bytes or os.PathLike, as os.fsencode() gives it. pybind11's own
/// conversion refuses a name with a NUL as "incompatible function arguments"; this one
/// lets danvan refuse it with a FileError, and os.fsencode raises its own readable
/// TypeError or UnicodeEncodeError for what is no file name.
inline std::filesystem::path file_path(pybind11::handle name) {
  namespace py = pybind11;
  const py::bytes bytes = py::module_::import("os").attr("fsencode")(name);
  return std::filesystem::path(static_cast<std::string>(bytes));
}

/// A danvan.Date, an ISO 8601 string, a datetime.date (datetime.datetime and
/// pandas.Timestamp are ones) or a numpy.datetime64; None gives an empty date when
/// `none_ok`. A ValueError says why a string is not a date (with the ISO form of a
/// date written day first); `what` (the argument's name), when given, starts it.
inline date as_date(pybind11::handle h, bool none_ok, const char* what = nullptr) {
  namespace py = pybind11;
  const std::string prefix = what ? std::string(what) + ": " : std::string();
  if (h.is_none()) {
    if (none_ok) return {};
    throw py::type_error(prefix + "expected a date, found None");
  }
  if (py::isinstance<date>(h)) return h.cast<date>();
  if (py::isinstance<py::str>(h)) {
    const auto text = h.cast<std::string>();
    if (auto d = date::parse(text)) return *d;
    throw py::value_error(prefix + "'" + text + "' is not a date: " + date::why_not(text));
  }
  const py::object pydate = py::module_::import("datetime").attr("date");
  if (py::isinstance(h, pydate))
    return date(h.attr("year").cast<int>(), h.attr("month").cast<unsigned>(), h.attr("day").cast<unsigned>());
  const std::string type_name = py::str(h.get_type().attr("__name__"));
  if (type_name == "datetime64") {  // numpy's: its day as ISO text, NaT refused
    const auto text = py::module_::import("numpy").attr("datetime_as_string")(h, py::arg("unit") = "D").cast<std::string>();
    if (auto d = date::parse(text)) return *d;
    throw py::value_error(prefix + "numpy.datetime64('" + text + "') is not a date");
  }
  throw py::type_error(prefix + "expected a danvan.Date, an ISO 8601 string, a datetime.date or a numpy.datetime64, found " +
                       type_name);
}

/// A date that is not empty: the day a network is taken on, not "unknown".
inline date as_day(pybind11::handle h, const char* what) {
  const date d = as_date(h, false, what);
  if (d.empty()) throw pybind11::value_error(std::string(what) + ": the date is empty");
  return d;
}

/// As as_date(), but None gives nothing.
inline std::optional<date> as_optional_date(pybind11::handle h, const char* what = nullptr) {
  if (h.is_none()) return std::nullopt;
  return as_date(h, false, what);
}

/// A danvan.Scope, or None for the scope of everything.
inline scope to_scope(const pybind11::object& value) {
  if (value.is_none()) return {};
  return value.cast<scope>();
}

/// None, one string or a sequence of strings, as a list (None and `[]` are both empty).
inline std::vector<std::string> string_list(const pybind11::object& value) {
  namespace py = pybind11;
  if (value.is_none()) return {};
  if (py::isinstance<py::str>(value)) return {value.cast<std::string>()};
  return value.cast<std::vector<std::string>>();
}

/// A 1-d array of U that takes over a vector of T of the same size (no copy).
template <class U, class T> pybind11::array_t<U> take(std::vector<T>&& v) {
  namespace py = pybind11;
  static_assert(sizeof(U) == sizeof(T));
  const auto n = static_cast<py::ssize_t>(v.size());
  if (n == 0) return py::array_t<U>(0);
  auto* holder = new std::vector<T>(std::move(v));
  py::capsule owner(holder, [](void* q) { delete static_cast<std::vector<T>*>(q); });
  return py::array_t<U>({n}, {static_cast<py::ssize_t>(sizeof(U))}, reinterpret_cast<const U*>(holder->data()),
                        owner);
}

/// A Python str of UTF-8 text.
inline pybind11::str word(std::string_view w) { return pybind11::str(w.data(), w.size()); }

/// A numpy object array of `n` Python objects; get(i) returns a new reference.
template <class Get> pybind11::array object_array(std::size_t n, Get&& get) {
  namespace py = pybind11;
  py::array out(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)});
  auto** data = static_cast<PyObject**>(out.mutable_data());
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* old = data[i];
    data[i] = get(i).release().ptr();
    Py_XDECREF(old);
  }
  return out;
}

/// A numpy array of `n` numbers of type T; get(i) gives each.
template <class T, class Get> pybind11::array_t<T> number_array(std::size_t n, Get&& get) {
  pybind11::array_t<T> out(static_cast<pybind11::ssize_t>(n));
  T* data = out.mutable_data();
  for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<T>(get(i));
  return out;
}

/// Python strings of the ids of one kind, each made once however often it is asked
/// for (a table of a million roles names a few thousand organizations).
class id_cache {
 public:
  id_cache(const network& net, entity_kind kind) : net_(net), kind_(kind), cache_(net.size(kind)) {}
  /// The id at position `i`; None for no_index.
  pybind11::object operator()(index i) {
    if (i == no_index) return pybind11::none();
    auto& s = cache_[i];
    if (!s) s = word(net_.id_of(kind_, i));
    return s;
  }
  /// The ids at `positions`, as a tuple.
  pybind11::tuple tuple(std::span<const index> positions) {
    pybind11::tuple t(positions.size());
    for (std::size_t k = 0; k < positions.size(); ++k) t[k] = (*this)(positions[k]);
    return t;
  }

 private:
  const network& net_;
  entity_kind kind_;
  std::vector<pybind11::object> cache_;
};

}  // namespace danvan::bindings

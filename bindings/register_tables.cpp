// The network's tables (danvan/tables.hpp) for the pandas layer, python/danvan/_frames.py:
// one call a table, every column a numpy array filled in C++, so that building a
// DataFrame never loops over rows in Python.
//
// A table comes as a dict: column name -> (kind, values, of), in the table's order:
//   kind              values                                               of
//   "integer"         int64                                                None
//   "number"          float64                                              None
//   "boolean"         bool                                                 None
//   "text"            object: str, or None where the column has no value    None
//   "text_list"       object: tuples of str                                None
//   "reference"       int32 positions, -1 for none                         the entity kind (ids: id_array)
//   "reference_list"  object: tuples of ids                                the entity kind
//   "code"            uint8 codes, 255 for none                            (vocabulary name, [word of each code])
//   "date"            (first, last, precision): the first and the last day   None
//                     as int64 nanoseconds since 1970-01-01, as pandas keeps
//                     datetimes (NaT, the smallest int64, for no date and for
//                     a date beyond pandas' 1677-09-22 .. 2262-04-11), and
//                     uint8 precision (0 none, 1 year, 2 month, 3 day)
// References stay positions so that Python maps a whole column through one id array
// with numpy.take; lists of references come as ids, because tuples are made here anyway.
// Columns of numbers (integer, number, boolean, reference, code) are the table's own
// vectors handed to numpy, not copies: at millions of rows a copy costs its page faults
// (no_index, 0xFFFFFFFF, reads as int32 -1).
#include <danvan/network.hpp>
#include <danvan/tables.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

constexpr const char* kind_words[] = {"integer", "number", "boolean", "text", "reference",
                                      "code",    "date",   "text_list", "reference_list"};

/// A date column in the form pandas keeps dates in: made here in one pass, because at
/// millions of rows every intermediate array costs its page faults.
py::tuple dates(const std::vector<date>& in) {
  constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t ns_per_day = 86'400'000'000'000;
  constexpr std::int32_t min_day = -106'000, max_day = 106'000;  // within 1677-09-22 .. 2262-04-11
  const auto n = static_cast<py::ssize_t>(in.size());
  py::array_t<std::int64_t> first(n), last(n);
  py::array_t<std::uint8_t> precision(n);
  auto* f = first.mutable_data();
  auto* l = last.mutable_data();
  auto* p = precision.mutable_data();
  for (const date d : in) {
    const bool shown = !d.empty() && d.first_day() >= min_day && d.last_day() <= max_day;
    *f++ = shown ? std::int64_t{d.first_day()} * ns_per_day : nat;
    *l++ = shown ? std::int64_t{d.last_day()} * ns_per_day : nat;
    *p++ = static_cast<std::uint8_t>(d.precision());
  }
  return py::make_tuple(first, last, precision);
}

/// The values of one column as the convention above has them (its vectors of numbers
/// moved out).
py::object values(column& c, const network& net, std::optional<id_cache>& ids) {
  static_assert(std::is_same_v<index, std::uint32_t> && no_index == 0xFFFFFFFFu);
  const std::size_t n = c.rows();
  switch (c.kind) {
    case column_kind::integer: return take<std::int64_t>(std::move(c.integers));
    case column_kind::number: return take<double>(std::move(c.numbers));
    case column_kind::boolean: return take<bool>(std::move(c.booleans));
    case column_kind::text:
      return object_array(n, [&](std::size_t i) -> py::object {
        const auto s = c.text(i);
        return s.empty() && c.empty_is_none ? py::object(py::none()) : py::object(word(s));
      });
    case column_kind::reference: return take<std::int32_t>(std::move(c.positions));
    case column_kind::code: return take<std::uint8_t>(std::move(c.codes));
    case column_kind::date: return dates(c.dates);
    case column_kind::text_list:
      return object_array(n, [&](std::size_t i) {
        const auto [first, last] = c.values(i);
        py::tuple t(last - first);
        for (std::size_t k = first; k < last; ++k) t[k - first] = word(c.text(k));
        return t;
      });
    case column_kind::reference_list:
      if (!ids) ids.emplace(net, c.of);
      return object_array(n, [&](std::size_t i) {
        const auto [first, last] = c.values(i);
        return ids->tuple(std::span<const index>(c.positions).subspan(first, last - first));
      });
  }
  return py::none();
}

/// `t` as the dict of the convention above. The table is convert()'s own, so its
/// columns' vectors of numbers are moved out rather than copied; a table lends its
/// columns as const only, hence the cast (of an object that is not const: well defined).
py::dict to_python(table&& t, const network& net) {
  std::array<std::optional<id_cache>, 8> ids;  // one a kind, shared by the columns that refer to it
  py::dict out;
  for (const auto& kept : t.columns()) {
    auto& c = const_cast<column&>(kept);
    py::object of = py::none();
    if (c.kind == column_kind::reference || c.kind == column_kind::reference_list) of = word(to_string(c.of));
    if (c.kind == column_kind::code) of = py::make_tuple(word(c.vocabulary), c.words);
    out[word(c.name)] = py::make_tuple(kind_words[static_cast<std::size_t>(c.kind)],
                                       values(c, net, ids[static_cast<std::size_t>(c.of)]), of);
  }
  return out;
}

/// The table `build` makes of `net`, built without the GIL.
template <class Build> py::dict convert(const network& net, Build&& build) {
  table t;
  {
    py::gil_scoped_release release;
    t = build();
  }
  return to_python(std::move(t), net);
}

entity_kind kind_of(const std::string& word) {
  const auto kind = enum_from_string<entity_kind>(word);
  if (!kind) throw py::value_error("unknown entity kind '" + word + "'");
  return *kind;
}

}  // namespace

void register_tables(py::module_& m) {
  m.def(
      "entity_table", [](const network& net, const std::string& kind) {
        const entity_kind k = kind_of(kind);
        return convert(net, [&] { return entity_table(net, k); });
      },
      py::arg("net"), py::arg("kind"), R"pbdoc(
The table of one entity kind (``"organization"``, ``"task"``, ...), one row per entity in
file order, as a dict ``name -> (kind, values, of)``; see the top of
bindings/register_tables.cpp for the convention. danvan.Network's ``net.organizations()``
turns it into a DataFrame.
)pbdoc");
  m.def(
      "role_table", [](const network& net) { return convert(net, [&] { return role_table(net); }); }, py::arg("net"),
      R"pbdoc(
One row per role (programs' roles, then tasks' roles): org, target_kind, target, role,
raci, classification, own_classification, source, span_begin, span_end, evidence,
valid_from, valid_to, carried_from, carried_event, as entity_table() gives its columns.
)pbdoc");
  m.def(
      "orphan_table", [](const network& net) { return convert(net, [&] { return orphan_table(net); }); },
      py::arg("net"), R"pbdoc(
The orphaned roles of a network as of a day: target_kind, target, role, org, event, date,
as entity_table() gives its columns.)pbdoc");
  m.def(
      "evidence_table", [](const network& net) { return convert(net, [&] { return evidence_table(net); }); },
      py::arg("net"), R"pbdoc(
One row per evidence entry of every entity and role: holder_kind (the entity kinds, then
``role``), holder (position), source, span_begin, span_end (-1 none) and note, as
entity_table() gives its columns.
)pbdoc");
  m.def(
      "id_array",
      [](const network& net, const std::string& kind, bool names) {
        const entity_kind k = kind_of(kind);
        return object_array(net.size(k), [&](std::size_t i) {
          const auto at = static_cast<index>(i);
          return word(names ? entity_name(net, k, at) : net.id_of(k, at));
        });
      },
      py::arg("net"), py::arg("kind"), py::arg("names") = false, R"pbdoc(
The ids (or with ``names=True`` the names) of every entity of ``kind`` as a numpy
object array, in file order.
)pbdoc");
}

}  // namespace danvan::bindings

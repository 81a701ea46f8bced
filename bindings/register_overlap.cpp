// Overlap queries: the projection onto organizations, its size, top pairs, shared
// items, topic overlap and duplicate candidates. Results are NumPy arrays that view
// the C++ result, which they keep alive (no copy); the GIL is released while computing. The
// Pythonic layer is python/danvan/_overlap.py. Also translates danvan::argument_error
// into danvan.ArgumentError (a danvan.Error and a ValueError).
#include <danvan/error.hpp>
#include <danvan/network.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/duplicates.hpp>
#include <danvan/query/overlap.hpp>
#include <danvan/query/scope.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <span>
#include <utility>
#include <string>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

/// A 1-d array of U viewing `values` (T of the same size) without a copy; `owner` keeps
/// the result that holds them alive as long as the array.
template <class U, class T> py::array_t<U> view(std::span<const T> values, const py::capsule& owner) {
  static_assert(sizeof(U) == sizeof(T));
  if (values.empty()) return py::array_t<U>(0);
  const auto n = static_cast<py::ssize_t>(values.size());
  return py::array_t<U>({n}, {static_cast<py::ssize_t>(sizeof(U))}, reinterpret_cast<const U*>(values.data()), owner);
}

/// A capsule that owns `result` (moved to the heap): the base of the arrays that view it.
template <class R> std::pair<const R*, py::capsule> own(R&& result) {
  auto* held = new R(std::move(result));
  return {held, py::capsule(held, [](void* q) { delete static_cast<R*>(q); })};
}

/// CSR offsets as SciPy wants them: int32 when every offset fits (SciPy then keeps the
/// int32 column indices as they are, without a copy), else int64.
py::array offsets(std::span<const std::uint64_t> indptr, const py::capsule& owner) {
  const std::uint64_t last = indptr.empty() ? 0 : indptr.back();
  if (last <= static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max())) {
    py::array_t<std::int32_t> out(static_cast<py::ssize_t>(indptr.size()));
    auto* o = out.mutable_data();
    for (std::size_t i = 0; i < indptr.size(); ++i) o[i] = static_cast<std::int32_t>(indptr[i]);
    return std::move(out);
  }
  return view<std::int64_t>(indptr, owner);
}

projection_options options(const std::string& on, const std::string& weight, const py::object& left,
                           const py::object& right, double min_weight, unsigned threads) {
  projection_options o;
  o.on = parse_projection_on(on);
  o.weight = parse_overlap_weight(weight);
  o.left_roles = string_list(left);
  o.right_roles = string_list(right);
  o.min_weight = min_weight;
  o.threads = threads;
  return o;
}

void check_org(const network& net, py::ssize_t pos) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= net.size(entity_kind::organization))
    throw py::index_error("organization position " + std::to_string(pos) + " is out of range (" +
                          std::to_string(net.size(entity_kind::organization)) + " organizations)");
}

constexpr const char* projection_doc = R"pbdoc(
The organization x organization projection as CSR arrays (see danvan.Network.projection).

Returns a dict: ``indptr`` (int32, or int64 past 2**31 entries), ``indices`` (int32),
``counts`` (int32: shared items), ``weights`` (float64, or None for weight="count"),
``shape``, ``symmetric``, ``on``, ``weight``, ``row_items`` and ``col_items`` (int32:
items each organization holds with a left / right role). Releases the GIL.
)pbdoc";

}  // namespace

void register_overlap(py::module_& m) {
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const argument_error& e) {
      PyObject* type = PyExc_ValueError;
      py::object cls;
      try {
        cls = py::module_::import("danvan._overlap").attr("ArgumentError");
        type = cls.ptr();
      } catch (py::error_already_set&) {
        // the Python half is missing: a plain ValueError still says what is wrong
      }
      PyErr_SetString(type, e.what());
    }
  });

  m.def(
      "projection",
      [](const network& net, const py::object& scope_, const std::string& on, const std::string& weight,
         const py::object& left_roles, const py::object& right_roles, double min_weight, unsigned threads) {
        const auto s = to_scope(scope_);
        const auto o = options(on, weight, left_roles, right_roles, min_weight, threads);
        projection p;
        {
          py::gil_scoped_release release;
          p = project(net, s, o);
        }
        py::dict out;
        out["shape"] = py::make_tuple(p.size, p.size);
        out["symmetric"] = p.symmetric;
        out["on"] = std::string(to_string(p.on));
        out["weight"] = std::string(to_string(p.weight));
        out["row_items"] = take<std::int32_t>(std::move(p.row_items));
        out["col_items"] = take<std::int32_t>(std::move(p.col_items));
        const auto [held, owner] = own(std::move(p));
        out["indptr"] = offsets(held->indptr(), owner);
        out["indices"] = view<std::int32_t>(held->indices(), owner);
        out["counts"] = view<std::int32_t>(held->counts(), owner);
        out["weights"] = held->weight == overlap_weight::count ? py::object(py::none())
                                                               : py::object(view<double>(held->weights(), owner));
        return out;
      },
      projection_doc, py::arg("net"), py::arg("scope") = py::none(), py::arg("on") = "tasks",
      py::arg("weight") = "count", py::arg("left_roles") = py::none(), py::arg("right_roles") = py::none(),
      py::arg("min_weight") = 0.0, py::arg("threads") = 0u);

  m.def(
      "projection_size",
      [](const network& net, const py::object& scope_, const std::string& on, const std::string& weight,
         const py::object& left_roles, const py::object& right_roles, double min_weight, bool exact,
         unsigned threads) {
        const auto s = to_scope(scope_);
        const auto o = options(on, weight, left_roles, right_roles, min_weight, threads);
        projection_estimate e;
        {
          py::gil_scoped_release release;
          e = estimate_projection(net, s, o, exact);
        }
        py::dict out;
        out["items"] = e.items;
        out["pair_increments"] = e.pair_increments;
        out["upper_bound"] = e.upper_bound;
        out["entries"] = e.entries ? py::object(py::int_(*e.entries)) : py::object(py::none());
        out["bytes"] = e.bytes;
        return out;
      },
      "The size of a projection before building it: items, pair_increments (sum of C(d,2)), upper_bound, "
      "entries (exact count when exact=True, else None) and bytes. Releases the GIL.",
      py::arg("net"), py::arg("scope") = py::none(), py::arg("on") = "tasks", py::arg("weight") = "count",
      py::arg("left_roles") = py::none(), py::arg("right_roles") = py::none(), py::arg("min_weight") = 0.0,
      py::arg("exact") = false, py::arg("threads") = 0u);

  m.def(
      "top_pairs",
      [](const network& net, std::size_t k, const py::object& scope_, const std::string& on,
         const std::string& weight, const py::object& left_roles, const py::object& right_roles, double min_weight,
         unsigned threads) {
        const auto s = to_scope(scope_);
        const auto o = options(on, weight, left_roles, right_roles, min_weight, threads);
        std::vector<organization_pair> pairs;
        {
          py::gil_scoped_release release;
          pairs = top_pairs(net, s, k, o);
        }
        std::vector<std::int32_t> a(pairs.size()), b(pairs.size()), c(pairs.size());
        std::vector<double> w(pairs.size());
        for (std::size_t i = 0; i < pairs.size(); ++i) {
          a[i] = static_cast<std::int32_t>(pairs[i].a);
          b[i] = static_cast<std::int32_t>(pairs[i].b);
          c[i] = static_cast<std::int32_t>(pairs[i].count);
          w[i] = pairs[i].weight;
        }
        return py::make_tuple(take<std::int32_t>(std::move(a)), take<std::int32_t>(std::move(b)),
                              take<std::int32_t>(std::move(c)), take<double>(std::move(w)));
      },
      "The k pairs of largest weight without building the projection: (a, b, counts, weights) arrays of "
      "organization positions, largest first. Releases the GIL.",
      py::arg("net"), py::arg("k"), py::arg("scope") = py::none(), py::arg("on") = "tasks",
      py::arg("weight") = "count", py::arg("left_roles") = py::none(), py::arg("right_roles") = py::none(),
      py::arg("min_weight") = 0.0, py::arg("threads") = 0u);

  m.def(
      "shared_items",
      [](const network& net, py::ssize_t a, py::ssize_t b, const py::object& scope_, const std::string& on,
         const py::object& left_roles, const py::object& right_roles) {
        check_org(net, a);
        check_org(net, b);
        const auto s = to_scope(scope_);
        const auto o = options(on, "count", left_roles, right_roles, 0.0, 0);
        std::vector<shared_item> items;
        {
          py::gil_scoped_release release;
          items = shared_items(net, s, static_cast<index>(a), static_cast<index>(b), o);
        }
        py::list out;
        const auto& vocab = net.vocabulary();
        for (const auto& it : items) {
          py::list ra, rb;
          for (auto r : it.roles_a) ra.append(vocab[r].name);
          for (auto r : it.roles_b) rb.append(vocab[r].name);
          out.append(py::make_tuple(it.item, ra, rb));
        }
        return out;
      },
      "The items organizations a and b (positions) share: a list of (item position, roles of a, roles of b).",
      py::arg("net"), py::arg("a"), py::arg("b"), py::arg("scope") = py::none(), py::arg("on") = "tasks",
      py::arg("left_roles") = py::none(), py::arg("right_roles") = py::none());

  m.def(
      "topic_overlap",
      [](const network& net, const py::object& scope_, const std::string& on, const py::object& roles,
         bool rollup) {
        const auto s = to_scope(scope_);
        topic_overlap_options o;
        o.on = parse_projection_on(on);
        o.roles = string_list(roles);
        o.rollup = rollup;
        topic_matrix t;
        {
          py::gil_scoped_release release;
          t = topic_overlap(net, s, o);
        }
        py::dict out;
        out["shape"] = py::make_tuple(t.rows, t.cols);
        const auto [held, owner] = own(std::move(t));
        out["indptr"] = offsets(held->indptr(), owner);
        out["indices"] = view<std::int32_t>(held->indices(), owner);
        out["counts"] = view<std::int32_t>(held->counts(), owner);
        return out;
      },
      "Organizations x topics counts of items as CSR arrays (indptr, indices, counts, shape).",
      py::arg("net"), py::arg("scope") = py::none(), py::arg("on") = "tasks", py::arg("roles") = py::none(),
      py::arg("rollup") = false);

  m.def(
      "duplicate_candidates",
      [](const network& net, const py::object& scope_, const std::string& on, double min_jaccard,
         const py::object& roles, std::size_t limit, std::uint32_t min_shared, const py::object& kinds,
         bool any_kind, double name_weight, double min_score) {
        const auto s = to_scope(scope_);
        duplicate_options o;
        o.on = parse_projection_on(on);
        o.min_jaccard = min_jaccard;
        o.roles = string_list(roles);
        o.limit = limit;
        o.min_shared_organizations = min_shared;
        if (!kinds.is_none())
          for (const auto& group : kinds) o.kinds.push_back(string_list(py::reinterpret_borrow<py::object>(group)));
        o.any_kind = any_kind;
        o.name_weight = name_weight;
        o.min_score = min_score;
        std::vector<duplicate_candidate> found;
        {
          py::gil_scoped_release release;
          found = duplicate_candidates(net, s, o);
        }
        py::list out;
        for (const auto& c : found) {
          auto opt_date = [](date d) { return d.empty() ? py::object(py::none()) : py::object(py::str(d.to_string())); };
          out.append(py::make_tuple(c.a, c.b, c.jaccard, c.shared_organizations, c.organizations, c.topics, c.areas,
                                    opt_date(c.common.start), opt_date(c.common.end), c.reason, c.score,
                                    c.name_similarity, c.same_kind));
        }
        return out;
      },
      "Duplicate candidates, best first: a list of (a, b, jaccard, shared, organizations, topic positions, "
      "area positions, common start, common end, reason, score, name similarity, same kind).",
      py::arg("net"), py::arg("scope") = py::none(), py::arg("on") = "tasks", py::arg("min_jaccard") = 0.5,
      py::arg("roles") = py::none(), py::arg("limit") = 0u, py::arg("min_shared") = 2u, py::arg("kinds") = py::none(),
      py::arg("any_kind") = false, py::arg("name_weight") = 0.5, py::arg("min_score") = 0.6);
}

}  // namespace danvan::bindings

// The loaded network, its entity views, dates and periods. The user-facing
// classes (danvan.Network, danvan.Organization, ...) live in
// python/danvan/_network.py over these; only Date and Period are public as bound.
//
// Lifetime: a network is held by std::shared_ptr, and every view handed to Python
// holds that pointer, so an entity keeps its network alive.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <danvan/date.hpp>
#include <danvan/io/json.hpp>
#include <danvan/network.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

using net_ptr = std::shared_ptr<const network>;

/// A view that owns a share of its network.
template <class View> struct bound {
  net_ptr net;
  index pos;
  [[nodiscard]] View v() const { return View(*net, pos); }
};

template <class View> std::optional<bound<View>> opt(const net_ptr& n, const std::optional<View>& v) {
  if (!v) return std::nullopt;
  return bound<View>{n, v->position()};
}

template <class View> std::vector<bound<View>> many(const net_ptr& n, std::span<const index> list) {
  std::vector<bound<View>> out;
  out.reserve(list.size());
  for (index i : list) out.push_back({n, i});
  return out;
}

std::vector<bound<role_view>> roles_of(const net_ptr& n, const role_range& range) {
  std::vector<bound<role_view>> out;
  out.reserve(range.size());
  for (const auto r : range) out.push_back({n, r.position()});
  return out;
}

std::optional<date> opt_date(date d) {
  if (d.empty()) return std::nullopt;
  return d;
}

/// (org, event or None, date or None): where a carried role came from, ids of the full network.
py::tuple origin_tuple(const role_origin_view& o) {
  return py::make_tuple(o.org, o.event.empty() ? py::object(py::none()) : py::cast(o.event), opt_date(o.date));
}

/// (role, org, event or None, date or None) for each orphaned role of a task or program.
template <class View> py::list orphaned_roles(const bound<View>& b) {
  py::list out;
  for (const auto& o : b.v().orphaned_roles())
    out.append(py::make_tuple(b.net->vocabulary()[o.role].name) + origin_tuple(o.origin));
  return out;
}

/// (source view or None, begin, end, note) per evidence entry.
py::list evidence_list(const net_ptr& n, const std::vector<evidence_ref>& evidence) {
  py::list out;
  for (const auto& e : evidence) {
    py::object src = e.source == no_index ? py::object(py::none()) : py::cast(bound<source_view>{n, e.source});
    out.append(py::make_tuple(src, e.begin, e.end, e.note));
  }
  return out;
}

entity_kind parse_kind(const std::string& word) {
  if (auto k = enum_from_string<entity_kind>(word)) return *k;
  std::string all;
  for (auto w : enum_names<entity_kind>::names) all += (all.empty() ? "" : ", ") + std::string(w);
  throw py::value_error("unknown entity kind '" + word + "' (one of " + all + ")");
}

py::object to_pydate(std::int32_t days_since_epoch) {
  constexpr std::int32_t epoch_ordinal = 719163;  // datetime.date(1970, 1, 1).toordinal()
  return py::module_::import("datetime").attr("date").attr("fromordinal")(days_since_epoch + epoch_ordinal);
}

std::string date_repr(date d) { return d.empty() ? "None" : "'" + d.to_string() + "'"; }

std::size_t combine(std::size_t h, std::size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)); }

/// The properties every entity view shares.
template <class View> py::class_<bound<View>> entity_class(py::module_& m, const char* name, const char* kind) {
  using B = bound<View>;
  py::class_<B> c(m, name, ("Core view of one " + std::string(kind) + "; see the danvan package for the public class.").c_str());
  c.def_property_readonly("position", [](const B& b) { return b.pos; })
      .def_property_readonly("id", [](const B& b) { return b.v().id(); })
      .def_property_readonly("name", [](const B& b) { return b.v().name(); })
      .def_property_readonly("name_en", [](const B& b) { return b.v().name_en(); })
      .def_property_readonly("aliases", [](const B& b) { return b.v().aliases(); })
      .def_property_readonly("valid_from", [](const B& b) { return opt_date(b.v().valid_from()); })
      .def_property_readonly("valid_to", [](const B& b) { return opt_date(b.v().valid_to()); })
      .def("valid_on", [](const B& b, py::handle d) { return b.v().valid_on(as_date(d, false)); }, py::arg("date"))
      .def_property_readonly("classification", [](const B& b) { return to_string(b.v().classification()); })
      .def_property_readonly("classification_stated", [](const B& b) { return b.v().classification_stated(); })
      .def_property_readonly("sources", [](const B& b) { return evidence_list(b.net, b.v().sources()); })
      .def_property_readonly("extra_json", [](const B& b) { return b.v().extra(); })
      .def("__eq__", [](const B& a, const B& b) { return a.net == b.net && a.pos == b.pos; }, py::is_operator())
      .def("__ne__", [](const B& a, const B& b) { return !(a.net == b.net && a.pos == b.pos); }, py::is_operator())
      .def("__hash__", [kind](const B& b) {
        return combine(combine(std::hash<const void*>{}(b.net.get()), std::hash<std::string_view>{}(kind)), b.pos);
      });
  return c;
}

py::object view_of(const net_ptr& n, entity_kind kind, index pos) {
  if (pos >= n->size(kind))
    throw py::index_error(std::string(to_string(kind)) + " position " + std::to_string(pos) + " out of range (" +
                          std::to_string(n->size(kind)) + " in the network)");
  switch (kind) {
    case entity_kind::area: return py::cast(bound<area_view>{n, pos});
    case entity_kind::topic: return py::cast(bound<topic_view>{n, pos});
    case entity_kind::organization: return py::cast(bound<organization_view>{n, pos});
    case entity_kind::document: return py::cast(bound<document_view>{n, pos});
    case entity_kind::program: return py::cast(bound<program_view>{n, pos});
    case entity_kind::task: return py::cast(bound<task_view>{n, pos});
    case entity_kind::event: return py::cast(bound<event_view>{n, pos});
    case entity_kind::source: return py::cast(bound<source_view>{n, pos});
  }
  return py::none();
}

void register_dates(py::module_& m) {
  py::class_<date>(m, "Date", R"pbdoc(
A calendar date known to the year, the month or the day: ``2023``, ``2023-09``,
``2023-09-16``. A coarse date stands for the whole year or month.

``==`` compares identity (``Date('2023') != Date('2023-01')``); ``<`` sorts by first
day, coarser first. Ask about time with ``surely_before``/``surely_after``.

>>> from danvan import Date
>>> d = Date("2023-09")
>>> d.year, d.month, d.day, d.precision
(2023, 9, None, 'month')
>>> str(d), d.first_day(), d.last_day()
('2023-09', datetime.date(2023, 9, 1), datetime.date(2023, 9, 30))
>>> Date("2023").surely_before("2023-06-30")
False
)pbdoc")
      .def(py::init<int, unsigned, unsigned>(), py::arg("year"), py::arg("month") = 0u, py::arg("day") = 0u,
           "The date year[-month[-day]]; month or day 0 means not known. ValueError for impossible dates.")
      .def(py::init([](py::handle value) { return as_date(value, false); }), py::arg("value"),
           "From ISO text (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), a datetime.date or a Date.")
      .def_static("parse", [](const std::string& text) { return date::parse(text); }, py::arg("text"),
                  "The date of ISO text, or None when the text is not a date.")
      .def_property_readonly("year", &date::year)
      .def_property_readonly("month", [](date d) { return d.month() ? std::optional<unsigned>(d.month()) : std::nullopt; },
                             "The month, or None when only the year is known.")
      .def_property_readonly("day", [](date d) { return d.day() ? std::optional<unsigned>(d.day()) : std::nullopt; },
                             "The day, or None when not known.")
      .def_property_readonly("precision", [](date d) { return to_string(d.precision()); },
                             "'year', 'month' or 'day'.")
      .def("first_day", [](date d) { return to_pydate(d.first_day()); }, "The first day this date covers (datetime.date).")
      .def("last_day", [](date d) { return to_pydate(d.last_day()); }, "The last day this date covers (datetime.date).")
      .def("surely_before", [](date a, py::handle b) { return surely_before(a, as_date(b, false)); }, py::arg("other"),
           "True when all of this date lies before all of `other`.")
      .def("surely_after", [](date a, py::handle b) { return surely_after(a, as_date(b, false)); }, py::arg("other"),
           "True when all of this date lies after all of `other`.")
      .def("plus_years", &date::plus_years, py::arg("years"), "This date moved by whole years, keeping its precision.")
      .def("__str__", &date::to_string)
      .def("__repr__", [](date d) { return "Date(" + date_repr(d) + ")"; })
      .def("__eq__", [](date a, date b) { return a == b; }, py::is_operator())
      .def("__ne__", [](date a, date b) { return a != b; }, py::is_operator())
      .def("__lt__", [](date a, date b) { return a < b; }, py::is_operator())
      .def("__le__", [](date a, date b) { return a <= b; }, py::is_operator())
      .def("__gt__", [](date a, date b) { return a > b; }, py::is_operator())
      .def("__ge__", [](date a, date b) { return a >= b; }, py::is_operator())
      .def("__hash__", [](date d) {
        return combine(combine(std::hash<int>{}(d.year()), d.month()), d.day());
      })
      .def(py::pickle([](date d) { return d.to_string(); }, [](const std::string& s) { return as_date(py::str(s), false); }));

  py::class_<period>(m, "Period", R"pbdoc(
An inclusive span of time ``[start, end]``, each end a Date with its own precision;
either end may be None (open). "giai đoạn 2023 – 2025" is ``Period("2023", "2025")``.

>>> from danvan import Period
>>> p = Period("2023", "2025")
>>> str(p), p.start, p.well_formed
('2023/2025', Date('2023'), True)
>>> p.overlaps("2025-12"), p.overlaps(Period("2026", None))
(True, False)
)pbdoc")
      .def(py::init([](py::handle start, py::handle end) { return period{as_date(start, true), as_date(end, true)}; }),
           py::arg("start") = py::none(), py::arg("end") = py::none())
      .def_property_readonly("start", [](const period& p) { return opt_date(p.start); })
      .def_property_readonly("end", [](const period& p) { return opt_date(p.end); })
      .def_property_readonly("empty", &period::empty, "True when both ends are open.")
      .def_property_readonly("well_formed", &period::well_formed, "False when the end lies wholly before the start.")
      .def("overlaps", [](const period& p, py::handle other) {
        if (py::isinstance<period>(other)) return p.overlaps(other.cast<period>());
        return p.overlaps(as_date(other, false));
      }, py::arg("other"), "True when the period may share a day with `other` (a Period or a date).")
      .def("__str__", [](const period& p) {
        return (p.start.empty() ? std::string("..") : p.start.to_string()) + "/" +
               (p.end.empty() ? std::string("..") : p.end.to_string());
      })
      .def("__repr__", [](const period& p) { return "Period(" + date_repr(p.start) + ", " + date_repr(p.end) + ")"; })
      .def("__eq__", [](const period& a, const period& b) { return a == b; }, py::is_operator())
      .def("__ne__", [](const period& a, const period& b) { return !(a == b); }, py::is_operator())
      .def("__hash__", [](const period& p) {
        auto h = [](date d) { return combine(combine(std::hash<int>{}(d.year()), d.month()), d.day()); };
        return combine(h(p.start), h(p.end));
      })
      .def(py::pickle([](const period& p) { return py::make_tuple(opt_date(p.start), opt_date(p.end)); },
                      [](const py::tuple& t) { return period{as_date(t[0], true), as_date(t[1], true)}; }));
}

void register_views(py::module_& m) {
  entity_class<area_view>(m, "AreaView", "area")
      .def_property_readonly("level", [](const bound<area_view>& b) { return to_string(b.v().level()); })
      .def_property_readonly("code", [](const bound<area_view>& b) { return b.v().code(); })
      .def_property_readonly("parent", [](const bound<area_view>& b) { return opt(b.net, b.v().parent()); });

  entity_class<topic_view>(m, "TopicView", "topic")
      .def_property_readonly("parent", [](const bound<topic_view>& b) { return opt(b.net, b.v().parent()); });

  using O = bound<organization_view>;
  entity_class<organization_view>(m, "OrganizationView", "organization")
      .def_property_readonly("kind", [](const O& b) { return to_string(b.v().kind()); })
      .def_property_readonly("level", [](const O& b) {
        auto l = b.v().level();
        return l ? std::optional<std::string_view>(to_string(*l)) : std::nullopt;
      })
      .def_property_readonly("area", [](const O& b) { return opt(b.net, b.v().area()); })
      .def_property_readonly("parent", [](const O& b) { return opt(b.net, b.v().parent()); })
      .def_property_readonly("roles", [](const O& b) { return roles_of(b.net, b.v().roles()); })
      .def_property_readonly("names", [](const O& b) {
        py::list out;
        for (const auto& n : b.v().names()) out.append(py::make_tuple(n.name, opt_date(n.valid_from), opt_date(n.valid_to)));
        return out;
      }, "Names over time: (name, valid_from, valid_to) tuples.")
      .def("name_on", [](const O& b, py::handle d) { return b.v().name_on(as_date(d, false, "date")); }, py::arg("date"));

  using D = bound<document_view>;
  entity_class<document_view>(m, "DocumentView", "document")
      .def_property_readonly("type", [](const D& b) { return b.v().type(); })
      .def_property_readonly("number", [](const D& b) { return b.v().number(); })
      .def_property_readonly("issuer", [](const D& b) { return b.v().issuer(); })
      .def_property_readonly("issued_by", [](const D& b) { return opt(b.net, b.v().issued_by()); })
      .def_property_readonly("date", [](const D& b) { return opt_date(b.v().date()); })
      .def_property_readonly("term", [](const D& b) { return b.v().term(); })
      .def_property_readonly("title", [](const D& b) { return b.v().title(); })
      .def_property_readonly("continues", [](const D& b) { return many<document_view>(b.net, b.v().continues()); })
      .def_property_readonly("implements", [](const D& b) { return many<document_view>(b.net, b.v().implements()); })
      .def_property_readonly("amends", [](const D& b) { return many<document_view>(b.net, b.v().amends()); })
      .def_property_readonly("replaces", [](const D& b) { return many<document_view>(b.net, b.v().replaces()); })
      .def_property_readonly("topics", [](const D& b) { return many<topic_view>(b.net, b.v().topics()); })
      .def_property_readonly("areas", [](const D& b) { return many<area_view>(b.net, b.v().areas()); })
      .def_property_readonly("reviews", [](const D& b) {
        py::list out;
        for (const auto& r : b.v().reviews()) out.append(py::make_tuple(to_string(r.kind), r.years, r.recurring));
        return out;
      });

  using P = bound<program_view>;
  entity_class<program_view>(m, "ProgramView", "program")
      .def_property_readonly("kind", [](const P& b) { return to_string(b.v().kind()); })
      .def_property_readonly("period", [](const P& b) { return b.v().period(); })
      .def_property_readonly("implements", [](const P& b) { return many<document_view>(b.net, b.v().implements()); })
      .def_property_readonly("topics", [](const P& b) { return many<topic_view>(b.net, b.v().topics()); })
      .def_property_readonly("areas", [](const P& b) { return many<area_view>(b.net, b.v().areas()); })
      .def_property_readonly("roles", [](const P& b) { return roles_of(b.net, b.v().roles()); })
      .def_property_readonly("orphaned_roles", &orphaned_roles<program_view>, "Roles nobody holds (network as of a day): (role, org, event, date) tuples.");

  using T = bound<task_view>;
  entity_class<task_view>(m, "TaskView", "task")
      .def_property_readonly("kind", [](const T& b) { return to_string(b.v().kind()); })
      .def_property_readonly("status", [](const T& b) { return to_string(b.v().status()); })
      .def_property_readonly("program", [](const T& b) { return opt(b.net, b.v().program()); })
      .def_property_readonly("implements", [](const T& b) { return many<document_view>(b.net, b.v().implements()); })
      .def_property_readonly("topics", [](const T& b) { return many<topic_view>(b.net, b.v().topics()); })
      .def_property_readonly("areas", [](const T& b) { return many<area_view>(b.net, b.v().areas()); })
      .def_property_readonly("period", [](const T& b) { return b.v().period(); })
      .def_property_readonly("due", [](const T& b) { return opt_date(b.v().due()); })
      .def_property_readonly("roles", [](const T& b) { return roles_of(b.net, b.v().roles()); })
      .def_property_readonly("orphaned_roles", &orphaned_roles<task_view>, "Roles nobody holds (network as of a day): (role, org, event, date) tuples.");

  using E = bound<event_view>;
  entity_class<event_view>(m, "EventView", "event")
      .def_property_readonly("kind", [](const E& b) { return to_string(b.v().kind()); })
      .def_property_readonly("date", [](const E& b) { return opt_date(b.v().date()); })
      .def_property_readonly("approximate", [](const E& b) { return b.v().approximate(); })
      .def_property_readonly("from_", [](const E& b) { return many<organization_view>(b.net, b.v().from()); })
      .def_property_readonly("to", [](const E& b) { return many<organization_view>(b.net, b.v().to()); })
      .def_property_readonly("shares", [](const E& b) {
        py::list out;
        for (const auto& sh : b.v().shares()) {
          py::list items;
          for (index p : sh.programs) items.append(b.net->id_of(entity_kind::program, p));
          for (index t : sh.tasks) items.append(b.net->id_of(entity_kind::task, t));
          out.append(py::make_tuple(bound<organization_view>{b.net, sh.to}, many<topic_view>(b.net, sh.topics),
                                    many<area_view>(b.net, sh.areas), items));
        }
        return out;
      }, "How a split divides roles: (to, topics, areas, item ids) tuples.");

  using S = bound<source_view>;
  entity_class<source_view>(m, "SourceView", "source")
      .def_property_readonly("kind", [](const S& b) { return b.v().kind(); })
      .def_property_readonly("title", [](const S& b) { return b.v().title(); })
      .def_property_readonly("date", [](const S& b) { return opt_date(b.v().date()); })
      .def_property_readonly("url", [](const S& b) { return b.v().url(); })
      .def_property_readonly("sha256", [](const S& b) { return b.v().sha256(); })
      .def_property_readonly("document", [](const S& b) { return opt(b.net, b.v().document()); });

  using R = bound<role_view>;
  py::class_<R>(m, "RoleView", "Core view of one role (an organization's part in a task or program).")
      .def_property_readonly("position", [](const R& b) { return b.pos; })
      .def_property_readonly("org", [](const R& b) { return bound<organization_view>{b.net, b.v().org().position()}; })
      .def_property_readonly("role", [](const R& b) { return b.v().role_name(); })
      .def_property_readonly("raci", [](const R& b) { return to_string(b.v().letter()); })
      .def_property_readonly("target_kind", [](const R& b) { return to_string(b.v().target_kind()); })
      .def_property_readonly("target", [](const R& b) { return view_of(b.net, b.v().target_kind(), b.v().target()); })
      .def_property_readonly("classification", [](const R& b) { return to_string(b.v().classification()); })
      .def_property_readonly("classification_stated", [](const R& b) { return b.v().classification_stated(); })
      .def_property_readonly("sources", [](const R& b) { return evidence_list(b.net, b.v().sources()); })
      .def_property_readonly("extra_json", [](const R& b) { return b.v().extra(); })
      .def_property_readonly("valid_from", [](const R& b) { return opt_date(b.v().valid_from()); })
      .def_property_readonly("valid_to", [](const R& b) { return opt_date(b.v().valid_to()); })
      .def_property_readonly("carried_from", [](const R& b) -> py::object {
        const auto o = b.v().carried_from();
        return o ? py::object(origin_tuple(*o)) : py::object(py::none());
      }, "Where a reorganization carried the role from: (org, event, date), or None.")
      .def("__eq__", [](const R& a, const R& b) { return a.net == b.net && a.pos == b.pos; }, py::is_operator())
      .def("__ne__", [](const R& a, const R& b) { return !(a.net == b.net && a.pos == b.pos); }, py::is_operator())
      .def("__hash__", [](const R& b) {
        return combine(combine(std::hash<const void*>{}(b.net.get()), std::hash<std::string_view>{}("role")), b.pos);
      });
}

void register_network_class(py::module_& m) {
  using N = std::shared_ptr<network>;
  py::class_<network, N>(m, "Network", "Core of danvan.Network: an immutable, indexed network.")
      .def(py::init<>())
      .def_static(
          "load",
          [](py::handle path, std::size_t max_problems) {
            const auto file = file_path(path);
            const load_options o{.max_problems = max_problems};
            py::gil_scoped_release release;
            return std::make_shared<network>(danvan::load(file, o));
          },
          py::arg("path"), py::arg("max_problems") = 100)
      .def_static(
          "loads",
          [](const std::string& text, const std::string& label, std::size_t max_problems) {
            const load_options o{.max_problems = max_problems};
            return std::make_shared<network>(danvan::loads(text, label, o));
          },
          py::arg("text"), py::arg("label") = "<string>", py::arg("max_problems") = 100,
          py::call_guard<py::gil_scoped_release>())
      .def("dumps", [](const network& n) { return danvan::dumps(n); }, py::call_guard<py::gil_scoped_release>())
      .def("save", [](const network& n, py::handle path) {
        const auto file = file_path(path);
        py::gil_scoped_release release;
        danvan::save(n, file);
      }, py::arg("path"))
      .def("size", [](const network& n, const std::string& kind) { return n.size(parse_kind(kind)); }, py::arg("kind"))
      .def("role_count", [](const network& n) { return n.roles().size(); })
      .def("find",
           [](const network& n, const std::string& kind, std::string_view id) { return n.find(parse_kind(kind), id); },
           py::arg("kind"), py::arg("id"))
      .def("at", [](const network& n, const std::string& kind, std::string_view id) { return n.at(parse_kind(kind), id); },
           py::arg("kind"), py::arg("id"))
      .def("view", [](const N& n, const std::string& kind, index pos) { return view_of(n, parse_kind(kind), pos); },
           py::arg("kind"), py::arg("position"))
      .def("role", [](const N& n, index pos) {
        if (pos >= n->roles().size())
          throw py::index_error("role position " + std::to_string(pos) + " out of range (" +
                                std::to_string(n->roles().size()) + " in the network)");
        return bound<role_view>{n, pos};
      }, py::arg("position"))
      .def("ids", [](const network& n, const std::string& kind) {
        const auto k = parse_kind(kind);
        py::list out;
        for (index i = 0; i < n.size(k); ++i) out.append(py::str(n.id_of(k, i).data(), n.id_of(k, i).size()));
        return out;
      }, py::arg("kind"))
      .def("nearest_ids", [](const network& n, const std::string& kind, std::string_view id, std::size_t limit) {
        return n.nearest_ids(parse_kind(kind), id, limit);
      }, py::arg("kind"), py::arg("id"), py::arg("limit") = 3)
      .def("date_range", &network::date_range)
      .def("memory_bytes", &network::memory_bytes)
      .def("meta", [](const network& n) {
        const auto& mt = n.meta();
        py::dict d;
        d["title"] = mt.title;
        d["description"] = mt.description;
        d["language"] = mt.language;
        d["classification"] = to_string(mt.classification);
        d["as_of"] = opt_date(mt.as_of);
        d["extra_json"] = mt.extra;
        return d;
      })
      .def("extra_json", [](const network& n) { return n.extra(); })
      .def("as_of", [](const network& n, py::handle day) {
        const date d = as_day(day, "as_of");
        std::shared_ptr<const network> out;
        {
          py::gil_scoped_release release;
          out = n.as_of(d);
        }
        return std::const_pointer_cast<network>(out);
      }, py::arg("date"), "The network as of a day (built once, kept with this one).")
      .def("warnings", [](const network& n) {
        py::list out;
        for (const auto& w : n.warnings())
          out.append(py::make_tuple(w.file, w.path, w.line, w.column, w.rule, w.message, w.suggestion));
        return out;
      }, "What the network's file has that is allowed but suspect: problem tuples.")
      .def("vocabulary", [](const network& n) {
        py::list out;
        const auto& all = n.vocabulary().all();
        for (std::size_t i = 0; i < all.size(); ++i)
          out.append(py::make_tuple(all[i].name, all[i].labels, to_string(all[i].letter), all[i].description,
                                    i < role_vocabulary::core_size()));
        return out;
      });

  py::dict prefixes;
  for (auto w : enum_names<entity_kind>::names) prefixes[py::str(w.data(), w.size())] = id_prefix(*enum_from_string<entity_kind>(w));
  m.attr("id_prefixes") = prefixes;
  m.attr("format_version") = std::string(format_version);
}

}  // namespace

void register_network(py::module_& m) {
  register_dates(m);
  register_views(m);
  register_network_class(m);
}

}  // namespace danvan::bindings

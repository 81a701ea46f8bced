// Column arrays for the pandas layer (python/danvan/_frames.py): one call per
// table, every column a numpy array filled in C++, so that building a DataFrame
// never loops over rows in Python.
//
// Keys name the column and, after a `|`, how Python turns it into a pandas column:
//   name                 ready as is (object array of str/tuples, or numbers)
//   name|ref:<kind>      int64 positions of entities of <kind>, -1 for none
//   name|code:<enum>     uint8 codes of a closed vocabulary, 255 for none
//   name|date            int32 (n, 3): first day, last day (days since 1970-01-01), precision
//                        (0 none, 1 year, 2 month, 3 day)
#include <danvan/network.hpp>
#include <danvan/query/responsibility.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

using detail::network_data;

constexpr std::uint8_t no_code = 255;

template <class Get> py::array_t<std::int32_t> dates(std::size_t n, Get&& get) {
  py::array_t<std::int32_t> out(std::vector<py::ssize_t>{static_cast<py::ssize_t>(n), 3});
  auto* data = out.mutable_data();
  for (std::size_t i = 0; i < n; ++i) {
    const date d = get(i);
    if (d.empty()) {
      data[3 * i] = data[3 * i + 1] = 0;
      data[3 * i + 2] = 0;
    } else {
      data[3 * i] = d.first_day();
      data[3 * i + 1] = d.last_day();
      data[3 * i + 2] = static_cast<std::int32_t>(d.precision());
    }
  }
  return out;
}

std::int64_t ref(index i) { return i == no_index ? -1 : static_cast<std::int64_t>(i); }

/// Python strings of the ids of one kind, each made once.
class id_strings {
 public:
  id_strings(const network& net, entity_kind kind) : net_(net), kind_(kind), cache_(net.size(kind)) {}
  py::object operator()(index i) {
    auto& s = cache_[i];
    if (!s) s = word(net_.id_of(kind_, i));
    return s;
  }
  py::tuple tuple(std::span<const index> list) {
    py::tuple t(list.size());
    for (std::size_t k = 0; k < list.size(); ++k) t[k] = (*this)(list[k]);
    return t;
  }

 private:
  const network& net_;
  entity_kind kind_;
  std::vector<py::object> cache_;
};

template <class E> py::list words() {
  py::list out;
  for (auto w : enum_names<E>::names) out.append(word(w));
  return out;
}

/// Columns every entity kind has.
template <class Record, class Side>
void common_columns(py::dict& t, const network& net, const std::vector<Record>& recs, Side&& side_of) {
  const auto& d = net.data();
  const std::size_t n = recs.size();
  t["id"] = object_array(n, [&](std::size_t i) { return word(d.str(recs[i].id)); });
  t["name"] = object_array(n, [&](std::size_t i) { return word(d.str(recs[i].name)); });
  t["name_en"] = object_array(n, [&](std::size_t i) {
    const auto* s = side_of(recs[i].side);
    return word(s ? d.str(s->name_en) : std::string_view{});
  });
  t["aliases"] = object_array(n, [&](std::size_t i) -> py::object {
    const auto* s = side_of(recs[i].side);
    py::tuple out(s ? s->aliases.length : 0);
    for (std::uint32_t k = 0; s && k < s->aliases.length; ++k) out[k] = word(d.str(d.string_lists[s->aliases.offset + k]));
    return out;
  });
  t["valid_from|date"] = dates(n, [&](std::size_t i) { return recs[i].valid_from; });
  t["valid_to|date"] = dates(n, [&](std::size_t i) { return recs[i].valid_to; });
  const auto fallback = static_cast<std::uint8_t>(net.meta().classification);
  t["classification|code:classification"] = number_array<std::uint8_t>(n, [&](std::size_t i) {
    return recs[i].classification == detail::inherit_classification ? fallback : recs[i].classification;
  });
  t["evidence"] = number_array<std::int32_t>(n, [&](std::size_t i) {
    const auto* s = side_of(recs[i].side);
    return s ? s->sources.length : 0u;
  });
  t["extra"] = object_array(n, [&](std::size_t i) {
    const auto* s = side_of(recs[i].side);
    return word(s ? d.str(s->extra) : std::string_view{});
  });
}

py::dict entity_columns(const network& net, const std::string& kind_word) {
  const auto kind = enum_from_string<entity_kind>(kind_word);
  if (!kind) throw py::value_error("unknown entity kind '" + kind_word + "'");
  const network_data& d = net.data();
  auto side_of = [&](std::uint32_t s) -> const detail::side_record* { return s == no_index ? nullptr : &d.sides[s]; };
  py::dict t;
  auto lists = [&](entity_kind of) { return id_strings(net, of); };
  switch (*kind) {
    case entity_kind::area: {
      const auto& r = d.areas;
      common_columns(t, net, r, side_of);
      t["level|code:level"] = number_array<std::uint8_t>(r.size(), [&](std::size_t i) { return r[i].level; });
      t["code"] = object_array(r.size(), [&](std::size_t i) { return word(d.str(r[i].code)); });
      t["parent|ref:area"] = number_array<std::int64_t>(r.size(), [&](std::size_t i) { return ref(r[i].parent); });
      break;
    }
    case entity_kind::topic: {
      const auto& r = d.topics;
      common_columns(t, net, r, side_of);
      t["parent|ref:topic"] = number_array<std::int64_t>(r.size(), [&](std::size_t i) { return ref(r[i].parent); });
      break;
    }
    case entity_kind::organization: {
      const auto& r = d.organizations;
      common_columns(t, net, r, side_of);
      t["kind|code:org_kind"] = number_array<std::uint8_t>(r.size(), [&](std::size_t i) { return r[i].kind; });
      t["level|code:level"] = number_array<std::uint8_t>(r.size(), [&](std::size_t i) {
        return r[i].level == detail::no_level ? no_code : r[i].level;
      });
      t["area|ref:area"] = number_array<std::int64_t>(r.size(), [&](std::size_t i) { return ref(r[i].area); });
      t["parent|ref:organization"] = number_array<std::int64_t>(r.size(), [&](std::size_t i) { return ref(r[i].parent); });
      t["roles"] = number_array<std::int64_t>(r.size(), [&](std::size_t i) {
        return d.org_role_begin.empty() ? 0u : d.org_role_begin[i + 1] - d.org_role_begin[i];
      });
      break;
    }
    case entity_kind::document: {
      const auto& r = d.documents;
      const std::size_t n = r.size();
      common_columns(t, net, r, side_of);
      t["type"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].type)); });
      t["number"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].number)); });
      t["issuer"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].issuer)); });
      t["issued_by|ref:organization"] = number_array<std::int64_t>(n, [&](std::size_t i) { return ref(r[i].issued_by); });
      t["date|date"] = dates(n, [&](std::size_t i) { return r[i].date; });
      t["term"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].term)); });
      t["title"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].title)); });
      auto docs = lists(entity_kind::document);
      auto topics = lists(entity_kind::topic);
      auto areas = lists(entity_kind::area);
      t["continues"] = object_array(n, [&](std::size_t i) { return docs.tuple(d.list(r[i].continues)); });
      t["implements"] = object_array(n, [&](std::size_t i) { return docs.tuple(d.list(r[i].implements)); });
      t["amends"] = object_array(n, [&](std::size_t i) { return docs.tuple(d.list(r[i].amends)); });
      t["replaces"] = object_array(n, [&](std::size_t i) { return docs.tuple(d.list(r[i].replaces)); });
      t["topics"] = object_array(n, [&](std::size_t i) { return topics.tuple(d.list(r[i].topics)); });
      t["areas"] = object_array(n, [&](std::size_t i) { return areas.tuple(d.list(r[i].areas)); });
      t["reviews"] = object_array(n, [&](std::size_t i) {
        py::tuple out(r[i].reviews.length);
        for (std::uint32_t k = 0; k < r[i].reviews.length; ++k) {
          const auto& rv = d.reviews[r[i].reviews.offset + k];
          out[k] = py::make_tuple(word(to_string(static_cast<review_kind>(rv.kind))), rv.years, rv.recurring);
        }
        return out;
      });
      break;
    }
    case entity_kind::program: {
      const auto& r = d.programs;
      const std::size_t n = r.size();
      common_columns(t, net, r, side_of);
      t["kind|code:program_kind"] = number_array<std::uint8_t>(n, [&](std::size_t i) { return r[i].kind; });
      t["start|date"] = dates(n, [&](std::size_t i) { return r[i].period.start; });
      t["end|date"] = dates(n, [&](std::size_t i) { return r[i].period.end; });
      auto docs = lists(entity_kind::document);
      auto topics = lists(entity_kind::topic);
      auto areas = lists(entity_kind::area);
      t["implements"] = object_array(n, [&](std::size_t i) { return docs.tuple(d.list(r[i].implements)); });
      t["topics"] = object_array(n, [&](std::size_t i) { return topics.tuple(d.list(r[i].topics)); });
      t["areas"] = object_array(n, [&](std::size_t i) { return areas.tuple(d.list(r[i].areas)); });
      t["roles"] = number_array<std::int64_t>(n, [&](std::size_t i) { return d.program_role_begin[i + 1] - d.program_role_begin[i]; });
      break;
    }
    case entity_kind::task: {
      const auto& r = d.tasks;
      const std::size_t n = r.size();
      common_columns(t, net, r, side_of);
      t["kind|code:task_kind"] = number_array<std::uint8_t>(n, [&](std::size_t i) { return r[i].kind; });
      t["status|code:task_status"] = number_array<std::uint8_t>(n, [&](std::size_t i) { return r[i].status; });
      t["program|ref:program"] = number_array<std::int64_t>(n, [&](std::size_t i) { return ref(r[i].program); });
      t["start|date"] = dates(n, [&](std::size_t i) { return r[i].period.start; });
      t["end|date"] = dates(n, [&](std::size_t i) { return r[i].period.end; });
      t["due|date"] = dates(n, [&](std::size_t i) { return r[i].due; });
      auto docs = lists(entity_kind::document);
      auto topics = lists(entity_kind::topic);
      auto areas = lists(entity_kind::area);
      t["implements"] = object_array(n, [&](std::size_t i) { return docs.tuple(d.list(r[i].implements)); });
      t["topics"] = object_array(n, [&](std::size_t i) { return topics.tuple(d.list(r[i].topics)); });
      t["areas"] = object_array(n, [&](std::size_t i) { return areas.tuple(d.list(r[i].areas)); });
      t["roles"] = number_array<std::int64_t>(n, [&](std::size_t i) { return d.task_role_begin[i + 1] - d.task_role_begin[i]; });
      // The single responsible (R) organization, -1 (no_lead) for none, -2 (several_leads).
      t["lead_pos"] = number_array<std::int64_t>(n, [&](std::size_t i) { return lead_of(net, static_cast<index>(i)); });
      break;
    }
    case entity_kind::event: {
      const auto& r = d.events;
      const std::size_t n = r.size();
      common_columns(t, net, r, side_of);
      t["kind|code:event_kind"] = number_array<std::uint8_t>(n, [&](std::size_t i) { return r[i].kind; });
      t["date|date"] = dates(n, [&](std::size_t i) { return r[i].date; });
      t["approximate"] = number_array<bool>(n, [&](std::size_t i) { return r[i].approximate; });
      auto orgs = lists(entity_kind::organization);
      t["from"] = object_array(n, [&](std::size_t i) { return orgs.tuple(d.list(r[i].from)); });
      t["to"] = object_array(n, [&](std::size_t i) { return orgs.tuple(d.list(r[i].to)); });
      break;
    }
    case entity_kind::source: {
      const auto& r = d.sources;
      const std::size_t n = r.size();
      common_columns(t, net, r, side_of);
      t["kind"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].kind)); });
      t["title"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].title)); });
      t["date|date"] = dates(n, [&](std::size_t i) { return r[i].date; });
      t["url"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].url)); });
      t["sha256"] = object_array(n, [&](std::size_t i) { return word(d.str(r[i].sha256)); });
      t["document|ref:document"] = number_array<std::int64_t>(n, [&](std::size_t i) { return ref(r[i].document); });
      break;
    }
  }
  return t;
}

/// One row per role, as positions and codes only (Python maps them to ids and names
/// with numpy take): the fast path of net.roles().
py::dict role_columns(const network& net) {
  const network_data& d = net.data();
  const std::size_t n = d.roles.size();
  py::array_t<std::int32_t> org(static_cast<py::ssize_t>(n)), target(static_cast<py::ssize_t>(n)),
      source(static_cast<py::ssize_t>(n)), evidence(static_cast<py::ssize_t>(n));
  py::array_t<std::int64_t> begin(static_cast<py::ssize_t>(n)), end(static_cast<py::ssize_t>(n));
  py::array_t<std::uint16_t> role(static_cast<py::ssize_t>(n));
  py::array_t<std::uint8_t> kind(static_cast<py::ssize_t>(n)), letter(static_cast<py::ssize_t>(n)),
      cls(static_cast<py::ssize_t>(n)), own_cls(static_cast<py::ssize_t>(n));
  std::vector<py::object> notes;
  py::array note_array;
  {
    py::gil_scoped_release release;
    auto* o = org.mutable_data();
    auto* tg = target.mutable_data();
    auto* src = source.mutable_data();
    auto* ev = evidence.mutable_data();
    auto* b = begin.mutable_data();
    auto* e = end.mutable_data();
    auto* ro = role.mutable_data();
    auto* k = kind.mutable_data();
    auto* l = letter.mutable_data();
    auto* c = cls.mutable_data();
    auto* oc = own_cls.mutable_data();
    const auto fallback = static_cast<std::uint8_t>(net.meta().classification);
    auto entity_cls = [&](std::uint8_t stated) { return stated == detail::inherit_classification ? fallback : stated; };
    const auto& vocab = net.vocabulary();
    std::vector<std::uint8_t> letters(vocab.size());
    for (std::size_t i = 0; i < vocab.size(); ++i) letters[i] = static_cast<std::uint8_t>(vocab[static_cast<role_index>(i)].letter);
    auto side = d.role_sides.begin();
    for (std::size_t i = 0; i < n; ++i) {
      const auto& r = d.roles[i];
      o[i] = static_cast<std::int32_t>(r.org);
      tg[i] = static_cast<std::int32_t>(r.target);
      ro[i] = r.role;
      k[i] = static_cast<std::uint8_t>(r.target_kind);
      l[i] = letters[r.role];
      oc[i] = entity_cls(r.classification);
      // A role is as classified as the highest of itself and what it joins.
      const std::uint8_t target_cls = r.target_kind == entity_kind::task ? d.tasks[r.target].classification
                                                                         : d.programs[r.target].classification;
      c[i] = std::max({oc[i], entity_cls(d.organizations[r.org].classification), entity_cls(target_cls)});
      src[i] = -1;
      ev[i] = 0;
      b[i] = e[i] = -1;
      while (side != d.role_sides.end() && side->first < i) ++side;
      if (side != d.role_sides.end() && side->first == i) {
        const auto& s = d.sides[side->second];
        ev[i] = static_cast<std::int32_t>(s.sources.length);
        if (s.sources.length > 0) {
          const auto& first = d.evidence[s.sources.offset];
          src[i] = first.source == no_index ? -1 : static_cast<std::int32_t>(first.source);
          if (first.begin != detail::no_offset) b[i] = first.begin;
          if (first.end != detail::no_offset) e[i] = first.end;
        }
      }
    }
  }
  py::dict t;
  t["org"] = org;
  t["target_kind"] = kind;
  t["target"] = target;
  t["role"] = role;
  t["raci"] = letter;
  t["classification"] = cls;
  t["own_classification"] = own_cls;
  t["source"] = source;
  t["span_begin"] = begin;
  t["span_end"] = end;
  t["evidence"] = evidence;
  // Few roles have dates or an origin: looked up in their sparse lists, in role order.
  auto sparse = [&](const auto& list, std::size_t i, auto& cursor) -> decltype(&list[0]) {
    while (cursor < list.size() && list[cursor].role < i) ++cursor;
    return cursor < list.size() && list[cursor].role == i ? &list[cursor] : nullptr;
  };
  std::size_t from_cursor = 0, to_cursor = 0, org_cursor = 0, event_cursor = 0;
  t["valid_from|date"] = dates(n, [&](std::size_t i) {
    const auto* p = sparse(d.role_periods, i, from_cursor);
    return p ? p->valid_from : date{};
  });
  t["valid_to|date"] = dates(n, [&](std::size_t i) {
    const auto* p = sparse(d.role_periods, i, to_cursor);
    return p ? p->valid_to : date{};
  });
  t["carried_from"] = object_array(n, [&](std::size_t i) -> py::object {
    const auto* o = sparse(d.role_origins, i, org_cursor);
    return o ? py::object(word(d.str(o->org))) : py::object(py::none());
  });
  t["carried_event"] = object_array(n, [&](std::size_t i) -> py::object {
    const auto* o = sparse(d.role_origins, i, event_cursor);
    return o && o->event.length ? py::object(word(d.str(o->event))) : py::object(py::none());
  });
  return t;
}

/// One row per orphaned role of a network as of a day: target_kind, target (ids),
/// role, org (the organization that held it), event (or None), date (or None).
py::dict orphan_columns(const network& net) {
  const auto& o = net.data().orphans;
  const std::size_t n = o.size();
  py::dict t;
  t["target_kind"] = object_array(n, [&](std::size_t i) { return word(to_string(o[i].target_kind)); });
  t["target"] = object_array(n, [&](std::size_t i) { return word(net.id_of(o[i].target_kind, o[i].target)); });
  t["role"] = object_array(n, [&](std::size_t i) { return word(net.vocabulary()[o[i].role].name); });
  t["org"] = object_array(n, [&](std::size_t i) { return word(net.data().str(o[i].org)); });
  t["event"] = object_array(n, [&](std::size_t i) -> py::object {
    return o[i].event.length ? py::object(word(net.data().str(o[i].event))) : py::object(py::none());
  });
  t["date"] = object_array(n, [&](std::size_t i) -> py::object {
    return o[i].date.empty() ? py::object(py::none()) : py::object(word(o[i].date.to_string()));
  });
  return t;
}

/// One row per evidence entry: of entities (holder_kind = entity kind word) and of
/// roles (holder_kind "role", holder = role position).
py::dict evidence_columns(const network& net) {
  const network_data& d = net.data();
  std::vector<std::uint8_t> holder_kind;  // entity_kind, or 8 for a role
  std::vector<std::int64_t> holder;
  std::vector<const detail::evidence_record*> entries;
  auto add = [&](std::uint8_t kind, std::int64_t pos, std::uint32_t side) {
    if (side == no_index) return;
    const auto& s = d.sides[side];
    for (std::uint32_t k = 0; k < s.sources.length; ++k) {
      holder_kind.push_back(kind);
      holder.push_back(pos);
      entries.push_back(&d.evidence[s.sources.offset + k]);
    }
  };
  auto add_all = [&](entity_kind kind, const auto& recs) {
    for (std::size_t i = 0; i < recs.size(); ++i) add(static_cast<std::uint8_t>(kind), static_cast<std::int64_t>(i), recs[i].side);
  };
  add_all(entity_kind::area, d.areas);
  add_all(entity_kind::topic, d.topics);
  add_all(entity_kind::organization, d.organizations);
  add_all(entity_kind::document, d.documents);
  add_all(entity_kind::program, d.programs);
  add_all(entity_kind::task, d.tasks);
  add_all(entity_kind::event, d.events);
  add_all(entity_kind::source, d.sources);
  for (const auto& [role, side] : d.role_sides) add(8, role, side);
  const std::size_t n = entries.size();
  py::dict t;
  t["holder_kind"] = number_array<std::uint8_t>(n, [&](std::size_t i) { return holder_kind[i]; });
  t["holder"] = number_array<std::int64_t>(n, [&](std::size_t i) { return holder[i]; });
  t["source"] = number_array<std::int64_t>(n, [&](std::size_t i) { return ref(entries[i]->source); });
  t["span_begin"] = number_array<std::int64_t>(n, [&](std::size_t i) -> std::int64_t {
    return entries[i]->begin == detail::no_offset ? -1 : entries[i]->begin;
  });
  t["span_end"] = number_array<std::int64_t>(n, [&](std::size_t i) -> std::int64_t {
    return entries[i]->end == detail::no_offset ? -1 : entries[i]->end;
  });
  t["note"] = object_array(n, [&](std::size_t i) { return word(d.str(entries[i]->note)); });
  return t;
}

py::array id_array(const network& net, const std::string& kind_word, bool names) {
  const auto kind = enum_from_string<entity_kind>(kind_word);
  if (!kind) throw py::value_error("unknown entity kind '" + kind_word + "'");
  const auto& d = net.data();
  const std::size_t n = net.size(*kind);
  auto get = [&](const auto& recs) {
    return object_array(n, [&](std::size_t i) { return word(d.str(names ? recs[i].name : recs[i].id)); });
  };
  switch (*kind) {
    case entity_kind::area: return get(d.areas);
    case entity_kind::topic: return get(d.topics);
    case entity_kind::organization: return get(d.organizations);
    case entity_kind::document: return get(d.documents);
    case entity_kind::program: return get(d.programs);
    case entity_kind::task: return get(d.tasks);
    case entity_kind::event: return get(d.events);
    case entity_kind::source: return get(d.sources);
  }
  return py::array();
}

py::dict categories() {
  py::dict c;
  c["entity_kind"] = words<entity_kind>();
  c["org_kind"] = words<org_kind>();
  c["level"] = words<level>();
  c["program_kind"] = words<program_kind>();
  c["task_kind"] = words<task_kind>();
  c["task_status"] = words<task_status>();
  c["event_kind"] = words<event_kind>();
  c["classification"] = words<classification>();
  c["raci"] = words<raci>();
  c["review_kind"] = words<review_kind>();
  py::list precisions;
  for (const char* w : {"year", "month", "day"}) precisions.append(w);
  c["precision"] = precisions;
  return c;
}

}  // namespace

void register_frames(py::module_& m) {
  m.def("frame_categories", &categories, R"pbdoc(
The closed vocabularies the frame columns use, by name (``org_kind``, ``level``,
``task_kind``, ``task_status``, ``program_kind``, ``event_kind``, ``classification``,
``raci``, ``entity_kind``, ``review_kind``, ``precision``): a code ``c`` in a
``|code:<name>`` column is ``frame_categories()[name][c]``.
)pbdoc");
  m.def("entity_columns", &entity_columns, py::arg("net"), py::arg("kind"), R"pbdoc(
The columns of one entity table (``kind`` is ``"organization"``, ``"task"``, ...) as a
dict of numpy arrays, one element per entity in file order. See the top of
bindings/register_frames.cpp for the key conventions; danvan.Network's
``net.organizations()`` turns them into a DataFrame.
)pbdoc");
  m.def("role_columns", &role_columns, py::arg("net"), R"pbdoc(
One element per role (programs' roles, then tasks' roles): org, target, source
(int32 positions, -1 none), target_kind, raci, classification, own_classification
(uint8 codes), role (uint16 index into the vocabulary), span_begin, span_end (int64,
-1 none) and evidence (count). Filled without the GIL.
)pbdoc");
  m.def("orphan_columns", &orphan_columns, py::arg("net"), R"pbdoc(
The orphaned roles of a network as of a day as a dict of columns: target_kind, target,
role, org, event, date.)pbdoc");
  m.def("evidence_columns", &evidence_columns, py::arg("net"), R"pbdoc(
One element per evidence entry of every entity and role: holder_kind (entity_kind
code, 8 for a role), holder (position), source (position), span_begin, span_end
(-1 none) and note.
)pbdoc");
  m.def("id_array", &id_array, py::arg("net"), py::arg("kind"), py::arg("names") = false, R"pbdoc(
The ids (or with ``names=True`` the names) of every entity of ``kind`` as a numpy
object array, in file order.
)pbdoc");
}

}  // namespace danvan::bindings

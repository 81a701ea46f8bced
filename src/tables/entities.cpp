// entity_table(): one row per entity of a kind, read from the network's records.
#include "detail/network_access.hpp"
#include <danvan/query/responsibility.hpp>
#include <danvan/tables.hpp>

#include <initializer_list>
#include <string>
#include <vector>

#include "fill.hpp"

namespace danvan {

namespace {

using detail::network_data;
using tables::fill;

/// A document's review obligations as text: `kind:years`, `:recurring` appended for one
/// due every `years` years.
std::vector<std::string> reviews_of(const network_data& d, detail::list_ref reviews) {
  std::vector<std::string> out;
  for (std::uint32_t k = 0; k < reviews.length; ++k) {
    const auto& r = d.reviews[reviews.offset + k];
    out.push_back(std::string(to_string(static_cast<review_kind>(r.kind))) + ":" + std::to_string(r.years) +
                  (r.recurring ? ":recurring" : ""));
  }
  return out;
}

/// Builds the columns of the records of one kind: those every kind has, then its own.
template <class Record> class builder {
 public:
  explicit builder(const network& net) : net_(net), d_(detail::data_of(net)), recs_(detail::records_of<Record>(d_)) { common(); }

  /// Adds a column of `c`'s kind, get(record) giving each cell.
  template <class Get> void add(column c, Get&& get) {
    t_.add(fill(std::move(c), recs_.size(), [&](std::size_t i) { return get(recs_[i]); }));
  }
  void text(const char* name, detail::str_ref Record::*field) {
    add(column(name, column_kind::text), [&](const Record& r) { return d_.str(r.*field); });
  }
  /// Text columns, one a (name, field) pair, in order.
  void texts(std::initializer_list<std::pair<const char*, detail::str_ref Record::*>> fields) {
    for (const auto& [name, field] : fields) text(name, field);
  }
  void reference(const char* name, entity_kind of, index Record::*field) {
    add(column(name, column_kind::reference, of), [&](const Record& r) { return r.*field; });
  }
  void references(const char* name, entity_kind of, detail::list_ref Record::*field) {
    add(column(name, column_kind::reference_list, of), [&](const Record& r) { return d_.list(r.*field); });
  }
  /// Reference-list columns to entities of one kind, one a (name, field) pair, in order.
  void references(entity_kind of, std::initializer_list<std::pair<const char*, detail::list_ref Record::*>> fields) {
    for (const auto& [name, field] : fields) references(name, of, field);
  }
  void day(const char* name, date Record::*field) {
    add(column(name, column_kind::date), [&](const Record& r) { return r.*field; });
  }
  void period(danvan::period Record::*field) {
    add(column("start", column_kind::date), [&](const Record& r) { return (r.*field).start; });
    add(column("end", column_kind::date), [&](const Record& r) { return (r.*field).end; });
  }
  template <class E> void code(const char* name, const char* vocabulary, std::uint8_t Record::*field) {
    add(column::codes_of<E>(name, vocabulary), [&](const Record& r) { return r.*field; });
  }
  /// How many roles each record has, from the offsets of its roles.
  void role_counts(const std::vector<std::uint32_t>& begin) {
    t_.add(fill(column("roles", column_kind::integer), recs_.size(),
                [&](std::size_t i) { return begin.empty() ? 0u : begin[i + 1] - begin[i]; }));
  }

  const network& net() const noexcept { return net_; }
  const network_data& data() const noexcept { return d_; }
  table take() { return std::move(t_); }

 private:
  void common() {
    // get(i, rare fields of record i): tasks keep those apart.
    auto add_rare = [&](column c, auto&& get) {
      t_.add(fill(std::move(c), recs_.size(), [&](std::size_t i) {
        return get(d_.rare_of(recs_[i], static_cast<index>(i)));
      }));
    };
    auto side = [&](const detail::rare_fields& r) -> const detail::side_record* {
      return r.side == no_index ? nullptr : &d_.sides[r.side];
    };
    add(column("id", column_kind::text), [&](const Record& r) { return d_.str(detail::record_id(r)); });
    add(column("name", column_kind::text), [&](const Record& r) { return d_.str(detail::record_name(r)); });
    add_rare(column("name_en", column_kind::text), [&](const detail::rare_fields& r) {
      const auto* s = side(r);
      return s ? d_.str(s->name_en) : std::string_view{};
    });
    add_rare(column("aliases", column_kind::text_list), [&](const detail::rare_fields& r) {
      std::vector<std::string_view> out;
      if (const auto* s = side(r))
        for (std::uint32_t k = 0; k < s->aliases.length; ++k) out.push_back(d_.str(d_.string_lists[s->aliases.offset + k]));
      return out;
    });
    add_rare(column("valid_from", column_kind::date), [](const detail::rare_fields& r) { return r.valid_from; });
    add_rare(column("valid_to", column_kind::date), [](const detail::rare_fields& r) { return r.valid_to; });
    add_rare(column::codes_of<danvan::classification>("classification", "classification"),
             [&](const detail::rare_fields& r) { return tables::classification_of(net_, r.classification); });
    add_rare(column("evidence", column_kind::integer), [&](const detail::rare_fields& r) {
      const auto* s = side(r);
      return s ? s->sources.length : 0u;
    });
    add_rare(column("extra", column_kind::text), [&](const detail::rare_fields& r) {
      const auto* s = side(r);
      return s ? d_.str(s->extra) : std::string_view{};
    });
  }

  const network& net_;
  const network_data& d_;
  const std::vector<Record>& recs_;
  table t_;
};

using detail::area_record;
using detail::document_record;
using detail::event_record;
using detail::organization_record;
using detail::program_record;
using detail::source_record;
using detail::task_record;
using detail::topic_record;

table areas(const network& net) {
  builder<area_record> b(net);
  b.code<level>("level", "level", &area_record::level);
  b.text("code", &area_record::code);
  b.reference("parent", entity_kind::area, &area_record::parent);
  return b.take();
}

table topics(const network& net) {
  builder<topic_record> b(net);
  b.reference("parent", entity_kind::topic, &topic_record::parent);
  return b.take();
}

table organizations(const network& net) {
  builder<organization_record> b(net);
  b.code<org_kind>("kind", "org_kind", &organization_record::kind);
  b.code<level>("level", "level", &organization_record::level);  // no_level is no_code
  b.reference("area", entity_kind::area, &organization_record::area);
  b.reference("parent", entity_kind::organization, &organization_record::parent);
  b.role_counts(detail::data_of(net).org_role_begin);
  return b.take();
}

table documents(const network& net) {
  using R = document_record;
  builder<R> b(net);
  b.texts({{"type", &R::type}, {"number", &R::number}, {"issuer", &R::issuer}});
  b.reference("issued_by", entity_kind::organization, &R::issued_by);
  b.day("date", &R::date);
  b.texts({{"term", &R::term}, {"title", &R::title}});
  b.references(entity_kind::document, {{"continues", &R::continues},
                                       {"implements", &R::implements},
                                       {"amends", &R::amends},
                                       {"replaces", &R::replaces}});
  b.references("topics", entity_kind::topic, &R::topics);
  b.references("areas", entity_kind::area, &R::areas);
  b.add(column("reviews", column_kind::text_list), [&](const R& r) { return reviews_of(b.data(), r.reviews); });
  return b.take();
}

/// implements, topics, areas: the lists programs and tasks both have.
template <class R> void work_lists(builder<R>& b) {
  if constexpr (std::is_same_v<R, task_record>) {  // packed: read through the record's functions
    auto list = [&](const char* name, entity_kind of, detail::list_ref (R::*get)() const noexcept) {
      b.add(column(name, column_kind::reference_list, of), [&b, get](const R& r) { return b.data().list((r.*get)()); });
    };
    list("implements", entity_kind::document, &R::implements);
    list("topics", entity_kind::topic, &R::topics);
    list("areas", entity_kind::area, &R::areas);
  } else {
    b.references("implements", entity_kind::document, &R::implements);
    b.references("topics", entity_kind::topic, &R::topics);
    b.references("areas", entity_kind::area, &R::areas);
  }
}

table programs(const network& net) {
  using R = program_record;
  builder<R> b(net);
  b.code<program_kind>("kind", "program_kind", &R::kind);
  b.period(&R::period);
  work_lists(b);
  b.role_counts(detail::data_of(net).program_role_begin);
  return b.take();
}

table tasks(const network& net) {
  using R = task_record;
  builder<R> b(net);
  b.code<task_kind>("kind", "task_kind", &R::kind);
  b.code<task_status>("status", "task_status", &R::status);
  b.reference("program", entity_kind::program, &R::program);
  b.period(&R::period);
  b.day("due", &R::due);
  work_lists(b);
  b.role_counts(detail::data_of(net).task_role_begin);
  const auto* first = detail::data_of(net).tasks.data();
  b.add(column("lead_pos", column_kind::integer),
        [&](const R& r) { return lead_of(net, static_cast<index>(&r - first)); });
  return b.take();
}

table events(const network& net) {
  using R = event_record;
  builder<R> b(net);
  b.code<event_kind>("kind", "event_kind", &R::kind);
  b.day("date", &R::date);
  b.add(column("approximate", column_kind::boolean), [](const R& r) { return r.approximate; });
  b.references("from", entity_kind::organization, &R::from);
  b.references("to", entity_kind::organization, &R::to);
  return b.take();
}

table sources(const network& net) {
  using R = source_record;
  builder<R> b(net);
  b.texts({{"kind", &R::kind}, {"title", &R::title}});
  b.day("date", &R::date);
  b.texts({{"url", &R::url}, {"sha256", &R::sha256}});
  b.reference("document", entity_kind::document, &R::document);
  return b.take();
}

}  // namespace

table entity_table(const network& net, entity_kind kind) {
  switch (kind) {
    case entity_kind::area: return areas(net);
    case entity_kind::topic: return topics(net);
    case entity_kind::organization: return organizations(net);
    case entity_kind::document: return documents(net);
    case entity_kind::program: return programs(net);
    case entity_kind::task: return tasks(net);
    case entity_kind::event: return events(net);
    case entity_kind::source: return sources(net);
  }
  return {};
}

}  // namespace danvan

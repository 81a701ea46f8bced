#include "detail/network_access.hpp"
#include "detail/lazy_indexes.hpp"
#include "detail/suggest.hpp"
#include <danvan/error.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/time.hpp>
#include <danvan/network.hpp>

#include <algorithm>

namespace danvan {

namespace detail {
std::vector<evidence_ref> evidence_of(const network_data& d, const side_record* side) {
  std::vector<evidence_ref> out;
  if (!side) return out;
  for (std::uint32_t k = 0; k < side->sources.length; ++k) {
    const auto& e = d.evidence[side->sources.offset + k];
    evidence_ref r{e.source, std::nullopt, std::nullopt, d.str(e.note)};
    if (e.begin != no_offset) r.begin = e.begin;
    if (e.end != no_offset) r.end = e.end;
    out.push_back(r);
  }
  return out;
}
}  // namespace detail

network::network() : lazy_(std::make_shared<detail::lazy_indexes>()) {}

std::size_t network::size(entity_kind kind) const noexcept {
  switch (kind) {
    case entity_kind::area: return d_.areas.size();
    case entity_kind::topic: return d_.topics.size();
    case entity_kind::organization: return d_.organizations.size();
    case entity_kind::document: return d_.documents.size();
    case entity_kind::program: return d_.programs.size();
    case entity_kind::task: return d_.tasks.size();
    case entity_kind::event: return d_.events.size();
    case entity_kind::source: return d_.sources.size();
  }
  return 0;
}

std::string_view network::id_of(entity_kind kind, index p) const {
  if (p >= size(kind)) throw std::out_of_range("danvan: no " + std::string(to_string(kind)) + " at position " + std::to_string(p));
  switch (kind) {
    case entity_kind::area: return d_.str(d_.areas[p].id);
    case entity_kind::topic: return d_.str(d_.topics[p].id);
    case entity_kind::organization: return d_.str(d_.organizations[p].id);
    case entity_kind::document: return d_.str(d_.documents[p].id);
    case entity_kind::program: return d_.str(d_.programs[p].id);
    case entity_kind::task: return d_.str(d_.tasks[p].id());
    case entity_kind::event: return d_.str(d_.events[p].id);
    case entity_kind::source: return d_.str(d_.sources[p].id);
  }
  return {};
}

std::optional<index> network::find(entity_kind kind, std::string_view id) const noexcept {
  const auto& table = d_.ids[static_cast<std::size_t>(kind)];
  const index p = table.find(id, [&](index i) { return id_of(kind, i); });
  if (p == no_index) return std::nullopt;
  return p;
}

std::optional<index> network::find(std::string_view id) const noexcept {
  for (std::size_t k = 0; k < 8; ++k) {
    const auto kind = static_cast<entity_kind>(k);
    if (id.starts_with(id_prefix(kind))) return find(kind, id);
  }
  return std::nullopt;
}

std::vector<std::string> network::nearest_ids(entity_kind kind, std::string_view id, std::size_t limit) const {
  detail::nearest near(id, limit);
  for (index p = 0; p < size(kind); ++p) near.offer(id_of(kind, p));
  return near.result();
}

index network::at(entity_kind kind, std::string_view id) const {
  if (auto p = find(kind, id)) return *p;
  throw not_found(std::string(id), nearest_ids(kind, id));
}

period network::date_range() const noexcept {
  std::int32_t lo = INT32_MAX, hi = INT32_MIN;
  date first, last;
  auto see = [&](date d) {
    if (d.empty()) return;
    if (d.first_day() < lo) { lo = d.first_day(); first = d; }
    if (d.last_day() > hi) { hi = d.last_day(); last = d; }
  };
  auto common = [&](const auto& records) {
    for (index i = 0; i < records.size(); ++i) {
      const auto r = d_.rare_of(records[i], i);
      see(r.valid_from);
      see(r.valid_to);
    }
  };
  common(d_.areas); common(d_.topics); common(d_.organizations); common(d_.documents);
  common(d_.programs); common(d_.tasks); common(d_.events);
  for (const auto& r : d_.documents) see(r.date);
  for (const auto& r : d_.programs) { see(r.period.start); see(r.period.end); }
  for (const auto& r : d_.tasks) { see(r.period.start); see(r.period.end); see(r.due); }
  for (const auto& r : d_.events) see(r.date);
  return {first, last};
}

std::size_t network::memory_bytes() const noexcept {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(typename std::decay_t<decltype(v)>::value_type); };
  std::size_t n = d_.strings.capacity() + bytes(d_.string_lists) + bytes(d_.index_lists) + bytes(d_.evidence) +
                  bytes(d_.reviews) + bytes(d_.sides) + bytes(d_.areas) + bytes(d_.topics) +
                  bytes(d_.organizations) + bytes(d_.documents) + bytes(d_.programs) + bytes(d_.tasks) + bytes(d_.task_rares) +
                  bytes(d_.events) + bytes(d_.sources) + bytes(d_.roles) + bytes(d_.program_role_begin) +
                  bytes(d_.task_role_begin) + bytes(d_.org_role_begin) + bytes(d_.org_roles) + bytes(d_.role_target_base) + bytes(d_.role_sides) +
                  bytes(d_.role_periods) + bytes(d_.role_origins) + bytes(d_.orphans) + bytes(d_.names) +
                  bytes(d_.shares);
  for (const auto& t : d_.ids) n += t.bytes();
  return n + extra_.capacity();
}

std::shared_ptr<const network> network::as_of(date d) const {
  if (d.empty()) throw argument_error("a date is needed for the network as of a day");
  if (meta_.as_of == d) return std::shared_ptr<const network>(lazy_, this);  // aliasing: kept alive by nothing else
  auto& cache = *lazy_;
  {
    std::lock_guard lock(cache.as_of_mutex);
    for (const auto& [day, net] : cache.as_of)
      if (day == d) return net;
  }
  // Built outside the lock so that other dates are not held up; a racing thread may
  // build the same day too, and the first one stored wins.
  auto built = std::make_shared<const network>(danvan::as_of(*this, d));
  std::lock_guard lock(cache.as_of_mutex);
  for (const auto& [day, net] : cache.as_of)
    if (day == d) return net;
  cache.as_of.emplace_back(d, built);
  return built;
}

// ---- views -----------------------------------------------------------------

std::optional<area_view> area_view::parent() const noexcept {
  if (rec().parent == no_index) return std::nullopt;
  return area_view(*net_, rec().parent);
}
std::optional<topic_view> topic_view::parent() const noexcept {
  if (rec().parent == no_index) return std::nullopt;
  return topic_view(*net_, rec().parent);
}
std::optional<level> organization_view::level() const noexcept {
  if (rec().level == detail::no_level) return std::nullopt;
  return static_cast<danvan::level>(rec().level);
}
std::optional<area_view> organization_view::area() const noexcept {
  if (rec().area == no_index) return std::nullopt;
  return area_view(*net_, rec().area);
}
std::optional<organization_view> organization_view::parent() const noexcept {
  if (rec().parent == no_index) return std::nullopt;
  return organization_view(*net_, rec().parent);
}
role_range organization_view::roles() const noexcept {
  const auto& d = detail::data_of(*net_);
  return role_range(*net_, std::span<const index>(d.org_roles.data() + d.org_role_begin[i_],
                                                  d.org_role_begin[i_ + 1] - d.org_role_begin[i_]));
}
std::vector<dated_name_view> organization_view::names() const {
  std::vector<dated_name_view> out;
  const auto& d = detail::data_of(*net_);
  for (std::uint32_t k = 0; k < rec().names.length; ++k) {
    const auto& n = d.names[rec().names.offset + k];
    out.push_back({d.str(n.name), n.valid_from, n.valid_to});
  }
  return out;
}
std::string_view organization_view::name_on(date day) const noexcept {
  const auto& d = detail::data_of(*net_);
  for (std::uint32_t k = 0; k < rec().names.length; ++k) {
    const auto& n = d.names[rec().names.offset + k];
    if (period{n.valid_from, n.valid_to}.overlaps(day)) return d.str(n.name);
  }
  return name();
}
namespace {
std::vector<orphaned_role_view> orphans_of(const network& net, entity_kind kind, index target) {
  const auto& o = detail::data_of(net).orphans;
  auto key = [](const detail::orphan_record& r) { return std::pair{r.target_kind, r.target}; };
  auto it = std::lower_bound(o.begin(), o.end(), std::pair{kind, target},
                             [&](const detail::orphan_record& r, const auto& k) { return key(r) < k; });
  std::vector<orphaned_role_view> out;
  for (; it != o.end() && key(*it) == std::pair{kind, target}; ++it)
    out.push_back({it->role, {detail::data_of(net).str(it->org), detail::data_of(net).str(it->event), it->date}});
  return out;
}
template <class Record> const Record* sparse_find(const std::vector<Record>& v, index role) {
  auto it = std::lower_bound(v.begin(), v.end(), role, [](const Record& r, index k) { return r.role < k; });
  return it == v.end() || it->role != role ? nullptr : &*it;
}
}  // namespace
std::vector<orphaned_role_view> program_view::orphaned_roles() const { return orphans_of(*net_, entity_kind::program, i_); }
std::vector<orphaned_role_view> task_view::orphaned_roles() const { return orphans_of(*net_, entity_kind::task, i_); }
std::vector<share_view> event_view::shares() const {
  std::vector<share_view> out;
  const auto& d = detail::data_of(*net_);
  for (std::uint32_t k = 0; k < rec().shares.length; ++k) {
    const auto& s = d.shares[rec().shares.offset + k];
    out.push_back({s.to, d.list(s.topics), d.list(s.areas), d.list(s.programs), d.list(s.tasks)});
  }
  return out;
}
std::optional<organization_view> document_view::issued_by() const noexcept {
  if (rec().issued_by == no_index) return std::nullopt;
  return organization_view(*net_, rec().issued_by);
}
std::vector<review_obligation> document_view::reviews() const {
  std::vector<review_obligation> out;
  const auto& d = detail::data_of(*net_);
  for (std::uint32_t k = 0; k < rec().reviews.length; ++k) {
    const auto& r = d.reviews[rec().reviews.offset + k];
    out.push_back({static_cast<review_kind>(r.kind), r.years, r.recurring});
  }
  return out;
}
role_range program_view::roles() const noexcept {
  const auto& b = detail::data_of(*net_).program_role_begin;
  return role_range(*net_, b[i_], b[i_ + 1]);
}
std::optional<program_view> task_view::program() const noexcept {
  if (rec().program == no_index) return std::nullopt;
  return program_view(*net_, rec().program);
}
role_range task_view::roles() const noexcept {
  const auto& b = detail::data_of(*net_).task_role_begin;
  return role_range(*net_, b[i_], b[i_ + 1]);
}
std::optional<document_view> source_view::document() const noexcept {
  if (rec().document == no_index) return std::nullopt;
  return document_view(*net_, rec().document);
}

const detail::role_record& role_view::rec() const noexcept { return detail::data_of(*net_).roles[i_]; }
const detail::side_record* role_view::side() const noexcept {
  const auto& s = detail::data_of(*net_).role_sides;
  auto it = std::lower_bound(s.begin(), s.end(), std::pair<index, std::uint32_t>{i_, 0});
  if (it == s.end() || it->first != i_) return nullptr;
  return &detail::data_of(*net_).sides[it->second];
}
organization_view role_view::org() const noexcept { return organization_view(*net_, rec().org); }
entity_kind role_view::target_kind() const noexcept { return detail::data_of(*net_).role_target_kind(i_); }
index role_view::target() const noexcept { return detail::data_of(*net_).role_target(i_); }
role_index role_view::role() const noexcept { return rec().role; }
const role_def& role_view::definition() const { return net_->vocabulary()[rec().role]; }
classification role_view::classification() const noexcept {
  return rec().classification == detail::inherit_classification
             ? net_->meta().classification
             : static_cast<danvan::classification>(rec().classification);
}
bool role_view::classification_stated() const noexcept {
  return rec().classification != detail::inherit_classification;
}
std::vector<evidence_ref> role_view::sources() const { return detail::evidence_of(detail::data_of(*net_), side()); }
date role_view::valid_from() const noexcept {
  const auto* p = sparse_find(detail::data_of(*net_).role_periods, i_);
  return p ? p->valid_from : date{};
}
date role_view::valid_to() const noexcept {
  const auto* p = sparse_find(detail::data_of(*net_).role_periods, i_);
  return p ? p->valid_to : date{};
}
std::optional<role_origin_view> role_view::carried_from() const noexcept {
  const auto* o = sparse_find(detail::data_of(*net_).role_origins, i_);
  if (!o) return std::nullopt;
  return role_origin_view{detail::data_of(*net_).str(o->org), detail::data_of(*net_).str(o->event), o->date};
}
std::string_view role_view::extra() const noexcept {
  const auto* s = side();
  return s ? detail::data_of(*net_).str(s->extra) : std::string_view{};
}

}  // namespace danvan

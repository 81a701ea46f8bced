#include <danvan/detail/lazy_indexes.hpp>
#include <danvan/detail/suggest.hpp>
#include <danvan/error.hpp>
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
    case entity_kind::task: return d_.str(d_.tasks[p].id);
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
    for (const auto& r : records) { see(r.valid_from); see(r.valid_to); }
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
                  bytes(d_.organizations) + bytes(d_.documents) + bytes(d_.programs) + bytes(d_.tasks) +
                  bytes(d_.events) + bytes(d_.sources) + bytes(d_.roles) + bytes(d_.program_role_begin) +
                  bytes(d_.task_role_begin) + bytes(d_.org_role_begin) + bytes(d_.org_roles) + bytes(d_.role_sides);
  for (const auto& t : d_.ids) n += t.bytes();
  return n + extra_.capacity();
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
  const auto& d = net_->data();
  return role_range(*net_, std::span<const index>(d.org_roles.data() + d.org_role_begin[i_],
                                                  d.org_role_begin[i_ + 1] - d.org_role_begin[i_]));
}
std::optional<organization_view> document_view::issued_by() const noexcept {
  if (rec().issued_by == no_index) return std::nullopt;
  return organization_view(*net_, rec().issued_by);
}
std::vector<review_obligation> document_view::reviews() const {
  std::vector<review_obligation> out;
  const auto& d = net_->data();
  for (std::uint32_t k = 0; k < rec().reviews.length; ++k) {
    const auto& r = d.reviews[rec().reviews.offset + k];
    out.push_back({static_cast<review_kind>(r.kind), r.years, r.recurring});
  }
  return out;
}
role_range program_view::roles() const noexcept {
  const auto& b = net_->data().program_role_begin;
  return role_range(*net_, b[i_], b[i_ + 1]);
}
std::optional<program_view> task_view::program() const noexcept {
  if (rec().program == no_index) return std::nullopt;
  return program_view(*net_, rec().program);
}
role_range task_view::roles() const noexcept {
  const auto& b = net_->data().task_role_begin;
  return role_range(*net_, b[i_], b[i_ + 1]);
}
std::optional<document_view> source_view::document() const noexcept {
  if (rec().document == no_index) return std::nullopt;
  return document_view(*net_, rec().document);
}

const detail::role_record& role_view::rec() const noexcept { return net_->data().roles[i_]; }
const detail::side_record* role_view::side() const noexcept {
  const auto& s = net_->data().role_sides;
  auto it = std::lower_bound(s.begin(), s.end(), std::pair<index, std::uint32_t>{i_, 0});
  if (it == s.end() || it->first != i_) return nullptr;
  return &net_->data().sides[it->second];
}
organization_view role_view::org() const noexcept { return organization_view(*net_, rec().org); }
entity_kind role_view::target_kind() const noexcept { return rec().target_kind; }
index role_view::target() const noexcept { return rec().target; }
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
std::vector<evidence_ref> role_view::sources() const { return detail::evidence_of(net_->data(), side()); }
std::string_view role_view::extra() const noexcept {
  const auto* s = side();
  return s ? net_->data().str(s->extra) : std::string_view{};
}

}  // namespace danvan

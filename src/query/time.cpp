#include <danvan/error.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/time.hpp>

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace danvan {

bool event_applies(const event_view& e, date on) noexcept {
  return !e.date().empty() && !on.empty() && e.date().first_day() <= on.first_day();
}

std::vector<index> events_in_order(const network& net) {
  const auto& events = net.data().events;
  std::vector<index> order(events.size());
  std::iota(order.begin(), order.end(), index{0});
  std::stable_sort(order.begin(), order.end(), [&](index a, index b) {
    // Undated events (the loader requires a date; a builder may not) go last.
    const auto fa = events[a].date.empty() ? INT32_MAX : events[a].date.first_day();
    const auto fb = events[b].date.empty() ? INT32_MAX : events[b].date.first_day();
    return fa < fb;
  });
  return order;
}

namespace {

constexpr std::uint32_t no_rank = 0xFFFFFFFFu;

/// The events that applied by one day, and for each organization the ranks (places in
/// application order) of the applied events whose `from` names it.
class succession_engine {
 public:
  succession_engine(const network& net, date on) : net_(net), on_(on) {
    if (on.empty()) throw argument_error("a date is needed to follow reorganizations");
    for (index e : events_in_order(net))
      if (event_applies(event_view(net, e), on)) applied_.push_back(e);
    const auto& d = net.data();
    from_begin_.assign(d.organizations.size() + 1, 0);
    for (index e : applied_)
      for (index o : net.data().list(d.events[e].from)) ++from_begin_[o + 1];
    for (std::size_t o = 0; o < d.organizations.size(); ++o) from_begin_[o + 1] += from_begin_[o];
    from_ranks_.resize(from_begin_.back());
    std::vector<std::uint32_t> fill(from_begin_.begin(), from_begin_.end() - 1);
    for (std::uint32_t rank = 0; rank < applied_.size(); ++rank)
      for (index o : d.list(d.events[applied_[rank]].from)) from_ranks_[fill[o]++] = rank;
  }

  [[nodiscard]] bool exists(index o) const noexcept { return organization_view(net_, o).valid_on(on_); }
  [[nodiscard]] bool started(index o) const noexcept {
    const date from = net_.data().organizations[o].valid_from;
    return from.empty() || !surely_after(from, on_);
  }
  /// Neither moved by an event nor ended: the organization holds its own roles.
  [[nodiscard]] bool untouched(index o) const noexcept { return from_begin_[o] == from_begin_[o + 1] && exists(o); }

  /// Holders of `o`'s roles and the ranks of the events applied on the way.
  void resolve(index o, std::vector<index>& holders, std::vector<std::uint32_t>& ranks) const {
    walk(o, no_rank, holders, ranks);
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  }

  [[nodiscard]] index event_at(std::uint32_t rank) const noexcept { return applied_[rank]; }

 private:
  void walk(index o, std::uint32_t after, std::vector<index>& holders, std::vector<std::uint32_t>& ranks) const {
    // The first applied event after `after` that moves `o` (ranks only grow: no cycles).
    std::uint32_t next = no_rank;
    for (std::uint32_t k = from_begin_[o]; k < from_begin_[o + 1]; ++k)
      if ((after == no_rank || from_ranks_[k] > after) && from_ranks_[k] < next) next = from_ranks_[k];
    if (next == no_rank) {
      if (exists(o) && std::find(holders.begin(), holders.end(), o) == holders.end()) holders.push_back(o);
      return;
    }
    ranks.push_back(next);
    const auto& d = net_.data();
    for (index to : d.list(d.events[applied_[next]].to)) walk(to, next, holders, ranks);
  }

  const network& net_;
  date on_;
  std::vector<index> applied_;
  std::vector<std::uint32_t> from_begin_, from_ranks_;
};

}  // namespace

succession successor(const network& net, std::string_view org_id, date on) {
  return successor(net, net.at(entity_kind::organization, org_id), on);
}

succession successor(const network& net, index org, date on) {
  if (org >= net.size(entity_kind::organization))
    throw std::out_of_range("danvan: no organization at position " + std::to_string(org));
  const succession_engine engine(net, on);
  succession out;
  if (!engine.started(org)) {
    out.started = false;
    return out;
  }
  std::vector<std::uint32_t> ranks;
  engine.resolve(org, out.holders, ranks);
  for (auto rank : ranks) out.events.push_back(engine.event_at(rank));
  return out;
}

time_view::time_view(const network& net, date on) : net_(&net), on_(on) {
  const succession_engine engine(net, on);
  const auto& d = net.data();
  auto mark = [&](const auto& records, std::vector<std::uint8_t>& out) {
    out.resize(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
      out[i] = period{records[i].valid_from, records[i].valid_to}.overlaps(on);
  };
  mark(d.organizations, org_);
  mark(d.tasks, task_);
  mark(d.programs, program_);
  mark(d.documents, document_);
  mark(d.areas, area_);

  const std::size_t n = d.organizations.size();
  started_.resize(n);
  moved_by_.assign(n, no_index);
  holder_begin_.assign(n + 1, 0);
  holder_list_.reserve(n);
  std::vector<index> holders;
  std::vector<std::uint32_t> ranks;
  for (index o = 0; o < n; ++o) {
    holder_begin_[o] = static_cast<std::uint32_t>(holder_list_.size());
    started_[o] = engine.started(o);
    if (!started_[o]) continue;
    if (engine.untouched(o)) {
      holder_list_.push_back(o);
      continue;
    }
    holders.clear();
    ranks.clear();
    engine.resolve(o, holders, ranks);
    holder_list_.insert(holder_list_.end(), holders.begin(), holders.end());
    if (!ranks.empty()) moved_by_[o] = engine.event_at(ranks.back());
  }
  holder_begin_[n] = static_cast<std::uint32_t>(holder_list_.size());
}

std::size_t time_view::role_count() const noexcept {
  const auto& d = net_->data();
  std::size_t count = 0;
  for (index r = 0; r < d.roles.size(); ++r)
    if (role(r)) {
      const auto h = holder_begin_[d.roles[r].org + 1] - holder_begin_[d.roles[r].org];
      count += h == 0 ? 1 : h;
    }
  return count;
}

std::size_t time_view::organization_count() const noexcept { return std::count(org_.begin(), org_.end(), 1); }
std::size_t time_view::task_count() const noexcept { return std::count(task_.begin(), task_.end(), 1); }
std::size_t time_view::program_count() const noexcept { return std::count(program_.begin(), program_.end(), 1); }

std::vector<dated_role> time_view::roles() const {
  std::vector<dated_role> out;
  out.reserve(net_->data().roles.size());
  for_each_role([&](const dated_role& r) { out.push_back(r); });
  return out;
}

std::vector<dated_role> time_view::roles_on(entity_kind kind, index target) const {
  if (kind != entity_kind::task && kind != entity_kind::program)
    throw argument_error("roles are on tasks and programs, not on a " + std::string(to_string(kind)));
  const auto& d = net_->data();
  const auto& begin = kind == entity_kind::task ? d.task_role_begin : d.program_role_begin;
  if (target + 1 >= begin.size())
    throw std::out_of_range("danvan: no " + std::string(to_string(kind)) + " at position " + std::to_string(target));
  std::vector<dated_role> out;
  auto push = [&](const dated_role& r) { out.push_back(r); };
  for (index r = begin[target]; r < begin[target + 1]; ++r)
    if (role(r)) emit(r, push);
  return out;
}

std::vector<dated_role> time_view::roles_held(index org) const {
  const auto& d = net_->data();
  if (org >= d.organizations.size())
    throw std::out_of_range("danvan: no organization at position " + std::to_string(org));
  std::vector<dated_role> out;
  auto push = [&](const dated_role& r) {
    if (r.org == org) out.push_back(r);
  };
  for (index o = 0; o < d.organizations.size(); ++o) {
    const auto hs = holders(o);
    if (std::find(hs.begin(), hs.end(), org) == hs.end()) continue;
    for (std::uint32_t k = d.org_role_begin[o]; k < d.org_role_begin[o + 1]; ++k)
      if (role(d.org_roles[k])) emit(d.org_roles[k], push);
  }
  std::sort(out.begin(), out.end(), [](const dated_role& a, const dated_role& b) { return a.role < b.role; });
  return out;
}

}  // namespace danvan

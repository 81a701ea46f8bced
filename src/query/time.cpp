// The network as of a day: which entities exist, and who holds each role after the
// reorganization events that took effect by then.
#include "detail/huge_pages.hpp"
#include "detail/network_access.hpp"
#include <danvan/error.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/time.hpp>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace danvan {

bool event_applies(const event_view& e, date on) noexcept {
  return !e.date().empty() && !on.empty() && e.date().first_day() <= on.first_day();
}

std::vector<index> events_in_order(const network& net) {
  const auto& events = detail::data_of(net).events;
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

/// A task or program whose roles are carried (splits with shares divide by it).
struct target_ref {
  entity_kind kind;
  index position;
};

/// Follows reorganization events. Events are numbered by rank, their place in the
/// order they apply; a role moves from an organization to the successors of the
/// first applied event that names it in `from`, then on from each successor by the
/// first later event, so ranks only grow along a path and no walk can loop.
///
/// The holders reached from an event do not depend on the role unless a split with
/// shares lies ahead; for every other event they are computed once, from the last
/// event back to the first, so a query costs the sum of the events' successor lists
/// whatever the number of paths through them.
class succession_engine {
 public:
  struct holder {
    index org;
    std::uint32_t rank;  // the event that gave it the role
  };

  succession_engine(const network& net, date on) : net_(net), d_(detail::data_of(net)), on_(on) {
    if (on.empty()) throw argument_error("a date is needed to follow reorganizations");
    for (index e : events_in_order(net))
      if (event_applies(event_view(net, e), on)) applied_.push_back(e);
    from_begin_.assign(d_.organizations.size() + 1, 0);
    for (index e : applied_)
      for (index o : d_.list(d_.events[e].from)) ++from_begin_[o + 1];
    for (std::size_t o = 0; o < d_.organizations.size(); ++o) from_begin_[o + 1] += from_begin_[o];
    from_ranks_.resize(from_begin_.back());
    std::vector<std::uint32_t> fill(from_begin_.begin(), from_begin_.end() - 1);
    for (std::uint32_t rank = 0; rank < applied_.size(); ++rank)
      for (index o : d_.list(d_.events[applied_[rank]].from)) from_ranks_[fill[o]++] = rank;  // ascending per org
    memoize();
  }

  [[nodiscard]] bool exists(index o) const noexcept { return organization_view(net_, o).valid_on(on_); }
  [[nodiscard]] bool started(index o) const noexcept {
    const date from = d_.organizations[o].valid_from;
    return from.empty() || !surely_after(from, on_);
  }
  /// Neither moved by an event nor ended: the organization holds its own roles.
  [[nodiscard]] bool untouched(index o) const noexcept { return from_begin_[o] == from_begin_[o + 1] && exists(o); }
  [[nodiscard]] index event_at(std::uint32_t rank) const noexcept { return applied_[rank]; }

  /// Who holds `o`'s role on `target` (every successor of a split when `target` is
  /// null), each once, with the event that gave it the role (no_rank: its own).
  void holders(index o, const target_ref* target, std::vector<holder>& out) const {
    out.clear();
    const std::uint32_t first = next_event(o, no_rank);
    if (first == no_rank) {
      if (exists(o)) out.push_back({o, no_rank});
      return;
    }
    if (free_[first]) {
      out = memo_[first];
      return;
    }
    // A split with shares lies ahead: resolve the events reachable from `first` for
    // this target, last first, each once.
    std::vector<std::uint32_t> reach = reachable(first);
    std::sort(reach.rbegin(), reach.rend());
    std::vector<std::vector<holder>> local(reach.size());
    auto result_of = [&](std::uint32_t rank) -> const std::vector<holder>& {
      if (free_[rank]) return memo_[rank];
      return local[std::lower_bound(reach.begin(), reach.end(), rank, std::greater<>()) - reach.begin()];
    };
    for (std::size_t i = 0; i < reach.size(); ++i) {
      if (free_[reach[i]]) continue;
      local[i] = step(reach[i], target, result_of);
    }
    out = result_of(first);
  }

  /// Every applied event on the way from `o`, in rank order.
  [[nodiscard]] std::vector<std::uint32_t> events_from(index o) const {
    const std::uint32_t first = next_event(o, no_rank);
    if (first == no_rank) return {};
    auto reach = reachable(first);
    std::sort(reach.begin(), reach.end());
    return reach;
  }

 private:
  /// The first applied event after rank `after` that moves `o`, or no_rank.
  [[nodiscard]] std::uint32_t next_event(index o, std::uint32_t after) const noexcept {
    const auto b = from_ranks_.begin() + from_begin_[o], e = from_ranks_.begin() + from_begin_[o + 1];
    if (after == no_rank) return b == e ? no_rank : *b;
    const auto it = std::upper_bound(b, e, after);
    return it == e ? no_rank : *it;
  }

  /// The holders one event leads to, from the holders of the events after it.
  template <class ResultOf>
  std::vector<holder> step(std::uint32_t rank, const target_ref* target, ResultOf&& result_of) const {
    const auto& ev = d_.events[applied_[rank]];
    std::vector<index> takers;
    if (target && ev.shares.length > 0) takers = share_takers(ev, *target);
    if (takers.empty()) {
      const auto to = d_.list(ev.to);
      takers.assign(to.begin(), to.end());
    }
    std::vector<holder> out;
    auto add = [&](holder h) {
      if (std::none_of(out.begin(), out.end(), [&](const holder& x) { return x.org == h.org; })) out.push_back(h);
    };
    for (index s : takers) {
      const std::uint32_t next = next_event(s, rank);
      if (next == no_rank) {
        if (exists(s)) add({s, rank});
      } else {
        for (const holder& h : result_of(next)) add(h);
      }
    }
    return out;
  }

  /// The successors whose share matches the target (empty when none does).
  std::vector<index> share_takers(const detail::event_record& ev, const target_ref& t) const {
    const bool is_task = t.kind == entity_kind::task;
    const auto topics = is_task ? d_.list(d_.tasks[t.position].topics()) : d_.list(d_.programs[t.position].topics);
    const auto areas = is_task ? d_.list(d_.tasks[t.position].areas()) : d_.list(d_.programs[t.position].areas);
    const index program = is_task ? d_.tasks[t.position].program : t.position;
    auto under = [](std::span<const index> wanted, std::span<const index> have, const auto& records) {
      for (index x : have)
        for (index y = x; y != no_index; y = records[y].parent)  // parents never cycle (checked on load)
          if (std::find(wanted.begin(), wanted.end(), y) != wanted.end()) return true;
      return false;
    };
    auto has = [](std::span<const index> list, index x) {
      return x != no_index && std::find(list.begin(), list.end(), x) != list.end();
    };
    std::vector<index> out;
    for (std::uint32_t k = 0; k < ev.shares.length; ++k) {
      const auto& s = d_.shares[ev.shares.offset + k];
      const bool match = under(d_.list(s.topics), topics, d_.topics) || under(d_.list(s.areas), areas, d_.areas) ||
                         has(d_.list(s.programs), program) || (is_task && has(d_.list(s.tasks), t.position));
      if (match && std::find(out.begin(), out.end(), s.to) == out.end()) out.push_back(s.to);
    }
    return out;
  }

  /// The events reachable from `first` (itself included), each once.
  [[nodiscard]] std::vector<std::uint32_t> reachable(std::uint32_t first) const {
    std::vector<std::uint32_t> seen{first}, stack{first};
    std::vector<bool> visited(applied_.size(), false);
    visited[first] = true;
    while (!stack.empty()) {
      const std::uint32_t r = stack.back();
      stack.pop_back();
      for (index s : d_.list(d_.events[applied_[r]].to)) {
        const std::uint32_t n = next_event(s, r);
        if (n != no_rank && !visited[n]) {
          visited[n] = true;
          seen.push_back(n);
          stack.push_back(n);
        }
      }
    }
    return seen;
  }

  /// free_[r]: no split with shares at or after event r on any path; memo_[r]: its holders.
  void memoize() {
    const auto n = static_cast<std::uint32_t>(applied_.size());
    free_.assign(n, false);
    memo_.resize(n);
    auto result_of = [&](std::uint32_t rank) -> const std::vector<holder>& { return memo_[rank]; };
    for (std::uint32_t r = n; r-- > 0;) {
      const auto& ev = d_.events[applied_[r]];
      bool free = ev.shares.length == 0;
      for (index s : d_.list(ev.to))
        if (const auto next = next_event(s, r); next != no_rank && !free_[next]) free = false;
      free_[r] = free;
      if (free) memo_[r] = step(r, nullptr, result_of);
    }
  }

  const network& net_;
  const detail::network_data& d_;
  date on_;
  std::vector<index> applied_;
  std::vector<std::uint32_t> from_begin_, from_ranks_;
  std::vector<bool> free_;
  std::vector<std::vector<holder>> memo_;
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
  std::vector<succession_engine::holder> holders;
  engine.holders(org, nullptr, holders);
  for (const auto& h : holders) out.holders.push_back(h.org);
  for (auto rank : engine.events_from(org)) out.events.push_back(engine.event_at(rank));
  return out;
}

// ---- the network as of a day ---------------------------------------------------

namespace {

/// Builds the arrays of the network as of a day from those of the full network.
class as_of_builder {
 public:
  as_of_builder(const network& net, date on, detail::network_data& out)
      : net_(net), d_(detail::data_of(net)), on_(on), o_(out), engine_(net, on) {}

  void build() {
    // Texts, side records, evidence and lists keep their positions: references into
    // them stay valid, and a list whose kind lost entities is written anew at the end.
    detail::reserve_huge(o_.index_lists, d_.index_lists.size());
    std::tie(o_.strings, o_.index_lists, o_.string_lists, o_.evidence, o_.reviews, o_.sides, o_.names) =
        std::tie(d_.strings, d_.index_lists, d_.string_lists, d_.evidence, d_.reviews, d_.sides, d_.names);

    area_ = kept(d_.areas);
    org_ = kept(d_.organizations);
    document_ = kept(d_.documents);
    program_ = kept(d_.programs);
    task_ = kept(d_.tasks);
    topic_.to.resize(d_.topics.size());
    std::iota(topic_.to.begin(), topic_.to.end(), index{0});

    copy_areas();
    copy_topics();
    copy_organizations();
    copy_documents();
    copy_programs_and_tasks();
    o_.sources = d_.sources;
    for (auto& s : o_.sources) s.document = map(document_, s.document);
    carry_roles();
    index_roles();
    index_ids();
  }

 private:
  /// Old position -> new position of one kind (no_index: gone), and whether nothing moved.
  struct position_map {
    std::vector<index> to;
    bool identity = true;
    index operator[](index i) const { return to[i]; }
  };

  template <class Records> position_map kept(const Records& records) const {
    position_map map;
    map.to.assign(records.size(), no_index);
    // Tasks keep their dates in a list sorted by task: read alongside, not searched for each.
    auto task_rare = d_.task_rares.begin();
    auto rare_at = [&](index i) -> detail::rare_fields {
      if constexpr (std::is_same_v<std::decay_t<decltype(records[i])>, detail::task_record>) {
        if (task_rare != d_.task_rares.end() && task_rare->task == i) return *task_rare++;
        return {};
      } else {
        return records[i].rare();
      }
    };
    index next = 0;
    for (index i = 0; i < records.size(); ++i) {
      const auto r = rare_at(i);
      if (period{r.valid_from, r.valid_to}.overlaps(on_)) map.to[i] = next++;
    }
    map.identity = next == records.size();
    return map;
  }
  static index map(const position_map& m, index i) { return i == no_index ? no_index : m[i]; }

  detail::list_ref remap(detail::list_ref l, const position_map& m) {
    if (m.identity) return l;  // the copied list is still right
    return copy_list(l, m);
  }
  detail::list_ref copy_list(detail::list_ref l, const position_map& m) {
    detail::list_ref out{static_cast<std::uint32_t>(o_.index_lists.size()), 0};
    for (index i : d_.list(l))
      if (const index j = map(m, i); j != no_index) o_.index_lists.push_back(j);
    out.length = static_cast<std::uint32_t>(o_.index_lists.size() - out.offset);
    return out;
  }

  /// The nearest kept ancestor of an element of a hierarchy (itself when kept).
  template <class Records> index kept_or_up(const Records& records, const position_map& m, index i) const {
    for (; i != no_index; i = records[i].parent)  // parents never cycle (checked on load)
      if (m[i] != no_index) return m[i];
    return no_index;
  }

  /// An organization that is gone is replaced by its one successor, if it has exactly one.
  index org_or_successor(index o) {
    if (o == no_index) return no_index;
    if (org_[o] != no_index) return org_[o];
    if (!engine_.started(o)) return no_index;
    engine_.holders(o, nullptr, holders_);
    return holders_.size() == 1 ? org_[holders_[0].org] : no_index;
  }

  void copy_areas() {
    for (index a = 0; a < d_.areas.size(); ++a) {
      if (area_[a] == no_index) continue;
      auto r = d_.areas[a];
      r.parent = kept_or_up(d_.areas, area_, r.parent);
      o_.areas.push_back(r);
    }
  }

  void copy_topics() { o_.topics = d_.topics; }

  void copy_organizations() {
    for (index i = 0; i < d_.organizations.size(); ++i) {
      if (org_[i] == no_index) continue;
      auto r = d_.organizations[i];
      const std::string_view name = organization_view(net_, i).name_on(on_);
      if (name.data() != d_.str(r.name).data())  // a former name: its text is in the pool
        r.name = {static_cast<std::uint32_t>(name.data() - d_.strings.data()), static_cast<std::uint32_t>(name.size())};
      r.area = kept_or_up(d_.areas, area_, r.area);
      // The parent, else its successor, else the nearest ancestor that is either.
      index parent = no_index;
      for (index p = r.parent; p != no_index && parent == no_index; p = d_.organizations[p].parent) {
        parent = org_or_successor(p);
        if (parent == org_[i]) parent = no_index;
      }
      r.parent = parent;
      o_.organizations.push_back(r);
    }
    cut_parent_cycles();
  }

  /// A successor put in a parent's place may close a loop (A's parent merged into a
  /// child of A): the link that closes it is dropped.
  void cut_parent_cycles() {
    auto& orgs = o_.organizations;
    std::vector<std::uint8_t> state(orgs.size(), 0);  // 0 new, 1 on the walk, 2 done
    std::vector<index> walk;
    for (index start = 0; start < orgs.size(); ++start) {
      walk.clear();
      index v = start;
      while (v != no_index && state[v] == 0) {
        state[v] = 1;
        walk.push_back(v);
        v = orgs[v].parent;
      }
      if (v != no_index && state[v] == 1) orgs[walk.back()].parent = no_index;
      for (index w : walk) state[w] = 2;
    }
  }

  void copy_documents() {
    for (index i = 0; i < d_.documents.size(); ++i) {
      if (document_[i] == no_index) continue;
      auto r = d_.documents[i];
      r.issued_by = org_or_successor(r.issued_by);
      r.continues = remap(r.continues, document_);
      r.implements = remap(r.implements, document_);
      r.amends = remap(r.amends, document_);
      r.replaces = remap(r.replaces, document_);
      r.topics = remap(r.topics, topic_);
      r.areas = remap(r.areas, area_);
      o_.documents.push_back(r);
    }
  }

  void copy_programs_and_tasks() {
    for (index i = 0; i < d_.programs.size(); ++i) {
      if (program_[i] == no_index) continue;
      auto r = d_.programs[i];
      r.implements = remap(r.implements, document_);
      r.topics = remap(r.topics, topic_);
      r.areas = remap(r.areas, area_);
      o_.programs.push_back(r);
    }
    detail::reserve_huge(o_.tasks, d_.tasks.size());
    for (index i = 0; i < d_.tasks.size(); ++i) {
      if (task_[i] == no_index) continue;
      auto r = d_.tasks[i];
      r.program = map(program_, r.program);
      if (!(document_.identity && topic_.identity && area_.identity)) {  // the three back to back again
        const auto implements = copy_list(r.implements(), document_);
        const auto topics = copy_list(r.topics(), topic_);
        r.set_lists(implements, topics, copy_list(r.areas(), area_));
      }
      o_.tasks.push_back(r);
    }
    for (auto x : d_.task_rares)
      if (task_[x.task] != no_index) {
        x.task = task_[x.task];
        o_.task_rares.push_back(x);
      }
  }

  // ---- roles ----

  template <class Record> static const Record* sparse(const std::vector<Record>& v, std::size_t& cursor, index role) {
    while (cursor < v.size() && v[cursor].role < role) ++cursor;
    return cursor < v.size() && v[cursor].role == role ? &v[cursor] : nullptr;
  }

  void carry_roles() {
    detail::reserve_huge(o_.roles, d_.roles.size());
    o_.role_target_base.reserve((d_.roles.size() >> detail::role_block_shift) + 1);
    carry_targets(entity_kind::program, program_, d_.program_role_begin, o_.program_role_begin);
    carry_targets(entity_kind::task, task_, d_.task_role_begin, o_.task_role_begin);
  }

  void carry_targets(entity_kind kind, const position_map& kept, const std::vector<std::uint32_t>& begin,
                     std::vector<std::uint32_t>& out_begin) {
    out_begin.assign(1, static_cast<std::uint32_t>(o_.roles.size()));  // the tasks' roles follow the programs'
    for (index t = 0; t < kept.to.size(); ++t) {
      if (kept[t] == no_index) continue;
      const target_ref target{kind, t};
      for (index r = begin[t]; r < begin[t + 1]; ++r) carry(r, target, kept[t]);
      copy_orphans(kind, t, kept[t]);
      out_begin.push_back(static_cast<std::uint32_t>(o_.roles.size()));
    }
  }

  void carry(index r, const target_ref& target, index new_target) {
    const auto& rec = d_.roles[r];
    const auto* dates = sparse(d_.role_periods, period_cursor_, r);
    if (dates && !period{dates->valid_from, dates->valid_to}.overlaps(on_)) return;
    const index o = rec.org;
    if (!engine_.started(o)) return;  // not yet in the picture: it holds nothing, nothing passes on
    const auto* side = sparse_side(r);
    const auto* earlier = sparse(d_.role_origins, origin_cursor_, r);  // carried already (an as-of network's own)
    if (engine_.untouched(o)) {
      emit(rec, org_[o], global(target.kind, new_target), side, dates, earlier ? std::optional(*earlier) : std::nullopt);
      return;
    }
    engine_.holders(o, &target, holders_);
    // A role carried before keeps naming the organization that first held it.
    const detail::str_ref from = earlier ? earlier->org : d_.organizations[o].id;
    if (holders_.empty()) {
      // Ended without successor: by the last event on its way, or by its own dates.
      const auto events = engine_.events_from(o);
      detail::orphan_record orphan{target.kind, rec.role, new_target, from, {}, d_.organizations[o].valid_to};
      if (!events.empty()) {
        const auto& e = d_.events[engine_.event_at(events.back())];
        orphan.event = e.id;
        orphan.date = e.date;
      }
      o_.orphans.push_back(orphan);
      return;
    }
    for (const auto& h : holders_) {
      detail::role_origin_record origin{no_index, from, {}, {}};
      if (h.rank != no_rank) {
        const auto& e = d_.events[engine_.event_at(h.rank)];
        origin.event = e.id;
        origin.date = e.date;
      } else {
        origin.date = d_.organizations[o].valid_to;
      }
      emit(rec, org_[h.org], global(target.kind, new_target), side, dates, origin);
    }
  }

  const detail::side_record* sparse_side(index r) {
    const auto& v = d_.role_sides;
    while (side_cursor_ < v.size() && v[side_cursor_].first < r) ++side_cursor_;
    return side_cursor_ < v.size() && v[side_cursor_].first == r ? &d_.sides[v[side_cursor_].second] : nullptr;
  }

  /// The position of a target of the new network counted over programs then tasks.
  index global(entity_kind kind, index t) const {
    return kind == entity_kind::program ? t : static_cast<index>(o_.programs.size()) + t;
  }

  void emit(detail::role_record rec, index org, index target, const detail::side_record* side,
            const detail::role_period_record* dates, std::optional<detail::role_origin_record> origin) {
    const auto r = static_cast<index>(o_.roles.size());
    rec.org = org;
    o_.push_role(rec, target);  // carry_targets goes target by target
    if (side) o_.role_sides.emplace_back(r, static_cast<std::uint32_t>(side - d_.sides.data()));
    if (dates) o_.role_periods.push_back({r, dates->valid_from, dates->valid_to});
    if (origin) {
      origin->role = r;
      o_.role_origins.push_back(*origin);
    }
  }

  void copy_orphans(entity_kind kind, index t, index new_target) {
    const auto& v = d_.orphans;
    auto it = std::lower_bound(v.begin(), v.end(), std::pair{kind, t}, [](const detail::orphan_record& x, const auto& k) {
      return std::pair{x.target_kind, x.target} < k;
    });
    for (; it != v.end() && it->target_kind == kind && it->target == t; ++it) {
      auto copy = *it;
      copy.target = new_target;
      o_.orphans.push_back(copy);
    }
  }

  void index_roles() {
    std::stable_sort(o_.orphans.begin(), o_.orphans.end(), [](const auto& a, const auto& b) {
      return std::pair{a.target_kind, a.target} < std::pair{b.target_kind, b.target};
    });
    const auto n = o_.organizations.size();
    o_.org_role_begin.assign(n + 1, 0);
    for (const auto& r : o_.roles) ++o_.org_role_begin[r.org + 1];
    for (std::size_t i = 0; i < n; ++i) o_.org_role_begin[i + 1] += o_.org_role_begin[i];
    detail::reserve_huge(o_.org_roles, o_.org_role_begin.back());
    o_.org_roles.resize(o_.org_role_begin.back());
    std::vector<std::uint32_t> fill(o_.org_role_begin.begin(), o_.org_role_begin.end() - 1);
    for (index r = 0; r < o_.roles.size(); ++r) o_.org_roles[fill[o_.roles[r].org]++] = r;
  }

  void index_ids() {
    auto index_kind = [&](const auto& records, entity_kind k) {
      auto& table = o_.ids[static_cast<std::size_t>(k)];
      if (records.size() == net_.size(k)) {  // nothing gone: same ids at the same positions
        table = d_.ids[static_cast<std::size_t>(k)];
        return;
      }
      table.reserve(records.size());
      auto key_of = [&](index p) { return o_.str(detail::record_id(records[p])); };
      for (index p = 0; p < records.size(); ++p) table.insert(key_of(p), p, key_of);
    };
    index_kind(o_.areas, entity_kind::area);
    index_kind(o_.topics, entity_kind::topic);
    index_kind(o_.organizations, entity_kind::organization);
    index_kind(o_.documents, entity_kind::document);
    index_kind(o_.programs, entity_kind::program);
    index_kind(o_.tasks, entity_kind::task);
    index_kind(o_.events, entity_kind::event);
    index_kind(o_.sources, entity_kind::source);
  }

  const network& net_;
  const detail::network_data& d_;
  date on_;
  detail::network_data& o_;
  succession_engine engine_;
  position_map area_, topic_, org_, document_, program_, task_;
  std::vector<succession_engine::holder> holders_;
  std::size_t period_cursor_ = 0, origin_cursor_ = 0, side_cursor_ = 0;
};

}  // namespace

moved_role_counts count_moved_roles(const network& net) noexcept {
  const auto& d = detail::data_of(net);
  return {d.role_origins.size(), d.orphans.size()};
}

network as_of(const network& net, date on) {
  if (on.empty()) throw argument_error("a date is needed for the network as of a day");
  if (net.meta().as_of == on) return net;
  network out;
  as_of_builder(net, on, out.d_).build();
  out.vocabulary_ = net.vocabulary_;
  out.meta_ = net.meta_;
  out.meta_.as_of = on;
  out.extra_ = net.extra_;
  return out;
}

}  // namespace danvan

// Duplicate candidates. Candidate pairs come from a prefix filter (Chaudhuri et al.
// 2006; Bayardo et al. 2007, "AllPairs"): with the organizations ordered rarest
// first, two participant sets that share at least α organizations must share one
// of the first |x| − α + 1 organizations of each, where α is the larger of ⌈τ|x|⌉
// (Jaccard at least τ) and the least number of shared organizations. Items are
// visited from the smallest set up, each probes the inverted lists of its prefix
// and is then indexed under it; a pair whose organizations after the first shared
// one are too few to reach α is dropped unread (the positional filter of PPJoin,
// Xiao et al. 2008), and every other candidate is checked in full (kind, time,
// topic, organizations, area, name and score).
#include "detail/incidence.hpp"
#include "detail/network_access.hpp"
#include "detail/suggest.hpp"
#include <danvan/query/duplicates.hpp>
#include <danvan/text/normalize.hpp>
#include "dated.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>
#include <numeric>
#include <string_view>

namespace danvan {

namespace {

/// When an item may run: its period, else a task's due date, else always.
period extent_of(const detail::network_data& d, entity_kind kind, index t) {
  if (kind == entity_kind::program) return d.programs[t].period;
  const auto& rec = d.tasks[t];
  if (!rec.period.empty()) return rec.period;
  if (!rec.due.empty()) return {rec.due, rec.due};
  return {};
}

/// The days both periods may share: the later start and the earlier end.
period common_part(const period& x, const period& y) {
  period p;
  if (x.start.empty()) p.start = y.start;
  else if (y.start.empty()) p.start = x.start;
  else p.start = x.start.first_day() >= y.start.first_day() ? x.start : y.start;
  if (x.end.empty()) p.end = y.end;
  else if (y.end.empty()) p.end = x.end;
  else p.end = x.end.last_day() <= y.end.last_day() ? x.end : y.end;
  return p;
}

bool within(const detail::network_data& d, index inner, index outer) {
  for (index a = inner; a != no_index; a = d.areas[a].parent)
    if (a == outer) return true;
  return false;
}

/// How many elements two ascending, duplicate-free ranges have in common.
template <class Range> std::size_t common_count(const Range& a, const Range& b) {
  std::size_t n = 0;
  for (auto p = a.begin(), q = b.begin(); p != a.end() && q != b.end();) {
    if (*p < *q) ++p;
    else if (*q < *p) ++q;
    else { ++n; ++p; ++q; }
  }
  return n;
}

/// The words of a name and the numbers among them, each sorted and unique. Numbers
/// lose their leading zeros (`số 03` is `số 3`, `05 năm` is `5 năm`).
struct name_words {
  std::vector<std::string> words, numbers;
};

name_words words_of(std::string_view name) {
  name_words w;
  const std::string key = text::search_key(name);
  for (std::size_t i = 0; i < key.size();) {
    const std::size_t end = std::min(key.find(' ', i), key.size());
    std::string word = key.substr(i, end - i);
    i = end + 1;
    if (word.find_first_not_of("0123456789") == std::string::npos) {
      const auto nz = word.find_first_not_of('0');
      word = nz == std::string::npos ? "0" : word.substr(nz);
      w.numbers.push_back(word);
    }
    w.words.push_back(std::move(word));
  }
  for (auto* v : {&w.words, &w.numbers}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return w;
}

/// Jaccard of the word sets; 0 when both names carry numbers and neither's numbers
/// include the other's (another document, quarter or anniversary).
double name_similarity(const name_words& x, const name_words& y) {
  if (!x.numbers.empty() && !y.numbers.empty() &&
      !std::includes(x.numbers.begin(), x.numbers.end(), y.numbers.begin(), y.numbers.end()) &&
      !std::includes(y.numbers.begin(), y.numbers.end(), x.numbers.begin(), x.numbers.end()))
    return 0;
  const std::size_t common = common_count(x.words, y.words);
  const std::size_t uni = x.words.size() + y.words.size() - common;
  return uni == 0 ? 0 : static_cast<double>(common) / static_cast<double>(uni);
}

/// Which kinds may pair: allowed[k * n + l]. Unknown words are argument errors with
/// the nearest kind word (also under any_kind, so a typo never passes unseen).
template <class Kind>
std::vector<bool> kind_pairs(const duplicate_options& o) {
  const auto& words = enum_names<Kind>::names;
  const std::size_t n = std::size(words);
  std::vector<bool> allowed(n * n, o.any_kind);
  for (std::size_t k = 0; k < n; ++k) allowed[k * n + k] = true;
  for (const auto& group : o.kinds) {
    // A group of one kind would change nothing: most likely a list of kinds meant as one group.
    if (group.size() < 2)
      throw argument_error("kinds: the group `" + (group.empty() ? std::string{} : group.front()) +
                           "` names fewer than two kinds; a group lists the kinds that may repeat each other "
                           "(briefing, dialogue)");
    std::vector<std::size_t> ks;
    for (const auto& word : group) {
      const auto k = enum_from_string<Kind>(word);
      if (!k) {
        detail::nearest near(word, 1);
        std::string all;
        for (const auto w : words) {
          near.offer(w);
          all += (all.empty() ? "" : ", ") + std::string(w);
        }
        const auto best = near.result();
        throw argument_error("kinds: unknown " +
                             std::string(o.on == projection_on::tasks ? "task" : "program") + " kind `" + word +
                             "`" + (best.empty() ? std::string{} : "; did you mean `" + best.front() + "`?") +
                             " (kinds: " + all + ")");
      }
      ks.push_back(static_cast<std::size_t>(*k));
    }
    for (std::size_t k : ks)
      for (std::size_t l : ks) allowed[k * n + l] = true;
  }
  return allowed;
}

std::string period_words(const period& p) {
  if (p.empty()) return "no dates on either side";
  const std::string a = p.start.empty() ? "…" : p.start.to_string();
  const std::string b = p.end.empty() ? "…" : p.end.to_string();
  return a == b ? a : a + ".." + b;
}

}  // namespace

std::vector<duplicate_candidate> duplicate_candidates(const network& net, const scope& s, const duplicate_options& o) {
  if (!(o.min_jaccard > 0 && o.min_jaccard <= 1))
    throw argument_error("min_jaccard: " + std::to_string(o.min_jaccard) +
                         " is not allowed; the least Jaccard similarity must be in (0, 1]");
  if (o.min_shared_organizations == 0)
    throw argument_error("min_shared_organizations: 0 is not allowed; two items must share at least 1 organization");
  if (!(o.name_weight >= 0 && o.name_weight <= 1))
    throw argument_error("name_weight: " + std::to_string(o.name_weight) +
                         " is not allowed; the weight of the names in the score must be in [0, 1]");
  if (!(o.min_score >= 0 && o.min_score <= 1))
    throw argument_error("min_score: " + std::to_string(o.min_score) +
                         " is not allowed; the least score must be in [0, 1]");
  const bool on_tasks = o.on == projection_on::tasks;
  const auto allowed = on_tasks ? kind_pairs<task_kind>(o) : kind_pairs<program_kind>(o);
  const std::size_t kinds = on_tasks ? std::size(enum_names<task_kind>::names)
                                     : std::size(enum_names<program_kind>::names);
  if (const detail::dated_query dated{net, s}) return duplicate_candidates(dated.net(), dated.rest(), o);
  const scope_filter f(net, s);
  const auto mask = detail::role_mask(net, o.roles, "roles");
  const entity_kind kind = on_tasks ? entity_kind::task : entity_kind::program;
  const auto inc = detail::build_incidence(f, kind, mask);
  const auto& d = detail::data_of(net);
  const double tau = o.min_jaccard;

  // Rarest organizations first; each item's participants as ranks in that order.
  std::vector<index> by_rarity(inc.orgs);
  std::iota(by_rarity.begin(), by_rarity.end(), index{0});
  std::stable_sort(by_rarity.begin(), by_rarity.end(), [&](index x, index y) {
    return inc.org_begin[x + 1] - inc.org_begin[x] < inc.org_begin[y + 1] - inc.org_begin[y];
  });
  std::vector<index> tokens(inc.item_orgs.size());
  detail::list_items_in_order(inc, by_rarity, true, tokens.data());
  auto tokens_of = [&](index t) { return std::span<const index>(tokens).subspan(inc.item_begin[t], inc.degree_of_item(t)); };

  // What the candidate loop reads of each item, packed: the records lie 40 to 64 bytes apart.
  auto topics_of = [&](index t) { return on_tasks ? d.list(d.tasks[t].topics()) : d.list(d.programs[t].topics); };
  auto areas_of = [&](index t) { return on_tasks ? d.list(d.tasks[t].areas()) : d.list(d.programs[t].areas); };
  std::vector<std::uint32_t> topic_begin(inc.items + 1, 0);
  std::vector<index> topic_ids;
  std::vector<std::int32_t> first_day(inc.items), last_day(inc.items);  // open ends reach forever
  std::vector<std::uint8_t> kind_of(inc.items);
  std::vector<index> items;
  for (index t = 0; t < inc.items; ++t) {
    topic_begin[t] = static_cast<std::uint32_t>(topic_ids.size());
    const auto l = topics_of(t);
    if (inc.degree_of_item(t) < o.min_shared_organizations || l.empty()) continue;  // never pairs
    const auto at = topic_ids.insert(topic_ids.end(), l.begin(), l.end());
    std::sort(at, topic_ids.end());
    topic_ids.erase(std::unique(at, topic_ids.end()), topic_ids.end());
    const period p = extent_of(d, kind, t);
    first_day[t] = p.start.empty() ? std::numeric_limits<std::int32_t>::min() : p.start.first_day();
    last_day[t] = p.end.empty() ? std::numeric_limits<std::int32_t>::max() : p.end.last_day();
    kind_of[t] = on_tasks ? d.tasks[t].kind : d.programs[t].kind;
    items.push_back(t);
  }
  topic_begin[inc.items] = static_cast<std::uint32_t>(topic_ids.size());
  auto topic_span = [&](index t) {
    return std::span<const index>(topic_ids).subspan(topic_begin[t], topic_begin[t + 1] - topic_begin[t]);
  };
  // Names are read only for pairs that pass on organizations: most items never get there.
  std::vector<name_words> names(inc.items);
  std::vector<bool> named(inc.items, false);
  auto words = [&](index t) -> const name_words& {
    if (!named[t]) {
      names[t] = words_of(d.str(on_tasks ? d.tasks[t].name() : d.programs[t].name));
      named[t] = true;
    }
    return names[t];
  };
  std::stable_sort(items.begin(), items.end(),
                   [&](index x, index y) { return inc.degree_of_item(x) < inc.degree_of_item(y); });

  std::vector<duplicate_candidate> found;
  // One inverted list per organization and kind of work, so that an item only walks the
  // lists of the kinds it may pair with (by default its own: a tenth of the items). Each
  // entry keeps where the organization stands among the item's and the item's size, for the
  // positional and size filters before anything is read of the item itself.
  struct posting {
    index item;
    std::uint32_t at, size;
  };
  std::vector<std::vector<posting>> lists(inc.orgs * kinds);
  // Items come in ascending size, so a list's entries too: those too small for x are too
  // small for every later item, and each list's start only moves forward (size filter).
  std::vector<std::uint32_t> list_start(lists.size(), 0);
  std::vector<std::vector<std::uint8_t>> partners(kinds);
  for (std::size_t k = 0; k < kinds; ++k)
    for (std::size_t l = 0; l < kinds; ++l)
      if (allowed[k * kinds + l]) partners[k].push_back(static_cast<std::uint8_t>(l));
  std::vector<index> stamp(inc.items, no_index);
  for (index x : items) {
    const std::uint32_t sx = inc.degree_of_item(x);
    // Any partner y (|y| ≤ |x|) shares at least τ|x| and min_shared organizations with x.
    const auto need = std::max(static_cast<std::uint32_t>(std::ceil(tau * sx - 1e-9)), o.min_shared_organizations);
    const std::uint32_t prefix = sx - need + 1;
    const auto tx = tokens_of(x);
    for (std::uint32_t i = 0; i < prefix && i < sx; ++i) {
      for (std::uint8_t k : partners[kind_of[x]]) {
        const std::size_t l = tx[i] * kinds + k;
        auto& start = list_start[l];
        while (start < lists[l].size() && lists[l][start].size < tau * sx - 1e-9) ++start;  // J ≤ |y| / |x|
        for (std::size_t e = start; e < lists[l].size(); ++e) {
          const auto [y, j, sy] = lists[l][e];
          // Met first (stamp), tx[i] is the first organization x and y share: both lists
          // are in the same order and y is indexed under its prefix. So at most 1 + what
          // follows on the shorter side can be shared (positional filter). A pair this
          // drops may be met again at a later organization and counted from there: a count
          // below the truth, so it is dropped again.
          const double pair_need = std::max(tau / (1 + tau) * (sx + sy) - 1e-9, double(o.min_shared_organizations));
          if (1 + std::min(sx - i - 1, sy - j - 1) < pair_need) continue;
          if (stamp[y] == x) continue;
          stamp[y] = x;
          if (first_day[x] > last_day[y] || first_day[y] > last_day[x]) continue;  // no day in common
          if (common_count(topic_span(x), topic_span(y)) == 0) continue;
          const auto ty = tokens_of(y);
          const auto common = static_cast<std::uint32_t>(1 + common_count(tx.subspan(i + 1), ty.subspan(j + 1)));
          if (common < o.min_shared_organizations) continue;
          const std::uint32_t uni = sx + sy - common;
          const double j_score = static_cast<double>(common) / static_cast<double>(uni);
          if (j_score < tau) continue;
          const double ns = name_similarity(words(x), words(y));
          const double score = (1 - o.name_weight) * j_score + o.name_weight * ns;
          if (score < o.min_score - 1e-12) continue;
          const auto ax = areas_of(x), ay = areas_of(y);
          std::vector<index> shared_areas;
          if (!ax.empty() && !ay.empty()) {
            for (index a : ax)
              for (index b : ay)
                if (within(d, a, b)) shared_areas.push_back(a);
                else if (within(d, b, a)) shared_areas.push_back(b);
            if (shared_areas.empty()) continue;
            std::sort(shared_areas.begin(), shared_areas.end());
            shared_areas.erase(std::unique(shared_areas.begin(), shared_areas.end()), shared_areas.end());
          }
          duplicate_candidate c;
          c.kind = kind;
          c.a = std::min(x, y);
          c.b = std::max(x, y);
          c.score = score;
          c.jaccard = j_score;
          c.name_similarity = ns;
          c.same_kind = kind_of[x] == kind_of[y];
          c.shared_organizations = common;
          c.organizations = uni;
          const auto topx = topic_span(x), topy = topic_span(y);
          std::set_intersection(topx.begin(), topx.end(), topy.begin(), topy.end(), std::back_inserter(c.topics));
          c.areas = std::move(shared_areas);
          c.common = common_part(extent_of(d, kind, x), extent_of(d, kind, y));
          found.push_back(std::move(c));
        }
      }
    }
    for (std::uint32_t i = 0; i < prefix && i < sx; ++i) lists[tx[i] * kinds + kind_of[x]].push_back({x, i, sx});
  }

  std::sort(found.begin(), found.end(), [](const duplicate_candidate& p, const duplicate_candidate& q) {
    if (p.score != q.score) return p.score > q.score;
    if (p.jaccard != q.jaccard) return p.jaccard > q.jaccard;
    if (p.topics.size() != q.topics.size()) return p.topics.size() > q.topics.size();
    if (p.a != q.a) return p.a < q.a;
    return p.b < q.b;
  });
  if (o.limit && found.size() > o.limit) found.resize(o.limit);

  const entity_kind area_kind = entity_kind::area, topic_kind = entity_kind::topic;
  for (auto& c : found) {
    auto kind_word = [&](index t) {
      return on_tasks ? std::string(to_string(static_cast<task_kind>(d.tasks[t].kind)))
                      : std::string(to_string(static_cast<program_kind>(d.programs[t].kind)));
    };
    std::string r = c.same_kind ? "same kind (" + kind_word(c.a) + "); "
                                : "kinds that may repeat each other (" + kind_word(c.a) + ", " + kind_word(c.b) + "); ";
    r += "same topic (";
    for (std::size_t i = 0; i < c.topics.size(); ++i)
      r += (i ? ", " : "") + std::string(net.id_of(topic_kind, c.topics[i]));
    r += "); ";
    if (c.areas.empty()) {
      r += "area not stated on one side";
    } else {
      r += "same area (";
      for (std::size_t i = 0; i < c.areas.size(); ++i)
        r += (i ? ", " : "") + std::string(net.id_of(area_kind, c.areas[i]));
      r += ")";
    }
    r += "; periods overlap (" + period_words(c.common) + "); ";
    char buf[160];
    std::snprintf(buf, sizeof buf, "%u of %u organizations in common (Jaccard %.2f); names alike %.2f; score %.2f",
                  c.shared_organizations, c.organizations, c.jaccard, c.name_similarity, c.score);
    r += buf;
    c.reason = std::move(r);
  }
  return found;
}

}  // namespace danvan

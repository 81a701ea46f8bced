// Organizations and actors in the text: each organization mention, whether
// it is an actor or the object of a preposition, generic actors (`các đơn
// vị`), and at the end the merging of mentions that name one body.
#include "extractor.hpp"

#include <algorithm>

namespace danvan::text::detail {

void extractor::find_organizations() {
  std::size_t i = 0;
  while (i < tl_.size()) {
    if (tl_[i].kind != tk::word) {
      ++i;
      continue;
    }
    auto p = match_org(i, false, 0);
    if (!p) {
      ++i;
      continue;
    }
    org_hit h;
    h.first = p->first;
    h.last = p->last;
    h.conf = p->conf;
    h.entity = register_org(*p);
    h.in_doc = tok_doc_[i] >= 0;
    // An organization after a preposition or possessive is not the actor of its clause.
    const std::size_t k = before_determiners(i);
    if (k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1,
                                   detail::lex_preposition | detail::lex_possessive | detail::lex_venue))
      h.object = true;
    const int idx = static_cast<int>(hits_.size());
    for (std::size_t x = p->first; x <= p->last; ++x) tok_org_[x] = idx;
    hit_at_start_[p->first] = idx;
    hit_at_end_[p->last] = idx;
    hits_.push_back(h);

    item_record r;
    r.kind = item_kind::organization;
    r.span = bytes(p->first, p->last);
    r.conf = p->conf;
    r.entity = h.entity;
    // name, category and source come from the entity (after merges) when the draft is made
    items_.push_back(std::move(r));

    // A commune in a body's name (`Đồn Biên phòng Mường Lống`) names the body, not a place of work.
    auto district_or_province = [](const std::optional<place_parse>& pl) {
      return pl && pl->lvl && *pl->lvl != danvan::level::commune;
    };
    if (p->place && p->place->lvl) {
      if (district_or_province(p->place))
        register_area(*p->place, *p->place->lvl, p->locality_first.value_or(p->place->first), 0.85, "organization");
    } else if (district_or_province(p->sub_place))
      register_area(*p->sub_place, *p->sub_place->lvl, p->sub_locality_first.value_or(p->sub_place->first), 0.85,
                    "organization");

    i = p->last + 1;
  }
}

/// The first token of the determiners (and `đồng chí`) that end right before token k; k when none.
std::size_t extractor::before_determiners(std::size_t k) const {
  while (k > 0) {
    if (auto d = m_->lex_ending_at(gx_.lexicon, k - 1, lex_determiner)) k = *d;
    else if (k >= 2 && word_is(k - 2, "đồng") && word_is(k - 1, "chí")) k -= 2;
    else break;
  }
  return k;
}

std::string extractor::head_of(int org) const {
  if (org < 0) return {};
  return orgs_[static_cast<std::size_t>(org)].head;
}

/// Bodies listed after a preposition share its object role: `với A, B và C`.
void extractor::mark_object_lists() {
  // A list after `với`, `cho`, ... goes on over commas and `và`; a list after
  // `của` only over `và` (`Theo hướng dẫn của Sở Nội vụ, Ban Dân vận ...`).
  bool in_list = false, possessive = false;
  auto starts = [&](std::size_t first) -> int {  // 0 no, 1 preposition, 2 possessive
    const std::size_t k = before_determiners(first);
    if (k == 0) return 0;
    if (m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_preposition | detail::lex_venue)) return 1;
    if (m_->lex_ending_at(gx_.lexicon, k - 1, detail::lex_possessive)) return 2;
    return 0;
  };
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    if (hit_at_start_[i] >= 0) {
      auto& h = hits_[static_cast<std::size_t>(hit_at_start_[i])];
      // A body followed by `đã`, `sẽ` or a role verb starts a clause of its own.
      const std::size_t after = h.last + 1;
      const bool acts = after < tl_.size() && tl_[after].kind == tk::word &&
                        ((m_->lex(gx_.lexicon, after, detail::lex_adverb) && !word_is(after, "và")) ||
                         m_->longest(gx_.cues, after));
      if (h.object) {
        in_list = true;
        possessive = starts(h.first) == 2;
      } else if (in_list && !acts) {
        h.object = true;
      } else {
        in_list = false;
      }
      i = h.last;
      continue;
    }
    if (tok_generic_[i] == static_cast<int>(i)) {
      if (const int s = starts(i)) in_list = true, possessive = s == 2;
      i = generic_last_[i];
      continue;
    }
    if (tl_.is_punct(i, ',')) {
      if (possessive) in_list = false;
      continue;
    }
    if (auto s = m_->lex(gx_.lexicon, i, detail::lex_separator | detail::lex_determiner)) {
      if (!word_is(i, "với") || in_list) {
        i = *s;
        continue;
      }
    }
    in_list = false;
  }
}

void extractor::find_generic_actors() {
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    if (tok_org_[i] >= 0 || tl_[i].kind != tk::word) continue;
    if (auto last = m_->lex(gx_.lexicon, i, detail::lex_generic)) {
      bool clear = true;
      for (std::size_t k = i; k <= *last; ++k) clear = clear && tok_org_[k] < 0;
      if (!clear) continue;
      for (std::size_t k = i; k <= *last; ++k) tok_generic_[k] = static_cast<int>(i);
      generic_last_[i] = *last;
      i = *last;
    }
  }
}

/// A network organization found by a name every province's body bears (`Ban Thường vụ
/// Tỉnh ủy`, `Công an tỉnh`) is that body only in a text about its province. In a text
/// that names other provinces and none of the network's, it is a new body of the
/// province named (one of the text's own, if it named it in full); where the text names
/// the network's provinces and others, or none, it stays the network's with the
/// confidence that ambiguity leaves.
void extractor::place_network_matches() {
  if (net_provinces_.empty()) return;
  std::set<std::string> named;  // the provinces the text names
  std::string other;            // one of them that is not the network's, as written
  for (const auto& a : areas_)
    if (a.lvl == danvan::level::province) {
      const std::string_view name = without_province_kind(a.name);
      const std::string key = skey(name);
      named.insert(key);
      if (!net_provinces_.count(key)) other = name;
    }
  for (const auto& o : orgs_)
    if (o.net >= 0 && !o.generic_name)
      for (const auto& k : net_org_province_[static_cast<std::size_t>(o.net)]) named.insert(k);
  const auto others = static_cast<std::size_t>(std::count_if(named.begin(), named.end(), [&](const std::string& k) {
    return !net_provinces_.count(k);
  }));
  const bool ours = others < named.size();
  const double ceiling = others == 0 ? (ours ? 1.0 : 0.8) : ours ? 0.7 : 0.75;
  std::vector<double> cap(orgs_.size(), 1.0);
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    auto& o = orgs_[i];
    if (!o.generic_name || o.net_id.empty()) continue;
    cap[i] = ceiling;
    if (ours || others == 0) continue;
    // A body of the other province: `Công an tỉnh` + `Nghệ An` when the text names one.
    o.net_id.clear();
    o.name_en.clear();
    o.name = others == 1 ? o.surface + " " + other : o.surface;
    o.key = skey(o.name);
    o.base_key = skey(o.surface);
    o.has_place = others == 1;
    if (const auto it = org_by_key_.find(o.key); it != org_by_key_.end() && it->second != static_cast<int>(i))
      merge_org_into(o, it->second);
  }
  for (auto& it : items_)
    if (it.kind == item_kind::organization && it.entity >= 0) it.conf = std::min(it.conf, cap[static_cast<std::size_t>(it.entity)]);
}

/// `Công an tỉnh` and `Công an tỉnh Hải Dương` in one report are one body; so
/// are `MTTQ` and `Ủy ban MTTQ tỉnh` (a bare head and the one full name of its entry).
void extractor::merge_organizations() {
  place_network_matches();
  std::unordered_map<std::string, std::vector<int>> placed;
  for (std::size_t i = 0; i < orgs_.size(); ++i)
    if (orgs_[i].has_place && orgs_[i].net_id.empty()) placed[orgs_[i].base_key].push_back(static_cast<int>(i));
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    auto& o = orgs_[i];
    if (o.has_place || !o.net_id.empty()) continue;
    const auto it = placed.find(o.key);
    if (it == placed.end() || it->second.size() != 1) continue;
    merge_org_into(o, it->second.front());
  }
  for (std::size_t i = 0; i < orgs_.size(); ++i) {
    auto& o = orgs_[i];
    if (!o.bare || o.merged_into >= 0 || o.entry.empty()) continue;
    int into = -1, count = 0;
    for (std::size_t j = 0; j < orgs_.size(); ++j) {
      const auto& t = orgs_[j];
      if (j == i || t.bare || t.merged_into >= 0 || t.entry != o.entry || !t.net_id.empty()) continue;
      into = static_cast<int>(j);
      ++count;
    }
    if (count == 1) merge_org_into(o, into);
  }
  auto resolve = [&](int e) {
    while (e >= 0 && orgs_[static_cast<std::size_t>(e)].merged_into >= 0) e = orgs_[static_cast<std::size_t>(e)].merged_into;
    return e;
  };
  for (auto& it : items_)
    if (it.kind == item_kind::organization || it.kind == item_kind::role) it.entity = resolve(it.entity);
  for (auto& d : docs_) d.issued_by = resolve(d.issued_by);
}

void extractor::merge_org_into(org_entity& o, int into) {
  o.merged_into = into;
  auto& t = orgs_[static_cast<std::size_t>(into)];
  t.mentions += o.mentions;
  t.conf = std::max(t.conf, o.conf);
  for (const auto& e : o.evidence) evidence(t.evidence, e);
  for (const auto& a : o.aliases)
    if (t.aliases.size() < 10 && t.alias_keys.insert(skey(a)).second) t.aliases.push_back(a);
  if (t.alias_keys.insert(skey(o.name)).second && t.aliases.size() < 10) t.aliases.push_back(o.name);
}

}  // namespace danvan::text::detail

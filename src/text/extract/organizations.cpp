// Organization names: the network's own names, and gazetteer entries with
// the scope the text gives them (a place, a locality, the body they belong
// to, or free words up to a locality).
#include "extractor.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace danvan::text::detail {

namespace {

/// The body a head belongs to, as one of its parses names it.
struct parent_body {
  const std::string& key;
  const std::string& name;
  org_kind kind;
  std::optional<danvan::level> lvl;
  std::optional<place_parse> place;
  std::optional<std::size_t> locality_first;
};

/// `Ban Dân vận` + `Tỉnh ủy`: the head named with the body it belongs to.
org_parse belonging_to(org_parse p, const gazetteer_organization& e, const parent_body& parent) {
  std::tie(p.sub_key, p.sub_name, p.sub_kind, p.sub_lvl, p.sub_place, p.sub_locality_first) =
      std::tie(parent.key, parent.name, parent.kind, parent.lvl, parent.place, parent.locality_first);
  if (parent.lvl) p.lvl = parent.lvl;
  if (!e.office && e.party_kind && parent.kind == org_kind::party_committee) p.kind = *e.party_kind;
  if (!e.office && e.kind_from_parent) p.kind = parent.kind;
  p.name += " " + parent.name;
  return p;
}

bool attaches_to(const gazetteer_organization& e, org_kind kind) {
  return e.attach.empty() || std::find(e.attach.begin(), e.attach.end(), kind) != e.attach.end();
}

/// The body's name without its place name: `Công an tỉnh` for `Công an tỉnh Hải Dương`.
std::string without_place(std::string name, const std::string& place) {
  const auto pos = name.rfind(place);
  if (pos != std::string::npos && pos + place.size() == name.size()) name.erase(pos);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return name;
}

void add_locality_place(org_parse& p, const locality_parse& lc) {
  if (!lc.place) return;
  p.name += " " + lc.place->name;
  p.locality_first = lc.first;
  p.place = lc.place;
}

}  // namespace

void extractor::finish_parse(org_parse& p) const {
  p.key = (p.net >= 0 ? "net:" + std::to_string(p.net) : p.name.empty() ? std::string() : skey(p.name));
  p.base_key = p.key;
  if (p.net < 0 && p.place) p.base_key = skey(without_place(p.name, p.place->name));
  else if (p.net < 0 && p.sub_place) p.base_key = skey(without_place(p.name, p.sub_place->name));
}

/// The parse an entry gives before its scope: its kind, level and the name the text uses.
org_parse extractor::entry_base(const gazetteer_organization& e, int entry, std::size_t i, std::size_t j,
                                bool abbrev) const {
  org_parse base;
  base.first = i;
  base.last = j;
  base.entry = entry;
  base.name = e.names.empty() ? span_text(i, j) : e.names.front();
  // A body with a scope is named with the name the text uses (`Hội Nông dân tỉnh`,
  // not `Hội Nông dân Việt Nam tỉnh`), unless that is an abbreviation (`UBND tỉnh`
  // is `Ủy ban nhân dân tỉnh`).
  const bool scoped = !(e.scope.empty() || (e.scope.size() == 1 && e.scope[0] == name_scope::none));
  if (!abbrev && scoped) {
    const std::string k = span_key(i, j);
    for (const auto& name : e.names) {
      bool caps = false;
      for (std::size_t x = 0; x + 1 < name.size(); ++x)
        caps = caps || (std::isupper(static_cast<unsigned char>(name[x])) && std::isupper(static_cast<unsigned char>(name[x + 1])));
      if (!caps && skey(name) == k) {
        base.name = name;
        break;
      }
    }
  }
  base.kind = e.office ? org_kind::other : e.kind;
  base.lvl = e.level;
  base.office = e.office;
  base.committee = e.committee;
  base.plural = e.plural;
  return base;
}

std::optional<org_parse> extractor::try_entry(int entry, std::size_t i, std::size_t j, bool unaccented, bool abbrev,
                                              bool attached, int depth) const {
  const auto& e = gx_.org_entries[static_cast<std::size_t>(entry)];
  if (!attached && !e.any_case && !abbrev && !tl_[i].upper) return std::nullopt;
  org_parse base = entry_base(e, entry, i, j, abbrev);
  base.unaccented = unaccented;
  const std::vector<name_scope> scopes = e.scope.empty() ? std::vector<name_scope>{name_scope::none} : e.scope;
  for (const auto s : scopes) {
    std::optional<org_parse> p;
    switch (s) {
      case name_scope::none:
        if (!e.standalone && !attached) break;  // `Trung ương` only as the body another belongs to
        p = base;
        p->conf = 0.9;
        break;
      case name_scope::place: p = with_place(base, e, j); break;
      case name_scope::locality: p = with_locality(base, j); break;
      case name_scope::organization: p = depth < 3 ? with_parent(base, e, j, depth) : std::nullopt; break;
      case name_scope::named: p = with_named_scope(base, i, j); break;
    }
    if (p) return p;
  }
  if (e.standalone && !(scopes.size() == 1 && scopes[0] == name_scope::none)) {
    org_parse p = base;
    const bool scoped = std::any_of(scopes.begin(), scopes.end(), [](name_scope s) { return s != name_scope::none; });
    p.conf = scoped ? e.standalone_confidence : 0.9;
    p.bare = scoped;
    if (abbrev && scoped) p.conf = std::max(p.conf, 0.75);
    return p;
  }
  if (depth < 3 && std::find(scopes.begin(), scopes.end(), name_scope::organization) != scopes.end())
    return sharing_next_parent(base, e, j, depth);
  return std::nullopt;
}

std::optional<org_parse> extractor::with_place(const org_parse& base, const gazetteer_organization& e,
                                               std::size_t j) const {
  auto pl = match_place(j + 1);
  if (!pl) return std::nullopt;
  org_parse p = base;
  p.last = pl->last;
  if (e.committee && pl->known && pl->lvl == danvan::level::province &&
      (pl->province_city || (e.level && *e.level == danvan::level::province)))
    p.lvl = danvan::level::province;
  pl->lvl = p.lvl;
  p.name += " " + pl->name;
  p.place = std::move(pl);
  p.conf = 0.9;
  return p;
}

std::optional<org_parse> extractor::with_locality(const org_parse& base, std::size_t j) const {
  auto lc = match_locality(j + 1);
  if (!lc) return std::nullopt;
  org_parse p = base;
  p.last = lc->last;
  if (lc->lvl) p.lvl = lc->lvl;
  p.name += " " + (lc->plural ? span_text(lc->first, lc->last) : lc->word);
  add_locality_place(p, *lc);
  p.plural = p.plural || lc->plural;
  p.conf = 0.9;
  return p;
}

std::optional<org_parse> extractor::with_parent(const org_parse& base, const gazetteer_organization& e, std::size_t j,
                                                int depth) const {
  std::size_t k = j + 1;
  bool plural = false;
  if (auto det = m_->lex(gx_.lexicon, k, lex_determiner)) k = *det + 1, plural = true;
  auto sub = match_org(k, true, depth + 1);
  if (!sub || sub->office || !attaches_to(e, sub->kind)) return std::nullopt;
  org_parse p = belonging_to(base, e,
                             {sub->key, sub->name, sub->kind, sub->lvl, sub->place ? sub->place : sub->sub_place,
                              sub->place ? sub->locality_first : sub->sub_locality_first});
  p.last = sub->last;
  if (plural) {
    // `Ban Dân vận các huyện ủy, thị ủy, thành ủy`
    for (;;) {
      std::size_t n = p.last + 1;
      if (tl_.is_punct(n, ',') || word_is(n, "và")) ++n;
      else break;
      auto more = match_org(n, true, depth + 1);
      if (!more || !more->committee) break;
      p.last = more->last;
    }
    p.plural = true;
    p.name = base.name + " " + span_text(k, p.last);
  }
  p.conf = 0.9;
  return p;
}

/// Free words up to a locality within the phrase: `Ban Chỉ đạo` ... `tỉnh`.
std::optional<org_parse> extractor::with_named_scope(const org_parse& base, std::size_t i, std::size_t j) const {
  std::optional<locality_parse> found;
  for (std::size_t k = j + 1; k < tl_.size() && k <= j + 10; ++k) {
    const xtoken& t = tl_[k];
    if (t.nl_before || (t.kind == tk::punct && !transparent(t) && t.cp != '/')) break;
    if (k > j + 1 && (word_is(k, "và") || word_is(k, "của") || word_is(k, "với") || word_is(k, "để") ||
                      lex_at(k, lex_adverb) || m_->longest(gx_.cues, k)))
      break;
    if (k > j + 1 && t.upper && m_->longest(gx_.orgs, k)) break;
    if (auto lc = match_locality(k); lc && !lc->plural) found = lc;
  }
  if (!found || found->first <= j + 1) return std::nullopt;
  org_parse p = base;
  p.last = found->last;
  if (found->lvl) p.lvl = found->lvl;
  p.name = span_text(i, found->first - 1) + " " + found->word;
  add_locality_place(p, *found);
  p.conf = 0.85;
  return p;
}

/// `Thường trực, Ban Thường vụ Tỉnh ủy`: the head shares the body named next.
std::optional<org_parse> extractor::sharing_next_parent(const org_parse& base, const gazetteer_organization& e,
                                                        std::size_t j, int depth) const {
  const std::size_t k = j + 1;
  if (!tl_.is_punct(k, ',') && !word_is(k, "và")) return std::nullopt;
  auto other = match_org(k + 1, false, depth + 1);
  if (!other || other->sub_key.empty() || !other->sub_kind || !attaches_to(e, *other->sub_kind)) return std::nullopt;
  org_parse p = belonging_to(base, e,
                             {other->sub_key, other->sub_name, *other->sub_kind, other->sub_lvl, other->sub_place,
                              std::nullopt});
  p.conf = 0.65;
  return p;
}

std::optional<org_parse> extractor::match_org(std::size_t i, bool attached, int depth) const {
  if (i >= tl_.size() || tl_[i].kind != tk::word) return std::nullopt;
  std::optional<org_parse> best = match_network_org(i, attached);
  for (const auto& h : m_->all(gx_.orgs, i)) {
    for (const auto payload : *h.payloads) {
      auto p = try_entry(static_cast<int>(payload >> 1), i, h.last, h.unaccented, payload & 1u, attached, depth);
      if (!p) continue;
      if (p->unaccented) p->conf -= 0.1;
      if (!best || p->last > best->last) best = std::move(p);
    }
  }
  if (best) finish_parse(*best);
  return best;
}

/// The network's own names and aliases at token i.
std::optional<org_parse> extractor::match_network_org(std::size_t i, bool attached) const {
  for (const auto& h : m_->all(net_orgs_, i)) {
    for (const auto payload : *h.payloads) {
      const bool title = payload & 1u;
      if (title && !attached && !tl_[i].upper) continue;
      const int pos = static_cast<int>(payload >> 1);
      const auto o = o_.network->organizations()[static_cast<index>(pos)];
      org_parse p;
      p.first = i;
      p.last = h.last;
      p.net = pos;
      p.name = std::string(o.name());
      p.kind = o.kind();
      p.lvl = o.level();
      p.conf = h.unaccented ? 0.85 : 0.95;
      p.unaccented = h.unaccented;
      p.committee = o.kind() == org_kind::party_committee;
      return p;
    }
  }
  return std::nullopt;
}

int extractor::register_org(const org_parse& p) {
  int net = p.net;
  if (net < 0 && o_.network) {
    // A gazetteer match that names one of the network's organizations.
    for (const auto& k : {p.key, span_key(p.first, p.last)}) {
      const auto it = net_org_by_key_.find(k);
      if (it != net_org_by_key_.end()) {
        net = it->second;
        break;
      }
    }
  }
  const std::string key = net >= 0 ? "net:" + std::to_string(net) : p.key;
  auto [it, fresh] = org_by_key_.emplace(key, static_cast<int>(orgs_.size()));
  if (fresh) {
    org_entity e;
    e.key = key;
    e.base_key = net >= 0 ? key : p.base_key;
    e.kind = p.kind;
    e.lvl = p.lvl;
    if (net >= 0) {
      const auto o = o_.network->organizations()[static_cast<index>(net)];
      e.net_id = std::string(o.id());
      e.name = std::string(o.name());
      e.name_en = std::string(o.name_en());
      e.kind = o.kind();
      e.lvl = o.level();
    } else {
      e.name = p.name;
      if (p.entry >= 0) {
        const auto& g = gx_.org_entries[static_cast<std::size_t>(p.entry)];
        e.entry = g.id;
        if (p.sub_name.empty() && !p.place) e.name_en = g.name_en;
      }
    }
    e.sub_key = p.sub_key;
    e.has_place = p.place.has_value() || p.sub_place.has_value();
    e.bare = p.bare && net < 0;
    if (p.place) e.area_key = skey(p.place->name);
    {
      token_list nt;
      detail::tokenize_text(e.name, 0, e.name.size(), nt);
      if (nt.size()) e.head = std::string(nt.key(0));
    }
    orgs_.push_back(std::move(e));
  }
  auto& e = orgs_[static_cast<std::size_t>(it->second)];
  if (net >= 0) {
    // Named with its province (`Công an tỉnh Hải Dương`), or by a name any province's body bears?
    const std::string words = " " + span_key(p.first, p.last) + " ";
    const auto& province = net_org_province_[static_cast<std::size_t>(net)];
    const bool placed = province.empty() || std::any_of(province.begin(), province.end(), [&](const std::string& k) {
                          return words.find(" " + k + " ") != std::string::npos;
                        });
    e.generic_name = (fresh || e.generic_name) && !placed;
    e.net = net;
  }
  if (fresh) e.surface = span_text(p.first, p.last);
  ++e.mentions;
  e.conf = std::max(e.conf, p.conf);
  evidence(e.evidence, bytes(p.first, p.last));
  const std::string surface = span_text(p.first, p.last);
  const std::string surface_key = skey(surface);
  if (surface != e.name && e.aliases.size() < 10 && !surface_key.empty() && surface_key != skey(e.name) &&
      e.alias_keys.insert(surface_key).second)
    e.aliases.push_back(surface);
  return it->second;
}

}  // namespace danvan::text::detail

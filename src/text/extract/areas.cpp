// Places, localities and the districts and provinces they name. A place is a
// known name (the network's areas first, then the gazetteer's) or a short run
// of capitalized words; a locality is a word such as `huyện` or `thành phố`,
// perhaps followed by a place.
#include "extractor.hpp"

#include <algorithm>

namespace danvan::text::detail {

std::optional<place_parse> extractor::match_place(std::size_t k) const {
  if (k >= tl_.size() || tl_[k].nl_before) return std::nullopt;
  const xtoken& t = tl_[k];
  if (t.kind == tk::number) {  // `Quận 1`, `Phường 3`
    place_parse p;
    p.first = k;
    p.last = k;
    p.name = std::string(tl_.key(k));
    return p;
  }
  if (t.kind != tk::word || !t.upper) return std::nullopt;
  if (auto p = known_place(k)) return p;
  const std::size_t j = unknown_place_end(k);
  if (t.all_upper && j == k && tl_.key(k).size() > 1) return std::nullopt;  // an abbreviation, not a name
  place_parse p;
  p.first = k;
  p.last = j;
  p.name = span_text(k, j);
  return p;
}

std::optional<place_parse> extractor::known_place(std::size_t k) const {
  std::optional<phrase_hit> best;
  bool from_net = false;
  if (auto h = m_->longest(net_areas_, k)) best = h, from_net = true;
  if (auto h = m_->longest(gx_.places, k); h && (!best || h->last > best->last)) best = h, from_net = false;
  if (!best) return std::nullopt;
  place_parse p;
  p.first = k;
  p.last = best->last;
  const auto idx = (*best->payloads)[0];
  if (from_net) {
    const auto a = (*o_.network).areas()[idx];
    p.name = span_text(k, p.last);
    p.net_id = std::string(a.id());
    p.lvl = a.level();
    p.code = std::string(a.code());
    // What the gazetteer knows of the same name (a province? a centrally-run city?).
    if (auto g = m_->longest(gx_.places, k); g && g->last == p.last) {
      const auto& ge = gx_.place_entries[(*g->payloads)[0]];
      p.province_city = ge.level == danvan::level::province && skey(ge.type) == "thanh pho";
      p.province_name = ge.level == danvan::level::province;
    }
  } else {
    const auto& g = gx_.place_entries[idx];
    p.name = g.name;
    p.lvl = g.level;
    p.code = g.code;
    p.province_city = g.level == danvan::level::province && skey(g.type) == "thanh pho";
    p.province_name = g.level == danvan::level::province;
  }
  p.known = true;
  return p;
}

/// The last token of an unknown place at k: a run of capitalized words on the same
/// line (two, or three when the third is not a common family name starting a person's name).
std::size_t extractor::unknown_place_end(std::size_t k) const {
  static const std::set<std::string> surnames{"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu",
                                              "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly", "dong"};
  std::size_t j = k;
  while (j + 1 < tl_.size() && j - k < 2) {
    const xtoken& n = tl_[j + 1];
    if (n.kind != tk::word || !n.upper || n.nl_before || !n.space_before) break;
    if (n.all_upper && tl_.key(j + 1).size() > 1) break;
    if (j - k == 1 && surnames.count(std::string(tl_.key(j + 1)))) break;
    if (m_->longest(gx_.orgs, j + 1) || m_->longest(gx_.localities, j + 1) || m_->longest(gx_.cues, j + 1)) break;
    ++j;
  }
  return j;
}

std::optional<locality_parse> extractor::match_locality(std::size_t k) const {
  if (k >= tl_.size() || tl_[k].nl_before) return std::nullopt;
  // `các huyện, thị xã, thành phố` (but `các cấp` is one locality)
  if (auto det = m_->lex(gx_.lexicon, k, lex_determiner); det && !m_->longest(gx_.localities, k))
    return match_localities(k, *det);
  auto h = m_->longest(gx_.localities, k);
  if (!h) return std::nullopt;
  const auto& e = gx_.locality_entries[(*h->payloads)[0]];
  locality_parse l;
  l.first = k;
  l.last = h->last;
  l.lvl = e.level;
  l.city = e.city;
  l.word = e.canonical.empty() ? e.words.front() : e.canonical;
  if (!e.takes_place) return l;
  const std::size_t n = l.last + 1;
  // A place follows on the same line, not after a full stop (`TP.` is one locality word).
  auto p = n < tl_.size() && !tl_[n].nl_before ? match_place(n) : std::nullopt;
  if (!p || p->name.empty() || (tl_[p->first].kind == tk::number && !(e.level && *e.level != danvan::level::province)))
    return l;
  if (e.city) {
    p->lvl = p->known && p->province_city ? danvan::level::province : danvan::level::district;
  } else if (e.level) {
    p->lvl = e.level;
  }
  l.lvl = p->lvl;
  l.last = p->last;
  p->word = l.word;
  l.place = std::move(p);
  return l;
}

/// Locality words after a determiner, listed: `các huyện, thị xã, thành phố`.
std::optional<locality_parse> extractor::match_localities(std::size_t k, std::size_t det_last) const {
  auto h = m_->longest(gx_.localities, det_last + 1);
  if (!h) return std::nullopt;
  const auto& e = gx_.locality_entries[(*h->payloads)[0]];
  locality_parse l;
  l.first = k;
  l.plural = true;
  l.lvl = e.level;
  l.city = e.city;
  l.word = e.canonical.empty() ? e.words.front() : e.canonical;
  l.last = h->last;
  for (;;) {
    std::size_t n = l.last + 1;
    if (tl_.is_punct(n, ',') || word_is(n, "và")) ++n;
    else break;
    auto h2 = m_->longest(gx_.localities, n);
    if (!h2) break;
    l.last = h2->last;
  }
  return l;
}

namespace {

/// The name an area goes by in the draft: `Quận 1` rather than `1`, and
/// `Thành phố Hải Dương` for the provincial capital rather than the province.
std::string area_name(const place_parse& p, danvan::level lvl) {
  std::string name = p.name;
  if (!name.empty() && std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    std::string word = p.word.empty() ? std::string("quận") : p.word;
    if (word.rfind("quận", 0) == 0) word = "Quận" + word.substr(std::string("quận").size());
    else if (word.rfind("phường", 0) == 0) word = "Phường" + word.substr(std::string("phường").size());
    name = word + " " + name;
  }
  if (lvl == danvan::level::district && p.province_name) {
    std::string word = p.word.empty() ? std::string("thành phố") : p.word;
    const std::string initial = word.substr(0, 1);
    if (initial >= "a" && initial <= "z") word[0] = static_cast<char>(word[0] - 32);
    else if (word.rfind("thành", 0) == 0) word = "Thành" + word.substr(std::string("thành").size());
    name = word + " " + p.name;
  }
  return name;
}

/// Whether none of tokens [f, l] is already part of an area.
bool span_free(const std::vector<unsigned char>& used, std::size_t f, std::size_t l) {
  for (std::size_t k = f; k <= l; ++k)
    if (used[k]) return false;
  return true;
}

void mark_span(std::vector<unsigned char>& used, std::size_t f, std::size_t l) {
  for (std::size_t k = f; k <= l; ++k) used[k] = 1;
}

}  // namespace

/// The id of the network's area of that name and level, if any.
std::string extractor::network_area(const place_parse& p, const std::string& name, danvan::level lvl) const {
  std::string net_id;
  if (!o_.network) return net_id;
  if (!p.net_id.empty()) {
    const auto pos = o_.network->find(entity_kind::area, p.net_id);
    if (pos && o_.network->areas()[*pos].level() == lvl) net_id = p.net_id;
  }
  for (const auto& n : {name, p.name}) {
    if (!net_id.empty()) break;
    const auto it = net_area_by_key_.find(skey(n));
    if (it == net_area_by_key_.end()) continue;
    const auto a = o_.network->areas()[static_cast<index>(it->second)];
    if (a.level() == lvl) net_id = std::string(a.id());
  }
  return net_id;
}

int extractor::register_area(const place_parse& p, danvan::level lvl, std::size_t first, double conf,
                             std::string_view source) {
  if (lvl == danvan::level::central) return -1;
  const std::string name = area_name(p, lvl);
  const std::string net_id = network_area(p, name, lvl);
  const std::string key = net_id.empty() ? std::string(danvan::to_string(lvl)) + ":" + skey(name) : net_id;
  auto [it, fresh] = area_by_key_.emplace(key, static_cast<int>(areas_.size()));
  if (fresh) areas_.push_back({.key = key, .name = name, .net_id = net_id, .code = p.code, .lvl = lvl});
  auto& a = areas_[static_cast<std::size_t>(it->second)];
  ++a.mentions;
  a.conf = std::max(a.conf, conf);
  const byte_span sp = bytes(first, p.last);
  evidence(a.evidence, sp);
  item_record r;
  // a commune is an item of the district kind, its category `commune` (tasks take place in both)
  r.kind = lvl == danvan::level::province ? item_kind::province : item_kind::district;
  r.span = sp;
  r.conf = conf;
  r.entity = it->second;
  r.name = intern(name);
  r.category = intern(danvan::to_string(lvl));
  r.source = intern(source);
  items_.push_back(std::move(r));
  return it->second;
}

void extractor::find_areas() {
  if (tl_.size() == 0) return;
  std::vector<unsigned char> used(tl_.size(), 0);
  for (std::size_t x = chunk_items_from_; x < items_.size(); ++x) {
    const auto& it = items_[x];
    if ((it.kind == item_kind::district || it.kind == item_kind::province) && it.span.b >= tl_[0].b) {
      const auto [f, l] = token_range(tl_, it.span.b, it.span.e);
      if (f != npos) mark_span(used, f, l);
    }
  }
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    if (tl_[i].kind != tk::word) continue;
    if (auto lc = match_locality(i);
        lc && lc->plural && lc->lvl && (*lc->lvl == danvan::level::district || *lc->lvl == danvan::level::commune)) {
      read_area_list(lc->last + 1, used, *lc->lvl);
      i = std::max(i, lc->last);
      continue;
    }
    if (tok_org_[i] >= 0) continue;
    if (auto lc = match_locality(i); lc && !lc->plural && lc->place && lc->place->lvl) {
      if (span_free(used, i, lc->last)) {
        register_area(*lc->place, *lc->place->lvl, i, 0.9, "pattern");
        mark_span(used, i, lc->last);
      }
      i = lc->last;
      continue;
    }
    if (o_.network && tl_[i].upper) {
      if (auto h = m_->longest(net_areas_, i); h && span_free(used, i, h->last)) {
        const auto a = o_.network->areas()[static_cast<index>((*h->payloads)[0])];
        place_parse p;
        p.first = i;
        p.last = h->last;
        p.name = span_text(i, h->last);
        p.net_id = std::string(a.id());
        p.code = std::string(a.code());
        register_area(p, a.level(), i, 0.85, "network");
        mark_span(used, i, h->last);
        i = h->last;
      }
    }
  }
}

/// The places listed after plural localities, from token k, of the level they name:
/// `các huyện, thị xã, thành phố như: Thành phố Hải Dương, Kim Thành, ...`, `các xã Tân Lập, Khả Cửu`
void extractor::read_area_list(std::size_t k, std::vector<unsigned char>& used, danvan::level listed) {
  if (auto intro = m_->lex(gx_.lexicon, k, lex_introducer)) k = *intro + 1;
  if (tl_.is_punct(k, ':')) ++k;
  for (int guard = 0; guard < 40 && k < tl_.size(); ++guard) {
    std::optional<place_parse> pl;
    const std::size_t start = k;
    danvan::level lvl = listed;
    if (auto one = match_locality(k); one && !one->plural && one->place) {
      pl = one->place;
      lvl = one->place->lvl.value_or(listed);
    } else if (auto p = match_place(k)) {
      pl = p;
      if (p->known && p->lvl == danvan::level::province) lvl = danvan::level::province;
    }
    if (!pl) break;
    if (span_free(used, start, pl->last)) {
      register_area(*pl, lvl, start, 0.8, "list");
      mark_span(used, start, pl->last);
    }
    k = pl->last + 1;
    if (tl_.is_punct(k, ',') || word_is(k, "và")) ++k;
    else break;
  }
}

}  // namespace danvan::text::detail

#include "extractor.hpp"

#include "html.hpp"

#include <danvan/text/normalize.hpp>

#include <algorithm>

namespace danvan::text::detail {

namespace {

bool first_upper(std::string_view s) {
  token_list tl;
  tokenize_text(s, 0, s.size(), tl);
  return tl.size() > 0 && tl[0].upper;
}

}  // namespace

std::string_view without_province_kind(std::string_view name) {
  const std::size_t one = name.find(' ');
  if (one == std::string_view::npos) return name;
  if (search_key(name.substr(0, one)) == "tinh") return name.substr(one + 1);
  const std::size_t two = name.find(' ', one + 1);
  if (two != std::string_view::npos && search_key(name.substr(0, two)) == "thanh pho") return name.substr(two + 1);
  return name;
}

std::pair<std::size_t, std::size_t> token_range(const token_list& tl, std::size_t b, std::size_t e) {
  const auto first = std::lower_bound(tl.toks.begin(), tl.toks.end(), b,
                                      [](const xtoken& t, std::size_t x) { return t.b < x; });
  if (first == tl.toks.end()) return {npos, npos};
  auto last = std::upper_bound(tl.toks.begin(), tl.toks.end(), e, [](std::size_t x, const xtoken& t) { return x < t.e; });
  if (last == tl.toks.begin()) return {npos, npos};
  --last;
  const auto f = static_cast<std::size_t>(first - tl.toks.begin());
  const auto l = static_cast<std::size_t>(last - tl.toks.begin());
  if (l < f) return {npos, npos};
  return {f, l};
}

void extractor::build_network_index() {
  if (!o_.network) return;
  const auto& net = *o_.network;
  int pos = 0;
  for (const auto o : net.organizations()) {
    std::vector<std::string_view> names{o.name()};
    for (const auto a : o.aliases()) names.push_back(a);
    for (const auto& former : o.names()) names.push_back(former.name);  // a report may use any of them
    for (const auto n : names) {
      if (n.empty()) continue;
      const auto seq = detail::compile_phrase(n, vocab_.keys, vocab_.lowers);
      if (seq.empty()) continue;
      // A name written with a capital is matched only with its capital.
      const bool title = first_upper(n);
      net_orgs_.add(seq, static_cast<std::uint32_t>(pos) << 1 | (title ? 1u : 0u), false);
      net_org_by_key_.emplace(search_key(n), pos);
    }
    ++pos;
  }
  pos = 0;
  for (const auto a : net.areas()) {
    std::vector<std::string_view> names{a.name()};
    for (const auto x : a.aliases()) names.push_back(x);
    for (const auto n : names) {
      const auto seq = detail::compile_phrase(n, vocab_.keys, vocab_.lowers);
      if (seq.empty()) continue;
      net_areas_.add(seq, static_cast<std::uint32_t>(pos), false);
      net_area_by_key_.emplace(search_key(n), pos);
    }
    ++pos;
  }
  net_orgs_.finish();
  net_areas_.finish();
  index_provinces();
}

void extractor::index_provinces() {
  const auto& net = *o_.network;
  auto names_of = [](danvan::area_view a) {
    std::vector<std::string> keys{search_key(without_province_kind(a.name()))};
    for (const auto x : a.aliases()) keys.push_back(search_key(without_province_kind(x)));
    return keys;
  };
  std::vector<std::string> only;  // the names of the one province, if the network has one
  for (const auto a : net.areas())
    if (a.level() == danvan::level::province) {
      only = net_provinces_.empty() ? names_of(a) : std::vector<std::string>{};
      for (auto& k : names_of(a)) net_provinces_.insert(std::move(k));
    }
  // An organization's province: that of its area, or of the body it belongs to.
  for (const auto o : net.organizations()) {
    std::optional<danvan::area_view> area;
    auto body = std::optional(o);
    for (int depth = 0; body && !area && depth < 16; ++depth, body = body->parent()) area = body->area();
    while (area && area->level() != danvan::level::province) area = area->parent();
    net_org_province_.push_back(area ? names_of(*area) : only);
  }
}

// ---- tokens and the text layer's scans ------------------------------------------

void extractor::prepare_tokens(std::size_t from, std::size_t to) {
  detail::tokenize_text(text_, from, to, tl_);
  tl_.memo = &lower_memo_;
  for (auto& t : tl_.toks) {
    const std::string_view key = std::string_view(tl_.keys).substr(t.key_b, t.key_e - t.key_b);
    t.id = vocab_.keys.find(key);
  }
  m_ = std::make_unique<detail::matcher>(tl_, vocab_, gx_.lexicon);
  const std::size_t n = tl_.size();
  tok_doc_.assign(n, -1);
  tok_period_.assign(n, -1);
  tok_org_.assign(n, -1);
  tok_generic_.assign(n, -1);
  tok_program_.assign(n, -1);
  tok_cue_.assign(n, -1);
  doc_start_.assign(n, -1);
  period_start_.assign(n, -1);
  doc_last_.assign(n, npos);
  period_last_.assign(n, npos);
  generic_last_.assign(n, npos);
  cue_last_.assign(n, npos);
  cue_entry_.assign(n, -1);
  in_quote_.assign(n, 0);
  in_title_.assign(n, 0);
  quote_close_.assign(n, npos);
  hit_at_start_.assign(n, -1);
  hit_at_end_.assign(n, -1);
  hits_.clear();
  chunk_programs_.clear();
  chunk_periods_.clear();
  chunk_docs_.clear();
}

void extractor::find_quotes() {
  int depth = 0;
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    const xtoken& t = tl_[i];
    if (t.para_before) depth = 0, open.clear();
    if (t.quote == 1 || (t.quote == 3 && depth == 0)) {
      open.push_back(i);
      ++depth;
      continue;
    }
    if (t.quote == 2 || (t.quote == 3 && depth > 0)) {
      if (!open.empty()) {
        // The closing quote ends the innermost open one; an unbalanced
        // opening quote before it is left open.
        quote_close_[open.back()] = i;
        open.pop_back();
      }
      depth = std::max(0, depth - 1);
      continue;
    }
    in_quote_[i] = depth > 0;
  }
}

std::string extractor::span_text(std::size_t first, std::size_t last) const {
  std::string raw;
  for (std::size_t k = first; k <= last && k < tl_.size(); ++k) {
    if (k > first && tl_[k].space_before) raw.push_back(' ');
    raw += tl_.raw(k);
  }
  auto it = norm_memo_.find(raw);
  if (it == norm_memo_.end()) {
    if (norm_memo_.size() > 100000) norm_memo_.clear();
    it = norm_memo_.emplace(raw, normalize(detail::decoded_text(raw))).first;
  }
  return it->second;
}

std::string extractor::skey(std::string_view s) const {
  auto it = key_memo_.find(s);
  if (it == key_memo_.end()) {
    if (key_memo_.size() > 100000) key_memo_.clear();
    it = key_memo_.emplace(std::string(s), search_key(s)).first;
  }
  return it->second;
}

std::string extractor::span_key(std::size_t first, std::size_t last) const {
  std::string key;
  for (std::size_t k = first; k <= last && k < tl_.size(); ++k) {
    if (tl_[k].kind == tk::punct) continue;
    if (!key.empty()) key.push_back(' ');
    key += tl_.key(k);
  }
  return key;
}

std::uint32_t extractor::intern(std::string_view s) {
  auto it = string_ids_.find(std::string(s));
  if (it != string_ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(strings_.size());
  strings_.emplace_back(s);
  string_ids_.emplace(std::string(s), id);
  return id;
}

void extractor::process_chunk(std::size_t from, std::size_t to, chunk_scan scan) {
  prepare_tokens(from, to);
  chunk_items_from_ = items_.size();
  if (tl_.size() == 0) return;
  map_documents(std::move(scan.refs));
  map_periods(std::move(scan.periods));
  find_quotes();
  find_organizations();
  link_documents();
  note_issuers();
  find_generic_actors();
  mark_object_lists();
  find_areas();
  find_programs();
  find_cues();
  read_roles();
  remember_heads();
}

/// The last mention of each head word, for `Ban`, `Sở`, ... used alone in later chunks.
void extractor::remember_heads() {
  for (const auto& h : hits_)
    if (!h.in_doc) last_by_head_[head_of(h.entity)] = {h.entity, bytes(h.first, h.last)};
}

}  // namespace danvan::text::detail

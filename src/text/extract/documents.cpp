// Documents and periods come from the text layer's scanners; here they are
// tied to tokens (so that other stages can see what lies inside a reference),
// linked to each other, and given one key per document.
#include "extractor.hpp"

#include <algorithm>

namespace danvan::text::detail {

namespace {

std::string iso(const danvan::period& p) {
  if (p.start.empty() && p.end.empty()) return {};
  if (p.start == p.end) return p.start.to_string();
  return p.start.to_string() + "/" + p.end.to_string();
}

/// A document's key without its year: type, number without leading zeros, issuer.
std::string undated_key(const document_reference& r) {
  std::string n = r.number;
  while (n.size() > 1 && n[0] == '0') n.erase(0, 1);
  return slug(r.type) + "|" + n + "|" + slug(r.issuer);
}

bool has_year(const document_reference& r) { return !r.date.empty() || r.number_year != 0; }

}  // namespace

/// Whether token f may follow a document's number: the end of the clause, `và`, `của`,
/// `ngày`, `về`; not a count's noun (`..., 15 cuộc`, `và 5 năm`).
bool extractor::ends_reference(std::size_t f) const {
  if (f >= tl_.size() || tl_[f].nl_before) return true;
  if (tl_[f].kind == tk::punct)
    return tl_[f].space_before || tl_[f].cp == ',' || tl_[f].cp == ';' || tl_[f].cp == '.' || tl_[f].cp == ')' ||
           tl_[f].cp == '(';
  return word_is(f, "và") || word_is(f, "của") || word_is(f, "ngày") || word_is(f, "về");
}

/// References a report writes by their type and number only, and documents that share
/// a type: `Quyết định 217 và 218 của Bộ Chính trị` (a headline; the body names them
/// `Quyết định số 217-QĐ/TW`), `Quyết định số 12-QĐ/HU và 13 ...`, `Nghị quyết số 05-NQ/TU,
/// 06 ...`. A type name and a number alone is a reference when the text cites that type and
/// number in full elsewhere, and takes that citation's number, issuer and key; a bare
/// number right after a reference that ends at its number, joined by `và` or a comma, is a
/// document of the same type and issuer.
std::vector<document_reference> extractor::with_shared_type_numbers(std::vector<document_reference> refs) const {
  const std::size_t n = tl_.size();
  std::vector<char> in_ref(n, 0);
  for (const auto& r : refs) {
    const auto [f, l] = token_range(tl_, r.byte_span.begin, r.byte_span.end);
    for (std::size_t k = f; f != npos && k <= l; ++k) in_ref[k] = 1;
  }
  auto unpadded = [](std::string_view s) {
    while (s.size() > 1 && s[0] == '0') s.remove_prefix(1);
    return s;
  };
  std::vector<std::pair<document_reference, bool>> all;  // bool: the reference ends at its number
  for (const auto& r : refs) all.emplace_back(r, r.date_text.empty() && r.issuing_body.empty() && r.term == 0);
  if (!refs.empty())
    for (std::size_t k = 2; k < n; ++k) {
      if (tl_[k].kind != tk::number || in_ref[k] || !ends_reference(k + 1)) continue;
      std::size_t t = k - 1;
      if (word_is(t, "số") && t > 1) --t;
      std::string type;
      std::size_t type_first = npos;
      for (std::size_t len = 2; len <= 3 && type.empty() && t + 1 >= len; ++len) {
        const std::size_t b = t + 1 - len;
        if (!tl_.is_word(b) || !tl_.is_word(t) || in_ref[b]) continue;
        type = document_type_from_name(text_.substr(tl_[b].b, tl_[t].e - tl_[b].b));
        type_first = b;
      }
      if (type.empty()) continue;
      const std::string_view number = unpadded(tl_.raw(k));
      for (const auto& r : refs)
        if (r.type == type && unpadded(r.number) == number) {
          document_reference s = r;
          s.byte_span = {tl_[type_first].b, tl_[k].e};
          s.key_from_context = true;
          all.emplace_back(std::move(s), true);
          break;
        }
    }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.first.byte_span.begin < b.first.byte_span.begin; });
  std::vector<document_reference> out;
  out.reserve(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    out.push_back(std::move(all[i].first));
    if (!all[i].second) continue;
    const std::size_t next = i + 1 < all.size() ? all[i + 1].first.byte_span.begin : text_.size();
    for (int more = 0; more < 8; ++more) {
      const auto& r = out.back();
      const std::size_t l = token_range(tl_, r.byte_span.begin, r.byte_span.end).second;
      if (l == npos || r.type.empty()) break;
      std::size_t k = l + 1;
      if (!(tl_.is_punct(k, ',') || word_is(k, "và"))) break;
      ++k;
      if (word_is(k, "số")) ++k;
      if (k >= n || tl_[k].kind != tk::number || tl_[k].b >= next || in_ref[k] || !ends_reference(k + 1)) break;
      document_reference s = r;
      const std::string number(tl_.raw(k));
      s.code = r.code.rfind(r.number, 0) == 0 ? number + r.code.substr(r.number.size()) : number;
      s.number = number;
      s.key = reference_key(s);
      s.key_from_context = false;
      s.byte_span = {tl_[k].b, tl_[k].e};
      out.push_back(std::move(s));
    }
  }
  return out;
}

void extractor::map_documents(std::vector<document_reference> refs) {
  refs = with_shared_type_numbers(std::move(refs));
  for (auto& r : refs) {
    const auto [f, l] = token_range(tl_, r.byte_span.begin, r.byte_span.end);
    if (f == npos) continue;
    doc_record d;
    d.span = {r.byte_span.begin, r.byte_span.end};
    d.ref = std::move(r);
    const int idx = static_cast<int>(docs_.size());
    docs_.push_back(std::move(d));
    chunk_docs_.push_back(idx);
    doc_start_[f] = idx;
    doc_last_[f] = l;
    for (std::size_t k = f; k <= l; ++k) tok_doc_[k] = idx;
    item_record it;
    it.kind = item_kind::document;
    it.span = docs_.back().span;
    const auto& ref = docs_.back().ref;
    it.conf = ref.type_name.empty() ? 0.85 : 0.95;
    if (ref.key_from_context) it.conf -= 0.05;
    it.entity = idx;
    it.name = intern(ref.code);
    it.category = intern(ref.type);
    it.source = intern("reference");
    items_.push_back(std::move(it));
  }
}

void extractor::map_periods(std::vector<period_match> found) {
  for (auto& p : found) {
    const auto [f, l] = token_range(tl_, p.byte_span.begin, p.byte_span.end);
    if (f == npos) continue;
    const int idx = static_cast<int>(chunk_periods_.size());
    period_start_[f] = idx;
    period_last_[f] = l;
    for (std::size_t k = f; k <= l; ++k) tok_period_[k] = idx;
    item_record it;
    it.kind = item_kind::period;
    it.span = {p.byte_span.begin, p.byte_span.end};
    it.per = p.value;
    std::string name = p.kind == period_kind::recurrence && p.repeats != recurrence::none
                           ? std::string(danvan::to_string(p.repeats))
                           : iso(p.value);
    if (name.empty()) name = std::string(danvan::to_string(p.kind));
    it.name = intern(name);
    it.category = intern(danvan::to_string(p.kind));
    it.conf = p.kind == period_kind::recurrence || p.value.empty() ? 0.8 : 0.95;
    it.source = intern("periods");
    items_.push_back(std::move(it));
    chunk_periods_.push_back(std::move(p));
  }
}

/// Relations between documents: `Kết luận số 44-KL/TW ... về tiếp tục thực hiện Chỉ thị số 43-CT/TW`.
void extractor::link_documents() {
  for (std::size_t a = 0; a + 1 < chunk_docs_.size(); ++a) {
    auto& da = docs_[static_cast<std::size_t>(chunk_docs_[a])];
    const auto& db = docs_[static_cast<std::size_t>(chunk_docs_[a + 1])];
    const std::size_t la = token_range(tl_, da.span.b, da.span.e).second;
    const std::size_t fb = token_range(tl_, db.span.b, db.span.e).first;
    if (la == npos || fb == npos || fb <= la + 1 || fb - la > 8) continue;
    if (m_->lex_ending_at(gx_.lexicon, fb - 1, lex_continues)) da.continues.push_back(chunk_docs_[a + 1]);
    else if (m_->lex_ending_at(gx_.lexicon, fb - 1, lex_implements)) da.implements.push_back(chunk_docs_[a + 1]);
  }
}

/// The issuing body named inside a reference.
void extractor::note_issuers() {
  for (const auto& h : hits_)
    if (h.in_doc) {
      auto& d = docs_[static_cast<std::size_t>(tok_doc_[h.first])];
      if (d.issued_by < 0) d.issued_by = h.entity;
    }
}

/// One key per document: a mention without a year takes it from another mention.
void extractor::settle_document_keys() {
  std::unordered_map<std::string, std::vector<std::size_t>> dated;  // key without year -> mentions with a year, in order
  std::vector<std::string> bases(docs_.size());
  for (std::size_t i = 0; i < docs_.size(); ++i) {
    bases[i] = undated_key(docs_[i].ref);
    if (has_year(docs_[i].ref)) dated[bases[i]].push_back(i);
  }
  for (std::size_t i = 0; i < docs_.size(); ++i) {
    auto& r = docs_[i].ref;
    if (has_year(r) || r.key_from_context) continue;
    const auto it = dated.find(bases[i]);
    if (it == dated.end()) continue;
    // The nearest preceding mention with a year, else the nearest following one.
    int best = -1;
    for (const std::size_t j : it->second) {
      const auto& o = docs_[j].ref;
      if (r.term != 0 && o.term != 0 && r.term != o.term) continue;
      if (j < i) best = static_cast<int>(j);
      else if (best < 0) {
        best = static_cast<int>(j);
        break;
      } else {
        break;
      }
    }
    if (best >= 0) r.key = docs_[static_cast<std::size_t>(best)].ref.key, r.key_from_context = true;
  }
}

}  // namespace danvan::text::detail

// Programs and movements: a head (`Kế hoạch`, `phong trào`) followed by a
// quoted name, a known program, a document's number or a period; a known
// program named alone; and a quote repeating a name found before.
#include "extractor.hpp"

#include <algorithm>

namespace danvan::text::detail {

namespace {

bool has_form(const gazetteer_program_head& head, const char* form) {
  return std::find(head.forms.begin(), head.forms.end(), form) != head.forms.end();
}

bool opens_quote(const xtoken& t) { return t.quote == 1 || t.quote == 3; }

}  // namespace

int extractor::register_program(const std::string& key, const std::string& name, program_kind kind, double conf) {
  auto [it, fresh] = program_by_key_.emplace(key, static_cast<int>(programs_.size()));
  if (fresh) programs_.push_back({.key = key, .name = name, .kind = kind});
  auto& p = programs_[static_cast<std::size_t>(it->second)];
  ++p.mentions;
  p.conf = std::max(p.conf, conf);
  return it->second;
}

void extractor::find_programs() {
  std::size_t i = 0;
  while (i < tl_.size()) {
    // A program's number, whatever precedes it (`CTr số 05-CTr/TU`, or the number alone);
    // after a head, the head decides the kind.
    if (doc_start_[i] >= 0 && docs_[static_cast<std::size_t>(doc_start_[i])].ref.type == "CTr" && m_->all(gx_.heads, i).empty()) {
      i = numbered_program(i, program_kind::other);
      continue;
    }
    if (tl_[i].kind != tk::word || tok_org_[i] >= 0) {
      ++i;
      continue;
    }
    if (auto next = program_after_head(i)) i = *next;
    else if (auto after = program_named_alone(i)) i = *after;
    else ++i;
  }
  find_repeated_programs();
}

/// A period inside the name (the last one), else one right after it.
int extractor::period_for(std::size_t first, std::size_t last) const {
  int found = -1;
  for (std::size_t k = first; k <= last && k < tl_.size(); ++k)
    if (period_start_[k] >= 0) found = period_start_[k];
  if (found >= 0) return found;
  std::size_t k = last + 1;
  for (int skip = 0; skip < 2 && k < tl_.size() && tl_[k].kind == tk::punct &&
                     (tl_[k].cp == ',' || tl_[k].cp == '(' || tl_[k].cp == '-');
       ++skip)
    ++k;
  if (k < tl_.size() && !tl_[k].para_before && period_start_[k] >= 0) {
    const auto& pm = chunk_periods_[static_cast<std::size_t>(period_start_[k])];
    if (pm.kind == period_kind::range || pm.kind == period_kind::year) return period_start_[k];
  }
  return -1;
}

void extractor::add_program(std::size_t first, std::size_t last, std::string name, program_kind kind, double conf,
                            std::string_view source, int doc) {
  std::string key = skey(name);
  if (key.empty()) return;
  const int idx = register_program(key, name, kind, conf);
  auto& prog = programs_[static_cast<std::size_t>(idx)];
  const int per = period_for(first, last);
  if (per >= 0 && prog.per.empty()) prog.per = chunk_periods_[static_cast<std::size_t>(per)].value;
  if (doc >= 0 && std::find(prog.implements.begin(), prog.implements.end(), doc) == prog.implements.end())
    prog.implements.push_back(doc);
  evidence(prog.evidence, bytes(first, last));
  item_record r;
  r.kind = item_kind::program;
  r.span = bytes(first, last);
  r.conf = conf;
  r.entity = idx;
  r.name = intern(prog.name);
  r.category = intern(danvan::to_string(prog.kind));
  r.per = per >= 0 ? chunk_periods_[static_cast<std::size_t>(per)].value : prog.per;
  r.source = intern(source);
  items_.push_back(std::move(r));
  for (std::size_t k = first; k <= last; ++k) tok_program_[k] = idx;
  chunk_programs_.push_back({idx, {first, last}});
}

/// The content of a quote opening at token q, or nothing.
std::optional<std::string> extractor::quote_name(std::size_t q, std::size_t& close) const {
  if (q >= tl_.size() || !opens_quote(tl_[q])) return std::nullopt;
  close = quote_close_[q];
  if (close == npos || close <= q + 1 || close - q > 80) return std::nullopt;
  return span_text(q + 1, close - 1);
}

/// A program named after a head at token i; where reading goes on after it.
std::optional<std::size_t> extractor::program_after_head(std::size_t i) {
  for (const auto& h : m_->all(gx_.heads, i)) {
    const auto& head = gx_.head_entries[(*h.payloads)[0]];
    const std::size_t j = h.last;
    if (tok_doc_[i] >= 0) return doc_start_[i] >= 0 ? std::optional(numbered_program(i, head.kind)) : std::nullopt;
    const std::size_t k = j + 1;
    // Fillers between the head and a quoted name (`phong trào thi đua`, `mô hình, điển hình`).
    std::size_t q = k;
    for (int n = 0; n < 3 && q < tl_.size() && tl_[q].quote == 0; ++n) {
      if (auto f = m_->lex(gx_.lexicon, q, lex_program_filler)) q = *f + 1;
      else break;
    }
    std::size_t close = npos;
    if (has_form(head, "quote")) {
      if (auto name = quote_name(q, close)) {
        add_program(i, close, *name, head.kind, 0.9, "pattern", -1);
        return close + 1;
      }
    }
    if (has_form(head, "known")) {
      if (auto kh = m_->longest(gx_.programs, q); kh && tl_[q].upper) {
        const auto& kp = gx_.program_entries[(*kh->payloads)[0]];
        add_program(i, kh->last, kp.name, kp.kind, 0.85, "gazetteer:" + kp.id, -1);
        return kh->last + 1;
      }
    }
    if (has_form(head, "reference")) {
      if (auto c = m_->lex(gx_.lexicon, k, lex_plan_connector)) {
        if (word_is(k, "số")) return std::nullopt;  // `Kế hoạch số ...`: a document, not a named plan
        if (auto next = plan_of_document(i, j, *c + 1, head)) return next;
      }
    }
    if (has_form(head, "period"))
      if (auto next = program_up_to_period(i, k, head)) return next;
  }
  return std::nullopt;
}

/// A document reference at token i that is a program's own number names both: the
/// signed document and the program its signatories carry out, in every written form
/// (`Chương trình phối hợp số 05-CTr/BDVTU-CAT`, `Chương trình số 07-CTr/TU`, `CTr số
/// 12-CTr/TU`). Its kind is the head's, else a joint program for a joint issuer and a
/// work program for one body. Any other reference (`Kế hoạch số 12-KH/TU`) is the document
/// alone. Returns where reading goes on.
std::size_t extractor::numbered_program(std::size_t i, program_kind head_kind) {
  const auto& ref = docs_[static_cast<std::size_t>(doc_start_[i])].ref;
  const std::size_t end = doc_last_[i];
  if (ref.type != "CTr" && head_kind != program_kind::joint_program) return end + 1;
  const program_kind kind = head_kind != program_kind::other ? head_kind
                            : ref.issuers.size() > 1       ? program_kind::joint_program
                                                           : program_kind::work_program;
  add_program(i, end, ref.type_name.empty() ? ref.code : ref.type_name + " số " + ref.code, kind, 0.8, "reference", -1);
  return end + 1;
}

/// `Kế hoạch thực hiện Chỉ thị số 43-CT/TW`: a plan named for the document at token r.
std::optional<std::size_t> extractor::plan_of_document(std::size_t i, std::size_t j, std::size_t r,
                                                       const gazetteer_program_head& head) {
  if (r >= tl_.size() || doc_start_[r] < 0) return std::nullopt;
  const int d = doc_start_[r];
  const auto& ref = docs_[static_cast<std::size_t>(d)].ref;
  // The plan's name ends with the document's number.
  const std::size_t lastdoc = doc_last_[r];
  std::size_t end = lastdoc;
  for (std::size_t x = r; x <= lastdoc; ++x)
    if (tl_[x].kind == tk::punct && tl_[x].cp == '/') {
      end = x;
      while (end + 1 <= lastdoc && !tl_[end + 1].space_before) ++end;
      break;
    }
  const std::string name = span_text(i, j) + " " + span_text(j + 1, r - 1) + " " +
                           (ref.type_name.empty() ? ref.code : ref.type_name + " số " + ref.code);
  add_program(i, end, name, head.kind, 0.85, "pattern", d);
  return end + 1;
}

/// `Chương trình ... giai đoạn 2021-2025`: the name runs to a year or range a few words on.
std::optional<std::size_t> extractor::program_up_to_period(std::size_t i, std::size_t k,
                                                           const gazetteer_program_head& head) {
  std::size_t r = k;
  while (r < tl_.size() && r <= k + 8 && tl_[r].kind == tk::word && period_start_[r] < 0 && tok_org_[r] < 0) ++r;
  if (r >= tl_.size() || period_start_[r] < 0) return std::nullopt;
  const auto& pm = chunk_periods_[static_cast<std::size_t>(period_start_[r])];
  if (pm.kind != period_kind::year && pm.kind != period_kind::range) return std::nullopt;
  const std::size_t end = period_last_[r];
  add_program(i, end, span_text(i, end), head.kind, 0.8, "pattern", -1);
  return end + 1;
}

/// A known program or movement named alone: the whole of a quote, or in the text.
std::optional<std::size_t> extractor::program_named_alone(std::size_t i) {
  if (!tl_[i].upper) return std::nullopt;
  auto kh = m_->longest(gx_.programs, i);
  if (!kh) return std::nullopt;
  const bool quoted = i > 0 && opens_quote(tl_[i - 1]);
  const std::size_t after = kh->last + 1;
  const bool closes = after < tl_.size() && (tl_[after].quote == 2 || tl_[after].quote == 3);
  if (in_quote_[i] && !(quoted && closes)) return kh->last + 1;  // part of a longer quote (`Dân vận khéo thì ...`)
  const auto& kp = gx_.program_entries[(*kh->payloads)[0]];
  if (quoted && closes) add_program(i - 1, after, kp.name, kp.kind, 0.75, "gazetteer:" + kp.id, -1);
  else add_program(i, kh->last, kp.name, kp.kind, 0.6, "gazetteer:" + kp.id, -1);
  return (quoted && closes ? after : kh->last) + 1;
}

/// A quote whose whole content is the name of a program found before.
void extractor::find_repeated_programs() {
  for (std::size_t q = 0; q < tl_.size(); ++q) {
    if (tok_program_[q] >= 0 || !opens_quote(tl_[q])) continue;
    const std::size_t close = quote_close_[q];
    if (close == npos || close <= q + 1 || close - q > 80) continue;
    const auto it = program_by_key_.find(span_key(q + 1, close - 1));
    if (it == program_by_key_.end()) continue;
    const auto& prog = programs_[static_cast<std::size_t>(it->second)];
    add_program(q, close, prog.name, prog.kind, 0.75, "repeat", -1);
    q = close;
  }
}

}  // namespace danvan::text::detail

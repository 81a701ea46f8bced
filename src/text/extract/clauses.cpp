// Clauses and who acts in them. A chunk is cut into clauses at `;`, `:`,
// sentence ends and lines that start anew; each clause's role cues are found
// (leaving out noun uses such as `công tác tham mưu`), then its subject: the
// first organization or anaphor before the first cue, else the subject of the
// sentence or of the text so far.
#include "extractor.hpp"

#include <algorithm>

namespace danvan::text::detail {

namespace {

/// Whether the line that starts at token k starts a sentence: after a full stop,
/// at a capital, a number, a quote or a list mark, or after a blank line.
bool line_starts_sentence(const token_list& tl, std::size_t k) {
  const xtoken& t = tl[k];
  const xtoken& p = tl[k - 1];
  const bool prev_end = p.kind == tk::punct && (p.cp == '.' || p.cp == ';' || p.cp == ':' || p.cp == '!' ||
                                                p.cp == '?' || p.cp == 0x2026 || p.quote == 2);
  return t.para_before || prev_end || t.upper || t.kind == tk::number || t.quote ||
         (t.kind == tk::punct && (t.cp == '-' || t.cp == 0x2022 || t.cp == '+'));
}

/// Whether the `.`, `!`, `?` or `…` at token k ends a sentence (`TP.` and `TX.` do not).
bool stop_ends_sentence(const token_list& tl, std::size_t k) {
  const xtoken& t = tl[k];
  const bool last = k + 1 >= tl.size();
  const bool next_starts = !last && (tl[k + 1].nl_before ||
                                     (tl[k + 1].space_before &&
                                      (tl[k + 1].upper || tl[k + 1].quote || tl[k + 1].kind == tk::number)));
  bool abbrev = false;
  if (t.cp == '.' && k > 0 && tl[k - 1].kind == tk::word && !t.space_before) {
    const auto key = tl.key(k - 1);
    abbrev = key == "tp" || key == "tx" || key == "tt" || key == "q" || key == "p";
  }
  return (last || next_starts) && !abbrev;
}

}  // namespace

void extractor::find_cues() {
  for (std::size_t i = 0; i < tl_.size(); ++i) {
    if (tl_[i].kind != tk::word || tok_org_[i] >= 0 || tok_program_[i] >= 0 || tok_doc_[i] >= 0) continue;
    auto h = m_->longest(gx_.cues, i);
    if (!h) continue;
    bool clear = true;
    for (std::size_t k = i; k <= h->last; ++k)
      clear = clear && tok_org_[k] < 0 && tok_program_[k] < 0 && tok_doc_[k] < 0;
    if (!clear) continue;
    cue_entry_[i] = static_cast<int>((*h->payloads)[0]);
    cue_last_[i] = h->last;
    for (std::size_t k = i; k <= h->last; ++k) tok_cue_[k] = static_cast<int>(i);
    i = h->last;
  }
}

void extractor::read_roles() {
  if (tl_.size() == 0) return;
  program_starts_.clear();
  for (const auto& [prog, range] : chunk_programs_) program_starts_.push_back({range.first, prog});
  std::sort(program_starts_.begin(), program_starts_.end());
  const std::vector<clause> clauses = split_clauses();
  mark_document_titles(clauses);
  if (own_doc_ == -2) find_own_document();
  int prev_sentence = -1;
  int sentence_subject = -1;
  bool last_clause_coordinate = false;
  for (const auto& c : clauses) {
    const bool first_of_sentence = c.sentence != prev_sentence;
    if (first_of_sentence) sentence_subject = -1, last_clause_coordinate = false;
    prev_sentence = c.sentence;
    read_clause(c, sentence_subject, last_clause_coordinate, first_of_sentence);
  }
}

std::vector<clause> extractor::split_clauses() const {
  const std::size_t n = tl_.size();
  std::vector<clause> clauses;
  std::size_t start = 0;
  int sentence = 0;
  auto push = [&](std::size_t a, std::size_t b) {
    if (b != npos && a <= b && b < n) clauses.push_back({a, b, sentence});
  };
  for (std::size_t k = 0; k < n; ++k) {
    const xtoken& t = tl_[k];
    if (k > start && t.nl_before && line_starts_sentence(tl_, k)) {
      push(start, k - 1);
      ++sentence;
      start = k;
    }
    // A clause longer than any sentence (a text without punctuation) is cut.
    if (k >= start + 400 && (t.kind == tk::punct || k >= start + 600)) {
      push(start, k - 1);
      ++sentence;
      start = k;
    }
    if (t.kind != tk::punct) continue;
    if (t.cp == ';' || t.cp == ':') {
      push(start, k == 0 ? npos : k - 1);
      start = k + 1;
    } else if ((t.cp == '.' || t.cp == '!' || t.cp == '?' || t.cp == 0x2026) && stop_ends_sentence(tl_, k)) {
      push(start, k == 0 ? npos : k - 1);
      ++sentence;
      start = k + 1;
    }
  }
  if (start < n) push(start, n - 1);
  return clauses;
}

/// Titles of documents (`... số 25-NQ/TW về tăng cường ...`) describe content, not actions.
void extractor::mark_document_titles(const std::vector<clause>& clauses) {
  const std::size_t n = tl_.size();
  for (const int d : chunk_docs_) {
    const auto& span = docs_[static_cast<std::size_t>(d)].span;
    const auto [f, l] = token_range(tl_, span.b, span.e);
    if (f == npos) continue;
    std::size_t k = l + 1;
    if (tl_.is_punct(k, ',')) ++k;
    if (k >= n || !m_->lex(gx_.lexicon, k, lex_title)) continue;
    auto c = std::upper_bound(clauses.begin(), clauses.end(), k, [](std::size_t x, const clause& cl) { return x < cl.first; });
    const std::size_t end = (c == clauses.begin() || (c - 1)->last < k) ? k : (c - 1)->last;
    // The title runs to the end of the clause, or to a comma after which the
    // sentence goes on: a date, a body, a role verb, `dưới sự chỉ đạo`, `đồng thời`.
    for (std::size_t x = k; x <= end; ++x) {
      if (x > k && tl_.is_punct(x, ',') && x + 1 <= end) {
        const std::size_t y = x + 1;
        if (period_start_[y] >= 0 || hit_at_start_[y] >= 0 || cue_entry_[y] >= 0 ||
            m_->lex(gx_.lexicon, y, lex_passive | lex_adverb | lex_introducer) || anaphor_word(y))
          break;
      }
      in_title_[x] = 1;
    }
  }
}

/// `Ban`, `Sở` used alone for a body named before: the subject if it has that head,
/// else the nearest earlier mention with it, else the last one in earlier chunks.
std::optional<actor> extractor::anaphor_at(std::size_t k) const {
  const std::size_t n = tl_.size();
  if (k >= n || !tl_[k].upper || tok_org_[k] >= 0 || tl_[k].kind != tk::word) return std::nullopt;
  auto last = m_->lex(gx_.lexicon, k, lex_anaphor);
  if (!last) return std::nullopt;
  // `Ban đã cử ...`, `Ban cũng chủ trì ...`, `báo cáo kết quả về Ban trước ngày ...`;
  // not `Hội nghị`, `Ban hành`.
  static constexpr std::string_view after_object[] = {"trước", "trong", "tại", "theo", "để", "vào", "sau", "và"};
  const std::size_t next = *last + 1;
  const bool ends_object = next < n && object_before(k) &&
                           std::any_of(std::begin(after_object), std::end(after_object),
                                       [&](std::string_view w) { return word_is(next, w); });
  if (next < n && tl_[next].kind == tk::word && !m_->lex(gx_.lexicon, next, lex_adverb) && cue_entry_[next] < 0 &&
      !ends_object)
    return std::nullopt;
  const std::string head(tl_.key(k));
  if (subject_ >= 0 && head_of(subject_) == head) return std::make_pair(subject_, subject_span_);
  auto before = std::lower_bound(hits_.begin(), hits_.end(), k, [](const org_hit& h, std::size_t x) { return h.first < x; });
  for (int steps = 0; before != hits_.begin() && steps < 400; ++steps) {
    --before;
    if (before->in_doc) continue;
    if (head_of(before->entity) == head) return std::make_pair(before->entity, bytes(before->first, before->last));
  }
  const auto it = last_by_head_.find(head);
  if (it == last_by_head_.end()) return std::nullopt;
  return it->second;
}

/// Whether token k follows a preposition, possessive or venue word (determiners between).
bool extractor::object_before(std::size_t k) const {
  if (k >= tl_.size()) return false;
  while (k > 0) {
    if (auto d = m_->lex_ending_at(gx_.lexicon, k - 1, lex_determiner)) k = *d;
    else break;
  }
  return k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1, lex_preposition | lex_possessive | lex_venue).has_value();
}

/// `theo hướng dẫn của X`, `dưới sự chỉ đạo của X`: the cue at k is passive.
bool extractor::after_passive(std::size_t k) const {
  return (k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1, lex_passive)) ||
         (k > 1 && word_is(k - 1, "sự") && m_->lex_ending_at(gx_.lexicon, k - 2, lex_passive));
}

/// `công tác tham mưu`: the cue at k names work rather than does it. So does a cue
/// after a determiner (`các kiến nghị`), before `của` (`phản ánh, kiến nghị của Nhân
/// dân`), or opening a sentence before a place (`Báo cáo tại hội nghị cho biết`).
bool extractor::used_as_noun(std::size_t first, std::size_t k) const {
  const std::size_t next = cue_last_[k] + 1;
  if (word_is(next, "của") || (k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1, lex_determiner))) return true;
  if (k == first && tl_[k].upper && next < tl_.size() && m_->lex(gx_.lexicon, next, lex_venue)) return true;
  std::size_t p = k;
  for (int steps = 0; steps < 3 && p > first; ++steps) {
    const std::size_t q = p - 1;
    // a comma only within a list of cues (`công tác tham mưu, phối hợp`), not after an
    // object (`tổng kết Chương trình, báo cáo ...`)
    if (tl_.is_punct(q, ',') && q > first && tok_cue_[q - 1] >= 0)
      p = static_cast<std::size_t>(tok_cue_[q - 1]);
    else if (m_->lex(gx_.lexicon, q, lex_noun_skip) == q || (tok_cue_[q] >= 0 && tok_cue_[q] != static_cast<int>(k)))
      p = tok_cue_[q] >= 0 ? static_cast<std::size_t>(tok_cue_[q]) : q;
    else
      break;
  }
  if (p > 0 && m_->lex_ending_at(gx_.lexicon, p - 1, lex_noun_marker)) return true;
  return k > 0 && m_->lex_ending_at(gx_.lexicon, k - 1, lex_noun_marker);
}

std::vector<std::size_t> extractor::clause_cues(std::size_t first, std::size_t last) const {
  std::vector<std::size_t> cues;
  for (std::size_t k = first; k <= last; ++k) {
    if (cue_entry_[k] < 0 || zone(k)) continue;
    if (after_passive(k) || !used_as_noun(first, k)) cues.push_back(k);
    k = cue_last_[k];
  }
  return cues;
}

/// The actor of the clause: its first organization (or group) before the first cue.
void extractor::find_clause_subject(clause_reading& r) const {
  const clause& c = r.c;
  // Passive cues (`dưới sự chỉ đạo của X`) do not end the subject's part of the clause.
  std::size_t until = c.last;
  for (const auto k : r.cues)
    if (!after_passive(k)) {
      until = k;
      break;
    }
  bool leading = true;  // only adverbs, determiners and punctuation so far
  for (std::size_t k = r.first; k <= until && k <= c.last; ++k) {
    if (zone(k) || tok_cue_[k] >= 0) continue;
    // `hai bên phối hợp ...` in a joint program: the bodies that signed it
    if (const std::size_t pe = parties_end(k); pe != npos && !signatories_.empty() && !object_before(k)) {
      r.subject = signatories_.front().first;
      r.subject_span = signatories_.front().second;
      r.group = signatories_;
      r.explicit_subject = true;
      r.subject_first = k, r.subject_last = pe;
      return;
    }
    if (hit_at_start_[k] >= 0) {
      const auto& h = hits_[static_cast<std::size_t>(hit_at_start_[k])];
      if (h.object || h.in_doc) {
        k = h.last;
        continue;
      }
      r.subject = h.entity;
      r.subject_span = bytes(h.first, h.last);
      r.group.push_back({r.subject, r.subject_span});
      add_listed_subjects(r, h);
      r.explicit_subject = true;
      return;
    }
    if (tok_generic_[k] == static_cast<int>(k) && !object_before(k)) {
      if (leading) {
        r.blocked = true;
        r.subject_first = k, r.subject_last = generic_last_[k];
        return;
      }
      k = generic_last_[k];
      continue;
    }
    if (auto a = anaphor_at(k); a && !object_before(k)) {
      r.subject = a->first;
      r.subject_span = a->second;
      r.group.push_back(*a);
      r.explicit_subject = true;
      return;
    }
    if (tl_[k].kind == tk::punct) continue;
    if (auto a = m_->lex(gx_.lexicon, k, lex_adverb | lex_determiner)) {
      k = *a;
      continue;
    }
    leading = false;
  }
}

/// The time that opens a sentence (`Năm 2023, ...`, `Trong năm 2024, ...`, `đồng chí X đề
/// nghị trong năm 2025, ...`): a dated period before the clause's first cue, then a comma;
/// its first token, or npos.
std::size_t extractor::opening_time(const clause_reading& r) const {
  const std::size_t until = r.cues.empty() ? r.c.last : r.cues.front();
  for (std::size_t k = r.first; k < until && k < r.first + 25; ++k) {
    if (period_start_[k] < 0 || zone(k)) continue;
    // (`phong trào thi đua "Dân vận khéo" giai đoạn 2021–2025, ...` dates the movement)
    if (k > 0 && (tok_doc_[k - 1] >= 0 || tok_program_[k - 1] >= 0 || tl_[k - 1].quote != 0)) continue;
    const std::size_t l = period_last_[k];
    const auto& pm = chunk_periods_[static_cast<std::size_t>(period_start_[k])];
    return tl_.is_punct(l + 1, ',') && !pm.value.empty() ? k : npos;
  }
  return npos;
}

/// `Sở A, Sở B và Sở C cùng ...`: the bodies listed with the subject act with it.
void extractor::add_listed_subjects(clause_reading& r, const org_hit& h) const {
  std::size_t x = h.last + 1;
  while (x < r.c.last) {
    std::size_t y = x;
    if (tl_.is_punct(y, ',')) ++y;
    if (auto s = m_->lex(gx_.lexicon, y, lex_separator); s && !tl_.is_punct(y, ',')) y = *s + 1;
    if (auto d = m_->lex(gx_.lexicon, y, lex_determiner)) y = *d + 1;
    if (y == x || y >= tl_.size() || hit_at_start_[y] < 0) break;
    const auto& g = hits_[static_cast<std::size_t>(hit_at_start_[y])];
    r.group.push_back({g.entity, bytes(g.first, g.last)});
    x = g.last + 1;
  }
}

void extractor::read_clause(const clause& c, int& sentence_subject, bool& last_clause_coordinate,
                            bool first_of_sentence) {
  std::size_t first = c.first;
  while (first <= c.last && tl_[first].quote) ++first;
  if (first > c.last) return;
  clause_reading r{c, first, in_quote_[first] != 0};
  r.cues = clause_cues(first, c.last);
  find_clause_subject(r);
  // Without a subject of its own, a clause goes on with the sentence's, else the text's.
  if (!r.explicit_subject && !r.blocked) {
    if (sentence_subject >= 0) r.subject = sentence_subject, r.inherit_conf = 0.75;
    else r.subject = subject_, r.inherit_conf = 0.65;
    r.subject_span = subject_span_;
    if (r.subject >= 0) r.group.push_back({r.subject, r.subject_span});
  }
  if (r.explicit_subject && !r.quoted && r.subject >= 0) {
    subject_ = r.subject;
    subject_span_ = r.subject_span;
  }
  if (r.explicit_subject && r.subject >= 0) sentence_subject = r.subject;
  if (!r.explicit_subject && sentence_subject < 0 && r.subject >= 0) sentence_subject = r.subject;

  if (last_clause_coordinate) continue_coordination(r);
  const std::size_t tasks_before = tasks_.size();
  for (const std::size_t k : r.cues) read_cue(r, k);
  // `đồng chí X đề nghị Ban Dân vận Tỉnh ủy chủ trì ...; tham mưu ...`: the sentence goes on
  // with the body that acts next to the cue, not with the first one named.
  if (r.last_actor.first >= 0 && !r.quoted) {
    sentence_subject = r.last_actor.first;
    subject_ = r.last_actor.first;
    subject_span_ = r.last_actor.second;
  }
  find_venues(r);
  if (first_of_sentence) sentence_time_ = opening_time(r);
  if (!r.quoted) {
    if (r.cues.empty()) {
      draft_uncued_task(r, first_of_sentence, c.last);
    } else {
      // `hai bên tổng kết Chương trình, báo cáo ...`: work done before the first cue and a comma
      for (std::size_t x = r.cues.front(); x > r.first; --x)
        if (tl_.is_punct(x - 1, ',')) {
          if (x - 1 > r.first) draft_uncued_task(r, first_of_sentence, x - 2);
          break;
        }
    }
  }
  // A task without a time of its own takes the time that opens its sentence.
  if (sentence_time_ != npos)
    for (std::size_t i = tasks_before; i < tasks_.size(); ++i) {
      auto& t = tasks_[i];
      if (!t.per.empty() || !t.repeats.empty()) continue;
      t.per = chunk_periods_[static_cast<std::size_t>(period_start_[sentence_time_])].value;
      t.per_span = bytes(sentence_time_, period_last_[sentence_time_]);
    }
  last_clause_coordinate = r.coordinate;
}

}  // namespace danvan::text::detail

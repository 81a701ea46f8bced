// The roles one clause gives: for each cue, who acts (the nearest actor before
// it, an object that acts for later cues, or the clause's subject), and whom
// it names as objects (`phối hợp với X`, `tham mưu cho X`), partners and venues.
// A role is on the program the clause names after the cue, else on a task made
// of the clause.
#include "extractor.hpp"

#include <algorithm>

namespace danvan::text::detail {

void extractor::emit_role(clause_reading& r, int org, byte_span org_span, const std::string& role,
                          std::size_t cue_first, std::size_t cue_last, double conf) {
  if (org < 0 || role.empty()) return;
  if (!r.done.insert({org, role}).second) return;
  item_record it;
  it.kind = item_kind::role;
  it.span = bytes(cue_first, cue_last);
  it.conf = conf;
  it.entity = org;
  it.name = intern(role);
  it.category = intern(span_text(cue_first, cue_last));
  it.org_span = org_span;
  it.source = intern("cue");
  it.program = target_program(r.c, cue_last);
  if (it.program < 0) it.task = clause_task(r, cue_first);
  roles_used_.insert(role);
  if (role == "sign" && std::none_of(signatories_.begin(), signatories_.end(),
                                     [&](const actor& a) { return a.first == org; }))
    signatories_.push_back({org, org_span});
  items_.push_back(std::move(it));
}

void extractor::emit_all(clause_reading& r, const std::vector<actor>& orgs, const std::string& role,
                         std::size_t cue_first, std::size_t cue_last, double conf) {
  for (const auto& o : orgs) emit_role(r, o.first, o.second, role, cue_first, cue_last, conf);
}

/// The first program named in the clause after token `after`, or -1 — also when an
/// activity comes between (`chủ trì sơ kết 5 năm thực hiện Chương trình số 07-CTr/TU`:
/// the role is on that review, a task, not on the program).
int extractor::target_program(const clause& c, std::size_t after) const {
  const auto it = std::upper_bound(program_starts_.begin(), program_starts_.end(), after,
                                   [](std::size_t x, const std::pair<std::size_t, int>& p) { return x < p.first; });
  if (it == program_starts_.end() || it->first > c.last) return -1;
  for (std::size_t k = after + 1; k < it->first; ++k)
    if (const auto kind = task_word_at(k); kind && *kind != task_kind::coordination) return -1;
  // `hướng dẫn X đăng ký xây dựng mô hình "..."`: a verb of its own after the bodies the cue
  // names is the work, the program only its object.
  const std::size_t k = past_bodies(after + 1, it->first - 1);
  if (k < it->first && tl_.is_word(k) && !tl_[k].upper && cue_entry_[k] < 0 && tok_period_[k] < 0 && !zone(k) &&
      !lex_at(k, lex_plan_connector | lex_adverb | lex_determiner | lex_program_filler | lex_preposition |
                     lex_possessive | lex_introducer))
    return -1;
  return it->second;
}

/// The kind of work a task word at token k names (`tập huấn` → training), if one starts there.
std::optional<task_kind> extractor::task_word_at(std::size_t k) const {
  if (const auto* ps = m_->lex_payloads(k, lex_task))
    for (const auto p : *ps)
      if (p & lex_task) return static_cast<task_kind>(p >> kTaskShift);
  return std::nullopt;
}

/// Where the activity of a clause begins: after its last role cue and the bodies
/// that cue names (`chủ trì, phối hợp với Ủy ban MTTQ tỉnh và Sở Nội vụ | kiểm tra
/// ...`); npos when nothing follows them. Cues used as nouns (`các kiến nghị của bà
/// con`) are not among `cues` and do not move it.
std::size_t extractor::activity_start(const clause& c, const std::vector<std::size_t>& cues) const {
  std::size_t k = npos;
  for (const std::size_t x : cues) {
    const auto& def = gx_.cue_entries[static_cast<std::size_t>(cue_entry_[x])];
    // Signing (`ký kết Chương trình ...`) is itself the work.
    if (def.with_partners && !after_passive(x)) return x;
    k = cue_last_[x] + 1;
  }
  if (k == npos) return npos;
  // So is reporting, when it is the clause's last cue (`báo cáo kết quả về Ban ...`).
  if (const std::size_t x = cues.back(); gx_.cue_entries[static_cast<std::size_t>(cue_entry_[x])].role == "inform" &&
                                          !after_passive(x))
    return x;
  k = past_bodies(k, c.last);
  return k <= c.last && tl_[k].kind == tk::word ? k : npos;
}

/// The first token from k on that is not one of the bodies a cue names (`với Ủy ban MTTQ
/// tỉnh và Sở Nội vụ`, `các xã, phường, thị trấn`), at most `last` + 1.
std::size_t extractor::past_bodies(std::size_t k, std::size_t last) const {
  for (int guard = 0; guard < 40 && k <= last; ++guard) {
    if (word_is(k, "với") || word_is(k, "cho") || word_is(k, "và") || tl_.is_punct(k, ',')) ++k;
    // `các cấp` is one locality, not a determiner and a word
    else if (const auto loc = match_locality(k); loc && !loc->place && !loc->plural) k = loc->last + 1;
    else if (auto d = m_->lex(gx_.lexicon, k, lex_determiner | lex_separator)) k = *d + 1;
    else if (tok_org_[k] >= 0) k = hits_[static_cast<std::size_t>(tok_org_[k])].last + 1;
    else if (tok_generic_[k] >= 0) k = generic_last_[static_cast<std::size_t>(tok_generic_[k])] + 1;
    else if (const std::size_t pe = parties_end(k); pe != npos) k = pe + 1;
    // localities named by kind only
    else if (const auto loc = match_locality(k); loc && !loc->place) k = loc->last + 1;
    else break;
  }
  return k;
}

/// The last token of `hai bên`, `các bên`, `cả hai bên` (the parties of a joint text) at k; npos if none.
std::size_t extractor::parties_end(std::size_t k) const {
  std::size_t x = k;
  if (word_is(x, "cả")) ++x;
  if ((word_is(x, "hai") || word_is(x, "các")) && word_is(x + 1, "bên")) return x + 1;
  return npos;
}

/// After `căn cứ kế hoạch này`, `căn cứ Chương trình này,` from token k: where the work
/// begins (k when the words at k are not that).
std::size_t extractor::past_own_document_basis(std::size_t k, std::size_t last) const {
  if (!word_is(k, "căn") || !word_is(k + 1, "cứ")) return k;
  for (std::size_t x = k + 2; x <= last && x <= k + 8; ++x)
    if (word_is(x, "này")) return tl_.is_punct(x + 1, ',') ? x + 2 : x + 1;
  return k;
}

/// The text's own document: a reference alone on a line of its header (`Số 21-KH/BDVHU`,
/// `Số: 05/CTr-MTTQ-CA`) before anything else is cited.
void extractor::find_own_document() {
  own_doc_ = -1;
  for (const int d : chunk_docs_) {
    const auto& sp = docs_[static_cast<std::size_t>(d)].span;
    if (sp.b > 600) return;
    const auto [f, l] = token_range(tl_, sp.b, sp.e);
    if (f == npos) continue;
    std::size_t x = f;
    if (x > 0 && tl_.is_punct(x - 1, ':')) --x;
    if (x > 0 && word_is(x - 1, "số")) --x;
    const bool line_alone = (x == 0 || tl_[x].nl_before) && (l + 1 >= tl_.size() || tl_[l + 1].nl_before);
    if (line_alone) {
      own_doc_ = d;
      // its type as the text names it, else as its number says (`Số 47-KH/BDVTU`: Kế hoạch)
      const auto& ref = docs_[static_cast<std::size_t>(d)].ref;
      own_doc_type_ = skey(ref.type_name.empty() ? document_type_name(ref.type, ref.form) : ref.type_name);
    }
    return;
  }
}

/// Whether token k (`này`) ends a mention of the text's own document: `kế hoạch này`,
/// `Chương trình phối hợp này`, `Thông báo này` (a type of document, then `này`).
bool extractor::names_own_document(std::size_t k) const {
  if (own_doc_ < 0 || k < 2 || tok_doc_[k] >= 0) return false;
  const std::string& want = own_doc_type_;
  // `thực hiện Chương trình.`: its type alone, in capitals, before punctuation
  if (tl_.is_word(k) && tl_[k].upper && !want.empty()) {
    if (want.compare(0, want.find(' '), tl_.key(k)) != 0) return false;
    const std::size_t words = static_cast<std::size_t>(std::count(want.begin(), want.end(), ' ')) + 1;
    const std::size_t l = k + words - 1;
    return l + 1 < tl_.size() && tl_[l + 1].kind == tk::punct && !tl_[l + 1].quote && span_key(k, l) == want;
  }
  if (!word_is(k, "này")) return false;
  for (std::size_t f = k - 1; f + 4 >= k && f > 0; --f) {
    if (!tl_.is_word(f)) break;
    if (!want.empty() && span_key(f, k - 1).rfind(want, 0) == 0) return true;
    if (want.empty() && m_->lex(gx_.lexicon, f, lex_noun_marker)) return true;
  }
  return false;
}

/// Whether an activity may start at token k: a word that names a kind of work
/// (`kiểm tra`, `tập huấn`, ...; `phối hợp` is a role cue, not work) or `tổ chức`
/// that is not the name of a body.
bool extractor::activity_word(std::size_t k) const {
  if (k >= tl_.size() || !tl_.is_word(k) || tok_org_[k] >= 0 || tok_generic_[k] >= 0 || zone(k)) return false;
  if (const auto kind = task_word_at(k); kind && *kind != task_kind::coordination) return true;
  return word_is(k, "tổ") && word_is(k + 1, "chức");
}

/// Where an activity that starts at token `first` ends: before the clause turns to when
/// (`trong quý II/2024`), where (`tại huyện ...`) or to a next item (a comma), after at
/// most 25 words. A bare verb before a comma and another verb is one activity
/// (`tuyên truyền, vận động đoàn viên ...`).
std::size_t extractor::activity_end(std::size_t first, std::size_t last) const {
  std::size_t end = first;
  for (std::size_t k = first + 1; k <= last && k < first + 25; ++k) {
    if (tl_[k].kind == tk::punct && !in_quote_[k] && !tl_[k].quote && tok_doc_[k] < 0 && !inside_words(k)) {
      const auto verb = m_->lex(gx_.lexicon, first, lex_task);
      const bool verb_next = k + 1 <= last && tl_.is_word(k + 1) && !tl_[k + 1].upper && cue_entry_[k + 1] < 0 &&
                             tok_org_[k + 1] < 0 && tok_generic_[k + 1] < 0;
      if (!(tl_.is_punct(k, ',') && verb && *verb == end && verb_next)) break;
    }
    if (tok_period_[k] >= 0 || word_is(k, "tại") || word_is(k, "trong") || word_is(k, "trước") || word_is(k, "từ")) break;
    end = k;
  }
  return end;
}

/// Whether the punctuation at token k is part of a word or a number: `12.460`, `hỏi – đáp`.
bool extractor::inside_words(std::size_t k) const {
  if (k == 0 || k + 1 >= tl_.size() || tl_[k + 1].nl_before) return false;
  const xtoken& p = tl_[k - 1];
  const xtoken& n = tl_[k + 1];
  if ((tl_[k].cp == '.' || tl_[k].cp == ',') && p.kind == tk::number && n.kind == tk::number)
    return !tl_[k].space_before && !n.space_before;
  return (tl_[k].cp == '-' || tl_[k].cp == 0x2013) && p.kind == tk::word && n.kind == tk::word;
}

/// Where a clause's next activity begins after token `from`: after `đồng thời`, or after
/// a comma before an activity word (`giám sát 46 cuộc, tổ chức 28 hội nghị`); npos when
/// none does.
std::size_t extractor::next_activity(std::size_t from, std::size_t last) const {
  for (std::size_t k = from; k <= last; ++k) {
    if (zone(k) || in_quote_[k]) continue;
    if (word_is(k, "đồng") && word_is(k + 1, "thời")) {
      std::size_t y = k + 2;
      if (tl_.is_punct(y, ',')) ++y;
      if (y <= last && tl_.is_word(y) && cue_entry_[y] < 0 && tok_org_[y] < 0 && tok_generic_[y] < 0) return y;
    }
    if (tl_.is_punct(k, ',') && k + 1 <= last && activity_word(k + 1)) return k + 1;
  }
  return npos;
}

/// A task of the clause named by the activity [first, last], of the kind that activity
/// says, with the period and due date of the clause and the districts and documents of
/// its part [from, to].
int extractor::make_task(const clause& c, std::size_t from, std::size_t to, std::size_t first, std::size_t last) {
  task_entity t;
  t.span = bytes(c.first, c.last);
  t.name = span_text(first, last);
  t.name_span = bytes(first, last);
  // The kind its activity says; else the first its part of the clause says.
  // A role cue names who works with whom, not the work: `phối hợp tổ chức hội nghị tuyên
  // truyền` is propaganda; signing (`ký kết`) is the work of coordination.
  auto kind_in = [&](std::size_t a, std::size_t b) -> std::optional<task_kind> {
    for (std::size_t k = a; k <= b; ++k) {
      if (cue_entry_[k] >= 0 && gx_.cue_entries[static_cast<std::size_t>(cue_entry_[k])].with_partners)
        return task_kind::coordination;
      if (tok_cue_[k] >= 0) continue;
      if (const auto kind = task_word_at(k)) return kind;
    }
    return std::nullopt;
  };
  t.kind = kind_in(first, last).value_or(kind_in(from, to).value_or(task_kind::other));
  t.status = task_status::planned;
  for (std::size_t k = c.first; k < first; ++k)
    if (word_is(k, "đã")) t.status = task_status::done;
  for (const int d : chunk_docs_) {
    const auto& sp = docs_[static_cast<std::size_t>(d)].span;
    if (sp.b < tl_[from].b || sp.e > tl_[to].e || std::find(t.docs.begin(), t.docs.end(), d) != t.docs.end()) continue;
    // `ban hành Kế hoạch số 128-KH/TU`: what the task issues, not what it carries out
    const std::size_t df = token_range(tl_, sp.b, sp.e).first;
    if (df != npos && df >= 2 && word_is(df - 2, "ban") && word_is(df - 1, "hành")) continue;
    t.docs.push_back(d);
  }
  // `căn cứ kế hoạch này ...`, `theo dõi việc thực hiện Thông báo này`: the text's own document
  for (std::size_t k = from; k <= to; ++k)
    if (names_own_document(k) && std::find(t.docs.begin(), t.docs.end(), own_doc_) == t.docs.end()) {
      t.docs.push_back(own_doc_);
      break;
    }
  // When: a dated period of the clause that is not a document's or a program's;
  // `trước ngày ...` is a due date.
  for (std::size_t k = c.first; k <= c.last; ++k) {
    if (period_start_[k] < 0) continue;
    const std::size_t start = k;
    k = period_last_[start];
    const auto& pm = chunk_periods_[static_cast<std::size_t>(period_start_[start])];
    const bool due = word_is(start, "trước") || (start > 0 && word_is(start - 1, "trước"));
    // (a document's title runs to the end of its clause, but not its deadline nor `trong tháng 10/2024`)
    const bool when = start > 0 && (word_is(start - 1, "trong") || word_is(start - 1, "vào"));
    const bool of_other = tok_doc_[start] >= 0 || (in_title_[start] && !due && !when) ||
                          (start > 0 && (tok_doc_[start - 1] >= 0 || tok_program_[start - 1] >= 0 || tl_[start - 1].quote != 0));
    if (of_other) continue;
    // `hằng quý báo cáo ...`: a task that repeats has no dates of its own.
    if (pm.value.empty()) {
      if (pm.repeats != recurrence::none && t.repeats.empty())
        t.repeats = std::string(danvan::to_string(pm.repeats)), t.repeats_span = bytes(start, k);
      continue;
    }
    if (due) {
      if (t.due.empty()) t.due = pm.value.end, t.due_span = bytes(start, k);
    } else if (t.per.empty()) {
      t.per = pm.value, t.per_span = bytes(start, k);
    }
  }
  // Where: the districts its part names outside the names of bodies.
  for (std::size_t x = chunk_items_from_; x < items_.size(); ++x) {
    const auto& it = items_[x];
    if (it.kind != item_kind::district || it.span.b < tl_[from].b || it.span.e > tl_[to].e) continue;
    const auto [f, l] = token_range(tl_, it.span.b, it.span.e);
    if (f == npos || tok_org_[f] >= 0 || std::find(t.areas.begin(), t.areas.end(), it.entity) != t.areas.end()) continue;
    t.areas.push_back(it.entity);
    t.area_spans.push_back(it.span);
  }
  tasks_.push_back(std::move(t));
  return static_cast<int>(tasks_.size() - 1);
}

/// The tasks of a clause whose first activity starts at `first`: one per activity
/// (`..., đồng thời tổ chức ...`), the later ones with the first's roles. Returns the first.
int extractor::clause_tasks(const clause& c, std::size_t first, std::size_t bound) {
  const std::size_t end = std::min(bound, c.last);
  std::size_t last = activity_end(first, end);
  std::size_t next = next_activity(last + 1, end);
  // Reporting named from its cue is the clause's part from there (`tổng kết Chương trình,
  // báo cáo Ban ...`: the report is not the review).
  const bool reports = cue_entry_[first] >= 0 && gx_.cue_entries[static_cast<std::size_t>(cue_entry_[first])].role == "inform";
  const int head = make_task(c, reports ? first : c.first, next == npos ? end : next - 1, first, last);
  for (int guard = 0; next != npos && guard < 8; ++guard) {
    first = next;
    last = activity_end(first, end);
    next = next_activity(last + 1, end);
    const int t = make_task(c, first, next == npos ? end : next - 1, first, last);
    tasks_[static_cast<std::size_t>(t)].shares_roles_of = head;
  }
  return head;
}

/// The task the clause describes, made when its first role needs it: named by its
/// activity (the words after its last cue and the bodies that cue names), else by the
/// words from the cue.
int extractor::clause_task(clause_reading& r, std::size_t cue) {
  if (r.task >= 0) return r.task;
  const clause& c = r.c;
  if (const std::size_t first = activity_start(c, r.cues); first != npos) {
    r.task = clause_tasks(c, first);
  } else {
    std::size_t last = std::min(c.last, cue + 15);
    while (last > cue && tl_[last].kind == tk::punct) --last;
    r.task = make_task(c, c.first, c.last, cue, last);
  }
  return r.task;
}

/// A clause without a role cue drafts a task all the same when a body does the work
/// (`Văn phòng Tỉnh ủy bảo đảm kinh phí`: the body named, then what it does), when the
/// parties or a group open it (`hai bên giao ban ...`, `Chính quyền các cấp tổ chức 312
/// cuộc đối thoại`), or when it goes on a sentence with another activity (`...; tổ chức
/// đối thoại ...`). No one takes a role on it: no cue says which. With cues, the same
/// holds for the work before the first cue and a comma (`hai bên tổng kết Chương trình,
/// báo cáo ...`): `until` is where that part ends, and only a word of work starts it.
void extractor::draft_uncued_task(const clause_reading& r, bool first_of_sentence, std::size_t until) {
  const clause& c = r.c;
  const bool before_cue = until < c.last;
  // `... xây dựng kế hoạch như sau:` introduces the text's own items.
  if (!before_cue && c.last + 1 < tl_.size() && tl_.is_punct(c.last + 1, ':')) return;
  // Whether the subject starting at token sf opens the clause, or follows an opening phrase and its comma.
  auto opens_at = [&](std::size_t sf) {
    if (sf == npos || sf < r.first) return false;
    if (sf > 0 && tl_.is_punct(sf - 1, ',')) return true;
    for (std::size_t x = r.first; x <= sf; ++x) {
      if (x == sf) return true;
      if (tl_[x].kind == tk::punct || tl_[x].kind == tk::number) continue;
      if (auto a = m_->lex(gx_.lexicon, x, lex_adverb)) x = *a;
      else return false;
    }
    return false;
  };
  auto past_adverbs = [&](std::size_t k) {
    while (k <= until) {
      if (auto a = m_->lex(gx_.lexicon, k, lex_adverb)) k = *a + 1;
      else break;
    }
    return k;
  };
  std::size_t k = npos;
  bool work_word = before_cue;  // only a word of work may start the activity
  if (r.subject_first != npos && (r.explicit_subject || r.blocked)) {
    if (!opens_at(r.subject_first)) return;
    k = past_adverbs(past_bodies(r.subject_last + 1, until));
    work_word = work_word || r.blocked;
  } else if (r.explicit_subject && r.subject >= 0 && !r.group.empty()) {
    const std::size_t sf = token_range(tl_, r.group.front().second.b, r.group.front().second.e).first;
    if (!opens_at(sf)) return;
    k = sf;
    for (const auto& g : r.group) {
      const auto gl = token_range(tl_, g.second.b, g.second.e).second;
      if (gl != npos && gl >= k && gl <= c.last) k = gl + 1;
    }
    k = past_adverbs(k);
  } else if (!first_of_sentence && r.subject >= 0 && !r.blocked) {
    // `...; cuối năm 2026 tổng kết Chương trình`: past adverbs and a time
    k = r.first;
    for (int guard = 0; guard < 8 && k <= until; ++guard) {
      if (auto a = m_->lex(gx_.lexicon, k, lex_adverb)) k = *a + 1;
      else if (period_start_[k] >= 0) k = period_last_[k] + 1;
      else if (tl_.is_punct(k, ',')) ++k;
      else break;
    }
    work_word = true;
  } else {
    return;
  }
  k = past_own_document_basis(k, until);
  if (k > until || (work_word ? !activity_word(k) : !predicate_word(k, until))) return;
  const int t = clause_tasks(c, k, until);
  for (auto i = static_cast<std::size_t>(t); i < tasks_.size(); ++i) tasks_[i].standalone = true;
}

/// Whether token k can start what a body does: a lower-case word that is not a
/// preposition, a copula or a word of state (`được`, `là`, `còn`, `chưa`, ...).
bool extractor::predicate_word(std::size_t k, std::size_t last) const {
  static constexpr std::string_view not_work[] = {"được", "bị", "là", "có", "gồm", "còn", "chưa", "không", "đạt",
                                                  "với", "và", "của", "về", "tại", "trong", "cho", "đến", "theo",
                                                  "để", "thì", "này", "đó", "cũng", "vẫn", "nhằm", "do", "từ"};
  if (k + 1 > last || !tl_.is_word(k) || tl_[k].upper || tok_org_[k] >= 0 || tok_generic_[k] >= 0 || zone(k) ||
      tok_period_[k] >= 0 || in_quote_[k])
    return false;
  if (activity_word(k)) return true;
  const std::string_view w = tl_.lower(k);
  return std::none_of(std::begin(not_work), std::end(not_work), [&](std::string_view s) { return s == w; });
}

/// Bodies listed from token k: `với A, B và C`.
void extractor::objects_from(const clause& c, std::size_t k, std::vector<actor>& out) const {
  for (int guard = 0; guard < 30 && k <= c.last; ++guard) {
    if (auto d = m_->lex(gx_.lexicon, k, lex_determiner)) k = *d + 1;
    if (k > c.last) break;
    if (hit_at_start_[k] >= 0) {
      const auto& h = hits_[static_cast<std::size_t>(hit_at_start_[k])];
      out.push_back({h.entity, bytes(h.first, h.last)});
      k = h.last + 1;
    } else if (tok_generic_[k] == static_cast<int>(k)) {
      out.push_back({-1, bytes(k, generic_last_[k])});
      k = generic_last_[k] + 1;
    } else if (auto a = anaphor_at(k)) {  // `báo cáo kết quả về Ban`
      out.push_back(*a);
      k = *m_->lex(gx_.lexicon, k, lex_anaphor) + 1;
    } else {
      break;
    }
    if (k > c.last) break;
    if (tl_.is_punct(k, ',')) ++k;
    else if (auto s = m_->lex(gx_.lexicon, k, lex_separator)) k = *s + 1;
    else break;
  }
}

/// `...; với MTTQ, ... trong việc ký kết ...`: the clause goes on with an
/// earlier `phối hợp` whose verb it leaves out.
void extractor::continue_coordination(clause_reading& r) {
  if (!word_is(r.first, "với") || r.blocked) return;
  std::vector<actor> objs;
  objects_from(r.c, r.first + 1, objs);
  if (objs.empty()) return;
  emit_all(r, r.group, "coordinate", r.first, r.first, r.inherit_conf - 0.1);
  for (const auto& o : objs)
    if (o.first >= 0) {
      emit_role(r, o.first, o.second, "coordinate", r.first, r.first, 0.7);
      r.partners.push_back(o);
    }
  r.coordinate = true;
}

void extractor::read_cue(clause_reading& r, std::size_t k) {
  const auto& def = gx_.cue_entries[static_cast<std::size_t>(cue_entry_[k])];
  const std::size_t kl = cue_last_[k];
  if (after_passive(k)) {
    credit_passive_agent(r, k, def);
    return;
  }
  // `tham gia giảng dạy`: the second verb says what the part is.
  if (def.yields && kl + 1 <= r.c.last && cue_entry_[kl + 1] >= 0) return;
  if (def.role == "coordinate") r.coordinate = true;

  cue_agent a = actor_before_cue(r, k);
  const bool overridden = r.override_after != npos && k > r.override_after;
  double conf = a.local ? 0.85 : r.inherit_conf;
  if (a.local && a.org >= 0) r.last_actor = {a.org, a.span};
  if (!a.local) {
    if ((r.agent_override >= 0 || r.override_blocked) && overridden) {
      a.org = r.agent_override, a.span = r.override_span, a.blocked = r.override_blocked, conf = 0.75;
    } else if (r.blocked) {
      a.blocked = true;
    }
  }
  const bool group_agent = a.org >= 0 && r.group.size() > 1 &&
                           std::any_of(r.group.begin(), r.group.end(), [&](const actor& g) { return g.first == a.org; });
  if (def.subject && !a.blocked && !follows_lead(r, k, def)) {
    if (group_agent) emit_all(r, r.group, def.role, k, kl, conf);
    else if (a.org >= 0) emit_role(r, a.org, a.span, def.role, k, kl, conf);
    else if (!a.local && !overridden) emit_all(r, r.group, def.role, k, kl, conf);
  }
  if (!def.object_role.empty()) read_cue_objects(r, k, def);
  // Signatories: the actor and its partners in the clause.
  if (def.with_partners) {
    if (!a.blocked) emit_all(r, r.group, def.role, k, kl, r.inherit_conf - 0.05);
    emit_all(r, r.partners, def.role, k, kl, 0.7);
  }
  r.prev_cue_entry = cue_entry_[k];
  r.prev_cue_last = kl;
}

/// `theo hướng dẫn của X`, `dưới sự chỉ đạo của X`: X takes the cue's role.
void extractor::credit_passive_agent(clause_reading& r, std::size_t k, const gazetteer_role_cue& def) {
  const std::size_t kl = cue_last_[k];
  std::size_t x = kl + 1;
  if (!word_is(x, "của")) return;
  ++x;
  if (auto d = m_->lex(gx_.lexicon, x, lex_determiner)) x = *d + 1;
  if (x < tl_.size() && hit_at_start_[x] >= 0) {
    const auto& h = hits_[static_cast<std::size_t>(hit_at_start_[x])];
    emit_role(r, h.entity, bytes(h.first, h.last), def.role, k, kl, 0.8);
  }
}

/// The nearest actor before the cue at k, over commas, other cues and adverbs.
/// A generic actor there (`các đơn vị`) blocks the clause's subject from the role.
cue_agent extractor::actor_before_cue(const clause_reading& r, std::size_t k) const {
  cue_agent a;
  std::size_t p = k;
  while (p > r.first) {
    const std::size_t q = p - 1;
    if (tl_.is_punct(q, ',') || (tok_cue_[q] >= 0)) {
      p = tok_cue_[q] >= 0 ? static_cast<std::size_t>(tok_cue_[q]) : q;
      continue;
    }
    if (auto adv = m_->lex_ending_at(gx_.lexicon, q, lex_adverb)) {
      p = *adv;
      continue;
    }
    break;
  }
  if (p <= r.first || zone(p - 1)) return a;
  const std::size_t q = p - 1;
  if (hit_at_end_[q] >= 0) {
    const auto& h = hits_[static_cast<std::size_t>(hit_at_end_[q])];
    if (!h.object && !h.in_doc) a.org = h.entity, a.span = bytes(h.first, h.last), a.local = true;
  } else if (tok_generic_[q] >= 0 && generic_last_[static_cast<std::size_t>(tok_generic_[q])] == q) {
    const std::size_t g = static_cast<std::size_t>(tok_generic_[q]);
    // `cử cán bộ giảng dạy`: the body that sends its staff acts.
    const bool sent = g > 0 && m_->lex_ending_at(gx_.lexicon, g - 1, lex_causative | lex_determiner) &&
                      (m_->lex_ending_at(gx_.lexicon, g - 1, lex_causative) ||
                       (g > 1 && m_->lex_ending_at(gx_.lexicon, g - 2, lex_causative)));
    if (!sent && !object_before(g)) a.blocked = true, a.local = true;
  } else if (auto an = anaphor_at(q); an && !object_before(q)) {
    a.org = an->first, a.span = an->second, a.local = true;
  }
  return a;
}

/// `chủ trì, phối hợp với X`: the lead does not also coordinate.
bool extractor::follows_lead(const clause_reading& r, std::size_t k, const gazetteer_role_cue& def) const {
  if (def.role != "coordinate" || r.prev_cue_entry < 0 ||
      gx_.cue_entries[static_cast<std::size_t>(r.prev_cue_entry)].role != "lead")
    return false;
  bool adjacent = true;
  for (std::size_t x = r.prev_cue_last + 1; x < k; ++x)
    adjacent = adjacent && (tl_.is_punct(x, ',') || tl_.is_punct(x, 0xFFFD) || word_is(x, "và"));
  return adjacent;
}

/// Objects: `phối hợp với X`, `tham mưu cho X`, `báo cáo X`.
void extractor::read_cue_objects(clause_reading& r, std::size_t k, const gazetteer_role_cue& def) {
  const clause& c = r.c;
  const std::size_t kl = cue_last_[k];
  std::vector<actor> objs;
  const std::size_t x = kl + 1;
  bool found = false;
  if (def.direct_object && x <= c.last) {
    std::size_t y = x;
    if (hit_at_start_[y] < 0 && tok_generic_[y] != static_cast<int>(y))
      if (auto a = m_->lex(gx_.lexicon, y, lex_adverb)) y = *a + 1;
    if (y <= c.last && (hit_at_start_[y] >= 0 || tok_generic_[y] == static_cast<int>(y))) {
      objects_from(c, y, objs);
      found = true;
    }
  }
  for (std::size_t y = x; !found && y <= c.last && y <= x + 6; ++y) {
    if (tl_[y].kind == tk::punct && tl_[y].cp != ',') break;
    if (hit_at_start_[y] >= 0 || tok_generic_[y] == static_cast<int>(y)) break;
    std::size_t after = y;
    if (cue_preposition_at(y, def, after)) {
      objects_from(c, after, objs);
      found = true;
    }
  }
  if (!found) return;
  for (const auto& ob : objs) {
    if (ob.first < 0) continue;
    emit_role(r, ob.first, ob.second, def.object_role, k, kl, 0.8);
    if (def.role == "coordinate") r.partners.push_back(ob);
  }
  if (def.object_acts && !objs.empty()) {
    r.agent_override = objs.front().first;
    r.override_span = objs.front().second;
    r.override_blocked = objs.front().first < 0;
    r.override_after = token_range(tl_, objs.back().second.b, objs.back().second.e).second;
  }
}

/// Whether one of this cue's own prepositions starts at token y; `after` is the token after it.
bool extractor::cue_preposition_at(std::size_t y, const gazetteer_role_cue& def, std::size_t& after) const {
  const auto pl = m_->lex(gx_.lexicon, y, lex_preposition);
  if (!pl) return false;
  std::string got;
  for (std::size_t z = y; z <= *pl; ++z) got += (z > y ? " " : "") + tl_.lower(z);
  bool prep = false;
  for (const auto& w : def.prepositions)
    if (lower_form(w) == got) prep = true;
  after = *pl + 1;
  return prep;
}

/// Venues: `giảng dạy tại Trung tâm ...` hosts the work.
void extractor::find_venues(clause_reading& r) {
  if (r.cues.empty()) return;
  for (std::size_t x = r.cues.front() + 1; x <= r.c.last; ++x) {
    if (zone(x) || !tl_.is_word(x)) continue;
    const auto v = m_->lex(gx_.lexicon, x, lex_venue);
    if (!v) continue;
    std::size_t y = *v + 1;
    if (auto d = m_->lex(gx_.lexicon, y, lex_determiner)) y = *d + 1;
    if (y <= r.c.last && hit_at_start_[y] >= 0) {
      const auto& h = hits_[static_cast<std::size_t>(hit_at_start_[y])];
      emit_role(r, h.entity, bytes(h.first, h.last), "host", x, *v, 0.6);
    }
  }
}

}  // namespace danvan::text::detail

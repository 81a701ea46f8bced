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
/// ...`); npos when nothing follows them.
std::size_t extractor::activity_start(const clause& c) const {
  std::size_t k = npos;
  for (std::size_t x = c.first; x <= c.last; ++x)
    if (cue_entry_[x] >= 0) k = cue_last_[x] + 1, x = cue_last_[x];
  if (k == npos) return npos;
  for (int guard = 0; guard < 40 && k <= c.last; ++guard) {
    if (word_is(k, "với") || word_is(k, "cho") || word_is(k, "và") || tl_.is_punct(k, ',')) ++k;
    else if (auto d = m_->lex(gx_.lexicon, k, lex_determiner | lex_separator)) k = *d + 1;
    else if (tok_org_[k] >= 0) k = hits_[static_cast<std::size_t>(tok_org_[k])].last + 1;
    else if (tok_generic_[k] >= 0) k = generic_last_[static_cast<std::size_t>(tok_generic_[k])] + 1;
    else break;
  }
  return k <= c.last && tl_[k].kind == tk::word ? k : npos;
}

/// The task the clause describes, made when its first role needs it: named by its
/// activity, of the kind that activity says, with the period, due date, districts and
/// documents the clause gives it.
int extractor::clause_task(clause_reading& r, std::size_t cue) {
  if (r.task >= 0) return r.task;
  const clause& c = r.c;
  task_entity t;
  t.span = bytes(c.first, c.last);
  std::size_t first = activity_start(c), last = npos;
  if (first != npos) {
    // The activity ends where the clause turns to when (`trong quý II/2024`), where
    // (`tại huyện ...`) or to a next item (a comma), after at most 25 words.
    last = first;
    for (std::size_t k = first + 1; k <= c.last && k < first + 25; ++k) {
      if (tl_[k].kind == tk::punct && !in_quote_[k] && tok_doc_[k] < 0) break;
      if (tok_period_[k] >= 0 || word_is(k, "tại") || word_is(k, "trong") || word_is(k, "trước") || word_is(k, "từ")) break;
      last = k;
    }
  } else {
    first = cue;
    last = std::min(c.last, cue + 15);
    while (last > cue && tl_[last].kind == tk::punct) --last;
  }
  t.name = span_text(first, last);
  t.name_span = bytes(first, last);
  // The kind its activity says; else the first the clause says.
  auto kind_in = [&](std::size_t from, std::size_t to) -> std::optional<task_kind> {
    for (std::size_t k = from; k <= to; ++k)
      if (const auto kind = task_word_at(k)) return kind;
    return std::nullopt;
  };
  t.kind = kind_in(first, last).value_or(kind_in(c.first, c.last).value_or(task_kind::other));
  t.status = task_status::planned;
  for (std::size_t k = c.first; k < cue; ++k)
    if (word_is(k, "đã")) t.status = task_status::done;
  for (const int d : chunk_docs_) {
    const auto& sp = docs_[static_cast<std::size_t>(d)].span;
    if (sp.b >= tl_[c.first].b && sp.e <= tl_[c.last].e && std::find(t.docs.begin(), t.docs.end(), d) == t.docs.end())
      t.docs.push_back(d);
  }
  // When: a dated period of the clause that is not a document's or a program's;
  // `trước ngày ...` is a due date.
  for (std::size_t k = c.first; k <= c.last; ++k) {
    if (period_start_[k] < 0) continue;
    const std::size_t start = k;
    k = period_last_[start];
    const auto& pm = chunk_periods_[static_cast<std::size_t>(period_start_[start])];
    const bool due = word_is(start, "trước") || (start > 0 && word_is(start - 1, "trước"));
    // (a document's title runs to the end of its clause, but not its deadline)
    const bool of_other = tok_doc_[start] >= 0 || (in_title_[start] && !due) ||
                          (start > 0 && (tok_doc_[start - 1] >= 0 || tok_program_[start - 1] >= 0 || tl_[start - 1].quote != 0));
    if (of_other || pm.value.empty()) continue;
    if (due) {
      if (t.due.empty()) t.due = pm.value.end, t.due_span = bytes(start, k);
    } else if (t.per.empty()) {
      t.per = pm.value, t.per_span = bytes(start, k);
    }
  }
  // Where: the districts the clause names outside the names of bodies.
  for (std::size_t x = chunk_items_from_; x < items_.size(); ++x) {
    const auto& it = items_[x];
    if (it.kind != item_kind::district || it.span.b < tl_[c.first].b || it.span.e > tl_[c.last].e) continue;
    const auto [f, l] = token_range(tl_, it.span.b, it.span.e);
    if (f == npos || tok_org_[f] >= 0 || std::find(t.areas.begin(), t.areas.end(), it.entity) != t.areas.end()) continue;
    t.areas.push_back(it.entity);
    t.area_spans.push_back(it.span);
  }
  r.task = static_cast<int>(tasks_.size());
  tasks_.push_back(std::move(t));
  return r.task;
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

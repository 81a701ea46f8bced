#include "gazetteer_index.hpp"

#include <danvan/entities.hpp>

#include <map>
#include <memory>

namespace danvan::text::detail {

namespace {

std::uint32_t lex_bit(std::string_view category) {
  static const std::map<std::string, std::uint32_t, std::less<>> bits{
      {"adverbs", lex_adverb},           {"noun_markers", lex_noun_marker},  {"noun_marker_skip", lex_noun_skip},
      {"generic_actors", lex_generic},   {"possessives", lex_possessive},    {"list_separators", lex_separator},
      {"list_introducers", lex_introducer}, {"determiners", lex_determiner}, {"title_markers", lex_title},
      {"plan_connectors", lex_plan_connector}, {"continues_markers", lex_continues},
      {"implements_markers", lex_implements}, {"anaphors", lex_anaphor},  {"program_fillers", lex_program_filler},
      {"causatives", lex_causative}};
  const auto it = bits.find(category);
  return it == bits.end() ? 0 : it->second;
}

}  // namespace

std::shared_ptr<const gazetteer_index> build_gazetteer_index(const gazetteer& g) {
  auto x = std::make_shared<gazetteer_index>();
  x->org_entries = g.organizations();
  x->locality_entries = g.localities();
  x->place_entries = g.places();
  x->head_entries = g.program_heads();
  x->program_entries = g.programs();
  x->cue_entries = g.role_cues();
  for (std::uint32_t i = 0; i < x->org_entries.size(); ++i) {
    const auto& e = x->org_entries[i];
    for (const auto& n : e.names) x->orgs.add(compile_phrase(n, x->keys, x->lowers), i << 1, false);
    for (const auto& n : e.abbreviations) x->orgs.add(compile_phrase(n, x->keys, x->lowers), i << 1 | 1u, true);
    std::string first;
    if (!e.names.empty()) {
      token_list tl;
      tokenize_text(e.names[0], 0, e.names[0].size(), tl);
      if (tl.size()) first = tl.key(0);
    }
    x->org_canonical_first_key.push_back(first);
  }
  for (std::uint32_t i = 0; i < x->locality_entries.size(); ++i)
    for (const auto& w : x->locality_entries[i].words) x->localities.add(compile_phrase(w, x->keys, x->lowers), i, false);
  for (std::uint32_t i = 0; i < x->place_entries.size(); ++i) {
    x->places.add(compile_phrase(x->place_entries[i].name, x->keys, x->lowers), i, false);
    for (const auto& a : x->place_entries[i].aliases) x->places.add(compile_phrase(a, x->keys, x->lowers), i, false);
  }
  for (std::uint32_t i = 0; i < x->head_entries.size(); ++i)
    x->heads.add(compile_phrase(x->head_entries[i].words, x->keys, x->lowers), i, false);
  for (std::uint32_t i = 0; i < x->program_entries.size(); ++i) {
    x->programs.add(compile_phrase(x->program_entries[i].name, x->keys, x->lowers), i, false);
    for (const auto& a : x->program_entries[i].aliases) x->programs.add(compile_phrase(a, x->keys, x->lowers), i, false);
  }
  for (std::uint32_t i = 0; i < x->cue_entries.size(); ++i) {
    const auto& c = x->cue_entries[i];
    for (const auto& w : c.cues) x->cues.add(compile_phrase(w, x->keys, x->lowers), i, false);
    for (const auto& w : c.prepositions) x->lexicon.add(compile_phrase(w, x->keys, x->lowers), lex_preposition, false);
    for (const auto& w : c.passive) x->lexicon.add(compile_phrase(w, x->keys, x->lowers), lex_passive, false);
    for (const auto& w : c.venue) x->lexicon.add(compile_phrase(w, x->keys, x->lowers), lex_venue, false);
  }
  for (const auto& w : g.words()) {
    std::uint32_t bit = lex_bit(w.category);
    if (!bit && w.category.rfind("task_", 0) == 0) {
      if (const auto k = enum_from_string<task_kind>(std::string_view(w.category).substr(5)))
        bit = lex_task | (static_cast<std::uint32_t>(*k) << kTaskShift);
    }
    if (!bit) continue;  // a category this version does not use
    for (const auto& word : w.words) x->lexicon.add(compile_phrase(word, x->keys, x->lowers), bit, false);
  }
  for (auto* t : {&x->orgs, &x->localities, &x->places, &x->heads, &x->programs, &x->cues, &x->lexicon}) t->finish();
  return x;
}

}  // namespace danvan::text::detail

// The gazetteer compiled once for extraction: its phrases as tries, and its
// function words as bits of one lexicon, so that one walk per token tells
// every role a word can play.
#pragma once

#include "trie.hpp"

#include <danvan/text/gazetteer.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace danvan::text::detail {

enum lex_bits : std::uint32_t {
  lex_adverb = 1u << 0,
  lex_noun_marker = 1u << 1,
  lex_noun_skip = 1u << 2,
  lex_generic = 1u << 3,
  lex_possessive = 1u << 4,
  lex_separator = 1u << 5,
  lex_introducer = 1u << 6,
  lex_determiner = 1u << 7,
  lex_title = 1u << 8,
  lex_plan_connector = 1u << 9,
  lex_continues = 1u << 10,
  lex_implements = 1u << 11,
  lex_anaphor = 1u << 12,
  lex_program_filler = 1u << 13,
  lex_causative = 1u << 14,
  lex_preposition = 1u << 15,  // any role cue's object preposition
  lex_passive = 1u << 16,
  lex_venue = 1u << 17,
  lex_task = 1u << 18,  // payload high bits carry the task kind
};

constexpr std::uint32_t kTaskShift = 24;

struct gazetteer_index {
  interner keys, lowers;
  phrase_trie orgs;        // payload: entry << 1 | is_abbreviation
  phrase_trie localities;  // payload: locality index
  phrase_trie places;      // payload: place index
  phrase_trie heads;       // payload: program head index
  phrase_trie programs;    // payload: known program index
  phrase_trie cues;        // payload: role cue index
  phrase_trie lexicon;     // payload: lex bits (| task kind << kTaskShift)
  std::vector<gazetteer_organization> org_entries;
  std::vector<gazetteer_locality> locality_entries;
  std::vector<gazetteer_place> place_entries;
  std::vector<gazetteer_program_head> head_entries;
  std::vector<gazetteer_program> program_entries;
  std::vector<gazetteer_role_cue> cue_entries;
  std::vector<std::string> org_canonical_first_key;  // key of the first word of each entry's canonical name
};

/// Builds the look-up structures extraction uses.
std::shared_ptr<const gazetteer_index> build_gazetteer_index(const gazetteer& g);

/// The extractor's way to a gazetteer's compiled structures (private to the library).
struct gazetteer_access {
  static const gazetteer_index& index(const gazetteer& g) { return g.index(); }
};

}  // namespace danvan::text::detail

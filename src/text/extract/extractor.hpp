// The extractor: state shared by the chunks of one text, and the stages each
// chunk goes through (extractor.cpp runs them in order). Organizations,
// localities, program heads, role cues and function words are matched with
// tries over the tokens' search keys, checked against the accented form so
// that `số` never reads as `Sở`. Roles are read clause by clause
// (docs/extraction.md).
#pragma once

#include "chunks.hpp"
#include "gazetteer_index.hpp"
#include "matcher.hpp"
#include "records.hpp"
#include "tokenizer.hpp"

#include <danvan/builder.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace danvan::text::detail {

/// Tokens [first, last] of one clause, and the sentence it belongs to.
struct clause {
  std::size_t first, last;
  int sentence;
};

/// An organization (or a generic actor, entity -1) and the span that names it.
using actor = std::pair<int, byte_span>;

/// What reading one clause has settled so far: its cues, who acts, and what
/// an earlier cue leaves to the later ones.
struct clause_reading {
  clause_reading(const clause& cl, std::size_t first_token, bool in_quote)
      : c(cl), first(first_token), quoted(in_quote) {}

  const clause& c;
  std::size_t first;  // the clause's first token after opening quotes
  bool quoted;
  std::vector<std::size_t> cues;
  // the actor
  int subject = -1;
  byte_span subject_span;
  bool blocked = false, explicit_subject = false;
  std::vector<actor> group;
  // a phrase for the bodies that opens the clause (`hai bên`, `chính quyền các cấp`)
  std::size_t subject_first = npos, subject_last = npos;
  // the body found next to the clause's last cue that had one (the sentence goes on with it)
  actor last_actor{-1, {}};
  double inherit_conf = 0.85;
  // the roles read
  std::set<std::pair<int, std::string>> done;
  int task = -1;
  std::vector<actor> partners;
  bool coordinate = false;
  // `tham mưu giúp X ...`: X acts for the cues after it
  int agent_override = -1;
  byte_span override_span;
  bool override_blocked = false;
  std::size_t override_after = npos;
  int prev_cue_entry = -1;
  std::size_t prev_cue_last = npos;
};

/// Who acts for one cue, and whether it was found next to it.
struct cue_agent {
  int org = -1;
  byte_span span;
  bool blocked = false, local = false;
};

/// What of the entities the draft keeps, the ids they get, and the code
/// points of every byte offset it cites.
struct draft_plan {
  std::vector<char> org_used, area_used, prog_used, doc_used, task_used;
  std::string src_id;
  std::vector<std::string> org_id, area_id, prog_id, task_id, doc_id;
  std::vector<std::size_t> offsets, cps;

  [[nodiscard]] std::size_t cp(std::size_t byte) const;
  [[nodiscard]] danvan::evidence ev(byte_span s, std::string note = {}) const;
};

/// Token range covering bytes [b, e): first token starting at or after b, last ending at or before e.
std::pair<std::size_t, std::size_t> token_range(const token_list& tl, std::size_t b, std::size_t e);
/// A province's name without its kind word: `Hải Dương` for `Tỉnh Hải Dương`, `Hải Phòng`
/// for `thành phố Hải Phòng`.
std::string_view without_province_kind(std::string_view name);

class extractor {
 public:
  extractor(std::string_view text, const extract_options& o, const gazetteer& g)
      : text_(text), o_(o), gx_(gazetteer_access::index(g)), vocab_(gx_) {
    build_network_index();
  }

  void process_chunk(std::size_t from, std::size_t to, chunk_scan scan);
  draft finish(std::string sha);

 private:
  // ---- network names (extractor.cpp) ---------------------------------------
  void build_network_index();
  void index_provinces();

  // ---- one chunk (extractor.cpp) -------------------------------------------
  void prepare_tokens(std::size_t from, std::size_t to);
  void find_quotes();
  void remember_heads();
  std::string span_text(std::size_t first, std::size_t last) const;  // normalized text of tokens
  std::string span_key(std::size_t first, std::size_t last) const;   // search key of tokens
  std::string skey(std::string_view s) const;                         // search_key(), remembered
  bool lex_at(std::size_t i, std::uint32_t bits) const { return m_->lex(gx_.lexicon, i, bits).has_value(); }
  bool word_is(std::size_t i, std::string_view lower) const { return tl_.is_word(i) && tl_.lower(i) == lower; }
  byte_span bytes(std::size_t first, std::size_t last) const { return {tl_[first].b, tl_[last].e}; }
  void evidence(std::vector<byte_span>& v, byte_span s) const {
    if (v.size() < o_.max_evidence) v.push_back(s);
  }
  std::uint32_t intern(std::string_view s);

  // ---- documents and periods (documents.cpp) -------------------------------
  bool ends_reference(std::size_t f) const;
  std::vector<document_reference> with_shared_type_numbers(std::vector<document_reference> refs) const;
  void map_documents(std::vector<document_reference> refs);
  void map_periods(std::vector<period_match> found);
  void link_documents();
  void note_issuers();
  void settle_document_keys();

  // ---- places, localities, areas (areas.cpp) -------------------------------
  std::optional<place_parse> match_place(std::size_t k) const;
  std::optional<place_parse> known_place(std::size_t k) const;
  std::size_t unknown_place_end(std::size_t k) const;
  std::optional<locality_parse> match_locality(std::size_t k) const;
  std::optional<locality_parse> match_localities(std::size_t k, std::size_t det_last) const;
  int register_area(const place_parse& p, danvan::level lvl, std::size_t first, double conf, std::string_view source);
  std::string network_area(const place_parse& p, const std::string& name, danvan::level lvl) const;
  void find_areas();
  void read_area_list(std::size_t k, std::vector<unsigned char>& used, danvan::level listed);

  // ---- organization names (organizations.cpp) ------------------------------
  std::optional<org_parse> match_org(std::size_t i, bool attached, int depth) const;
  std::optional<org_parse> match_network_org(std::size_t i, bool attached) const;
  std::optional<org_parse> try_entry(int entry, std::size_t i, std::size_t j, bool unaccented, bool abbrev,
                                     bool attached, int depth) const;
  org_parse entry_base(const gazetteer_organization& e, int entry, std::size_t i, std::size_t j, bool abbrev) const;
  std::optional<org_parse> with_place(const org_parse& base, const gazetteer_organization& e, std::size_t j) const;
  std::optional<org_parse> with_locality(const org_parse& base, std::size_t j) const;
  std::optional<org_parse> with_parent(const org_parse& base, const gazetteer_organization& e, std::size_t j,
                                       int depth) const;
  std::optional<org_parse> with_named_scope(const org_parse& base, std::size_t i, std::size_t j) const;
  std::optional<org_parse> sharing_next_parent(const org_parse& base, const gazetteer_organization& e, std::size_t j,
                                               int depth) const;
  void finish_parse(org_parse& p) const;
  int register_org(const org_parse& p);

  // ---- organizations and actors in the text (actors.cpp) -------------------
  void find_organizations();
  std::size_t before_determiners(std::size_t k) const;
  void find_generic_actors();
  void mark_object_lists();
  std::string head_of(int org) const;
  bool anaphor_word(std::size_t k) const {
    return tl_.is_word(k) && tl_[k].upper && m_->lex(gx_.lexicon, k, lex_anaphor).has_value();
  }
  void merge_organizations();
  void place_network_matches();
  void merge_org_into(org_entity& o, int into);

  // ---- programs and movements (programs.cpp) -------------------------------
  int register_program(const std::string& key, const std::string& name, program_kind kind, double conf);
  void find_programs();
  int period_for(std::size_t first, std::size_t last) const;
  void add_program(std::size_t first, std::size_t last, std::string name, program_kind kind, double conf,
                   std::string_view source, int doc);
  std::optional<std::string> quote_name(std::size_t q, std::size_t& close) const;
  std::optional<std::size_t> program_after_head(std::size_t i);
  std::size_t numbered_program(std::size_t i, program_kind head_kind);
  std::optional<std::size_t> plan_of_document(std::size_t i, std::size_t j, std::size_t r,
                                              const gazetteer_program_head& head);
  std::optional<std::size_t> program_up_to_period(std::size_t i, std::size_t k, const gazetteer_program_head& head);
  std::optional<std::size_t> program_named_alone(std::size_t i);
  void find_repeated_programs();

  // ---- clauses and their actors (clauses.cpp) ------------------------------
  void find_cues();
  void read_roles();
  std::vector<clause> split_clauses() const;
  void mark_document_titles(const std::vector<clause>& clauses);
  std::optional<actor> anaphor_at(std::size_t k) const;
  bool object_before(std::size_t k) const;
  bool zone(std::size_t k) const { return in_title_[k] || tok_doc_[k] >= 0; }
  bool after_passive(std::size_t k) const;
  bool used_as_noun(std::size_t first, std::size_t k) const;
  std::vector<std::size_t> clause_cues(std::size_t first, std::size_t last) const;
  void find_clause_subject(clause_reading& r) const;
  void add_listed_subjects(clause_reading& r, const org_hit& h) const;
  std::size_t opening_time(const clause_reading& r) const;
  void read_clause(const clause& c, int& sentence_subject, bool& last_clause_coordinate, bool first_of_sentence);

  // ---- roles of one clause (role_cues.cpp) ---------------------------------
  void emit_role(clause_reading& r, int org, byte_span org_span, const std::string& role, std::size_t cue_first,
                 std::size_t cue_last, double conf);
  void emit_all(clause_reading& r, const std::vector<actor>& orgs, const std::string& role, std::size_t cue_first,
                std::size_t cue_last, double conf);
  int target_program(const clause& c, std::size_t after) const;
  std::optional<task_kind> task_word_at(std::size_t k) const;
  int clause_task(clause_reading& r, std::size_t cue);
  int clause_tasks(const clause& c, std::size_t first, std::size_t bound = npos);
  int make_task(const clause& c, std::size_t from, std::size_t to, std::size_t first, std::size_t last);
  std::size_t activity_start(const clause& c, const std::vector<std::size_t>& cues) const;
  std::size_t activity_end(std::size_t first, std::size_t last) const;
  std::size_t past_bodies(std::size_t k, std::size_t last) const;
  std::size_t parties_end(std::size_t k) const;
  std::size_t past_own_document_basis(std::size_t k, std::size_t last) const;
  bool names_own_document(std::size_t k) const;
  void find_own_document();
  std::size_t next_activity(std::size_t from, std::size_t last) const;
  bool activity_word(std::size_t k) const;
  bool inside_words(std::size_t k) const;
  bool predicate_word(std::size_t k, std::size_t last) const;
  void draft_uncued_task(const clause_reading& r, bool first_of_sentence, std::size_t until);
  void objects_from(const clause& c, std::size_t k, std::vector<actor>& out) const;
  void continue_coordination(clause_reading& r);
  void read_cue(clause_reading& r, std::size_t k);
  void credit_passive_agent(clause_reading& r, std::size_t k, const gazetteer_role_cue& def);
  cue_agent actor_before_cue(const clause_reading& r, std::size_t k) const;
  bool follows_lead(const clause_reading& r, std::size_t k, const gazetteer_role_cue& def) const;
  void read_cue_objects(clause_reading& r, std::size_t k, const gazetteer_role_cue& def);
  bool cue_preposition_at(std::size_t y, const gazetteer_role_cue& def, std::size_t& after) const;
  void find_venues(clause_reading& r);

  // ---- the draft (draft.cpp, draft_network.cpp) ----------------------------
  void keep_supported_items(draft_plan& plan);
  void assign_ids(draft_plan& plan, const std::string& sha) const;
  void map_code_points(draft_plan& plan) const;
  void fill_items(const draft_plan& plan, std::vector<extracted_item>& out) const;
  std::shared_ptr<const danvan::network> build_network(const draft_plan& plan, const std::string& sha,
                                                       std::size_t items, std::size_t length) const;
  void add_extra_roles(network_builder& b) const;
  void add_areas(network_builder& b, const draft_plan& plan) const;
  void add_organizations(network_builder& b, const draft_plan& plan) const;
  void add_documents(network_builder& b, const draft_plan& plan) const;
  void add_programs_and_tasks(network_builder& b, const draft_plan& plan) const;
  std::vector<role_assignment> assignments(const std::vector<const item_record*>& rs, const draft_plan& plan) const;

  std::string_view text_;
  const extract_options& o_;
  const gazetteer_index& gx_;
  vocabulary vocab_;

  // network
  phrase_trie net_orgs_, net_areas_;
  std::unordered_map<std::string, int> net_org_by_key_, net_area_by_key_;
  // The names (search keys without `tinh`) of each network organization's province, and of
  // every province of the network: a generic name (`Công an tỉnh`) is that province's body
  // only in a text about that province.
  std::vector<std::vector<std::string>> net_org_province_;
  std::set<std::string> net_provinces_;

  // chunk
  string_memo lower_memo_;
  mutable string_memo norm_memo_, key_memo_;
  token_list tl_;
  std::unique_ptr<matcher> m_;
  std::vector<int> tok_doc_, tok_period_, tok_org_, tok_generic_, tok_program_, tok_cue_;
  std::vector<int> doc_start_, period_start_;
  std::vector<std::size_t> doc_last_, period_last_, generic_last_, cue_last_;
  std::vector<int> cue_entry_;
  std::vector<unsigned char> in_quote_, in_title_;
  std::vector<std::size_t> quote_close_;  // opening quote token -> closing quote token (npos: none)
  std::vector<org_hit> hits_;
  std::vector<int> hit_at_start_, hit_at_end_;
  std::vector<std::pair<int, std::pair<std::size_t, std::size_t>>> chunk_programs_;  // program, tokens
  std::vector<period_match> chunk_periods_;
  std::vector<int> chunk_docs_;
  std::vector<std::pair<std::size_t, int>> program_starts_;  // first token, program
  std::size_t chunk_items_from_ = 0;

  // whole text
  std::vector<org_entity> orgs_;
  std::unordered_map<std::string, int> org_by_key_;
  std::vector<area_entity> areas_;
  std::unordered_map<std::string, int> area_by_key_;
  std::vector<program_entity> programs_;
  std::unordered_map<std::string, int> program_by_key_;
  std::vector<task_entity> tasks_;
  std::vector<doc_record> docs_;
  std::vector<item_record> items_;
  std::set<std::string> roles_used_;
  std::vector<std::string> strings_{std::string()};
  std::unordered_map<std::string, std::uint32_t> string_ids_;

  // discourse
  int subject_ = -1;
  byte_span subject_span_;
  // the bodies that signed (`hai bên` names them), and the text's own document (`Số
  // 21-KH/BDVHU` in its header; `kế hoạch này` cites it): -1 none, -2 not looked for yet
  std::vector<actor> signatories_;
  int own_doc_ = -2;
  std::string own_doc_type_;  // its type's search key (`ke hoach`)
  std::size_t sentence_time_ = npos;  // the first token of the time that opens the sentence read
  std::unordered_map<std::string, actor> last_by_head_;
};

}  // namespace danvan::text::detail

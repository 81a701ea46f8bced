// danvan — the gazetteer extraction reads names with: organizations of the
// Vietnamese political system, localities and places, program heads and
// movements, role cues and the function words around them. It is data
// (data/gazetteer/*.json, schema/gazetteer.schema.json); this header is its
// in-memory form.
#pragma once

#include <danvan/fwd.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::text {

/// What may follow the head of an organization name in a text.
enum class name_scope : unsigned char {
  none,          ///< the name is complete: `Bộ Chính trị`
  organization,  ///< the body it belongs to: `Ban Dân vận` + `Tỉnh ủy Hải Dương`
  locality,      ///< a locality: `Công an` + `tỉnh`, `UBND` + `huyện Kim Thành`
  place,         ///< a place name: `Tỉnh ủy` + `Hải Dương`
  named,         ///< free words up to a locality: `Ban Chỉ đạo` + `công tác tôn giáo` + `tỉnh`
};

/// One kind of organization: its names, abbreviations and what may follow them.
struct gazetteer_organization {
  std::string id;                          ///< slug, unique in the gazetteer (`ban-dan-van`)
  std::vector<std::string> names;          ///< the first is canonical; matched accent- and case-aware
  std::vector<std::string> abbreviations;  ///< matched only when written in capitals (`UBND`, `CT-XH`)
  std::string name_en;                     ///< the English name; empty for none
  org_kind kind = org_kind::other;         ///< the kind a mention of it gets
  /// Kind when the body it belongs to is a party committee (`Văn phòng Tỉnh ủy`).
  std::optional<org_kind> party_kind;
  /// Takes the kind of the body it belongs to (`Thường trực HĐND` is a state body,
  /// `Thường trực Tỉnh ủy` a party one).
  bool kind_from_parent = false;
  /// Level when nothing in the text says otherwise.
  std::optional<danvan::level> level;
  /// Continuations tried in order; empty means {none}.
  std::vector<name_scope> scope;
  /// Kinds of body an `organization` scope accepts; empty accepts any.
  std::vector<org_kind> attach;
  /// Whether the head alone (without its scope) names an organization.
  bool standalone = true;
  /// Confidence of a standalone mention of a head that normally has a scope.
  double standalone_confidence = 0.75;
  /// A party committee other entries attach to (`Tỉnh ủy`, `Huyện ủy`, `Trung ương`).
  bool committee = false;
  /// A public post (`Bí thư`, `Chủ tịch`): recorded as an organization of kind other.
  bool office = false;
  /// Names a group of bodies (`các tổ chức chính trị - xã hội`).
  bool plural = false;
  /// Matched in any case; otherwise the first word must start with a capital.
  bool any_case = false;
};

/// A word that introduces a locality (`tỉnh`, `huyện`, `thành phố`, `TP.`).
struct gazetteer_locality {
  std::vector<std::string> words;  ///< its spellings (`thành phố`, `TP.`)
  std::optional<danvan::level> level;  ///< nothing for `các cấp`
  /// `thành phố`: the level of the place decides (a centrally-run city is a province).
  bool city = false;
  /// Whether a place name may follow (`tỉnh Hải Dương`); false for `cơ sở`, `các cấp`.
  bool takes_place = true;
  /// The word in a draft's names (`tỉnh`); empty: the first of `words`.
  std::string canonical;
};

/// A known place: a province or centrally-run city, or another unit.
struct gazetteer_place {
  std::string id;  ///< slug, unique in the gazetteer
  std::string name;  ///< without its kind word: `Hải Dương`
  std::vector<std::string> aliases;  ///< other spellings of the name
  danvan::level level = danvan::level::province;  ///< its administrative level
  std::string type;  ///< kind word: `tỉnh`, `thành phố`, `huyện`, ...
  std::string code;  ///< official code, when known
};

/// Words that introduce a program, plan or movement, and how its name follows.
struct gazetteer_program_head {
  std::string words;  ///< `Chương trình phối hợp`, `phong trào thi đua`
  program_kind kind = program_kind::other;  ///< the kind of the programs it introduces
  /// Forms accepted after the head: `quote` (a quoted name), `reference` (a document
  /// it implements), `period` (a year or period), `known` (a known program's name).
  std::vector<std::string> forms;
};

/// A program or movement known by name (`Dân vận khéo`).
struct gazetteer_program {
  std::string id;  ///< slug, unique in the gazetteer
  std::string name;  ///< its canonical name (`Dân vận khéo`)
  std::vector<std::string> aliases;  ///< other names it is known by
  program_kind kind = program_kind::movement;  ///< what kind of program it is
  std::string name_en;  ///< the English name; empty for none
};

/// Words that signal a role, and how the organizations around them take it.
struct gazetteer_role_cue {
  std::string role;                 ///< a role name (`lead`, `advise`, or a declared one)
  std::vector<std::string> cues;    ///< `chủ trì`, `tham mưu`, ...
  bool subject = true;              ///< the clause's actor takes `role`
  std::string object_role;          ///< role of the bodies after a preposition; empty: none
  std::vector<std::string> prepositions;  ///< `với`, `cho`, `giúp`
  bool direct_object = false;       ///< a body right after the cue is an object too
  bool object_acts = false;         ///< the object is the actor of the clause's next cues
  bool with_partners = false;       ///< the clause's coordination partners take `role` too
  bool yields = false;              ///< dropped when another cue follows at once (`tham gia giảng dạy`)
  std::vector<std::string> passive; ///< `theo`: `theo hướng dẫn của X` gives X the role
  std::vector<std::string> venue;   ///< `tại`: the body after it hosts (role `host`)
  std::string raci;                 ///< for a role beyond the core: its RACI letter
  std::string description;          ///< for a role beyond the core
};

/// Function words by category (`adverbs`, `noun_markers`, `generic_actors`, ...).
struct gazetteer_words {
  std::string category;  ///< the category's name (`adverbs`, ...)
  std::vector<std::string> words;  ///< its words
};

class gazetteer;

namespace detail {
struct gazetteer_index;   // src/text/extract/gazetteer_index.hpp
struct gazetteer_access;  // the extractor's way to the compiled look-up structures
}  // namespace detail

/// An immutable gazetteer. Copies share their data; const member functions are
/// safe to call from many threads.
///
///     auto g = danvan::text::gazetteer::load("data/gazetteer");
///     auto d = danvan::text::extract(text, {.gazetteer = &g});
class gazetteer {
 public:
  /// An empty gazetteer (extraction then finds only documents, periods and the
  /// given network's names).
  gazetteer();

  /// Reads every `*.json` file of a directory (in name order), or one file.
  /// Throws danvan::io_error (unreadable), danvan::parse_error (not JSON, with
  /// line and column) or danvan::validation_error (every problem, with the file
  /// and JSON path: unknown keys, unknown kinds or levels, duplicate ids).
  [[nodiscard]] static gazetteer load(const std::filesystem::path& path);
  /// Reads one gazetteer document from JSON text; `label` names it in problems.
  [[nodiscard]] static gazetteer loads(std::string_view json, std::string_view label = "<string>");

  /// The gazetteer shipped with danvan (data/gazetteer), loaded once: from the
  /// directory in the environment variable DANVAN_GAZETTEER when set, else from
  /// the install location, else from the source tree danvan was built from.
  /// Throws danvan::io_error naming the places tried when none holds it.
  [[nodiscard]] static const gazetteer& builtin();
  /// Where builtin() reads from (empty when it finds no gazetteer).
  [[nodiscard]] static std::filesystem::path builtin_path();

  /// This gazetteer with `other`'s entries added; an entry of `other` replaces one of
  /// this gazetteer with the same id (within one directory, load() refuses shared ids).
  [[nodiscard]] gazetteer merged(const gazetteer& other) const;

  /// The organization entries, in file order.
  [[nodiscard]] const std::vector<gazetteer_organization>& organizations() const noexcept;
  /// The locality words, in file order.
  [[nodiscard]] const std::vector<gazetteer_locality>& localities() const noexcept;
  /// The known places, in file order.
  [[nodiscard]] const std::vector<gazetteer_place>& places() const noexcept;
  /// The program heads, in file order.
  [[nodiscard]] const std::vector<gazetteer_program_head>& program_heads() const noexcept;
  /// The programs known by name, in file order.
  [[nodiscard]] const std::vector<gazetteer_program>& programs() const noexcept;
  /// The role cues, in file order.
  [[nodiscard]] const std::vector<gazetteer_role_cue>& role_cues() const noexcept;
  /// The function-word categories, in file order.
  [[nodiscard]] const std::vector<gazetteer_words>& words() const noexcept;
  /// The words of one category; empty when the gazetteer has none.
  [[nodiscard]] std::vector<std::string> words(std::string_view category) const;
  /// The files it was read from (empty for loads()).
  [[nodiscard]] const std::vector<std::string>& files() const noexcept;
  /// Number of organization entries, places, program heads, programs and role cues.
  [[nodiscard]] std::size_t size() const noexcept;

  /// The entries of a gazetteer as values, for the constructor below.
  struct contents {
    std::vector<gazetteer_organization> organizations;  ///< organization entries
    std::vector<gazetteer_locality> localities;  ///< locality words
    std::vector<gazetteer_place> places;  ///< known places
    std::vector<gazetteer_program_head> program_heads;  ///< program heads
    std::vector<gazetteer_program> programs;  ///< programs known by name
    std::vector<gazetteer_role_cue> role_cues;  ///< role cues
    std::vector<gazetteer_words> words;  ///< function words by category
    std::vector<std::string> files;  ///< where the entries came from, for files(); may be empty
  };
  /// Builds a gazetteer from values (checked like a file; throws danvan::validation_error).
  explicit gazetteer(contents c);

 private:
  friend struct detail::gazetteer_access;
  /// The compiled look-up structures (built on first use, then shared by copies).
  [[nodiscard]] const detail::gazetteer_index& index() const;
  struct data;
  std::shared_ptr<data> d_;
};

}  // namespace danvan::text

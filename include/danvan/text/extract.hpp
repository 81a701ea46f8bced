// danvan — drafting network entries from the plain text of a report:
// documents, organizations, programs and movements, periods, districts and
// role cues, each with the span of text it rests on and a confidence.
// How it works, the confidence scale and its measured quality: docs/extraction.md.
#pragma once

#include <danvan/date.hpp>
#include <danvan/network.hpp>
#include <danvan/text/normalize.hpp>
#include <danvan/text/span.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace danvan::text {

class gazetteer;
namespace detail {
struct draft_access;
}

/// What an extracted item is.
enum class item_kind : unsigned char {
  document,      ///< a reference to a numbered document (`Kết luận số 44-KL/TW`)
  organization,  ///< a body or public post (`Ban Dân vận Tỉnh ủy`, `Chủ tịch UBND tỉnh`)
  program,       ///< a joint program, plan, work program or movement
  period,        ///< a date or period (`giai đoạn 2023 – 2025`, `hằng quý`)
  district,      ///< a district- or commune-level unit (`huyện Kim Thành`, `Chí Linh` in a list of districts,
                 ///< `xã Võ Miếu`); its category says which (`district`, `commune`)
  role,          ///< an organization's role, read from a cue (`chủ trì`, `phối hợp với`)
  province,      ///< a province or centrally-run city (`tỉnh Hải Dương`)
};

/// The word for each kind: `document`, `organization`, `program`, `period`,
/// `district`, `role`, `province`.
[[nodiscard]] std::string_view to_string(item_kind kind) noexcept;

/// One thing found in the text. Every item rests on its span; nothing is
/// reported that the text does not say at that place.
struct extracted_item {
  item_kind kind = item_kind::organization;  ///< what it is
  /// Where it is, in code points of the text (as danvan evidence spans count).
  text_span span;
  /// The same in bytes of the UTF-8 text.
  text_span byte_span;
  /// The text of the span as written (ill-formed UTF-8 replaced by U+FFFD).
  std::string text;
  /// How sure extraction is, in [0, 1] (see docs/extraction.md for the scale).
  double confidence = 0;
  /// The id of the draft entity this item is evidence for: `org:`, `doc:`,
  /// `prog:`, `area:`; for a role, the task or program it is a role on; empty for a period.
  std::string id;
  /// Canonical form: an organization's or program's full name, a document's
  /// number (`44-KL/TW`), a period in ISO form (`2023/2025`, `2023-09-16`,
  /// `quarterly`), a district's name, a role's name (`lead`).
  std::string name;
  /// Organization kind (`party_commission`), document type (`KL`), program kind
  /// (`movement`), period kind (`range`), area level (`district`); for a role,
  /// the cue as normalized (`chủ trì`).
  std::string category;
  /// Programs and periods: the time covered (empty ends when not stated).
  danvan::period period;
  /// Roles: the organization that takes the role, and the span of the mention
  /// that names it (the subject of the clause, perhaps earlier in the text).
  std::string org;
  text_span org_span;  ///< for a role: where the organization that takes it is named, in code points
  /// Where the item came from: `gazetteer:<entry>`, `network`, `reference`,
  /// `periods`, `pattern`, `list`, `cue`.
  std::string source;
};

/// What extract() reads the text with.
struct extract_options {
  /// Names, aliases and areas to recognize besides the gazetteer's; matched
  /// mentions reuse the network's ids. Not owned; may be null.
  const danvan::network* network = nullptr;
  /// The gazetteer; null uses gazetteer::builtin().
  const text::gazetteer* gazetteer = nullptr;
  /// Id of the source entry the draft's evidence cites; empty: `src:text-` and
  /// the first 12 hex digits of the text's SHA-256.
  std::string source_id;
  /// Title, date, kind and URL of that source entry.
  std::string source_title;
  danvan::date source_date;  ///< the source entry's date; empty for none
  std::string source_kind = "text";  ///< the source entry's kind
  std::string source_url;  ///< the source entry's URL; empty for none
  /// Year for `6 tháng đầu năm` or `quý III` written without one; 0 leaves them undated.
  int default_year = 0;
  /// Items below this confidence are dropped (before the draft is built).
  double min_confidence = 0;
  /// Evidence entries kept per draft entity (the items list keeps every mention).
  std::size_t max_evidence = 50;
  /// What to do with ill-formed UTF-8 (see invalid_utf8); under reject,
  /// extract() throws invalid_utf8_error.
  invalid_utf8 invalid = invalid_utf8::replace;
  /// Threads used (documents and periods are scanned next to the rest); 1 runs
  /// everything on the calling thread.
  unsigned threads = 2;
};

/// The result of extract(): the items, and the draft network they make.
class draft {
 public:
  /// An empty draft of an empty text.
  draft();

  /// Every item found, in text order (an organization before the roles it takes).
  [[nodiscard]] const std::vector<extracted_item>& items() const noexcept { return items_; }
  /// The items of one kind.
  [[nodiscard]] std::vector<extracted_item> items(item_kind kind) const;
  /// The draft as a network: one source entry for the text (with its SHA-256),
  /// one entity per distinct document, organization, program and area, a task
  /// per clause that assigns roles, and a role per role item, each with its
  /// evidence spans. Always valid danvan JSON; empty for an empty text.
  [[nodiscard]] const danvan::network& network() const noexcept { return *network_; }
  /// network() as danvan JSON text (danvan::dumps).
  [[nodiscard]] std::string dumps() const;
  /// Hex SHA-256 of the text's bytes.
  [[nodiscard]] const std::string& sha256() const noexcept { return sha256_; }
  /// Length of the text in code points and in bytes.
  [[nodiscard]] std::size_t length() const noexcept { return length_; }
  /// Length of the text in bytes.
  [[nodiscard]] std::size_t byte_length() const noexcept { return byte_length_; }
  /// Id of the source entry the evidence cites.
  [[nodiscard]] const std::string& source_id() const noexcept { return source_id_; }

 private:
  friend struct detail::draft_access;
  std::vector<extracted_item> items_;
  std::shared_ptr<const danvan::network> network_;
  std::string sha256_, source_id_;
  std::size_t length_ = 0, byte_length_ = 0;
};

/// Drafts network entries from the plain text of a report (UTF-8). Never
/// throws for the content of the text: an empty text, a text without
/// Vietnamese, HTML left in it (tags are read as spaces, entities such as
/// `&ecirc;` as the letters they stand for) or ill-formed UTF-8 (replaced,
/// see invalid_utf8) give a valid, possibly empty draft. Throws
/// invalid_utf8_error under invalid_utf8::reject, and danvan::io_error when no
/// gazetteer is given and the built-in one cannot be found. Linear time.
///
///     auto d = danvan::text::extract(report_text);
///     for (const auto& item : d.items()) std::cout << to_string(item.kind) << ' ' << item.name << '\n';
///     danvan::save(d.network(), "draft.json");
[[nodiscard]] draft extract(std::string_view text, const extract_options& options = {});

/// Hex SHA-256 of bytes (64 lower-case digits), as danvan sources record it.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// A readable id slug: lower-case ASCII letters and digits joined by `-`
/// (`Ban Dân vận Tỉnh ủy` → `ban-dan-van-tinh-uy`).
[[nodiscard]] std::string slug(std::string_view text);

}  // namespace danvan::text

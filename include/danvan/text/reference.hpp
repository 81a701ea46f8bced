// danvan — references to Party and State documents in Vietnamese text:
// `Kết luận số 44-KL/TW, ngày 14/11/2022 của Ban Bí thư`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <danvan/date.hpp>
#include <danvan/text/normalize.hpp>
#include <danvan/text/span.hpp>

namespace danvan::text {

/// How the number of a document is written. Party documents:
/// `NN-TYPE/ISSUER` (`44-KL/TW`, `03-CTr/BDVTU-BCHQST-CAT-BCHBPT`); State
/// documents: `NN/YYYY/TYPE-ISSUER` or `NN/TYPE-ISSUER` (`60/2013/NĐ-CP`,
/// `1206/QĐ-HVTC`).
enum class reference_form : unsigned char {
  party,  ///< `NN-TYPE/ISSUER` (`44-KL/TW`)
  state   ///< `NN/YYYY/TYPE-ISSUER` or `NN/TYPE-ISSUER` (`60/2013/NĐ-CP`)
};

/// One document reference found in a text.
struct document_reference {
  /// Canonical abbreviation of the document type: NQ, CT, KL, QĐ, QĐi, QC, HD,
  /// KH, CTr, ĐA, TB, BC, CV, NĐ, TT, ... (an open list). Taken from the
  /// number when it carries one, else from the Vietnamese name before it.
  std::string type;
  /// The Vietnamese name written before the number, in canonical spelling
  /// (`Kết luận`); empty when the text gives only the number.
  std::string type_name;
  /// The whole document number in canonical form: `44-KL/TW`, `60/2013/NĐ-CP`,
  /// `123/UBND-NC` (`60/NQ-TW` becomes `60-NQ/TW`). format_reference() builds
  /// it from the other fields when it is empty.
  std::string code;
  /// The number as written, digits only (`03` stays `03`; the key drops the zero).
  std::string number;
  /// The year written inside a State number (`60/2013/NĐ-CP` → 2013), else 0.
  int number_year = 0;
  /// Issuer code as the number writes it, in canonical case (`TW`, `TTg`, `UBND-NC`,
  /// `BDVTU-BCHQST-CAT-BCHBPT`); `TƯ` is read as `TW`, ASCII forms (`DU`) as `ĐU`.
  std::string issuer;
  /// The issuing bodies the issuer names (issuing_bodies()): `BDVTU`, `BCHQST`, `CAT`,
  /// `BCHBPT` for a joint program; `UBND` alone for `UBND-NC` (NC is a department).
  std::vector<std::string> issuers;
  /// The form of the number. `60/NQ-TW` (State form with a Party issuer) is
  /// read as the Party document `60-NQ/TW`.
  reference_form form = reference_form::party;
  /// Date of issue at the precision written (`ngày 14/11/2022`, `năm 2013`);
  /// empty when none is given or the text names an impossible day.
  danvan::date date;
  /// The date as written (after normalization), also when it is impossible or
  /// lacks its year; empty when there is none.
  std::string date_text;
  /// The issuing body after `của` (`Ban Bí thư Trung ương Đảng`); may be empty.
  std::string issuing_body;
  /// The term (khóa) of the issuing Party body, from `khóa XII` or `(khoá 12)`; 0 when not stated.
  int term = 0;
  /// Identity of the document: `type-number-issuer-year`, lower-case ASCII
  /// (`kl-44-tw-2022`, `nd-60-cp-2013`). Party numbers restart with each
  /// term, so the year is part of the key when known; without a year the
  /// term stands in (`ct-43-tw-k10`), and without either the key is bare.
  std::string key;
  /// scan_references() only: the mention gave no year and took its key from
  /// another mention of the same document in the same text.
  bool key_from_context = false;
  /// Where the reference is, from its type name (or number) to its last part
  /// (date, body or term), in code points of the text that was read.
  text_span span;
  /// The same span in bytes.
  text_span byte_span;
};

/// Parses a reference that starts the text (leading whitespace allowed);
/// what follows the reference is ignored, and `span` tells how much was read.
/// Nothing when the text does not start with a reference. Never throws for
/// content; ill-formed UTF-8 is replaced (see invalid_utf8).
[[nodiscard]] std::optional<document_reference> parse_reference(std::string_view text);

/// Every reference in a text, in order, with spans. A mention without a year
/// (`Nghị quyết số 25-NQ/TW`) takes the key of the nearest mention of the
/// same type, number and issuer that has one (preceding first), so that one
/// document has one key throughout a report. Linear time, bounded memory;
/// throws invalid_utf8_error only under invalid_utf8::reject.
[[nodiscard]] std::vector<document_reference> scan_references(std::string_view text,
                                                              invalid_utf8 invalid = invalid_utf8::replace);

/// Canonical text of a reference: `Kết luận số 44-KL/TW, ngày 14/11/2022 của
/// Ban Bí thư (khóa XII)`, dates written as official documents write them
/// (leading zero for days below 10 and for January and February).
/// parse_reference(format_reference(r)) gives back r's fields.
[[nodiscard]] std::string format_reference(const document_reference& reference);

/// The issuing bodies of an issuer code: its parts between hyphens, where a part after
/// the first of one or two letters that is no known issuer (`VP`, `NC`: a department of
/// the body before it, `UBND-NC`) is left out. `BDVTU-BCHQST-CAT` → three bodies;
/// `TWĐTN-VP` → `TWĐTN`; `CP-ĐCTUBTWMTTQVN` → two.
[[nodiscard]] std::vector<std::string> issuing_bodies(std::string_view issuer);

/// The key of a reference computed from its fields (see document_reference::key).
[[nodiscard]] std::string reference_key(const document_reference& reference);

/// The Vietnamese name of a type abbreviation (`KL` → `Kết luận`; `TT` is
/// `Thông tri` for the Party, `Thông tư` for the State); empty when unknown.
[[nodiscard]] std::string_view document_type_name(std::string_view type,
                                                  reference_form form = reference_form::party);

/// The abbreviation of a Vietnamese type name, any case or tone-mark
/// placement (`quyết định` → `QĐ`, `Quy định` → `QĐi`); empty when unknown.
[[nodiscard]] std::string document_type_from_name(std::string_view name);

/// `XII` → 12; 0 when the text is not a canonical Roman numeral from 1 to 100.
[[nodiscard]] int parse_roman(std::string_view roman) noexcept;
/// 12 → `XII`; empty outside 1..100.
[[nodiscard]] std::string to_roman(int value);

}  // namespace danvan::text

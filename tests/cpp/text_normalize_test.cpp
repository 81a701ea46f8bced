// Normalization, search keys and the invalid-UTF-8 policy. The tables are JSON
// (raw strings below) so that tests/python/test_text.py runs the very same
// rows through the Python bindings.
#include <danvan/text/normalize.hpp>

#include <gtest/gtest.h>

#include "seed_article.hpp"
#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace {

using danvan::text::invalid_utf8;
using danvan::text::normalize;
using danvan::text::normalize_options;
using danvan::text::search_key;
using json = nlohmann::json;

// Each row: "in" (or "in_hex" for raw bytes), "out", optional "options".
constexpr const char* kNormalize = R"normalize([
  {"in": "uỷ", "out": "ủy"},
  {"in": "Uỷ ban", "out": "Ủy ban"},
  {"in": "UỶ BAN", "out": "ỦY BAN"},
  {"in": "Ban Dân vận Tỉnh uỷ", "out": "Ban Dân vận Tỉnh ủy"},
  {"in": "hoà", "out": "hòa"},
  {"in": "Hoà Bình", "out": "Hòa Bình"},
  {"in": "HOÀ", "out": "HÒA"},
  {"in": "khoá XII", "out": "khóa XII"},
  {"in": "KHOÁ", "out": "KHÓA"},
  {"in": "thuỵ", "out": "thụy"},
  {"in": "Thuỵ", "out": "Thụy"},
  {"in": "khoẻ", "out": "khỏe"},
  {"in": "KHOẺ", "out": "KHỎE"},
  {"in": "hoá", "out": "hóa"},
  {"in": "toà án", "out": "tòa án"},
  {"in": "loã", "out": "lõa"},
  {"in": "xoè", "out": "xòe"},
  {"in": "tuỳ", "out": "tùy"},
  {"in": "luỹ", "out": "lũy"},
  {"in": "huỷ", "out": "hủy"},
  {"in": "Thuý", "out": "Thúy"},
  {"in": "oà", "out": "òa"},
  {"in": "muà", "out": "mùa"},
  {"in": "ngoaì", "out": "ngoài"},
  {"in": "qúa", "out": "quá"},
  {"in": "gìa", "out": "già"},
  {"in": "ngừơi", "out": "người"},
  {"in": "Ti\u0309nh u\u0309y", "out": "Tỉnh ủy"},
  {"in": "uy\u0309", "out": "ủy"},
  {"in": "hie\u0323\u0302u", "out": "hiệu"},
  {"in": "hie\u0302\u0323u", "out": "hiệu"},
  {"in": "D\u0110a\u0309ng", "out": "DĐảng"},
  {"in": "ÐẢNG", "out": "ĐẢNG"},
  {"in": "Ðảng", "out": "Đảng"},
  {"in": "ðồng", "out": "đồng"},
  {"in": "QÐi", "out": "QĐi"},
  {"in": "2023 – 2025", "out": "2023 - 2025"},
  {"in": "2023—2025", "out": "2023-2025"},
  {"in": "a ‐ b", "out": "a - b"},
  {"in": "2023 ― 2025", "out": "2023 - 2025"},
  {"in": "−5", "out": "-5"},
  {"in": "“Dân vận khéo”", "out": "\"Dân vận khéo\""},
  {"in": "‘x’", "out": "'x'"},
  {"in": "«x»", "out": "\"x\""},
  {"in": "  a \t b\n\nc  ", "out": "a b c"},
  {"in": "a\u00a0b", "out": "a b"},
  {"in": "a\u3000b", "out": "a b"},
  {"in": "a\u2028b", "out": "a b"},
  {"in": "a\u0007b", "out": "a b"},
  {"in": "", "out": ""},
  {"in": " \n\t ", "out": ""},
  {"in": "Tỉ\u00adnh", "out": "Tỉnh"},
  {"in": "\ufeffBan", "out": "Ban"},
  {"in": "a\u200bb", "out": "ab"},
  {"in": "T ham mưu", "out": "Tham mưu"},
  {"in": "t ổ chức", "out": "tổ chức"},
  {"in": "phối hợp t ổ chức", "out": "phối hợp tổ chức"},
  {"in": "Ông T ham", "out": "Ông Tham"},
  {"in": "T h am", "out": "T h am"},
  {"in": "T h\u001b\u0001\u0000am", "out": "T h am"},
  {"in": "a t ổ", "out": "a t ổ"},
  {"in": "Ð", "out": "Ð", "options": {"vietnamese_eth": false}},
  {"in": "uỷ", "out": "uỷ", "options": {"tone_marks": false}},
  {"in": "a\n\n\nb\r\nc", "out": "a\n\nb\nc", "options": {"keep_line_breaks": true}},
  {"in": " a  b ", "out": " a  b ", "options": {"collapse_whitespace": false}},
  {"in": "T ham", "out": "T ham", "options": {"join_split_words": false}},
  {"in": "2023 – 2025", "out": "2023 – 2025", "options": {"fold_punctuation": false}},
  {"in": "a\u00adb", "out": "a\u00adb", "options": {"drop_ignorables": false}},
  {"in": "A\u030a", "out": "Å"},
  {"in": "\u212b", "out": "Å"},
  {"in": "\u1100\u1161", "out": "가"},
  {"in": "a\u0301\u0301", "out": "á\u0301"},
  {"in": "\u0301a", "out": "\u0301a"},
  {"in": "số31-QĐ/TW", "out": "số31-QĐ/TW"}
])normalize";

// Words whose tone mark is already where it belongs, or that are not Vietnamese.
constexpr const char* kUnchanged = R"unchanged([
  "quý", "quỳnh", "hoàng", "khuya", "thuở", "tuyết", "Quý", "QUỲNH", "Hoàng", "THUỞ",
  "khuỷu", "người", "được", "giữa", "già", "quốc", "Nguyễn", "thuế", "huệ", "xoáy",
  "ngoài", "khuấy", "chuyển", "toán", "hoạch", "gìn", "giếng", "hòa", "ủy", "khóa",
  "mùa", "huỳnh", "quyển", "điểm c khoản 2", "điểm d mục 3", "Café", "résumé", "naïve",
  "François", "Москва", "北京", "nhóm A và B"
])unchanged";

// Each row: "in", "key".
constexpr const char* kKeys = R"keys([
  {"in": "Ban Dân vận Tỉnh uỷ", "key": "ban dan van tinh uy"},
  {"in": "Tỉnh ủy", "key": "tinh uy"},
  {"in": "TỈNH ỦY", "key": "tinh uy"},
  {"in": "Ti\u0309nh u\u0309y", "key": "tinh uy"},
  {"in": "Đảng", "key": "dang"},
  {"in": "ĐẢNG", "key": "dang"},
  {"in": "Ðảng", "key": "dang"},
  {"in": "đ", "key": "d"},
  {"in": "Dân vận", "key": "dan van"},
  {"in": "Sở Tài nguyên & Môi trường", "key": "so tai nguyen moi truong"},
  {"in": "UBND tỉnh Hải Dương", "key": "ubnd tinh hai duong"},
  {"in": "“Dân vận khéo” 2023–2025", "key": "dan van kheo 2023 2025"},
  {"in": "   ", "key": ""},
  {"in": "", "key": ""},
  {"in": "!!!", "key": ""},
  {"in": "Chương trình số 03-CTr/BDVTU", "key": "chuong trinh so 03 ctr bdvtu"},
  {"in": "T ham mưu", "key": "tham muu"},
  {"in": "ﬁnance", "key": "finance"},
  {"in": "ＡＢＣ", "key": "abc"},
  {"in": "Straße", "key": "strasse"},
  {"in": "Москва", "key": "москва"},
  {"in": "Nguyễn Thị Quyên", "key": "nguyen thi quyen"},
  {"in": "Bộ Chỉ huy Quân sự tỉnh", "key": "bo chi huy quan su tinh"},
  {"in": "ƯU Ơ", "key": "uu o"},
  {"in": "Hội   Cựu\tchiến-binh", "key": "hoi cuu chien binh"},
  {"in": "khoá", "key": "khoa"}
])keys";

// Each row: "hex" input, "replaced" (normalize under replace), "offset" and
// "reason" (a substring of the message) under reject.
constexpr const char* kInvalid = R"invalid([
  {"hex": "61ff62", "replaced": "a\ufffdb", "offset": 1, "reason": "byte 0xFF never occurs in UTF-8"},
  {"hex": "80", "replaced": "\ufffd", "offset": 0, "reason": "unexpected continuation byte 0x80"},
  {"hex": "c0af", "replaced": "\ufffd\ufffd", "offset": 0, "reason": "byte 0xC0 never occurs in UTF-8 (overlong 2-byte encoding)"},
  {"hex": "e080af", "replaced": "\ufffd\ufffd\ufffd", "offset": 0, "reason": "overlong encoding (0xE0 followed by 0x80)"},
  {"hex": "f08080af", "replaced": "\ufffd\ufffd\ufffd\ufffd", "offset": 0, "reason": "overlong encoding (0xF0 followed by 0x80)"},
  {"hex": "eda080", "replaced": "\ufffd\ufffd\ufffd", "offset": 0, "reason": "encoded surrogate U+D800"},
  {"hex": "41edbfbf", "replaced": "A\ufffd\ufffd\ufffd", "offset": 1, "reason": "encoded surrogate U+DFFF"},
  {"hex": "f4908080", "replaced": "\ufffd\ufffd\ufffd\ufffd", "offset": 0, "reason": "code point beyond U+10FFFF"},
  {"hex": "f5", "replaced": "\ufffd", "offset": 0, "reason": "byte 0xF5 never occurs in UTF-8"},
  {"hex": "e282", "replaced": "\ufffd", "offset": 0, "reason": "truncated 3-byte sequence (the input ends after 2 bytes)"},
  {"hex": "e28241", "replaced": "\ufffdA", "offset": 0, "reason": "truncated 3-byte sequence (byte 0x41 is not a continuation byte)"},
  {"hex": "c3", "replaced": "\ufffd", "offset": 0, "reason": "truncated 2-byte sequence (the input ends after 1 byte)"},
  {"hex": "f09f98", "replaced": "\ufffd", "offset": 0, "reason": "truncated 4-byte sequence (the input ends after 3 bytes)"},
  {"hex": "54e1bb896e68e1", "replaced": "Tỉnh\ufffd", "offset": 6, "reason": "truncated 3-byte sequence"},
  {"hex": "2020202080", "replaced": "\ufffd", "offset": 4, "reason": "unexpected continuation byte 0x80"},
  {"hex": "75e1bbb7ff", "replaced": "ủy\ufffd", "offset": 4, "reason": "byte 0xFF"}
])invalid";

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

std::string input_of(const json& row) {
  return row.contains("in_hex") ? from_hex(row["in_hex"]) : row["in"].get<std::string>();
}

normalize_options options_of(const json& row) {
  normalize_options o;
  if (!row.contains("options")) return o;
  const auto& j = row["options"];
  o.vietnamese_eth = j.value("vietnamese_eth", o.vietnamese_eth);
  o.tone_marks = j.value("tone_marks", o.tone_marks);
  o.join_split_words = j.value("join_split_words", o.join_split_words);
  o.fold_punctuation = j.value("fold_punctuation", o.fold_punctuation);
  o.drop_ignorables = j.value("drop_ignorables", o.drop_ignorables);
  o.collapse_whitespace = j.value("collapse_whitespace", o.collapse_whitespace);
  o.keep_line_breaks = j.value("keep_line_breaks", o.keep_line_breaks);
  return o;
}

std::vector<json> rows(const char* table) { return json::parse(table).get<std::vector<json>>(); }

std::string upper(const std::string& s) {
  auto* p = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  std::string nfc(reinterpret_cast<char*>(p));
  std::free(p);
  std::string out;
  const auto* q = reinterpret_cast<const utf8proc_uint8_t*>(nfc.data());
  utf8proc_ssize_t i = 0;
  while (i < static_cast<utf8proc_ssize_t>(nfc.size())) {
    utf8proc_int32_t cp;
    i += utf8proc_iterate(q + i, static_cast<utf8proc_ssize_t>(nfc.size()) - i, &cp);
    utf8proc_uint8_t buf[4];
    const auto n = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    out.append(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
  }
  return out;
}

std::string row_name(const json& row, std::size_t index) {
  (void)row;
  return "row" + std::to_string(index);
}

// ---- table-driven ----------------------------------------------------------

class Normalize : public testing::TestWithParam<json> {};
TEST_P(Normalize, GivesExpectedText) {
  const auto& row = GetParam();
  const std::string in = input_of(row);
  SCOPED_TRACE("input: " + in);
  const std::string out = normalize(in, options_of(row));
  EXPECT_EQ(out, row["out"].get<std::string>());
  // Normalizing twice changes nothing more.
  EXPECT_EQ(normalize(out, options_of(row)), out);
}
INSTANTIATE_TEST_SUITE_P(text, Normalize, testing::ValuesIn(rows(kNormalize)),
                         [](const auto& info) { return row_name(info.param, info.index); });

class Unchanged : public testing::TestWithParam<json> {};
TEST_P(Unchanged, KeepsWordAsWritten) {
  const std::string word = GetParam().get<std::string>();
  EXPECT_EQ(normalize(word), word);
  const std::string up = upper(word);
  EXPECT_EQ(normalize(up), up) << "upper case of " << word;
}
INSTANTIATE_TEST_SUITE_P(text, Unchanged, testing::ValuesIn(rows(kUnchanged)),
                         [](const auto& info) { return row_name(info.param, info.index); });

class SearchKey : public testing::TestWithParam<json> {};
TEST_P(SearchKey, GivesExpectedKey) {
  const auto& row = GetParam();
  const std::string in = input_of(row);
  SCOPED_TRACE("input: " + in);
  EXPECT_EQ(search_key(in), row["key"].get<std::string>());
  // The key of the normalized text is the same key.
  EXPECT_EQ(search_key(normalize(in)), row["key"].get<std::string>());
}
INSTANTIATE_TEST_SUITE_P(text, SearchKey, testing::ValuesIn(rows(kKeys)),
                         [](const auto& info) { return row_name(info.param, info.index); });

class InvalidUtf8 : public testing::TestWithParam<json> {};
TEST_P(InvalidUtf8, ReplacesEachMaximalSubpart) {
  const auto& row = GetParam();
  const std::string in = from_hex(row["hex"]);
  EXPECT_EQ(normalize(in), row["replaced"].get<std::string>());
  EXPECT_EQ(danvan::text::find_invalid_utf8(in), row["offset"].get<std::size_t>());
}
TEST_P(InvalidUtf8, RejectNamesOffsetAndReason) {
  const auto& row = GetParam();
  const std::string in = from_hex(row["hex"]);
  normalize_options reject;
  reject.invalid = invalid_utf8::reject;
  try {
    (void)normalize(in, reject);
    FAIL() << "no exception for " << row["hex"];
  } catch (const danvan::text::invalid_utf8_error& e) {
    EXPECT_EQ(e.offset(), row["offset"].get<std::size_t>());
    const std::string what = e.what();
    EXPECT_NE(what.find("invalid UTF-8 at byte offset " + std::to_string(e.offset()) + ": "), std::string::npos) << what;
    EXPECT_NE(what.find(row["reason"].get<std::string>()), std::string::npos) << what;
    EXPECT_NE(e.reason().find(row["reason"].get<std::string>()), std::string::npos);
  }
  EXPECT_THROW((void)search_key(in, invalid_utf8::reject), danvan::error);
}
INSTANTIATE_TEST_SUITE_P(text, InvalidUtf8, testing::ValuesIn(rows(kInvalid)),
                         [](const auto& info) { return row_name(info.param, info.index); });

// ---- properties -----------------------------------------------------------

std::string utf8proc_nfc(const std::string& s) {
  auto* p = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  std::string out(reinterpret_cast<char*>(p));
  std::free(p);
  return out;
}

normalize_options nfc_only() {
  normalize_options o;
  o.vietnamese_eth = o.tone_marks = o.join_split_words = o.fold_punctuation = o.drop_ignorables =
      o.collapse_whitespace = false;
  return o;
}

// Random strings over the characters that stress composition: Vietnamese
// letters, bare and stacked combining marks, Hangul jamo, singletons.
std::string random_text(std::mt19937& rng, std::size_t length) {
  static const char* const pieces[] = {"a", "e", "o", "u", "y", "A", "\xCC\x81", "\xCC\x80", "\xCC\xA3", "\xCC\x89",
                                       "\xCC\x83", "\xCC\x82", "\xCC\x86", "\xCC\x9B", "\xC4\x91", "\xE1\xBB\xB7",
                                       "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8", "\xE2\x84\xAB", " ", "-",
                                       "\xE2\x80\x93", "1", "\xC3\x90", "\xE1\xBA\xA1", "q", "g", "i", "n", "h",
                                       // class 0, but decomposing into marks (U+0F81, U+0F73), and marks
                                       "\xE0\xBE\x81", "\xE0\xBD\xB3", "\xE0\xBD\xB1", "\xE0\xBE\x80", "\xCD\x84"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::string s;
  for (std::size_t i = 0; i < length; ++i) s += pieces[pick(rng)];
  return s;
}

TEST(textNormalizeProperty, NfcOnlyEqualsUtf8procNfc) {
  std::mt19937 rng(20230916);
  for (int i = 0; i < 2000; ++i) {
    const std::string s = random_text(rng, 1 + i % 40);
    ASSERT_EQ(normalize(s, nfc_only()), utf8proc_nfc(s)) << "input bytes: " << s;
  }
}

// Found by fuzzing: U+0F81 has combining class 0 yet decomposes into two marks,
// which must be ordered with the marks of the U+0F81 before it.
TEST(textNormalizeProperty, StartersThatDecomposeIntoMarksReorder) {
  const std::string twice = "\xE0\xBE\x81\xE0\xBE\x81";
  EXPECT_EQ(normalize(twice, nfc_only()), utf8proc_nfc(twice));
  EXPECT_EQ(normalize(twice), "\xE0\xBD\xB1\xE0\xBD\xB1\xE0\xBE\x80\xE0\xBE\x80");
  EXPECT_EQ(normalize(normalize(twice)), normalize(twice));
}

TEST(textNormalizeProperty, IdempotentAndKeyStable) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const std::string s = random_text(rng, 1 + i % 40);
    const std::string n = normalize(s);
    ASSERT_EQ(normalize(n), n) << "input bytes: " << s;
    ASSERT_EQ(search_key(n), search_key(s)) << "input bytes: " << s;
    ASSERT_EQ(danvan::text::find_invalid_utf8(n), std::string::npos);
  }
}

TEST(textNormalizeProperty, RandomBytesNeverFailUnderReplace) {
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    for (int j = 0; j < 1 + i % 64; ++j) s.push_back(static_cast<char>(byte(rng)));
    const std::string n = normalize(s);
    ASSERT_EQ(danvan::text::find_invalid_utf8(n), std::string::npos);
    ASSERT_EQ(normalize(n), n);
    const bool valid = danvan::text::find_invalid_utf8(s) == std::string::npos;
    normalize_options reject;
    reject.invalid = invalid_utf8::reject;
    if (valid) {
      ASSERT_NO_THROW((void)normalize(s, reject));
    } else {
      ASSERT_THROW((void)normalize(s, reject), danvan::text::invalid_utf8_error);
    }
  }
}

TEST(textCountCodePoints, CountsEachIllFormedSubpartOnce) {
  EXPECT_EQ(danvan::text::count_code_points(""), 0u);
  EXPECT_EQ(danvan::text::count_code_points("Tỉnh ủy"), 7u);
  EXPECT_EQ(danvan::text::count_code_points(from_hex("e080af")), 3u);
  EXPECT_EQ(danvan::text::count_code_points(from_hex("e28241")), 2u);
}

TEST(textInvalidUtf8Error, IsADanvanError) {
  normalize_options reject;
  reject.invalid = invalid_utf8::reject;
  EXPECT_THROW((void)normalize("\xff", reject), danvan::error);
  EXPECT_THROW((void)normalize("\xff", reject), std::runtime_error);
}

TEST(textNormalizeSeed, ReadsBothSpellingsAsOne) {
  DANVAN_SEED_ARTICLE(text);
  const std::string n = normalize(text);
  // The article spells the commission both ways and the term both ways.
  EXPECT_NE(text.find("Tỉnh uỷ"), std::string::npos);
  EXPECT_EQ(n.find("Tỉnh uỷ"), std::string::npos);
  EXPECT_EQ(n.find("khoá"), std::string::npos);
  EXPECT_NE(n.find("khóa XII"), std::string::npos);
  EXPECT_EQ(n.find("T ham mưu"), std::string::npos);
  EXPECT_NE(n.find("Tham mưu giúp"), std::string::npos);
  EXPECT_EQ(n.find("  "), std::string::npos);
  EXPECT_EQ(n.find("–"), std::string::npos);
  EXPECT_EQ(normalize(n), n);
  EXPECT_EQ(search_key("Tỉnh uỷ"), search_key("Tỉnh ủy"));
}

TEST(textNormalizeHuge, HundredMegabytesEqualPiecewise) {
  DANVAN_SEED_ARTICLE(seed);
  // The article ends with a colon, so copies separated by a line break
  // normalize independently: the whole must equal the pieces joined.
  const std::string piece = normalize(seed);
  const std::string piece_key = search_key(seed);
  std::string big, expected, expected_key;
  big.reserve(100u << 20);
  while (big.size() + seed.size() + 1 <= (100u << 20)) {
    if (!big.empty()) {
      big += '\n';
      expected += ' ';
      expected_key += ' ';
    }
    big += seed;
    expected += piece;
    expected_key += piece_key;
  }
  EXPECT_TRUE(normalize(big) == expected);
  EXPECT_TRUE(search_key(big) == expected_key);
}

TEST(textNormalizeHuge, SplitWordsJoinAcrossInternalBlocks) {
  std::string text, expected;
  for (int i = 0; i < 30000; ++i) {
    text += i % 3 == 0 ? "T ham " : "t ổ  ";
    expected += i % 3 == 0 ? "Tham " : "tổ ";
  }
  expected.pop_back();
  EXPECT_TRUE(normalize(text) == expected);
  EXPECT_TRUE(search_key(text) == search_key(expected));
  EXPECT_EQ(search_key(text).substr(0, 14), "tham to to tha");
}

TEST(textNormalizeHuge, EmptyInput) {
  EXPECT_EQ(normalize(""), "");
  EXPECT_EQ(search_key(""), "");
  EXPECT_EQ(danvan::text::find_invalid_utf8(""), std::string::npos);
}

}  // namespace

// Document references: every form and the noise of real texts, formatting,
// keys, and the seed article's fourteen mentions. The JSON tables are also
// run by tests/python/test_text.py.
#include <danvan/text/reference.hpp>

#include <gtest/gtest.h>

#include "seed_article.hpp"
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace {

using namespace danvan::text;
using json = nlohmann::json;

// Each row: "text"; expected "type", "number", "issuer", "form", "date" (ISO,
// "" for none), and when given "type_name", "body", "term", "key", "code",
// "date_text", "issuers", "matched" (the text of the span; default: the whole text).
constexpr const char* kReferences = R"references([
  {"text": "Kết luận số 44-KL/TW, ngày 14/11/2022 của Ban Bí thư", "type": "KL", "type_name": "Kết luận", "number": "44", "issuer": "TW", "form": "party", "date": "2022-11-14", "body": "Ban Bí thư", "term": 0, "key": "kl-44-tw-2022", "code": "44-KL/TW"},
  {"text": "Chỉ thị số 21-CT/TW, ngày 20/01/2018 của Ban Bí thư (khoá XII)", "type": "CT", "number": "21", "issuer": "TW", "form": "party", "date": "2018-01-20", "body": "Ban Bí thư", "term": 12, "key": "ct-21-tw-2018"},
  {"text": "Quy chế số 03-QC/TU, ngày 18/3/2021 của Ban Thường vụ Tỉnh ủy", "type": "QC", "number": "03", "issuer": "TU", "form": "party", "date": "2021-03-18", "body": "Ban Thường vụ Tỉnh ủy", "key": "qc-3-tu-2021", "code": "03-QC/TU"},
  {"text": "Nghị quyết số 60/NQ-TW", "type": "NQ", "number": "60", "issuer": "TW", "form": "party", "date": "", "key": "nq-60-tw", "code": "60-NQ/TW"},
  {"text": "Quyết định số31-QĐ/TW", "type": "QĐ", "number": "31", "issuer": "TW", "form": "party", "date": "", "code": "31-QĐ/TW"},
  {"text": "Quyết định số 1206 /QĐ-HVTC", "type": "QĐ", "number": "1206", "issuer": "HVTC", "form": "state", "date": "", "key": "qd-1206-hvtc", "code": "1206/QĐ-HVTC"},
  {"text": "Quyết định số 367 - QĐ/TWĐTN-VP", "type": "QĐ", "number": "367", "issuer": "TWĐTN-VP", "issuers": ["TWĐTN"], "form": "party", "date": "", "key": "qd-367-twdtn-vp", "code": "367-QĐ/TWĐTN-VP"},
  {"text": "Quy định số 08-QÐi/TW", "type": "QĐi", "type_name": "Quy định", "number": "08", "issuer": "TW", "form": "party", "date": "", "key": "qdi-8-tw", "code": "08-QĐi/TW"},
  {"text": "Nghị quyết 12-Nq/tw", "type": "NQ", "number": "12", "issuer": "TW", "form": "party", "date": "", "code": "12-NQ/TW"},
  {"text": "Kết luận số 44-KL/TW , ngày 14/11/2022", "type": "KL", "number": "44", "issuer": "TW", "form": "party", "date": "2022-11-14"},
  {"text": "Kế hoạch số 15-KH/TU ngày 14-11-2022", "type": "KH", "number": "15", "issuer": "TU", "form": "party", "date": "2022-11-14", "date_text": "ngày 14-11-2022"},
  {"text": "Chỉ thị số 05-CT/TW ngày 4.11.2013", "type": "CT", "number": "05", "issuer": "TW", "form": "party", "date": "2013-11-04", "key": "ct-5-tw-2013"},
  {"text": "Nghị quyết số 25-NQ/TW, ngày 3/6/2013", "type": "NQ", "number": "25", "issuer": "TW", "form": "party", "date": "2013-06-03"},
  {"text": "Hướng dẫn số 12-HD/BDVTU ngày 03 tháng 4 năm 2018", "type": "HD", "number": "12", "issuer": "BDVTU", "form": "party", "date": "2018-04-03", "date_text": "ngày 03 tháng 4 năm 2018"},
  {"text": "Chương trình phối hợp số 03-CTr/BDVTU-BCHQST-CAT-BCHBPT ngày 3/6/2013", "type": "CTr", "type_name": "Chương trình phối hợp", "number": "03", "issuer": "BDVTU-BCHQST-CAT-BCHBPT", "issuers": ["BDVTU", "BCHQST", "CAT", "BCHBPT"], "form": "party", "date": "2013-06-03", "key": "ctr-3-bdvtu-bchqst-cat-bchbpt-2013"},
  {"text": "Nghị định số 60/2013/NĐ-CP ngày 19/6/2013 của Chính phủ", "type": "NĐ", "number": "60", "issuer": "CP", "form": "state", "date": "2013-06-19", "body": "Chính phủ", "key": "nd-60-cp-2013", "code": "60/2013/NĐ-CP", "number_year": 2013},
  {"text": "Quyết định số 12/QĐ-TTg", "type": "QĐ", "number": "12", "issuer": "TTg", "form": "state", "date": "", "key": "qd-12-ttg", "code": "12/QĐ-TTg"},
  {"text": "Thông tư số 12/2013/TT-BNV ngày 14/11", "type": "TT", "number": "12", "issuer": "BNV", "form": "state", "date": "2013-11-14", "date_text": "ngày 14/11", "key": "tt-12-bnv-2013"},
  {"text": "Kết luận số 44-KL/TW ngày 14/11", "type": "KL", "number": "44", "issuer": "TW", "form": "party", "date": "", "date_text": "ngày 14/11", "key": "kl-44-tw"},
  {"text": "Chỉ thị số 43-CT/TW của Ban Bí thư khóa X", "type": "CT", "number": "43", "issuer": "TW", "form": "party", "date": "", "body": "Ban Bí thư", "term": 10, "key": "ct-43-tw-k10"},
  {"text": "Nghị quyết số 09-NQ/TW của Bộ Chính trị (khóa IX)", "type": "NQ", "number": "09", "issuer": "TW", "form": "party", "date": "", "body": "Bộ Chính trị", "term": 9, "key": "nq-9-tw-k9"},
  {"text": "Đề án số 05-ĐA/TU", "type": "ĐA", "number": "05", "issuer": "TU", "form": "party", "date": "", "key": "da-5-tu"},
  {"text": "Thông báo số 10-TB/TW", "type": "TB", "number": "10", "issuer": "TW", "form": "party", "date": ""},
  {"text": "Báo cáo số 100-BC/TU năm 2023", "type": "BC", "number": "100", "issuer": "TU", "form": "party", "date": "2023", "key": "bc-100-tu-2023"},
  {"text": "Chương trình phối hợp số 03/CTr-BDVHU-UBND", "type": "CTr", "type_name": "Chương trình phối hợp", "number": "03", "issuer": "BDVHU-UBND", "issuers": ["BDVHU", "UBND"], "form": "state", "date": "", "code": "03/CTr-BDVHU-UBND"},
  {"text": "Chương trình phối hợp số 05/CTr-MTTQ-CA", "type": "CTr", "type_name": "Chương trình phối hợp", "number": "05", "issuer": "MTTQ-CA", "issuers": ["MTTQ", "CA"], "form": "state", "date": "", "code": "05/CTr-MTTQ-CA"},
  {"text": "Công văn số 123/UBND-NC", "type": "CV", "type_name": "Công văn", "number": "123", "issuer": "UBND-NC", "issuers": ["UBND"], "form": "state", "date": "", "code": "123/UBND-NC", "key": "cv-123-ubnd-nc"},
  {"text": "44-KL/TW", "type": "KL", "type_name": "", "number": "44", "issuer": "TW", "form": "party", "date": ""},
  {"text": "Tờ trình số 7-TTr/BDVTU", "type": "TTr", "number": "7", "issuer": "BDVTU", "form": "party", "date": ""},
  {"text": "Chương trình số 15-CTr/TU", "type": "CTr", "type_name": "Chương trình", "number": "15", "issuer": "TU", "form": "party", "date": ""},
  {"text": "Kế hoạch số 99-KH/HU ngày 02/02/2024", "type": "KH", "number": "99", "issuer": "HU", "form": "party", "date": "2024-02-02"},
  {"text": "Ke\u0302\u0301t lua\u0323\u0302n so\u0302\u0301 44-KL/TW, nga\u0300y 14/11/2022 cu\u0309a Ban Bi\u0301 thu\u031b", "type": "KL", "type_name": "Kết luận", "number": "44", "issuer": "TW", "form": "party", "date": "2022-11-14", "body": "Ban Bí thư", "key": "kl-44-tw-2022"},
  {"text": "KẾT LUẬN SỐ 44-KL/TW", "type": "KL", "type_name": "Kết luận", "number": "44", "issuer": "TW", "form": "party", "date": ""},
  {"text": "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI", "type": "NQ", "number": "25", "issuer": "TW", "form": "party", "date": "2013-06-03", "body": "Ban Chấp hành Trung ương Đảng", "term": 11},
  {"text": "Quyết định số 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị khóa XI", "type": "QĐ", "number": "218", "issuer": "TW", "form": "party", "date": "2013-12-12", "body": "Bộ Chính trị", "term": 11},
  {"text": "Quyết định số 12/QĐ-TTg ngày 30/02/2020", "type": "QĐ", "number": "12", "issuer": "TTg", "form": "state", "date": "", "date_text": "ngày 30/02/2020"},
  {"text": "Nghị quyết liên tịch số 01/2019/NQLT-CP-ĐCTUBTWMTTQVN", "type": "NQLT", "type_name": "Nghị quyết liên tịch", "number": "01", "issuer": "CP-ĐCTUBTWMTTQVN", "issuers": ["CP", "ĐCTUBTWMTTQVN"], "form": "state", "date": "", "key": "nqlt-1-cp-dctubtwmttqvn-2019"},
  {"text": "Quyết định số 99-QĐ/TW, ngày 03/10/2017 của Ban Bí thư về ban hành", "type": "QĐ", "number": "99", "issuer": "TW", "form": "party", "date": "2017-10-03", "body": "Ban Bí thư", "matched": "Quyết định số 99-QĐ/TW, ngày 03/10/2017 của Ban Bí thư"},
  {"text": "Thông tri số 05-TT/TW", "type": "TT", "number": "05", "issuer": "TW", "form": "party", "date": ""},
  {"text": "Kết luận số 44–KL/TW", "type": "KL", "number": "44", "issuer": "TW", "form": "party", "date": ""},
  {"text": "Kết luận số 44-KL/TW, ngày 14/11/2022 của Ban Bí thư Trung ương Đảng (khóa XIII)", "type": "KL", "number": "44", "issuer": "TW", "form": "party", "date": "2022-11-14", "body": "Ban Bí thư Trung ương Đảng", "term": 13},
  {"text": "Quy định số 105-QĐ/TW ngày 19/12/2017", "type": "QĐ", "type_name": "Quy định", "number": "105", "issuer": "TW", "form": "party", "date": "2017-12-19"},
  {"text": "Nghị quyết số 12-NQ/HU tháng 3/2021", "type": "NQ", "number": "12", "issuer": "HU", "form": "party", "date": "2021-03", "key": "nq-12-hu-2021"},
  {"text": "  Chỉ thị số 29-CT/TU, ngày 31/5/2018 của Ban Thường vụ Tỉnh ủy.", "type": "CT", "number": "29", "issuer": "TU", "form": "party", "date": "2018-05-31", "body": "Ban Thường vụ Tỉnh ủy", "matched": "Chỉ thị số 29-CT/TU, ngày 31/5/2018 của Ban Thường vụ Tỉnh ủy"},
  {"text": "Kết luận số 58-KL/TW, ngày 23/6/2023 của Ban Bí thư về tổ chức", "type": "KL", "number": "58", "issuer": "TW", "form": "party", "date": "2023-06-23", "matched": "Kết luận số 58-KL/TW, ngày 23/6/2023 của Ban Bí thư"},
  {"text": "Kết luận số 54-KL/TW ,   ngày 09/5/2023 của Ban Bí thư", "type": "KL", "number": "54", "issuer": "TW", "form": "party", "date": "2023-05-09"},
  {"text": "Nghị định số 60/2023/ND-CP", "type": "NĐ", "number": "60", "issuer": "CP", "issuers": ["CP"], "form": "state", "date": "", "key": "nd-60-cp-2023", "code": "60/2023/NĐ-CP", "number_year": 2023},
  {"text": "Quyết định 12/QD-TTg", "type": "QĐ", "number": "12", "issuer": "TTg", "form": "state", "date": "", "key": "qd-12-ttg", "code": "12/QĐ-TTg"},
  {"text": "Thông tư số 05/2024/TT-BTC", "type": "TT", "number": "05", "issuer": "BTC", "form": "state", "date": "", "key": "tt-5-btc-2024", "code": "05/2024/TT-BTC"},
  {"text": "Đề án số 05-DA/DU", "type": "ĐA", "number": "05", "issuer": "ĐU", "form": "party", "date": "", "key": "da-5-du", "code": "05-ĐA/ĐU"},
  {"text": "Thông tư liên tịch số 01/2015/TTLT-BTC-BNV", "type": "TTLT", "number": "01", "issuer": "BTC-BNV", "issuers": ["BTC", "BNV"], "form": "state", "date": "", "key": "ttlt-1-btc-bnv-2015"},
  {"text": "Nghị quyết số 12-NQ/TƯ", "type": "NQ", "number": "12", "issuer": "TW", "issuers": ["TW"], "form": "party", "date": "", "key": "nq-12-tw", "code": "12-NQ/TW"},
  {"text": "Quyết định số 1234/QĐ-UBND ngày 15/6/2023 của Ủy ban nhân dân tỉnh Hải Dương", "type": "QĐ", "number": "1234", "issuer": "UBND", "form": "state", "date": "2023-06-15", "body": "Ủy ban nhân dân tỉnh Hải Dương", "key": "qd-1234-ubnd-2023"}
])references";

// Texts that hold no reference.
constexpr const char* kNotReferences = R"notreferences([
  "hello", "15/10/1930 – 15/10/2023", "giai đoạn 2023-2025", "60/2013", "số 12", "Kết luận số 44",
  "12/3", "ngày 14/11/2022", "12-AB/", "Quyết định 12/xyz-abc", "COVID-19/2020", "44-KL", "44-KL/",
  "44-XX/TW", "tỷ lệ 1/2 số người", "", "   ", "khóa XII",
  "Nghị định số 62/0013/NĐ-CP ngày 1/6/2013"
])notreferences";

// The seed article: 14 mentions of 12 documents, written by hand from reading it.
// Each row: type, number, issuer, date ("" when the mention gives none), term, key.
constexpr const char* kSeed = R"seed([
  {"type": "KL", "number": "44", "issuer": "TW", "date": "2022-11-14", "term": 0, "key": "kl-44-tw-2022", "starts": "Kết luận số 44-KL/TW"},
  {"type": "CT", "number": "43", "issuer": "TW", "date": "", "term": 10, "key": "ct-43-tw-k10", "starts": "Chỉ thị số 43-CT/TW"},
  {"type": "KL", "number": "58", "issuer": "TW", "date": "2023-06-23", "term": 0, "key": "kl-58-tw-2023", "starts": "Kết luận số 58-KL/TW"},
  {"type": "KL", "number": "54", "issuer": "TW", "date": "2023-05-09", "term": 0, "key": "kl-54-tw-2023", "starts": "Kết luận số 54-KL/TW"},
  {"type": "QĐ", "number": "99", "issuer": "TW", "date": "2017-10-03", "term": 0, "key": "qd-99-tw-2017", "starts": "Quyết định số 99-QĐ/TW"},
  {"type": "CT", "number": "21", "issuer": "TW", "date": "2018-01-20", "term": 12, "key": "ct-21-tw-2018", "starts": "Chỉ thị số 21-CT/TW"},
  {"type": "QĐ", "number": "218", "issuer": "TW", "date": "2013-12-12", "term": 11, "key": "qd-218-tw-2013", "starts": "Quyết định số 218-QĐ/TW"},
  {"type": "NQ", "number": "25", "issuer": "TW", "date": "2013-06-03", "term": 11, "key": "nq-25-tw-2013", "starts": "Nghị quyết số 25-NQ/TW"},
  {"type": "KL", "number": "43", "issuer": "TW", "date": "2019-01-07", "term": 0, "key": "kl-43-tw-2019", "starts": "Kết luận số 43-KL/TW"},
  {"type": "NQ", "number": "25", "issuer": "TW", "date": "", "term": 0, "key": "nq-25-tw-2013", "starts": "Nghị quyết số 25-NQ/TW"},
  {"type": "CT", "number": "29", "issuer": "TU", "date": "2018-05-31", "term": 0, "key": "ct-29-tu-2018", "starts": "Chỉ thị số 29-CT/TU"},
  {"type": "QC", "number": "03", "issuer": "TU", "date": "2021-03-18", "term": 0, "key": "qc-3-tu-2021", "starts": "Quy chế số 03-QC/TU"},
  {"type": "NQ", "number": "09", "issuer": "TW", "date": "", "term": 9, "key": "nq-9-tw-k9", "starts": "Nghị quyết số 09-NQ/TW"},
  {"type": "QC", "number": "03", "issuer": "TU", "date": "2021-03-18", "term": 0, "key": "qc-3-tu-2021", "starts": "Quy chế số 03-QC/TU"}
])seed";

std::vector<json> rows(const char* table) { return json::parse(table).get<std::vector<json>>(); }

std::string slice(const std::string& text, text_span bytes) { return text.substr(bytes.begin, bytes.size()); }

void expect_row(const json& row, const document_reference& r) {
  EXPECT_EQ(r.type, row["type"].get<std::string>());
  EXPECT_EQ(r.number, row["number"].get<std::string>());
  EXPECT_EQ(r.issuer, row["issuer"].get<std::string>());
  EXPECT_EQ(r.form == reference_form::party ? "party" : "state", row["form"].get<std::string>());
  EXPECT_EQ(r.date.to_string(), row["date"].get<std::string>());
  if (row.contains("type_name")) {
    EXPECT_EQ(r.type_name, row["type_name"].get<std::string>());
  }
  if (row.contains("body")) {
    EXPECT_EQ(r.issuing_body, row["body"].get<std::string>());
  }
  if (row.contains("term")) {
    EXPECT_EQ(r.term, row["term"].get<int>());
  }
  if (row.contains("key")) {
    EXPECT_EQ(r.key, row["key"].get<std::string>());
  }
  if (row.contains("code")) {
    EXPECT_EQ(r.code, row["code"].get<std::string>());
  }
  if (row.contains("date_text")) {
    EXPECT_EQ(r.date_text, row["date_text"].get<std::string>());
  }
  if (row.contains("number_year")) {
    EXPECT_EQ(r.number_year, row["number_year"].get<int>());
  }
  if (row.contains("issuers")) {
    EXPECT_EQ(r.issuers, row["issuers"].get<std::vector<std::string>>());
  }
  EXPECT_EQ(r.issuers, issuing_bodies(r.issuer));
  EXPECT_EQ(r.key, reference_key(r));
}

class Reference : public testing::TestWithParam<json> {};

TEST_P(Reference, ParsesFields) {
  const auto& row = GetParam();
  const std::string text = row["text"];
  SCOPED_TRACE(text);
  const auto r = parse_reference(text);
  ASSERT_TRUE(r.has_value());
  expect_row(row, *r);
  EXPECT_EQ(slice(text, r->byte_span), row.value("matched", text));
  EXPECT_EQ(r->span.end - r->span.begin, count_code_points(slice(text, r->byte_span)));
}

TEST_P(Reference, ScanFindsItInsideProse) {
  const auto& row = GetParam();
  const std::string prefix = "Theo tinh thần của ";
  const std::string text = prefix + row["text"].get<std::string>() + "; tiếp tục thực hiện.";
  const auto found = scan_references(text);
  ASSERT_EQ(found.size(), 1u) << text;
  expect_row(row, found[0]);
  const auto r = parse_reference(row["text"].get<std::string>());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(found[0].byte_span.begin, prefix.size() + r->byte_span.begin);
  EXPECT_EQ(found[0].span.begin, count_code_points(prefix) + r->span.begin);
  EXPECT_EQ(found[0].span.size(), r->span.size());
}

TEST_P(Reference, FormatRoundTrips) {
  const auto r = parse_reference(GetParam()["text"].get<std::string>());
  ASSERT_TRUE(r.has_value());
  const std::string formatted = format_reference(*r);
  SCOPED_TRACE(formatted);
  const auto again = parse_reference(formatted);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->type, r->type);
  EXPECT_EQ(again->number, r->number);
  EXPECT_EQ(again->issuer, r->issuer);
  EXPECT_EQ(again->form, r->form);
  EXPECT_EQ(again->date, r->date);
  EXPECT_EQ(again->issuing_body, r->issuing_body);
  EXPECT_EQ(again->term, r->term);
  EXPECT_EQ(again->code, r->code);
  EXPECT_EQ(again->key, r->key);
  EXPECT_EQ(format_reference(*again), formatted);
  EXPECT_EQ(again->byte_span.end, formatted.size());
}

INSTANTIATE_TEST_SUITE_P(text, Reference, testing::ValuesIn(rows(kReferences)),
                         [](const auto& info) { return "row" + std::to_string(info.index); });

class NotReference : public testing::TestWithParam<json> {};
TEST_P(NotReference, FindsNothing) {
  const std::string text = GetParam();
  EXPECT_FALSE(parse_reference(text).has_value()) << text;
  EXPECT_TRUE(scan_references(text).empty()) << text;
}
INSTANTIATE_TEST_SUITE_P(text, NotReference, testing::ValuesIn(rows(kNotReferences)),
                         [](const auto& info) { return "row" + std::to_string(info.index); });

TEST(textReference, NeighbouringReferencesEachKeepTheirWholeSpan) {
  // The first reference's issuing body must not run into the second one's name.
  const std::string text =
      "thực hiện Chỉ thị số 21-CT/TW của Ban Bí thư và Kế hoạch số 15-KH/TU ngày 3/6/2023 của Tỉnh ủy, "
      "Nghị quyết số 12-NQ/TW của Bộ Chính trị Kết luận số 44-KL/TW";
  const auto found = scan_references(text);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].issuing_body, "Ban Bí thư");
  EXPECT_EQ(slice(text, found[0].byte_span), "Chỉ thị số 21-CT/TW của Ban Bí thư");
  EXPECT_EQ(found[1].type_name, "Kế hoạch");
  EXPECT_EQ(slice(text, found[1].byte_span), "Kế hoạch số 15-KH/TU ngày 3/6/2023 của Tỉnh ủy");
  EXPECT_EQ(found[2].issuing_body, "Bộ Chính trị");
  EXPECT_EQ(found[3].type_name, "Kết luận");
  EXPECT_EQ(slice(text, found[3].byte_span), "Kết luận số 44-KL/TW");
}

TEST(textReferenceSeed, FourteenMentionsOfTwelveDocuments) {
  DANVAN_SEED_ARTICLE(text);
  const auto found = scan_references(text);
  const auto expected = rows(kSeed);
  ASSERT_EQ(found.size(), expected.size());
  std::set<std::string> keys;
  for (std::size_t i = 0; i < found.size(); ++i) {
    SCOPED_TRACE("mention " + std::to_string(i + 1));
    const auto& r = found[i];
    const auto& row = expected[i];
    EXPECT_EQ(r.type, row["type"].get<std::string>());
    EXPECT_EQ(r.number, row["number"].get<std::string>());
    EXPECT_EQ(r.issuer, row["issuer"].get<std::string>());
    EXPECT_EQ(r.date.to_string(), row["date"].get<std::string>());
    EXPECT_EQ(r.term, row["term"].get<int>());
    EXPECT_EQ(r.key, row["key"].get<std::string>());
    const std::string at = slice(text, r.byte_span);
    EXPECT_EQ(at.rfind(row["starts"].get<std::string>(), 0), 0u) << at;
    if (i > 0) {
      EXPECT_GT(r.span.begin, found[i - 1].span.end);
    }
    keys.insert(r.key);
  }
  EXPECT_EQ(keys.size(), 12u);
  EXPECT_TRUE(found[9].key_from_context);  // the second mention of 25-NQ/TW has no date
  EXPECT_FALSE(found[7].key_from_context);
}

TEST(textReferenceSeed, CodePointSpansMatchByteSpans) {
  DANVAN_SEED_ARTICLE(text);
  for (const auto& r : scan_references(text)) {
    EXPECT_EQ(r.span.begin, count_code_points(text.substr(0, r.byte_span.begin)));
    EXPECT_EQ(r.span.end, count_code_points(text.substr(0, r.byte_span.end)));
  }
}

TEST(textReferenceScan, KeyFromContextPrefersPrecedingMention) {
  const std::string text =
      "Nghị quyết số 25-NQ/TW năm 2013; Nghị quyết số 25-NQ/TW; Nghị quyết số 25-NQ/TW ngày 05/01/2022.";
  const auto found = scan_references(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].key, "nq-25-tw-2013");
  EXPECT_EQ(found[1].key, "nq-25-tw-2013");
  EXPECT_TRUE(found[1].key_from_context);
  EXPECT_EQ(found[2].key, "nq-25-tw-2022");
  const auto later = scan_references("Chỉ thị 05-CT/TW; Chỉ thị 05-CT/TW ngày 1/2/2016");
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[0].key, "ct-5-tw-2016");
  EXPECT_TRUE(later[0].key_from_context);
}

TEST(textReferenceScan, ConflictingTermsDoNotShareAKey) {
  const auto found = scan_references("Chỉ thị 05-CT/TW (khóa XII) ngày 1/2/2016; Chỉ thị 05-CT/TW (khóa XI).");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].key, "ct-5-tw-k11");
  EXPECT_FALSE(found[1].key_from_context);
}

TEST(textReferenceScan, SpansCountReplacedBytesAsOneCodePoint) {
  const std::string text = "\xff\xe2\x82 Đ\xcc\x89 Kết luận số 44-KL/TW";
  const auto found = scan_references(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(slice(text, found[0].byte_span), "Kết luận số 44-KL/TW");
  // U+FFFD, U+FFFD, space, Đ, U+0309, space: six code points before.
  EXPECT_EQ(found[0].span.begin, 6u);
  EXPECT_THROW((void)scan_references(text, invalid_utf8::reject), invalid_utf8_error);
}

// Found by fuzz/reference_fuzz: a body ending at a stray continuation byte,
// which is a code point (U+FFFD) of its own.
TEST(textReferenceScan, SpanEndsBeforeAStrayByte) {
  using namespace std::string_literals;
  const std::string text = "Nghị định số 60/2013/NĐ-CP của C\xbf\x00\xad"s + "nh phủ";
  const auto found = scan_references(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].issuing_body, "C");
  EXPECT_EQ(slice(text, found[0].byte_span), "Nghị định số 60/2013/NĐ-CP của C");
  EXPECT_EQ(found[0].span.end, count_code_points(text.substr(0, found[0].byte_span.end)));
  EXPECT_EQ(count_code_points(text.substr(0, found[0].byte_span.end)) + count_code_points(text.substr(found[0].byte_span.end)),
            count_code_points(text));
}

TEST(textReferenceScan, RejectReportsOffsetInAChunkWithoutReferences) {
  std::string text(200000, 'a');
  text[150000] = '\xff';
  try {
    (void)scan_references(text, invalid_utf8::reject);
    FAIL() << "no exception";
  } catch (const invalid_utf8_error& e) {
    EXPECT_EQ(e.offset(), 150000u);
  }
  EXPECT_TRUE(scan_references(text).empty());
}

TEST(textReferenceScan, LongInputAcrossChunks) {
  const std::string mention = "Kế hoạch số 15-KH/TU ngày 14/11/2022 của Ban Thường vụ Tỉnh ủy.\n";
  std::string text;
  std::size_t n = 0;
  while (text.size() < 1'000'000) {
    text += "Đoạn văn đệm không có tham chiếu nào cả, chỉ có chữ. ";
    if (++n % 37 == 0) text += mention;
  }
  const auto found = scan_references(text);
  EXPECT_EQ(found.size(), n / 37);
  for (const auto& r : found) EXPECT_EQ(slice(text, r.byte_span), mention.substr(0, mention.size() - 2));
}

// Found by fuzzing: a day too large for any integer, where the number gives the year.
TEST(textReferenceScan, DayWithoutYearThatOverflowsIsNoDate) {
  const auto r = parse_reference("Thông tư số 12/2013/TT-BNV ngày 14/11");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->date, danvan::date(2013, 11, 14));
  const auto huge = parse_reference("Thông tư số 12/2013/TT-BNV ngày 91999999999999999999999/10");
  ASSERT_TRUE(huge.has_value());
  EXPECT_EQ(huge->number, "12");
  EXPECT_EQ(huge->number_year, 2013);
  EXPECT_TRUE(huge->date.empty());
}

TEST(textReferenceNames, TypesAndRomanNumerals) {
  EXPECT_EQ(document_type_name("KL"), "Kết luận");
  EXPECT_EQ(document_type_name("QĐi"), "Quy định");
  EXPECT_EQ(document_type_name("TT", reference_form::party), "Thông tri");
  EXPECT_EQ(document_type_name("TT", reference_form::state), "Thông tư");
  EXPECT_EQ(document_type_name("XYZ"), "");
  EXPECT_EQ(document_type_from_name("quyết định"), "QĐ");
  EXPECT_EQ(document_type_from_name("Quy định"), "QĐi");
  EXPECT_EQ(document_type_from_name("CHƯƠNG TRÌNH PHỐI HỢP"), "CTrPH");
  EXPECT_EQ(document_type_from_name("Thông báo kết luận"), "TB");
  EXPECT_EQ(document_type_from_name("thư"), "");
  EXPECT_EQ(parse_roman("XII"), 12);
  EXPECT_EQ(parse_roman("IX"), 9);
  EXPECT_EQ(parse_roman("IIII"), 0);
  EXPECT_EQ(parse_roman("IIV"), 0);
  EXPECT_EQ(parse_roman(""), 0);
  EXPECT_EQ(parse_roman("C"), 100);
  EXPECT_EQ(to_roman(13), "XIII");
  EXPECT_EQ(to_roman(0), "");
  EXPECT_EQ(to_roman(101), "");
  for (int i = 1; i <= 100; ++i) EXPECT_EQ(parse_roman(to_roman(i)), i);
}

TEST(textReferenceFormat, BuildsFromFields) {
  document_reference r;
  r.type = "KL";
  r.number = "44";
  r.issuer = "TW";
  r.date = danvan::date(2022, 11, 14);
  r.issuing_body = "Ban Bí thư";
  r.term = 13;
  EXPECT_EQ(format_reference(r), "Kết luận số 44-KL/TW, ngày 14/11/2022 của Ban Bí thư (khóa XIII)");
  EXPECT_EQ(reference_key(r), "kl-44-tw-2022");
  r.date = danvan::date(2013, 1, 7);
  EXPECT_EQ(format_reference(r), "Kết luận số 44-KL/TW, ngày 07/01/2013 của Ban Bí thư (khóa XIII)");
  r.form = reference_form::state;
  r.number_year = 2013;
  r.issuer = "CP";
  r.type = "NĐ";
  r.term = 0;
  r.issuing_body.clear();
  EXPECT_EQ(format_reference(r), "Nghị định số 44/2013/NĐ-CP, ngày 07/01/2013");
}

}  // namespace

// Extraction of draft network entries from report text (danvan/text/extract.hpp)
// and the gazetteer it reads names with (danvan/text/gazetteer.hpp).
#include <danvan/io/json.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>
#include <danvan/text/normalize.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "seed_article.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace dt = danvan::text;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string source_dir() { return DANVAN_SOURCE_DIR; }

/// The substring of `text` at code-point span [b, e).
std::string cp_slice(const std::string& text, std::size_t b, std::size_t e) {
  std::size_t cp = 0, i = 0, start = std::string::npos;
  while (i <= text.size()) {
    if (cp == b && start == std::string::npos) start = i;
    if (cp == e) return text.substr(start, i - start);
    if (i == text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++cp;
  }
  return {};
}

std::vector<dt::extracted_item> of(const dt::draft& d, dt::item_kind k) { return d.items(k); }

const dt::extracted_item* find_item(const dt::draft& d, dt::item_kind k, const std::string& name) {
  for (const auto& i : d.items())
    if (i.kind == k && i.name == name) return &i;
  return nullptr;
}

bool has_role(const dt::draft& d, const std::string& role, const std::string& org) {
  for (const auto& i : d.items(dt::item_kind::role))
    if (i.name == role && i.org == org) return true;
  return false;
}

class ExtractTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { gaz_ = new dt::gazetteer(dt::gazetteer::load(source_dir() + "/data/gazetteer")); }
  static void TearDownTestSuite() { delete gaz_; }
  static dt::draft run(std::string_view text, dt::extract_options o = {}) {
    o.gazetteer = gaz_;
    return dt::extract(text, o);
  }
  static dt::gazetteer* gaz_;
};
dt::gazetteer* ExtractTest::gaz_ = nullptr;

}  // namespace

// ---- SHA-256 and slugs ------------------------------------------------------------------

TEST(ExtractSha256, OfTheSeedIsWhatTheShippedNetworkRecords) {
  DANVAN_SEED_ARTICLE(text);
  EXPECT_EQ(dt::sha256_hex(text), "e3327ef71e382d4682302d4997674ff3e6ae7be23157b02e282fc8ec782d49bd");
}

TEST(ExtractSlug, ReadableAsciiIds) {
  EXPECT_EQ(dt::slug("Ban Dân vận Tỉnh uỷ"), "ban-dan-van-tinh-uy");
  EXPECT_EQ(dt::slug("Sở Nông nghiệp và Phát triển nông thôn"), "so-nong-nghiep-va-phat-trien-nong-thon");
  EXPECT_EQ(dt::slug("  Đảng ủy -- xã 3 "), "dang-uy-xa-3");
  EXPECT_EQ(dt::slug("!!!"), "");
}

// ---- the gazetteer ----------------------------------------------------------------------

TEST(ExtractGazetteer, ShippedDataLoadsWithTheExpectedEntries) {
  const auto g = dt::gazetteer::load(source_dir() + "/data/gazetteer");
  EXPECT_GE(g.files().size(), 4u);
  std::set<std::string> ids;
  for (const auto& o : g.organizations()) ids.insert(o.id);
  for (const char* id : {"ban-dan-van", "uy-ban-mttq", "cong-an", "bo-chi-huy-quan-su", "bo-chi-huy-bo-doi-bien-phong",
                         "tinh-uy", "huyen-uy", "tinh-doan", "lien-doan-lao-dong", "ban-ton-giao", "ubnd", "hdnd",
                         "trung-tam-boi-duong-chinh-tri", "ban-bi-thu", "bo-chinh-tri", "ban-chap-hanh-trung-uong"})
    EXPECT_TRUE(ids.count(id)) << id;
  const auto& places = g.places();
  EXPECT_EQ(places.size(), 63u);
  const auto hd = std::find_if(places.begin(), places.end(), [](const auto& p) { return p.id == "hai-duong"; });
  ASSERT_NE(hd, places.end());
  EXPECT_EQ(hd->code, "30");
  EXPECT_FALSE(g.words("adverbs").empty());
  EXPECT_TRUE(g.words("no such category").empty());
}

TEST(ExtractGazetteer, BuiltinFindsTheShippedCopy) {
  EXPECT_FALSE(dt::gazetteer::builtin_path().empty());
  EXPECT_GT(dt::gazetteer::builtin().organizations().size(), 100u);
}

TEST(ExtractGazetteer, ProblemsNameTheFileThePathAndTheNearestKey) {
  try {
    (void)dt::gazetteer::loads(R"({"gazetteer": "1", "organizations": [{"id": "x", "names": ["Ban X"], "kidn": "front"}]})",
                               "g.json");
    FAIL() << "no error";
  } catch (const danvan::validation_error& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].file, "g.json");
    EXPECT_EQ(e.problems()[0].path, "/organizations/0/kidn");
    EXPECT_EQ(e.problems()[0].rule, "unknown-key");
    EXPECT_EQ(e.problems()[0].suggestion, "kind");
  }
  try {
    (void)dt::gazetteer::loads(R"({"gazetteer": "1", "organizations": [{"id": "x", "names": ["Ban X"], "kind": "frnt"},
                                   {"id": "x", "names": ["Ban Y"]}]})");
    FAIL() << "no error";
  } catch (const danvan::validation_error& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].path, "/organizations/0/kind");
    EXPECT_EQ(e.problems()[0].suggestion, "front");
    EXPECT_EQ(e.problems()[1].rule, "duplicate-id");
  }
  EXPECT_THROW((void)dt::gazetteer::loads(R"({"gazetteer": "2"})"), danvan::validation_error);
  try {
    (void)dt::gazetteer::loads("{\n  \"gazetteer\": \"1\",\n  oops\n}", "bad.json");
    FAIL() << "no error";
  } catch (const danvan::parse_error& e) {
    EXPECT_EQ(e.where().file, "bad.json");
    EXPECT_EQ(e.where().line, 3u);
  }
  EXPECT_THROW((void)dt::gazetteer::load("/no/such/gazetteer"), danvan::io_error);
}

TEST_F(ExtractTest, AnEmptyGazetteerStillFindsDocumentsAndPeriods) {
  const dt::gazetteer empty;
  dt::extract_options o;
  o.gazetteer = &empty;
  const auto d = dt::extract("Ban Dân vận Tỉnh ủy thực hiện Kết luận số 44-KL/TW, ngày 14/11/2022.", o);
  EXPECT_EQ(of(d, dt::item_kind::organization).size(), 0u);
  EXPECT_EQ(of(d, dt::item_kind::document).size(), 1u);
  EXPECT_EQ(of(d, dt::item_kind::period).size(), 1u);
}

TEST_F(ExtractTest, QuartersInRomanNumeralsTakeTheDefaultYear) {
  dt::extract_options o;
  o.gazetteer = &dt::gazetteer::builtin();
  const std::string text = "Tổ chức hội nghị đối thoại trong quý III; sơ kết 6 tháng đầu năm.";
  const auto yearless = of(dt::extract(text, o), dt::item_kind::period);  // found, but with no dates
  ASSERT_EQ(yearless.size(), 2u);
  EXPECT_EQ(yearless[0].text, "quý III");
  EXPECT_TRUE(yearless[0].period.start.empty() && yearless[1].period.start.empty());
  o.default_year = 2024;
  const auto periods = of(dt::extract(text, o), dt::item_kind::period);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].text, "quý III");
  EXPECT_EQ(periods[0].period, (danvan::period{danvan::date(2024, 7), danvan::date(2024, 9)}));
  EXPECT_EQ(periods[1].period, (danvan::period{danvan::date(2024, 1), danvan::date(2024, 6)}));
}

// ---- names ------------------------------------------------------------------------------

TEST_F(ExtractTest, ToneMarkVariantsNameOneBody) {
  const auto d = run("Ban Dân vận Tỉnh uỷ họp. Sau đó Ban Dân vận Tỉnh ủy báo cáo.");
  const auto orgs = of(d, dt::item_kind::organization);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].id, orgs[1].id);
  EXPECT_EQ(orgs[0].id, "org:ban-dan-van-tinh-uy");
  EXPECT_EQ(orgs[0].text, "Ban Dân vận Tỉnh uỷ");  // as written
  EXPECT_EQ(orgs[0].category, "party_commission");
}

TEST_F(ExtractTest, TextWithoutAccentsMatchesWithLowerConfidence) {
  const auto plain = run("Ban Dan van Tinh uy chu tri hoi nghi.");
  const auto accented = run("Ban Dân vận Tỉnh ủy chủ trì hội nghị.");
  const auto a = of(plain, dt::item_kind::organization), b = of(accented, dt::item_kind::organization);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].id, b[0].id);
  EXPECT_LT(a[0].confidence, b[0].confidence);
}

TEST_F(ExtractTest, AccentsThatDifferAreNotTheSameWord) {
  // `số` (number) is not `Sở` (department); `bàn` is not `Ban`.
  const auto d = run("Theo số Tài nguyên thống kê, bàn Dân vận mới được kê.");
  EXPECT_EQ(of(d, dt::item_kind::organization).size(), 0u);
}

TEST_F(ExtractTest, AbbreviationsOnlyInCapitals) {
  const auto d = run("UBND tỉnh và Ubnd huyện cùng MTTQ tỉnh.");
  const auto orgs = of(d, dt::item_kind::organization);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].name, "Ủy ban nhân dân tỉnh");
  EXPECT_EQ(orgs[1].text, "MTTQ tỉnh");
}

TEST_F(ExtractTest, OfficesNeedTheirBodyAndPersonsAreNotOrganizations) {
  const auto d = run("Đồng chí Chủ tịch UBND tỉnh dự. Chủ tịch Hồ Chí Minh dạy: đoàn kết.");
  const auto orgs = of(d, dt::item_kind::organization);
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].text, "Chủ tịch UBND tỉnh");
  EXPECT_EQ(orgs[0].category, "other");
}

TEST_F(ExtractTest, AHeadSharesTheBodyNamedNext) {
  const auto d = run("Tham mưu cho Thường trực, Ban Thường vụ Tỉnh ủy.");
  const auto orgs = of(d, dt::item_kind::organization);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].text, "Thường trực");
  EXPECT_EQ(orgs[0].name, "Thường trực Tỉnh ủy");
}

TEST_F(ExtractTest, LocalitiesSetTheLevelAndNameTheDistrict) {
  const auto d = run("Công an huyện Kim Thành phối hợp với Công an tỉnh Hải Dương.");
  const auto orgs = of(d, dt::item_kind::organization);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].name, "Công an huyện Kim Thành");
  const auto net = danvan::loads(d.dumps());
  EXPECT_EQ(net.organization(orgs[0].id).level(), danvan::level::district);
  EXPECT_EQ(net.organization(orgs[1].id).level(), danvan::level::province);
  const auto districts = of(d, dt::item_kind::district);
  ASSERT_EQ(districts.size(), 1u);
  EXPECT_EQ(districts[0].name, "Kim Thành");
  EXPECT_EQ(districts[0].text, "huyện Kim Thành");
  ASSERT_EQ(of(d, dt::item_kind::province).size(), 1u);
  EXPECT_EQ(of(d, dt::item_kind::province)[0].name, "Hải Dương");
}

TEST_F(ExtractTest, ListsOfDistrictsAfterTheirKindWords) {
  const auto d = run("Lớp học mở tại các huyện, thị xã, thành phố như: Thành phố Hải Dương, Kim Thành và Tứ Kỳ.");
  std::vector<std::string> names;
  for (const auto& i : of(d, dt::item_kind::district)) names.push_back(i.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Thành phố Hải Dương", "Kim Thành", "Tứ Kỳ"}));
  // The city is not the province of the same name.
  EXPECT_EQ(of(d, dt::item_kind::province).size(), 0u);
}

// ---- programs and periods ------------------------------------------------------------------

TEST_F(ExtractTest, ProgramsWithTheirPeriods) {
  const auto d = run(
      "Tỉnh đoàn tham gia phong trào thi đua “Dân vận khéo” giai đoạn 2023 – 2025 và Chương trình công tác năm 2024; "
      "Ban đã ban hành Kế hoạch thực hiện Kết luận số 58-KL/TW, ngày 23/6/2023.");
  const auto progs = of(d, dt::item_kind::program);
  ASSERT_EQ(progs.size(), 3u);
  EXPECT_EQ(progs[0].name, "Dân vận khéo");
  EXPECT_EQ(progs[0].category, "movement");
  EXPECT_EQ(progs[0].period, (danvan::period{danvan::date(2023), danvan::date(2025)}));
  EXPECT_EQ(progs[1].category, "work_program");
  EXPECT_EQ(progs[1].period, (danvan::period{danvan::date(2024), danvan::date(2024)}));
  EXPECT_EQ(progs[2].category, "plan");
  const auto net = danvan::loads(d.dumps());
  const auto plan = net.program(progs[2].id);
  ASSERT_EQ(plan.implements().size(), 1u);
  EXPECT_EQ(net.documents()[plan.implements()[0]].id(), "doc:kl-58-tw-2023");
}

TEST_F(ExtractTest, ANumberedJointProgramIsADocumentAndAProgram) {
  const auto d = run("UBND huyện chỉ đạo thực hiện Chương trình phối hợp số 05-CTr/BDVTU-CAT về an ninh trật tự; "
                     "Ban ban hành Kế hoạch số 12-KH/BDVTU ngày 3/4/2024.");
  const auto docs = of(d, dt::item_kind::document);
  const auto progs = of(d, dt::item_kind::program);
  ASSERT_EQ(docs.size(), 2u);
  ASSERT_EQ(progs.size(), 1u);  // the numbered plan stays a document only
  EXPECT_EQ(progs[0].category, "joint_program");
  EXPECT_EQ(progs[0].span, docs[0].span);
  EXPECT_EQ(progs[0].name, "Chương trình phối hợp số 05-CTr/BDVTU-CAT");
  EXPECT_NO_THROW((void)danvan::loads(d.dumps()));
}

TEST_F(ExtractTest, ANumberedProgramIsAProgramInEveryWrittenForm) {
  // Each form names the document and the program; the kind is the head's, else joint for a
  // joint issuer and a work program for one body.
  const std::vector<std::pair<std::string, std::string>> forms{
      {"Tỉnh ủy ban hành Chương trình số 07-CTr/TU về chuyển đổi số.", "work_program"},
      {"Thực hiện CTr số 12-CTr/TU của Tỉnh ủy.", "work_program"},
      {"Thực hiện 08-CTr/HU của Huyện ủy.", "work_program"},
      {"Ký kết Chương trình phối hợp số 05/CTr-MTTQ-CA về an ninh.", "joint_program"},
      {"Thực hiện 03-CTr/BDVTU-BCHQST-CAT ngày 12/5/2023.", "joint_program"},
  };
  for (const auto& [text, kind] : forms) {
    SCOPED_TRACE(text);
    const auto d = run(text);
    const auto docs = of(d, dt::item_kind::document);
    const auto progs = of(d, dt::item_kind::program);
    ASSERT_EQ(docs.size(), 1u);
    ASSERT_EQ(progs.size(), 1u);
    EXPECT_EQ(progs[0].category, kind);
    EXPECT_EQ(progs[0].span.end, docs[0].span.end);
    EXPECT_NE(progs[0].name.find(docs[0].name), std::string::npos) << progs[0].name;
  }
  // A role is on the program its cue governs, and on a task when an activity comes between.
  auto role_target = [&](const std::string& text) {
    const auto roles = of(run(text), dt::item_kind::role);
    return roles.empty() ? std::string() : roles[0].id;
  };
  EXPECT_TRUE(role_target("Ban Dân vận Tỉnh ủy ký kết Chương trình phối hợp số 05-CTr/BDVTU-CAT.").starts_with("prog:"));
  EXPECT_TRUE(role_target("Ban Dân vận Tỉnh ủy chủ trì sơ kết 5 năm thực hiện Chương trình số 07-CTr/TU.").starts_with("task:"));
}

TEST_F(ExtractTest, AQuoteIsAProgramOnlyAfterAHeadOrWhenItIsAKnownName) {
  const auto d = run("Bác dạy: \"Dân vận khéo thì việc gì cũng thành công\". Phong cách “trọng dân, gần dân”.");
  EXPECT_EQ(of(d, dt::item_kind::program).size(), 0u);
  const auto e = run("Nhân rộng mô hình “Dân vận khéo”.");
  ASSERT_EQ(of(e, dt::item_kind::program).size(), 1u);
}

TEST_F(ExtractTest, DocumentsKeepOneIdAcrossMentions) {
  const auto d = run("Tổng kết Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương; "
                     "tiếp tục thực hiện Nghị quyết số 25-NQ/TW.");
  const auto docs = of(d, dt::item_kind::document);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "doc:nq-25-tw-2013");
  EXPECT_EQ(docs[1].id, docs[0].id);
  const auto net = danvan::loads(d.dumps());
  const auto doc = net.document("doc:nq-25-tw-2013");
  EXPECT_EQ(doc.type(), "NQ");
  EXPECT_EQ(doc.number(), "25");
  EXPECT_EQ(doc.issuer(), "TW");
  EXPECT_EQ(doc.date(), danvan::date(2013, 6, 3));
  ASSERT_TRUE(doc.issued_by());
  EXPECT_EQ(doc.issued_by()->name(), "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam");
  EXPECT_EQ(doc.sources().size(), 2u);
}

// ---- roles --------------------------------------------------------------------------------

TEST_F(ExtractTest, LeadAndCoordinatePartners) {
  const auto d = run("Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Công an tỉnh và Hội Nông dân tỉnh tổ chức hội nghị.");
  EXPECT_TRUE(has_role(d, "lead", "org:ban-dan-van-tinh-uy"));
  EXPECT_TRUE(has_role(d, "coordinate", "org:cong-an-tinh"));
  EXPECT_TRUE(has_role(d, "coordinate", "org:hoi-nong-dan-tinh"));
  EXPECT_FALSE(has_role(d, "coordinate", "org:ban-dan-van-tinh-uy"));  // the lead does not also coordinate
  EXPECT_EQ(of(d, dt::item_kind::role).size(), 3u);
}

TEST_F(ExtractTest, AdviceGoesToTheBodyThatDecides) {
  const auto d = run("Ban Dân vận Tỉnh ủy tham mưu giúp Ban Thường vụ Tỉnh ủy chỉ đạo việc sơ kết.");
  EXPECT_TRUE(has_role(d, "advise", "org:ban-dan-van-tinh-uy"));
  EXPECT_TRUE(has_role(d, "direct", "org:ban-thuong-vu-tinh-uy"));
  EXPECT_FALSE(has_role(d, "direct", "org:ban-dan-van-tinh-uy"));
}

TEST_F(ExtractTest, ASubjectCarriesOverToLaterClausesAndAnaphora) {
  const auto d = run("Ban Dân vận Tỉnh ủy đã nắm tình hình; hướng dẫn khối dân vận cơ sở. Ban cũng chủ trì hội nghị.");
  EXPECT_TRUE(has_role(d, "guide", "org:ban-dan-van-tinh-uy"));
  EXPECT_TRUE(has_role(d, "lead", "org:ban-dan-van-tinh-uy"));
  for (const auto& r : of(d, dt::item_kind::role)) EXPECT_EQ(r.org_span.begin, 0u) << r.name;
}

TEST_F(ExtractTest, CitizensAndNounUsesTakeNoRole) {
  const auto d = run("Ban Dân vận Tỉnh ủy vận động để người dân tích cực tham gia; nâng cao chất lượng công tác tham mưu.");
  EXPECT_EQ(of(d, dt::item_kind::role).size(), 0u);
}

TEST_F(ExtractTest, PassiveCuesAndVenues) {
  const auto d = run("Theo hướng dẫn của Sở Nội vụ, Ban Dân vận Tỉnh ủy cử cán bộ giảng dạy tại Trung tâm Chính trị huyện Gia Lộc.");
  EXPECT_TRUE(has_role(d, "guide", "org:so-noi-vu"));
  EXPECT_TRUE(has_role(d, "teach", "org:ban-dan-van-tinh-uy"));
  EXPECT_TRUE(has_role(d, "host", "org:trung-tam-chinh-tri-huyen-gia-loc"));
  // `teach` is not a core role: the draft declares it.
  const auto net = danvan::loads(d.dumps());
  EXPECT_TRUE(net.vocabulary().find("teach").has_value());
}

TEST_F(ExtractTest, SignatoriesOfAJointProgram) {
  const auto d = run("Ban Dân vận Tỉnh ủy phối hợp với Ủy ban MTTQ tỉnh và Tỉnh đoàn ký kết Chương trình phối hợp "
                     "“Chung tay vì môi trường” giai đoạn 2023 - 2025.");
  const auto net = danvan::loads(d.dumps());
  ASSERT_EQ(net.programs().size(), 1u);
  std::set<std::pair<std::string, std::string>> roles;
  for (const auto r : net.programs()[0].roles()) roles.insert({std::string(r.org().id()), std::string(r.role_name())});
  EXPECT_TRUE(roles.count({"org:ban-dan-van-tinh-uy", "sign"}));
  EXPECT_TRUE(roles.count({"org:uy-ban-mat-tran-to-quoc-viet-nam-tinh", "sign"}));
  EXPECT_TRUE(roles.count({"org:tinh-doan", "sign"}));
  EXPECT_EQ(net.programs()[0].period(), (danvan::period{danvan::date(2023), danvan::date(2025)}));
}

// ---- the seed article -------------------------------------------------------------------------

TEST_F(ExtractTest, SeedArticleSpansTextAndADraftThatLoads) {
  DANVAN_SEED_ARTICLE(text);
  dt::extract_options o;
  o.source_id = "src:baohaiduong-2023-09-16";
  o.source_title = "Báo Hải Dương";
  o.source_date = danvan::date(2023, 9, 16);
  const auto d = run(text, o);
  EXPECT_EQ(d.sha256(), dt::sha256_hex(text));
  EXPECT_EQ(d.length(), dt::count_code_points(text));
  for (const auto& i : d.items()) {
    ASSERT_LE(i.span.end, d.length());
    EXPECT_EQ(cp_slice(text, i.span.begin, i.span.end), i.text) << to_string(i.kind) << " " << i.name;
    EXPECT_EQ(text.substr(i.byte_span.begin, i.byte_span.size()), i.text);
    EXPECT_GT(i.confidence, 0.0);
    EXPECT_LE(i.confidence, 1.0);
  }
  EXPECT_EQ(of(d, dt::item_kind::document).size(), 14u);
  EXPECT_EQ(of(d, dt::item_kind::period).size(), 24u);
  EXPECT_EQ(of(d, dt::item_kind::district).size(), 6u);

  // The draft: valid, lossless, every span inside the text, the text's hash recorded.
  const std::string json = d.dumps();
  const auto net = danvan::loads(json, "<draft>");
  EXPECT_EQ(danvan::dumps(net), json);
  ASSERT_EQ(net.sources().size(), 1u);
  EXPECT_EQ(net.sources()[0].id(), "src:baohaiduong-2023-09-16");
  EXPECT_EQ(net.sources()[0].sha256(), dt::sha256_hex(text));
  std::size_t spans = 0;
  for (const auto o2 : net.organizations())
    for (const auto& e : o2.sources()) {
      ASSERT_TRUE(e.begin && e.end);
      EXPECT_LE(*e.end, d.length());
      ++spans;
    }
  EXPECT_GT(spans, 50u);
  const auto kl44 = net.document("doc:kl-44-tw-2022");
  ASSERT_EQ(kl44.continues().size(), 1u);
  EXPECT_EQ(net.documents()[kl44.continues()[0]].id(), "doc:ct-43-tw-k10");
  EXPECT_EQ(kl44.date(), danvan::date(2022, 11, 14));
  EXPECT_EQ(net.document("doc:qd-218-tw-2013").term(), "XI");
  // The joint programme and its seven signatories.
  const auto env = std::find_if(net.programs().begin(), net.programs().end(),
                                [](const auto p) { return p.kind() == danvan::program_kind::joint_program; });
  ASSERT_NE(env, net.programs().end());
  EXPECT_EQ((*env).period(), (danvan::period{danvan::date(2023), danvan::date(2025)}));
  std::size_t signs = 0;
  for (const auto r : (*env).roles()) signs += r.role_name() == "sign";
  EXPECT_EQ(signs, 6u);
}

TEST_F(ExtractTest, WithTheNetworkItsIdsAreReused) {
  DANVAN_SEED_ARTICLE(text);
  const auto hd = danvan::load(source_dir() + "/data/haiduong-2023.json");
  dt::extract_options o;
  o.network = &hd;
  const auto d = run(text, o);
  std::set<std::string> ids;
  for (const auto& i : d.items()) ids.insert(i.id);
  for (const char* id : {"org:ban-dan-van-tinh-uy", "org:ban-thuong-vu-tinh-uy", "org:cong-an-tinh",
                         "org:so-tai-nguyen-va-moi-truong", "area:kim-thanh", "area:tu-ky"})
    EXPECT_TRUE(ids.count(id)) << id;
  EXPECT_TRUE(has_role(d, "lead", "org:ban-dan-van-tinh-uy"));
  EXPECT_NO_THROW((void)danvan::loads(d.dumps()));
}

TEST_F(ExtractTest, AGenericNameIsTheNetworksBodyOnlyInATextAboutItsProvince) {
  const auto hd = danvan::load(source_dir() + "/data/haiduong-2023.json");
  std::set<std::string> network_ids;
  for (const auto o : hd.organizations()) network_ids.insert(std::string(o.id()));
  dt::extract_options o;
  o.network = &hd;
  // The first organization item of the sentence after `lead`.
  auto body = [&](const std::string& lead, const std::string& name) {
    const std::string text = lead + name + " chủ trì tổ chức hội nghị tập huấn công tác dân vận năm 2024.";
    const auto d = run(text, o);
    for (const auto& i : d.items(dt::item_kind::organization))
      if (i.text == name) return i;
    ADD_FAILURE() << "no organization `" << name << "` in: " << text;
    return dt::extracted_item{};
  };
  for (const std::string name : {"Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy", "Ủy ban nhân dân tỉnh", "UBND tỉnh", "Công an tỉnh",
                                 "Chủ tịch Ủy ban nhân dân tỉnh"}) {
    SCOPED_TRACE(name);
    const auto ours = body("Tại tỉnh Hải Dương, ", name);  // the network's province
    EXPECT_TRUE(network_ids.count(ours.id)) << ours.id;
    EXPECT_GE(ours.confidence, 0.9);
    const auto other = body("Tại tỉnh Nghệ An, ", name);  // another province: a body of its own
    EXPECT_FALSE(network_ids.count(other.id)) << other.id;
    EXPECT_NE(other.name.find("Nghệ An"), std::string::npos) << other.name;
    EXPECT_LT(other.confidence, ours.confidence);
    const auto unsaid = body("", name);  // no province named: the network's, less surely
    EXPECT_EQ(unsaid.id, ours.id);
    EXPECT_LT(unsaid.confidence, ours.confidence);
    const auto both = body("Tỉnh Nghệ An và tỉnh Hải Dương ký kết; ", name);
    EXPECT_EQ(both.id, ours.id);
    EXPECT_LT(both.confidence, unsaid.confidence);
  }
  // Named in full once, the other province's body is one entity with its generic mentions.
  const auto d = run("Công an tỉnh Nghệ An chủ trì. Công an tỉnh phối hợp với Ủy ban nhân dân tỉnh kiểm tra.", o);
  std::set<std::string> police;
  for (const auto& i : d.items(dt::item_kind::organization))
    if (i.text.starts_with("Công an")) police.insert(i.id);
  ASSERT_EQ(police.size(), 1u);
  EXPECT_FALSE(network_ids.count(*police.begin())) << *police.begin();
}

TEST_F(ExtractTest, ATaskIsNamedByItsActivityWithItsPeriodDueDateAndDistricts) {
  const std::string text =
      "Sở Nội vụ chủ trì, phối hợp với Ủy ban MTTQ Việt Nam tỉnh và Công an tỉnh tổ chức hội nghị tập huấn công tác "
      "dân vận tại huyện Gia Bình trong quý III/2024, hoàn thành trước ngày 30/9/2024.";
  const auto d = run(text);
  const auto net = danvan::loads(d.dumps());
  ASSERT_EQ(net.tasks().size(), 1u);
  const auto t = net.tasks()[0];
  EXPECT_EQ(t.name(), "tổ chức hội nghị tập huấn công tác dân vận");  // not the role words before it
  EXPECT_EQ(t.kind(), danvan::task_kind::training);
  EXPECT_EQ(t.period(), (danvan::period{*danvan::date::parse("2024-07"), *danvan::date::parse("2024-09")}));
  EXPECT_EQ(t.due(), *danvan::date::parse("2024-09-30"));
  ASSERT_EQ(t.areas().size(), 1u);
  EXPECT_EQ(net.areas()[t.areas()[0]].name(), "Gia Bình");
  // Each field cites where it was read.
  std::map<std::string, std::string> cited;
  for (const auto& e : t.sources()) cited[std::string(e.note)] = cp_slice(text, e.begin.value_or(0), e.end.value_or(0));
  EXPECT_EQ(cited["name"], "tổ chức hội nghị tập huấn công tác dân vận");
  EXPECT_EQ(cited["period"], "quý III/2024");
  EXPECT_NE(cited["due"].find("30/9/2024"), std::string::npos) << cited["due"];
  EXPECT_EQ(cited["area"], "huyện Gia Bình");
  // A cue at the end of its clause leaves the task named from the cue, as before.
  const auto late = danvan::loads(run("Hội nghị tập huấn do Sở Nội vụ chủ trì.").dumps());
  ASSERT_EQ(late.tasks().size(), 1u);
  EXPECT_EQ(late.tasks()[0].name(), "chủ trì");
}

namespace {

/// Each task of a draft as `name | kind org:role ...` (roles in file order).
std::vector<std::string> task_lines(const dt::draft& d) {
  const auto net = danvan::loads(d.dumps());
  std::vector<std::string> out;
  for (const auto t : net.tasks()) {
    std::string line = std::string(t.name()) + " | " + std::string(danvan::to_string(t.kind()));
    for (const auto r : t.roles()) line += " " + std::string(r.org().id()).substr(4) + ":" + std::string(r.role_name());
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_F(ExtractTest, AnActivityWithoutARoleCueIsATaskWithoutRoles) {
  // The body named does the work; no cue says a role, so none is drafted.
  EXPECT_EQ(task_lines(run("Văn phòng Tỉnh ủy bảo đảm kinh phí theo quy định. Trung tâm Chính trị huyện mở 02 lớp "
                           "bồi dưỡng lý luận chính trị trong năm 2024.")),
            (std::vector<std::string>{"bảo đảm kinh phí theo quy định | other",
                                      "mở 02 lớp bồi dưỡng lý luận chính trị | training"}));
  // An activity that goes on a sentence whose subject is known.
  EXPECT_EQ(task_lines(run("Ban Dân vận Tỉnh ủy hướng dẫn Ban Dân vận các huyện ủy đăng ký mô hình; tổ chức đối thoại "
                           "với công nhân lao động tại huyện Yên Phong.")),
            (std::vector<std::string>{"đăng ký mô hình | other ban-dan-van-tinh-uy:guide",
                                      "tổ chức đối thoại với công nhân lao động | dialogue"}));
  // Not tasks: a state, a passive, the text's own drafting.
  EXPECT_TRUE(task_lines(run("Việc nhân rộng mô hình ở huyện Phước Sơn chưa đồng đều. Hội nghị được kết nối trực tuyến "
                             "đến 26 điểm cầu. Ban Dân vận Tỉnh ủy xây dựng kế hoạch như sau:")).empty());
}

TEST_F(ExtractTest, AClausesSecondActivityIsATaskWithTheSameRoles) {
  const std::string text =
      "Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Sở Tư pháp kiểm tra việc thực hiện dân chủ ở cơ sở tại huyện Núi "
      "Thành trong quý II/2024, đồng thời tổ chức hội nghị đối thoại với nhân dân huyện Nam Giang.";
  const auto d = run(text);
  EXPECT_EQ(task_lines(d), (std::vector<std::string>{
                               "kiểm tra việc thực hiện dân chủ ở cơ sở | inspection ban-dan-van-tinh-uy:lead "
                               "so-tu-phap:coordinate",
                               "tổ chức hội nghị đối thoại với nhân dân huyện Nam Giang | dialogue "
                               "ban-dan-van-tinh-uy:lead so-tu-phap:coordinate"}));
  const auto net = danvan::loads(d.dumps());
  // Both in the clause's quarter; each in the district of its own part.
  for (std::size_t i = 0; i < 2; ++i) {
    const auto t = net.tasks()[i];
    EXPECT_EQ(t.period(), (danvan::period{*danvan::date::parse("2024-04"), *danvan::date::parse("2024-06")}));
    ASSERT_EQ(t.areas().size(), 1u);
    EXPECT_EQ(net.areas()[t.areas()[0]].name(), i == 0 ? "Núi Thành" : "Nam Giang");
  }
  EXPECT_EQ(of(d, dt::item_kind::role).size(), 2u);  // the role items stay one per cue
  // Two activities after one subject, without a cue.
  EXPECT_EQ(task_lines(run("Ủy ban MTTQ Việt Nam tỉnh giám sát 12.460 cuộc, tổ chức 3.215 hội nghị phản biện xã hội.")),
            (std::vector<std::string>{"giám sát 12.460 cuộc | inspection",
                                      "tổ chức 3.215 hội nghị phản biện xã hội | other"}));
  // Localities named by their kind only are whom the cue names, not the activity.
  EXPECT_EQ(task_lines(run("Sở Nội vụ hướng dẫn các xã, phường, thị trấn công khai thông tin theo quy định.")),
            (std::vector<std::string>{"công khai thông tin theo quy định | other so-noi-vu:guide"}));
  // A verb of its own between the bodies a cue names and a program: the program is its object.
  EXPECT_EQ(task_lines(run("Ban Dân vận Tỉnh ủy hướng dẫn Ban Dân vận các huyện ủy đăng ký xây dựng mô hình "
                           "\"Dân vận khéo\" trước ngày 31/3/2024.")),
            (std::vector<std::string>{"đăng ký xây dựng mô hình \"Dân vận khéo\" | other ban-dan-van-tinh-uy:guide"}));
  EXPECT_EQ(task_lines(run("Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện kế hoạch.")),
            (std::vector<std::string>{"theo dõi, đôn đốc việc thực hiện kế hoạch | monitoring"}));
  // Two verbs of one activity stay one task.
  EXPECT_EQ(task_lines(run("Hội Nông dân tỉnh phối hợp tuyên truyền, vận động hội viên hiến đất làm đường.")),
            (std::vector<std::string>{"tuyên truyền, vận động hội viên hiến đất làm đường | propaganda "
                                      "hoi-nong-dan-tinh:coordinate"}));
}

TEST_F(ExtractTest, TheKindOfACoordinatedActivityIsTheWorkAfterPhoiHop) {
  EXPECT_EQ(task_lines(run("Hội Liên hiệp Phụ nữ tỉnh phối hợp tổ chức hội nghị tuyên truyền pháp luật về bình đẳng "
                           "giới. Ban Dân tộc tỉnh phối hợp thực hiện hỗ trợ nhà ở cho 1.250 hộ nghèo.")),
            (std::vector<std::string>{
                "tổ chức hội nghị tuyên truyền pháp luật về bình đẳng giới | propaganda hoi-lien-hiep-phu-nu-tinh:coordinate",
                "thực hiện hỗ trợ nhà ở cho 1.250 hộ nghèo | other ban-dan-toc-tinh:coordinate"}));
  // Signing is the work of coordination, and the task is named from it.
  EXPECT_EQ(task_lines(run("Ban Dân vận Tỉnh ủy phối hợp với Công an tỉnh ký kết quy chế công tác dân vận.")),
            (std::vector<std::string>{"ký kết quy chế công tác dân vận | coordination ban-dan-van-tinh-uy:coordinate "
                                      "cong-an-tinh:coordinate ban-dan-van-tinh-uy:sign cong-an-tinh:sign"}));
}

TEST_F(ExtractTest, DocumentsThatShareATypeAreEachADocument) {
  const std::string text =
      "Thanh Hóa tổng kết Quyết định 217 và 218 của Bộ Chính trị. Hội nghị tổng kết Quyết định số 217-QĐ/TW và "
      "Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị. Thực hiện các Quyết định số 12-QĐ/HU và 13 ngày "
      "10/01/2024 của Ban Thường vụ Huyện ủy; Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương "
      "khóa XI và 5 năm thực hiện Kết luận số 43-KL/TW.";
  const auto d = run(text);
  std::vector<std::string> docs;
  for (const auto& i : of(d, dt::item_kind::document)) docs.push_back(i.name + " " + cp_slice(text, i.span.begin, i.span.end));
  EXPECT_EQ(docs, (std::vector<std::string>{
                      "217-QĐ/TW Quyết định 217", "218-QĐ/TW 218", "217-QĐ/TW Quyết định số 217-QĐ/TW",
                      "218-QĐ/TW Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị",
                      "12-QĐ/HU Quyết định số 12-QĐ/HU", "13-QĐ/HU 13",
                      "25-NQ/TW Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương khóa XI",
                      "43-KL/TW Kết luận số 43-KL/TW"}));  // not `5` of `5 năm`
  // The headline's mentions are the body's documents.
  const auto items = of(d, dt::item_kind::document);
  EXPECT_EQ(items[0].id, items[2].id);
  EXPECT_EQ(items[1].id, items[3].id);
  // A type and a number that the text never cites in full stay unread.
  EXPECT_TRUE(of(run("Thực hiện Quyết định 300 của Ủy ban nhân dân tỉnh."), dt::item_kind::document).empty());
}

TEST_F(ExtractTest, ATasksRecurrenceAndAPeriodAfterADocumentsTitle) {
  const std::string text =
      "Ban Dân vận Tỉnh ủy chủ trì tổ chức Hội nghị sơ kết Chỉ thị số 10-CT/TU ngày 22/8/2021 của Ban Thường vụ Tỉnh "
      "ủy về công tác dân vận trong tháng 10/2024. Ban Dân vận các huyện ủy hằng quý báo cáo Ban Dân vận Tỉnh ủy.";
  const auto net = danvan::loads(run(text).dumps());
  ASSERT_EQ(net.tasks().size(), 2u);
  // `trong tháng 10/2024` closes the title of the directive, but dates the conference.
  EXPECT_EQ(net.tasks()[0].period(), (danvan::period{*danvan::date::parse("2024-10"), *danvan::date::parse("2024-10")}));
  // `hằng quý`: no dates, a recurrence in extra, citing its words.
  EXPECT_TRUE(net.tasks()[1].period().empty());
  EXPECT_EQ(nlohmann::json::parse(net.tasks()[1].extra()).value("recurrence", ""), "quarterly");
  bool cited = false;
  for (const auto& e : net.tasks()[1].sources())
    cited = cited || (e.note == "recurrence" && cp_slice(text, e.begin.value_or(0), e.end.value_or(0)) == "hằng quý");
  EXPECT_TRUE(cited);
}

TEST_F(ExtractTest, ThePartiesOfAJointTextAreTheBodiesThatSignedIt) {
  // `hai bên` takes the signatories' roles; work they do without a cue is a task without roles;
  // reporting is named from its cue and is not the review before it.
  const auto d = run(
      "Ban Dân vận Huyện ủy và Ủy ban nhân dân huyện thống nhất ký kết Chương trình phối hợp. Hằng năm, hai bên "
      "phối hợp tổ chức hội nghị tuyên truyền pháp luật. Hằng quý, hai bên giao ban đánh giá kết quả. Cuối năm "
      "2026, hai bên tổng kết Chương trình, báo cáo Ban Thường vụ Huyện ủy.");
  EXPECT_EQ(task_lines(d),
            (std::vector<std::string>{
                "ký kết Chương trình phối hợp | coordination ban-dan-van-huyen-uy:sign uy-ban-nhan-dan-huyen:sign",
                "tổ chức hội nghị tuyên truyền pháp luật | propaganda ban-dan-van-huyen-uy:coordinate "
                "uy-ban-nhan-dan-huyen:coordinate",
                "giao ban đánh giá kết quả | briefing", "báo cáo Ban Thường vụ Huyện ủy | other ban-thuong-vu-huyen-uy:inform",
                "tổng kết Chương trình | review"}));
  // Each party's role cites the party's own mention, not the words `hai bên`.
  for (const auto& r : of(d, dt::item_kind::role))
    if (r.name != "inform") EXPECT_LT(r.org_span.begin, 50u);
  const auto net = danvan::loads(d.dumps());
  for (const auto t : net.tasks())
    if (t.name() == "tổng kết Chương trình" || t.name() == "báo cáo Ban Thường vụ Huyện ủy")
      EXPECT_EQ(t.period(), (danvan::period{*danvan::date::parse("2026"), *danvan::date::parse("2026")}));
  // Without a signatory, `hai bên` names no one.
  EXPECT_TRUE(of(run("Hai bên phối hợp tổ chức hội nghị."), dt::item_kind::role).empty());
}

TEST_F(ExtractTest, AReportIsATaskNamedFromItsCue) {
  const auto d = run("Ban Dân vận Tỉnh ủy hướng dẫn Ban Dân vận các huyện ủy sơ kết phong trào thi đua; báo cáo "
                     "kết quả về Ban trước ngày 15/11/2024.");
  // `về Ban` is the body named before with that head.
  EXPECT_EQ(task_lines(d), (std::vector<std::string>{"sơ kết phong trào thi đua | review ban-dan-van-tinh-uy:guide",
                                                     "báo cáo kết quả về Ban | other ban-dan-van-tinh-uy:inform"}));
  EXPECT_EQ(danvan::loads(d.dumps()).tasks()[1].due(), *danvan::date::parse("2024-11-15"));
}

TEST_F(ExtractTest, CueWordsUsedAsNounsGiveNoRoleAndDoNotNameTheTask) {
  // `các kiến nghị của bà con`, `Những kiến nghị`, `Báo cáo tại hội nghị`, `Phát biểu chỉ đạo`
  EXPECT_EQ(task_lines(run("UBND huyện chủ trì, phối hợp với Phòng Tư pháp huyện trả lời bằng văn bản các kiến "
                           "nghị của bà con. Những kiến nghị vượt thẩm quyền, Ban Dân vận Tỉnh ủy tổng hợp, báo cáo "
                           "Thường trực Tỉnh ủy.")),
            (std::vector<std::string>{"trả lời bằng văn bản các kiến nghị của bà con | other "
                                      "uy-ban-nhan-dan-huyen:lead phong-tu-phap-huyen:coordinate",
                                      "báo cáo Thường trực Tỉnh ủy | other thuong-truc-tinh-uy:inform"}));
  // The sentence goes on with the body next to the cue, and a time that opens a sentence dates its tasks.
  const auto d = run(
      "Báo cáo tại hội nghị cho biết, năm 2024, Ban Dân vận Tỉnh ủy đã tham mưu Ban Thường vụ Tỉnh ủy ban hành "
      "Chỉ thị số 32-CT/TU; phối hợp với Ban Tổ chức Tỉnh ủy kiểm tra việc thực hiện quy chế. Phát biểu chỉ đạo, "
      "đồng chí Phó Bí thư Thường trực Tỉnh ủy đề nghị trong năm 2025, Ban Dân vận Tỉnh ủy chủ trì khảo sát tình "
      "hình; tham mưu Ban Thường vụ Tỉnh ủy tổng kết Quyết định số 290-QĐ/TW.");
  EXPECT_EQ(task_lines(d),
            (std::vector<std::string>{
                "ban hành Chỉ thị số 32-CT/TU | plan ban-dan-van-tinh-uy:advise ban-thuong-vu-tinh-uy:direct",
                "kiểm tra việc thực hiện quy chế | inspection ban-dan-van-tinh-uy:coordinate ban-to-chuc-tinh-uy:coordinate",
                "khảo sát tình hình | inspection ban-dan-van-tinh-uy:lead",
                "tổng kết Quyết định số 290-QĐ/TW | review ban-dan-van-tinh-uy:advise ban-thuong-vu-tinh-uy:direct"}));
  const auto net = danvan::loads(d.dumps());
  for (std::size_t i = 0; i < 4; ++i) {
    const auto year = *danvan::date::parse(i < 2 ? "2024" : "2025");
    EXPECT_EQ(net.tasks()[i].period(), (danvan::period{year, year})) << i;
  }
  // A directive the task issues is not one it carries out; the decision it reviews is.
  EXPECT_TRUE(net.tasks()[0].implements().empty());
  ASSERT_EQ(net.tasks()[3].implements().size(), 1u);
  EXPECT_EQ(net.documents()[net.tasks()[3].implements()[0]].number(), "290");
  // A time that dates a movement does not date the sentence.
  const auto m = danvan::loads(run("Hưởng ứng phong trào thi đua \"Dân vận khéo\" giai đoạn 2021–2025, Huyện ủy chỉ đạo "
                                   "Ban Dân vận Huyện ủy vận động nhân dân trồng cà phê.")
                                   .dumps());
  ASSERT_EQ(m.tasks().size(), 1u);
  EXPECT_TRUE(m.tasks()[0].period().empty());
}

TEST_F(ExtractTest, GroupsAndListedBodiesOpeningAClauseDoTheWork) {
  EXPECT_EQ(task_lines(run("Chính quyền các cấp tổ chức 312 cuộc đối thoại với Nhân dân; UBND tỉnh chỉ đạo các sở, "
                           "ngành rà soát thủ tục hành chính. Hội Liên hiệp Phụ nữ tỉnh và các đoàn thể tỉnh tổ chức "
                           "tập huấn cho hội viên.")),
            (std::vector<std::string>{"tổ chức 312 cuộc đối thoại với Nhân dân | dialogue",
                                      "rà soát thủ tục hành chính | other uy-ban-nhan-dan-tinh:direct",
                                      "tổ chức tập huấn cho hội viên | training"}));
  // A generic group does not draft a task for what is not work.
  EXPECT_TRUE(task_lines(run("Cán bộ, công chức các cấp còn lúng túng.")).empty());
}

TEST_F(ExtractTest, TheTextsOwnDocumentAndCommunesWhereTasksTakePlace) {
  const std::string text =
      "TỈNH ỦY BẮC NINH\nBAN DÂN VẬN\nSố 47-KH/BDVTU\n\nKẾ HOẠCH\ncông tác dân vận năm 2024\n\nBan Dân vận Huyện "
      "ủy chủ trì khảo sát việc thực hiện dân chủ ở cơ sở tại các xã Thục Luyện, Võ Miếu và Địch Quả. Ban Dân vận "
      "các huyện ủy căn cứ kế hoạch này xây dựng kế hoạch thực hiện ở địa phương. Văn phòng Tỉnh ủy theo dõi việc "
      "thực hiện Kế hoạch. Đồn Biên phòng Mường Lống tuần tra biên giới.";
  const auto d = run(text);
  EXPECT_EQ(task_lines(d), (std::vector<std::string>{
                               "khảo sát việc thực hiện dân chủ ở cơ sở | inspection ban-dan-van-huyen-uy:lead",
                               "xây dựng kế hoạch thực hiện ở địa phương | plan",
                               "theo dõi việc thực hiện Kế hoạch | monitoring", "tuần tra biên giới | other"}));
  const auto net = danvan::loads(d.dumps());
  // `kế hoạch này` and `Kế hoạch` alone are the plan the header numbers.
  for (std::size_t i = 1; i < 3; ++i) {
    ASSERT_EQ(net.tasks()[i].implements().size(), 1u) << i;
    EXPECT_EQ(net.documents()[net.tasks()[i].implements()[0]].number(), "47");
  }
  EXPECT_TRUE(net.tasks()[3].implements().empty());
  // The communes listed are the task's areas, at the commune level; the one in a body's name is no area.
  std::vector<std::string> areas;
  for (const auto a : net.tasks()[0].areas()) {
    areas.push_back(std::string(net.areas()[a].name()));
    EXPECT_EQ(net.areas()[a].level(), danvan::level::commune);
  }
  EXPECT_EQ(areas, (std::vector<std::string>{"Thục Luyện", "Võ Miếu", "Địch Quả"}));
  std::vector<std::string> items;
  for (const auto& i : of(d, dt::item_kind::district)) items.push_back(i.name + ":" + i.category);
  EXPECT_EQ(items, (std::vector<std::string>{"Thục Luyện:commune", "Võ Miếu:commune", "Địch Quả:commune"}));
}

TEST_F(ExtractTest, TheLabelsOfRolesTheNetworkDeclaresAreCues) {
  // docs/format.md: a declared role's labels are what extraction reads it from.
  const auto net = danvan::loads(R"({"danvan": "1",
    "roles": [{"name": "thuc_hien", "labels": ["triển khai thực hiện"], "raci": "R", "description": "carries it out"}],
    "organizations": [{"id": "org:so-noi-vu", "name": "Sở Nội vụ"}]})");
  const std::string text = "Sở Nội vụ triển khai thực hiện việc kiểm tra công tác dân vận năm 2024.";
  dt::extract_options with, without;
  with.network = &net;
  const auto d = run(text, with);
  EXPECT_TRUE(has_role(d, "thuc_hien", "org:so-noi-vu"));
  bool cited = false;
  for (const auto& i : d.items())
    cited = cited || (i.kind == dt::item_kind::role && i.name == "thuc_hien" && i.text == "triển khai thực hiện");
  EXPECT_TRUE(cited);
  const auto draft = danvan::loads(d.dumps());  // the draft declares the role as the network does
  const auto r = draft.vocabulary().find("thuc_hien");
  ASSERT_TRUE(r);
  EXPECT_EQ(draft.vocabulary()[*r].letter, danvan::raci::R);
  const auto plain = run(text, without);  // kept: items() refers into the draft
  for (const auto& i : plain.items()) EXPECT_NE(i.name, "thuc_hien");
}

TEST_F(ExtractTest, ThreadsDoNotChangeTheResult) {
  std::string text;
  DANVAN_SEED_ARTICLE(one);
  while (text.size() < 300000) text += one + "\n\n";
  dt::extract_options a, b;
  a.threads = 1;
  b.threads = 2;
  const auto x = run(text, a), y = run(text, b);
  ASSERT_EQ(x.items().size(), y.items().size());
  for (std::size_t i = 0; i < x.items().size(); ++i) {
    EXPECT_EQ(x.items()[i].span, y.items()[i].span);
    EXPECT_EQ(x.items()[i].id, y.items()[i].id);
  }
  EXPECT_EQ(x.dumps(), y.dumps());
  // Later copies of the article name the same documents: one entity each, evidence capped.
  const auto net = danvan::loads(y.dumps());
  EXPECT_EQ(net.documents().size(), 12u);
  for (const auto doc : net.documents()) EXPECT_LE(doc.sources().size(), 50u);
}

TEST_F(ExtractTest, MinConfidenceDropsItemsAndWhatOnlyTheySupport) {
  DANVAN_SEED_ARTICLE(text);
  dt::extract_options o;
  o.min_confidence = 0.9;
  const auto d = run(text, o);
  for (const auto& i : d.items()) EXPECT_GE(i.confidence + 1e-9, 0.9);
  EXPECT_NO_THROW((void)danvan::loads(d.dumps()));
  EXPECT_LT(d.items().size(), run(text).items().size());
}

// ---- bad input ----------------------------------------------------------------------------------

TEST_F(ExtractTest, EmptyTextGivesAnEmptyValidDraft) {
  const auto d = run("");
  EXPECT_TRUE(d.items().empty());
  EXPECT_EQ(d.length(), 0u);
  const auto net = danvan::loads(d.dumps());
  EXPECT_EQ(net.sources().size(), 1u);
  EXPECT_EQ(net.sources()[0].sha256(), dt::sha256_hex(""));
  EXPECT_EQ(net.organizations().size(), 0u);
}

TEST_F(ExtractTest, TextWithoutVietnameseFindsNothing) {
  const auto d = run("The Provincial Party Committee met on Monday. Ban, ban, BAN! 12/2023/XYZ-ABC 2023.");
  EXPECT_EQ(of(d, dt::item_kind::organization).size(), 0u);
  EXPECT_EQ(of(d, dt::item_kind::role).size(), 0u);
  EXPECT_NO_THROW((void)danvan::loads(d.dumps()));
}

TEST_F(ExtractTest, InvalidUtf8IsReplacedOrRejected) {
  const std::string text = "Ban Dân vận Tỉnh ủy \xC3\x28 chủ trì \xFF\xFE, phối hợp với Công an tỉnh\xE2\x82";
  const auto d = run(text);
  EXPECT_TRUE(has_role(d, "lead", "org:ban-dan-van-tinh-uy"));
  EXPECT_TRUE(has_role(d, "coordinate", "org:cong-an-tinh"));
  for (const auto& i : d.items()) EXPECT_EQ(dt::find_invalid_utf8(i.text), std::string::npos);
  EXPECT_EQ(d.length(), dt::count_code_points(text));
  EXPECT_NO_THROW((void)danvan::loads(d.dumps()));
  dt::extract_options o;
  o.invalid = dt::invalid_utf8::reject;
  try {
    (void)run(text, o);
    FAIL() << "no error";
  } catch (const dt::invalid_utf8_error& e) {
    EXPECT_EQ(e.offset(), text.find("\xC3\x28"));
  }
}

TEST_F(ExtractTest, HtmlTagsAreSpacesAndEntitiesLetters) {
  const std::string text = "<p>Ban D&acirc;n v&#7853;n T&#7881;nh &#7911;y <b>ch&#7911; tr&igrave;</b>,"
                           " ph&#7889;i h&#7907;p v&#7899;i C&ocirc;ng an t&#7881;nh.</p><br/>&nbsp;";
  const auto d = run(text);
  const auto orgs = of(d, dt::item_kind::organization);
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].id, "org:ban-dan-van-tinh-uy");
  EXPECT_EQ(orgs[0].text, "Ban Dân vận Tỉnh ủy");  // decoded
  EXPECT_EQ(text.substr(orgs[0].byte_span.begin, orgs[0].byte_span.size()),
            "Ban D&acirc;n v&#7853;n T&#7881;nh &#7911;y");  // the span covers the entities
  EXPECT_TRUE(has_role(d, "lead", "org:ban-dan-van-tinh-uy"));
  EXPECT_TRUE(has_role(d, "coordinate", "org:cong-an-tinh"));
  EXPECT_NO_THROW((void)danvan::loads(d.dumps()));
}

TEST_F(ExtractTest, FiftyMegabytesWithoutBreaksOrSense) {
  // One 50 MB line: no line breaks for the chunker, a pathological mix of
  // heads without names, unbalanced quotes, tags, entities and bad bytes.
  const std::string unit = "Ban Ban Sở “ <b Hội &amp; \xFF phối hợp với các huyện, \"Dân vận khéo ";
  std::string text;
  text.reserve(50u << 20);
  while (text.size() < (50u << 20)) text += unit;
  const auto d = run(text);
  EXPECT_EQ(d.byte_length(), text.size());
  EXPECT_EQ(d.length(), dt::count_code_points(text));
  EXPECT_EQ(of(d, dt::item_kind::document).size(), 0u);
  EXPECT_NO_THROW((void)danvan::loads(d.dumps()));
}

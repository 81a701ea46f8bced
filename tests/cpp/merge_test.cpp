// Folding a draft into a network: matching by reference, name and province; new ids
// made unique; conflicts kept and reported; confidence; role vocabularies; the source
// text; a network merged into itself.
#include <danvan/io/json.hpp>
#include <danvan/merge.hpp>
#include <danvan/text/extract.hpp>

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {

const char* network_text = R"({"danvan": "1",
  "areas": [{"id": "area:hai-duong", "name": "Hải Dương", "level": "province"}],
  "organizations": [
    {"id": "org:ban-dan-van-tinh-uy", "name": "Ban Dân vận Tỉnh ủy Hải Dương", "aliases": ["Ban Dân vận Tỉnh ủy"],
     "kind": "party_commission", "level": "province", "area": "area:hai-duong"},
    {"id": "org:cong-an-tinh", "name": "Công an tỉnh Hải Dương", "aliases": ["Công an tỉnh"], "kind": "police",
     "level": "province", "area": "area:hai-duong"},
    {"id": "org:ban-bi-thu", "name": "Ban Bí thư Trung ương Đảng", "aliases": ["Ban Bí thư"], "kind": "party_committee", "level": "central"}],
  "documents": [{"id": "doc:nq-25", "name": "Nghị quyết số 25-NQ/TW", "type": "NQ", "number": "25", "issuer": "TW", "date": "2013-06-03"}],
  "tasks": [{"id": "task:doi-thoai", "name": "Đối thoại với Nhân dân", "kind": "dialogue",
             "roles": [{"org": "org:ban-dan-van-tinh-uy", "role": "lead"}]}]})";

std::map<std::string, danvan::merge_entry> by_draft_id(const danvan::merge_result& r) {
  std::map<std::string, danvan::merge_entry> out;
  for (const auto& e : r.entries) out[e.draft_id] = e;
  return out;
}

TEST(Merge, MatchesByReferenceAndByNameWithinTheProvince) {
  const auto net = danvan::loads(network_text);
  const auto draft = danvan::loads(R"({"danvan": "1",
    "areas": [{"id": "area:bac-giang", "name": "Bắc Giang", "level": "province"}],
    "organizations": [
      {"id": "org:ban-dan-van-tinh-uy", "name": "Ban Dân vận Tỉnh ủy Bắc Giang", "aliases": ["Ban Dân vận Tỉnh ủy"], "level": "province"},
      {"id": "org:cong-an-tinh", "name": "Công an tỉnh", "level": "province"},
      {"id": "org:bbt", "name": "Ban Bí thư", "level": "central"}],
    "documents": [{"id": "doc:x", "name": "Nghị quyết 25-NQ/TƯ", "type": "NQ", "number": "25", "issuer": "TƯ", "date": "2013"}],
    "tasks": [{"id": "task:hoi-nghi", "name": "Hội nghị", "roles": [{"org": "org:ban-dan-van-tinh-uy", "role": "lead"},
                                                                  {"org": "org:bbt", "role": "direct"}]}]})");
  const auto r = danvan::merge(net, draft);
  auto e = by_draft_id(r);
  // Bắc Giang's bodies are new, never Hải Dương's, whose ids they reuse: made unique.
  EXPECT_EQ(e["org:ban-dan-van-tinh-uy"].status, danvan::merge_status::added);
  EXPECT_EQ(e["org:ban-dan-van-tinh-uy"].id, "org:ban-dan-van-tinh-uy-2");
  EXPECT_EQ(e["org:cong-an-tinh"].status, danvan::merge_status::added);  // no province named: the draft's (Bắc Giang)
  EXPECT_EQ(e["org:cong-an-tinh"].id, "org:cong-an-tinh-2");
  // A central body matches wherever it is named; a document by its reference (`TƯ` is `TW`).
  EXPECT_EQ(e["org:bbt"].status, danvan::merge_status::matched);
  EXPECT_EQ(e["org:bbt"].id, "org:ban-bi-thu");
  EXPECT_EQ(e["doc:x"].status, danvan::merge_status::matched);
  EXPECT_EQ(e["doc:x"].id, "doc:nq-25");
  EXPECT_EQ(e["doc:x"].how, "reference");
  // The draft's roles point at the merged ids.
  const auto task = r.merged.task("task:hoi-nghi");
  std::vector<std::string> orgs;
  for (const auto role : task.roles()) orgs.emplace_back(role.org().id());
  EXPECT_EQ(orgs, (std::vector<std::string>{"org:ban-dan-van-tinh-uy-2", "org:ban-bi-thu"}));
  EXPECT_EQ(r.roles_added, 2u);
  EXPECT_EQ(r.merged.organization("org:ban-dan-van-tinh-uy").name(), "Ban Dân vận Tỉnh ủy Hải Dương");  // untouched
}

TEST(Merge, SameProvinceMatchesAndConflictsAreReportedNotWritten) {
  const auto net = danvan::loads(network_text);
  const std::string draft_text = R"({"danvan": "1",
    "areas": [{"id": "area:hd", "name": "Hải Dương", "level": "province"}],
    "sources": [{"id": "src:bao", "name": "Báo"}],
    "organizations": [{"id": "org:bdv", "name": "Ban Dân vận Tỉnh uỷ", "kind": "front",
                       "sources": [{"source": "src:bao", "span": [0, 9]}]},
                      {"id": "org:weak", "name": "Ban Không Chắc", "extra": {"confidence": 0.3}}],
    "tasks": [{"id": "task:doi-thoai", "name": "Đối thoại với nhân dân",
               "roles": [{"org": "org:bdv", "role": "lead"}, {"org": "org:bdv", "role": "advise"}, {"org": "org:weak", "role": "coordinate"}]}]})";
  const auto draft = danvan::loads(draft_text);
  danvan::merge_options o;
  o.min_confidence = 0.5;
  const auto r = danvan::merge(net, draft, o);
  auto e = by_draft_id(r);
  EXPECT_EQ(e["org:bdv"].status, danvan::merge_status::matched);  // old tone-mark placement, same province
  EXPECT_EQ(e["org:bdv"].id, "org:ban-dan-van-tinh-uy");
  EXPECT_EQ(e["area:hd"].id, "area:hai-duong");
  EXPECT_EQ(e["task:doi-thoai"].id, "task:doi-thoai");  // matched by name, case ignored
  EXPECT_EQ(e["org:weak"].status, danvan::merge_status::dropped);
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].field, "kind");
  EXPECT_EQ(r.conflicts[0].network_value, "\"party_commission\"");
  EXPECT_EQ(r.merged.organization("org:ban-dan-van-tinh-uy").kind(), danvan::org_kind::party_commission);
  // The matched task gains the role it lacked (advise), not the one it had, nor the dropped body's.
  EXPECT_EQ(r.roles_added, 1u);
  EXPECT_EQ(r.merged.task("task:doi-thoai").roles().size(), 2u);
  // The matched body gains the draft's evidence and spelling.
  EXPECT_EQ(r.merged.organization("org:ban-dan-van-tinh-uy").sources().size(), 1u);
  // --prefer draft takes the draft's value.
  o.prefer_draft = true;
  EXPECT_EQ(danvan::merge(net, draft, o).merged.organization("org:ban-dan-van-tinh-uy").kind(), danvan::org_kind::front);
}

TEST(Merge, ANetworkIntoItselfChangesNothing) {
  const auto net = danvan::loads(network_text);
  const auto r = danvan::merge(net, net);
  for (const auto& e : r.entries) {
    EXPECT_EQ(e.status, danvan::merge_status::matched) << e.draft_id;
    EXPECT_EQ(e.id, e.draft_id);
  }
  EXPECT_EQ(r.roles_added, 0u);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_EQ(danvan::dumps(r.merged), danvan::dumps(net));
}

TEST(Merge, ADraftThatDoesNotFitIsRefusedWithItsPaths) {
  const auto net = danvan::loads(R"({"danvan": "1", "roles": [{"name": "thuc_hien", "raci": "R"}]})");
  const auto draft = danvan::loads(R"({"danvan": "1", "roles": [{"name": "thuc_hien", "raci": "C"}],
    "sources": [{"id": "src:t", "name": "T", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}],
    "organizations": [{"id": "org:a", "name": "A", "sources": [{"source": "src:t", "span": [2, 40]}]}]})");
  danvan::merge_options o;
  o.source_text = "Ban A";
  try {
    (void)danvan::merge(net, draft, o);
    FAIL() << "expected a validation_error";
  } catch (const danvan::validation_error& e) {
    std::vector<std::string> paths;
    for (const auto& p : e.problems()) paths.push_back(p.path + " " + p.rule);
    EXPECT_EQ(paths, (std::vector<std::string>{"/roles/0/raci role-conflict", "/sources/0/sha256 other-text",
                                               "/organizations/0/sources/0/span span-past-text"}));
  }
  // The right text: only the vocabulary is wrong.
  o.source_text = std::string(40, 'x');
  const auto fixed = danvan::loads(R"({"danvan": "1", "roles": [{"name": "thuc_hien", "raci": "R"}, {"name": "giam_sat", "raci": "I"}],
    "organizations": [{"id": "org:a", "name": "A"}]})");
  const auto r = danvan::merge(net, fixed);
  EXPECT_TRUE(r.merged.vocabulary().find("giam_sat"));  // a role the network did not know joins it
}

}  // namespace

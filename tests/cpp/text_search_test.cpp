// The fuzzy name index: ranking tiers, aliases, scores, immutability under threads.
#include <danvan/text/search.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <thread>

namespace {

using namespace danvan::text;
using json = nlohmann::json;

// Names (with their items; aliases share one) and queries with the expected
// best item, its kind and the name that matched. Also run by tests/python/test_text.py.
constexpr const char* kSearch = R"search({
  "names": [
    ["Tỉnh ủy Hải Dương", 0], ["Ban Dân vận Tỉnh uỷ", 1], ["BDVTU", 1], ["Ban Tuyên giáo Tỉnh ủy", 2],
    ["Công an tỉnh", 3], ["Bộ Chỉ huy Quân sự tỉnh", 4], ["Ủy ban MTTQ tỉnh", 5],
    ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", 5], ["Sở Tài nguyên và Môi trường", 6],
    ["Ủy ban nhân dân tỉnh Hải Dương", 7], ["UBND tỉnh", 7], ["Hội Cựu chiến binh tỉnh", 8],
    ["Hội Liên hiệp Phụ nữ tỉnh", 9], ["Ban Tôn giáo tỉnh", 10], ["Văn phòng Tỉnh ủy", 11],
    ["Đảng ủy Khối cơ quan tỉnh", 12]
  ],
  "queries": [
    {"query": "tinh uy hai duong", "item": 0, "kind": "exact", "name": "Tỉnh ủy Hải Dương"},
    {"query": "Tỉnh uỷ Hải Dương", "item": 0, "kind": "exact", "name": "Tỉnh ủy Hải Dương"},
    {"query": "TỈNH ỦY HẢI DƯƠNG", "item": 0, "kind": "exact", "name": "Tỉnh ủy Hải Dương"},
    {"query": "tinh uy hai", "item": 0, "kind": "prefix", "name": "Tỉnh ủy Hải Dương"},
    {"query": "ban dan van tinh uy", "item": 1, "kind": "exact", "name": "Ban Dân vận Tỉnh uỷ"},
    {"query": "dan van", "item": 1, "kind": "tokens", "name": "Ban Dân vận Tỉnh uỷ"},
    {"query": "bdvtu", "item": 1, "kind": "exact", "name": "BDVTU"},
    {"query": "tinh uy hai duogn", "item": 0, "kind": "tokens", "name": "Tỉnh ủy Hải Dương"},
    {"query": "tnh uy hai duong", "item": 0, "kind": "tokens", "name": "Tỉnh ủy Hải Dương"},
    {"query": "cong an", "item": 3, "kind": "prefix", "name": "Công an tỉnh"},
    {"query": "mat tran to quoc", "item": 5, "kind": "tokens", "name": "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"},
    {"query": "cuu chien binh", "item": 8, "kind": "tokens", "name": "Hội Cựu chiến binh tỉnh"},
    {"query": "phu nu", "item": 9, "kind": "tokens", "name": "Hội Liên hiệp Phụ nữ tỉnh"},
    {"query": "Sở Tài nguyên & Môi trường", "item": 6, "kind": "tokens", "name": "Sở Tài nguyên và Môi trường"},
    {"query": "tai nguyen moi truong", "item": 6, "kind": "tokens", "name": "Sở Tài nguyên và Môi trường"},
    {"query": "bdvtuu", "item": 1, "kind": "tokens", "name": "BDVTU"},
    {"query": "congantinh", "item": 3, "kind": "edit", "name": "Công an tỉnh"},
    {"query": "cong na tinh", "item": 3, "kind": "tokens", "name": "Công an tỉnh"},
    {"query": "van phong tinh uy", "item": 11, "kind": "exact", "name": "Văn phòng Tỉnh ủy"},
    {"query": "ton gia", "item": 10, "kind": "tokens", "name": "Ban Tôn giáo tỉnh"},
    {"query": "Ðảng ủy khoi", "item": 12, "kind": "prefix", "name": "Đảng ủy Khối cơ quan tỉnh"},
    {"query": "", "item": null},
    {"query": "!!!", "item": null},
    {"query": "xyzzy", "item": null}
  ]
})search";

fuzzy_index build() {
  const auto j = json::parse(kSearch);
  std::vector<fuzzy_entry> entries;
  for (const auto& n : j["names"]) entries.push_back({n[0].get<std::string>(), n[1].get<std::size_t>()});
  return fuzzy_index(std::move(entries));
}

std::string kind_name(match_kind k) {
  switch (k) {
    case match_kind::exact: return "exact";
    case match_kind::prefix: return "prefix";
    case match_kind::tokens: return "tokens";
    case match_kind::edit: return "edit";
  }
  return "?";
}

class Search : public testing::TestWithParam<json> {};
TEST_P(Search, BestMatch) {
  static const fuzzy_index index = build();
  const auto& q = GetParam();
  const std::string query = q["query"];
  SCOPED_TRACE(query);
  const auto found = index.find(query, 5);
  if (q["item"].is_null()) {
    EXPECT_TRUE(found.empty());
    return;
  }
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].item, q["item"].get<std::size_t>());
  EXPECT_EQ(kind_name(found[0].kind), q["kind"].get<std::string>());
  EXPECT_EQ(found[0].name, q["name"].get<std::string>());
  EXPECT_EQ(index.name(found[0].name_index), found[0].name);
  for (std::size_t i = 0; i < found.size(); ++i) {
    EXPECT_GE(found[i].score, 0.0);
    EXPECT_LE(found[i].score, 1.0);
    if (i > 0) {
      EXPECT_GE(found[i - 1].score, found[i].score);
    }
    for (std::size_t j = 0; j < i; ++j) EXPECT_NE(found[j].item, found[i].item) << "an item appears twice";
  }
}
INSTANTIATE_TEST_SUITE_P(text, Search, testing::ValuesIn(json::parse(kSearch)["queries"].get<std::vector<json>>()),
                         [](const auto& info) { return "query" + std::to_string(info.index); });

TEST(textFuzzyIndex, ScoresOfKindsDoNotOverlap) {
  const auto index = build();
  const auto exact = index.find("tinh uy hai duong", 1);
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_EQ(exact[0].score, 1.0);
  const auto prefix = index.find("tinh uy hai", 1);
  ASSERT_EQ(prefix.size(), 1u);
  EXPECT_GT(prefix[0].score, 0.9);
  EXPECT_LT(prefix[0].score, 1.0);
  for (const auto& m : index.find("dan van", 10)) {
    if (m.kind == match_kind::tokens) {
      EXPECT_GT(m.score, 0.5);
      EXPECT_LT(m.score, 0.9);
    }
  }
  const auto edit = index.find("congantinh", 1);
  ASSERT_EQ(edit.size(), 1u);
  EXPECT_EQ(edit[0].kind, match_kind::edit);
  EXPECT_LT(edit[0].score, 0.5);
}

TEST(textFuzzyIndex, LimitAndEmptyIndex) {
  const auto index = build();
  EXPECT_EQ(index.find("tinh", 3).size(), 3u);
  EXPECT_TRUE(index.find("tinh", 0).empty());
  const fuzzy_index empty;
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_TRUE(empty.find("tinh uy").empty());
}

TEST(textFuzzyIndex, NamesByPositionAndOutOfRange) {
  const fuzzy_index index(std::vector<std::string>{"Công an tỉnh", "Tỉnh uỷ"});
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.item(1), 1u);
  EXPECT_EQ(index.key(1), "tinh uy");
  EXPECT_EQ(index.name(0), "Công an tỉnh");
  EXPECT_THROW((void)index.name(2), std::out_of_range);
  EXPECT_THROW((void)index.item(2), std::out_of_range);
  EXPECT_THROW((void)index.key(5), std::out_of_range);
  const auto found = index.find("tinh uy");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].item, 1u);
  EXPECT_EQ(found[0].kind, match_kind::exact);
}

TEST(textFuzzyIndex, AliasesReturnTheItemOnceWithItsBestName) {
  const auto index = build();
  const auto found = index.find("ubnd tinh", 10);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].item, 7u);
  EXPECT_EQ(found[0].name, "UBND tỉnh");
  std::size_t sevens = 0;
  for (const auto& m : found) sevens += m.item == 7;
  EXPECT_EQ(sevens, 1u);
}

TEST(textFuzzyIndex, ConstLookupsFromManyThreads) {
  const auto index = build();
  const auto expected = index.find("tinh uy hai duogn", 5);
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const auto got = index.find("tinh uy hai duogn", 5);
        if (got.size() != expected.size()) return;
        for (std::size_t k = 0; k < got.size(); ++k)
          if (got[k].item != expected[k].item || got[k].score != expected[k].score) return;
      }
      ok[static_cast<std::size_t>(t)] = 1;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(ok[static_cast<std::size_t>(t)], 1) << "thread " << t;
}

TEST(textFuzzyIndex, CopiesShareTheSameAnswers) {
  const auto index = build();
  const fuzzy_index copy = index;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(copy.size(), index.size());
  EXPECT_EQ(copy.find("cong an", 1)[0].name, index.find("cong an", 1)[0].name);
}

}  // namespace

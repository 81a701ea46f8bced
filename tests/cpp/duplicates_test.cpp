// Duplicate candidates: a hand-checked network where one task is planted twice (the
// copy's name in capitals with the old tone-mark placement, one organization fewer)
// among near misses of another kind, topic, area, time, year or with one organization
// in common; each option; bad options; and the shipped network, which has none.
#include <danvan/builder.hpp>
#include <danvan/io/json.hpp>
#include <danvan/query/duplicates.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <random>
#include <set>
#include <tuple>
#include <string>
#include <utility>
#include <vector>

namespace {

// t1 and t2 are one conference recorded twice. t3 (another topic), t4 (another district,
// and before t2), t5 (2019) and t7 (the conference of 2025: the names' numbers differ)
// are near misses of the same kind; t6 is monitoring by the same organizations; t8 and
// t9 share one organization only.
const char* text = R"({
  "danvan": "1",
  "areas": [{"id": "area:tinh", "name": "Tỉnh", "level": "province"},
            {"id": "area:huyen-a", "name": "Huyện A", "level": "district", "parent": "area:tinh"},
            {"id": "area:huyen-b", "name": "Huyện B", "level": "district", "parent": "area:tinh"}],
  "topics": [{"id": "topic:moi-truong", "name": "Môi trường"}, {"id": "topic:ton-giao", "name": "Tôn giáo"}],
  "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}, {"id": "org:c", "name": "C"},
                    {"id": "org:d", "name": "D"}, {"id": "org:e", "name": "E"}],
  "tasks": [
    {"id": "task:t1", "name": "Hội nghị triển khai công tác dân vận của Tỉnh ủy năm 2024", "kind": "briefing",
     "topics": ["topic:moi-truong"], "areas": ["area:huyen-a"], "period": {"start": "2023", "end": "2024"},
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}, {"org": "org:c", "role": "coordinate"}]},
    {"id": "task:t2", "name": "HỘI NGHỊ TRIỂN KHAI CÔNG TÁC DÂN VẬN CỦA TỈNH UỶ NĂM 2024", "kind": "briefing",
     "topics": ["topic:moi-truong"], "areas": ["area:tinh"], "due": "2024-03",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
    {"id": "task:t3", "name": "Hội nghị triển khai công tác dân vận của Tỉnh ủy năm 2024", "kind": "briefing",
     "topics": ["topic:ton-giao"], "areas": ["area:huyen-a"], "due": "2024-03",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
    {"id": "task:t4", "name": "Hội nghị triển khai công tác dân vận của Tỉnh ủy năm 2024", "kind": "briefing",
     "topics": ["topic:moi-truong"], "areas": ["area:huyen-b"], "due": "2023-05",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
    {"id": "task:t5", "name": "Hội nghị triển khai công tác dân vận của Tỉnh ủy năm 2024", "kind": "briefing",
     "topics": ["topic:moi-truong"], "due": "2019",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}]},
    {"id": "task:t6", "name": "Nắm tình hình Nhân dân năm 2024", "kind": "monitoring",
     "topics": ["topic:moi-truong"], "areas": ["area:huyen-a"], "due": "2024-03",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}, {"org": "org:c", "role": "coordinate"}]},
    {"id": "task:t7", "name": "Hội nghị triển khai công tác dân vận của Tỉnh ủy năm 2025", "kind": "briefing",
     "topics": ["topic:moi-truong"], "areas": ["area:huyen-a"], "due": "2024-03",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}, {"org": "org:c", "role": "coordinate"}]},
    {"id": "task:t8", "name": "Đối thoại với chức sắc tôn giáo", "kind": "dialogue", "topics": ["topic:ton-giao"],
     "roles": [{"org": "org:d", "role": "lead"}]},
    {"id": "task:t9", "name": "Đối thoại với các chức sắc tôn giáo", "kind": "dialogue", "topics": ["topic:ton-giao"],
     "roles": [{"org": "org:d", "role": "lead"}, {"org": "org:e", "role": "coordinate"}]}]
})";

using pairs = std::vector<std::pair<std::string, std::string>>;

testing::AssertionResult starts_with(const std::string& text, const std::string& prefix) {
  if (text.starts_with(prefix)) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "`" << text << "` does not start with `" << prefix << "`";
}

pairs pairs_of(const danvan::network& net, const std::vector<danvan::duplicate_candidate>& found) {
  pairs out;
  for (const auto& c : found)
    out.emplace_back(net.id_of(danvan::entity_kind::task, c.a), net.id_of(danvan::entity_kind::task, c.b));
  return out;
}

TEST(Duplicates, FindsThePlantedCopyAndNoNearMiss) {
  const auto net = danvan::loads(text);
  const auto found = danvan::duplicate_candidates(net);
  ASSERT_EQ(pairs_of(net, found), (pairs{{"task:t1", "task:t2"}}));
  const auto& c = found[0];
  EXPECT_DOUBLE_EQ(c.jaccard, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(c.name_similarity, 1.0);  // capitals and `uỷ` for `ủy` do not count
  EXPECT_DOUBLE_EQ(c.score, 0.5 * 2.0 / 3.0 + 0.5);
  EXPECT_TRUE(c.same_kind);
  EXPECT_EQ(c.shared_organizations, 2u);
  EXPECT_EQ(c.organizations, 3u);
  EXPECT_EQ(c.areas, std::vector<danvan::index>{net.area("area:huyen-a").position()});
  EXPECT_EQ(c.common.start, danvan::date(2024, 3));
  EXPECT_EQ(c.reason,
            "same kind (briefing); same topic (topic:moi-truong); same area (area:huyen-a); periods overlap "
            "(2024-03); 2 of 3 organizations in common (Jaccard 0.67); names alike 1.00; score 0.83");
}

TEST(Duplicates, KindsPairOnlyWhenAllowed) {
  const auto net = danvan::loads(text);
  // Monitoring by the same three organizations as the conference t1: not by default.
  danvan::duplicate_options any;
  any.any_kind = true;
  const auto found = danvan::duplicate_candidates(net, {}, any);
  ASSERT_EQ(pairs_of(net, found), (pairs{{"task:t1", "task:t2"}, {"task:t1", "task:t6"}}));
  EXPECT_FALSE(found[1].same_kind);
  EXPECT_DOUBLE_EQ(found[1].jaccard, 1.0);
  EXPECT_DOUBLE_EQ(found[1].name_similarity, 4.0 / 15.0);  // nam, tinh, dan, 2024 of 15 words
  EXPECT_TRUE(starts_with(found[1].reason, "kinds that may repeat each other (briefing, monitoring); "));

  danvan::duplicate_options group;
  group.kinds = {{"monitoring", "briefing"}};
  EXPECT_EQ(pairs_of(net, danvan::duplicate_candidates(net, {}, group)), pairs_of(net, found));
  group.kinds = {{"briefing", "dialogue"}};  // another group: monitoring still stays apart
  EXPECT_EQ(pairs_of(net, danvan::duplicate_candidates(net, {}, group)), (pairs{{"task:t1", "task:t2"}}));
}

TEST(Duplicates, MinSharedOrganizations) {
  const auto net = danvan::loads(text);
  danvan::duplicate_options one;
  one.min_shared_organizations = 1;
  // t8 and t9 have only org:d in common (Jaccard 1/2, names 7 of 8 words).
  const auto found = danvan::duplicate_candidates(net, {}, one);
  ASSERT_EQ(pairs_of(net, found), (pairs{{"task:t1", "task:t2"}, {"task:t8", "task:t9"}}));
  EXPECT_EQ(found[1].shared_organizations, 1u);
  EXPECT_DOUBLE_EQ(found[1].score, 0.5 * 0.5 + 0.5 * 7.0 / 8.0);
  danvan::duplicate_options three;
  three.min_shared_organizations = 3;
  EXPECT_TRUE(danvan::duplicate_candidates(net, {}, three).empty());
}

TEST(Duplicates, NamesWithOtherNumbersAreNotAlikeAndTheWeightCounts) {
  const auto net = danvan::loads(text);
  danvan::duplicate_options participants_only;
  participants_only.name_weight = 0;  // the score is the Jaccard: t7 (2025) joins
  const auto found = danvan::duplicate_candidates(net, {}, participants_only);
  ASSERT_EQ(pairs_of(net, found), (pairs{{"task:t1", "task:t7"}, {"task:t1", "task:t2"}, {"task:t2", "task:t7"}}));
  EXPECT_DOUBLE_EQ(found[0].score, 1.0);
  EXPECT_DOUBLE_EQ(found[0].name_similarity, 0.0);  // 2024 and 2025
  danvan::duplicate_options strict;
  strict.min_score = 0.9;
  EXPECT_TRUE(danvan::duplicate_candidates(net, {}, strict).empty());
  danvan::duplicate_options limited = participants_only;
  limited.limit = 1;
  EXPECT_EQ(pairs_of(net, danvan::duplicate_candidates(net, {}, limited)), (pairs{{"task:t1", "task:t7"}}));
}

std::string error_of(const danvan::network& net, const danvan::duplicate_options& o) {
  try {
    (void)danvan::duplicate_candidates(net, {}, o);
  } catch (const danvan::argument_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Duplicates, BadOptionsAreArgumentErrors) {
  const auto net = danvan::loads(text);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (double bad : {0.0, -0.5, 1.5, nan}) {
    danvan::duplicate_options o;
    o.min_jaccard = bad;
    EXPECT_TRUE(starts_with(error_of(net, o), "min_jaccard:")) << bad;
  }
  for (double bad : {-0.1, 1.1, nan}) {
    danvan::duplicate_options w, s;
    w.name_weight = bad;
    s.min_score = bad;
    EXPECT_TRUE(starts_with(error_of(net, w), "name_weight:")) << bad;
    EXPECT_TRUE(starts_with(error_of(net, s), "min_score:")) << bad;
  }
  danvan::duplicate_options none;
  none.min_shared_organizations = 0;
  EXPECT_EQ(error_of(net, none),
            "min_shared_organizations: 0 is not allowed; two items must share at least 1 organization");
  danvan::duplicate_options typo;
  typo.kinds = {{"brefing", "dialogue"}};
  typo.any_kind = true;  // checked all the same
  EXPECT_EQ(error_of(net, typo),
            "kinds: unknown task kind `brefing`; did you mean `briefing`? (kinds: plan, review, inspection, dialogue, "
            "training, briefing, propaganda, monitoring, commemoration, coordination, other)");
  danvan::duplicate_options lonely;
  lonely.kinds = {{"briefing"}};
  EXPECT_EQ(error_of(net, lonely),
            "kinds: the group `briefing` names fewer than two kinds; a group lists the kinds that may repeat each "
            "other (briefing, dialogue)");
  danvan::duplicate_options programs;
  programs.on = danvan::projection_on::programs;
  programs.kinds = {{"briefing", "movement"}};
  EXPECT_TRUE(starts_with(error_of(net, programs), "kinds: unknown program kind `briefing`"));
}

// ---- the prefix filter loses nothing ----

/// Random tasks of three kinds and two topics, 1 to 6 organizations picked with a skew,
/// names of 3 to 5 words from a small vocabulary, some with a year; no areas, no dates.
danvan::network random_network(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  danvan::network_builder b;
  for (int i = 0; i < 40; ++i) b.add(danvan::organization{{.id = "org:o" + std::to_string(i), .name = "O"}});
  b.add(danvan::topic{{.id = "topic:a", .name = "A"}});
  b.add(danvan::topic{{.id = "topic:b", .name = "B"}});
  const char* words[] = {"hội", "nghị", "tuyên", "truyền", "dân", "vận", "tôn", "giáo"};
  const danvan::task_kind kinds[] = {danvan::task_kind::plan, danvan::task_kind::briefing,
                                     danvan::task_kind::monitoring};
  for (int t = 0; t < 300; ++t) {
    danvan::task task;
    task.id = "task:t" + std::to_string(t);
    const int n = 3 + static_cast<int>(rng() % 3);
    for (int w = 0; w < n; ++w) task.name += std::string(w ? " " : "") + words[rng() % 8];
    if (rng() % 3 == 0) task.name += rng() % 2 ? " 2023" : " 2024";
    task.kind = kinds[rng() % 3];
    task.topics = rng() % 4 == 0 ? std::vector<std::string>{"topic:a", "topic:b"}
                                 : std::vector<std::string>{rng() % 2 ? "topic:a" : "topic:b"};
    const int k = 1 + static_cast<int>(rng() % 6);
    std::set<int> picked;
    while (static_cast<int>(picked.size()) < k) picked.insert(static_cast<int>(std::pow(u(rng), 2.0) * 40));
    for (int o : picked)
      task.roles.push_back({.org = "org:o" + std::to_string(o), .role = task.roles.empty() ? "lead" : "coordinate"});
    b.add(std::move(task));
  }
  return std::move(b).build();
}

using row = std::tuple<danvan::index, danvan::index, double, std::string>;

std::vector<row> rows_of(const std::vector<danvan::duplicate_candidate>& found) {
  std::vector<row> out;
  for (const auto& c : found) out.emplace_back(c.a, c.b, c.score, c.reason);
  return out;
}

// The answer equals every pair that shares an organization (no pruning: min_shared 1,
// the least Jaccard near 0, any kind, any score) kept by the options' thresholds.
TEST(Duplicates, PrefixFilterMatchesTheUnprunedPairs) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const auto net = random_network(seed);
    danvan::duplicate_options all;
    all.min_jaccard = 1e-9;
    all.min_shared_organizations = 1;
    all.any_kind = true;
    all.min_score = 0;
    const auto every = danvan::duplicate_candidates(net, {}, all);
    for (double tau : {0.3, 0.5, 0.8})
      for (std::uint32_t m : {1u, 2u, 3u})
        for (double min_score : {0.0, 0.6}) {
          danvan::duplicate_options o;
          o.min_jaccard = tau;
          o.min_shared_organizations = m;
          o.min_score = min_score;
          std::vector<danvan::duplicate_candidate> want;
          for (const auto& c : every)
            if (c.same_kind && c.jaccard >= tau && c.shared_organizations >= m && c.score >= min_score) want.push_back(c);
          const auto got = danvan::duplicate_candidates(net, {}, o);
          ASSERT_FALSE(min_score == 0 && m == 1 && tau == 0.3 && want.empty()) << "a case that tests nothing";
          EXPECT_EQ(rows_of(got), rows_of(want)) << "seed " << seed << ", tau " << tau << ", m " << m << ", score "
                                                 << min_score;
        }
  }
}

// The shipped network: the defaults find nothing, and what looser options find is what
// the defaults are there to keep out (another kind of work, or one organization alone).
TEST(Duplicates, ShippedNetworkHasNone) {
  const auto file = std::filesystem::path(DANVAN_SOURCE_DIR) / "data" / "haiduong-2023.json";
  const auto net = danvan::load(file.string());
  EXPECT_TRUE(danvan::duplicate_candidates(net).empty());
  danvan::duplicate_options loose;
  loose.any_kind = true;
  loose.min_shared_organizations = 1;
  loose.min_score = 0;
  const auto found = danvan::duplicate_candidates(net, {}, loose);
  EXPECT_GE(found.size(), 5u);
  for (const auto& c : found) EXPECT_TRUE(!c.same_kind || c.shared_organizations < 2) << c.reason;
  danvan::duplicate_options programs;
  programs.on = danvan::projection_on::programs;
  EXPECT_TRUE(danvan::duplicate_candidates(net, {}, programs).empty());
}

}  // namespace

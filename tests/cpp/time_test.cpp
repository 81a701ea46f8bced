// Time and change: successor() through reorganization events, and the as-of view
// with inherited and orphaned roles; the 2025 reorganization of Hải Dương.
#include <danvan/io/json.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/time.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using danvan::date;
using danvan::entity_kind;

// Events are listed out of date order on purpose: they are applied by date.
const char* fixture = R"({
  "danvan": "1",
  "organizations": [
    {"id": "org:a", "name": "Ban A", "valid_to": "2025-02-28"},
    {"id": "org:b", "name": "Ban B", "valid_to": "2025-02-28"},
    {"id": "org:ab", "name": "Ban A và B", "valid_from": "2025-03-01", "valid_to": "2025-06-30"},
    {"id": "org:hp", "name": "Ban thành phố", "valid_from": "2025-07-01"},
    {"id": "org:huyen", "name": "Huyện ủy", "valid_to": "2025-06-30"},
    {"id": "org:s", "name": "Sở S", "valid_to": "2024-12-31"},
    {"id": "org:s1", "name": "Sở S1", "valid_from": "2025-01-01"},
    {"id": "org:s2", "name": "Sở S2", "valid_from": "2025-01-01"},
    {"id": "org:ended", "name": "Đã giải thể", "valid_to": "2020-12-31"},
    {"id": "org:future", "name": "Sẽ thành lập", "valid_from": "2030-01-01"},
    {"id": "org:stays", "name": "Còn lại"}],
  "tasks": [
    {"id": "task:t", "name": "Nhiệm vụ", "status": "in_progress",
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"},
               {"org": "org:huyen", "role": "host"}, {"org": "org:s", "role": "participate"},
               {"org": "org:ended", "role": "inform"}, {"org": "org:future", "role": "coordinate"},
               {"org": "org:stays", "role": "direct"}]},
    {"id": "task:old", "name": "Cũ", "valid_to": "2019-12-31", "roles": [{"org": "org:stays", "role": "lead"}]}],
  "events": [
    {"id": "event:thanh-pho", "name": "Hợp nhất vào thành phố", "kind": "transfer", "date": "2025-07-01",
     "from": ["org:ab"], "to": ["org:hp"]},
    {"id": "event:ab", "name": "Hợp nhất A và B", "kind": "merge", "date": "2025-03-01",
     "from": ["org:a", "org:b"], "to": ["org:ab"]},
    {"id": "event:huyen", "name": "Kết thúc cấp huyện", "kind": "dissolve", "date": "2025-07-01", "from": ["org:huyen"]},
    {"id": "event:s", "name": "Chia tách S", "kind": "split", "date": "2025-01-01", "from": ["org:s"], "to": ["org:s1", "org:s2"]}]
})";

class Time : public ::testing::Test {
 protected:
  danvan::network net = danvan::loads(fixture, "<fixture>");
  std::vector<std::string> ids(entity_kind kind, const std::vector<danvan::index>& list) const {
    std::vector<std::string> out;
    for (auto i : list) out.emplace_back(net.id_of(kind, i));
    return out;
  }
  std::vector<std::string> holders(const char* org, date on) const {
    return ids(entity_kind::organization, danvan::successor(net, org, on).holders);
  }
};

using strings = std::vector<std::string>;

TEST_F(Time, EventsAreAppliedInDateOrder) {
  EXPECT_EQ(ids(entity_kind::event, danvan::events_in_order(net)),
            (strings{"event:s", "event:ab", "event:thanh-pho", "event:huyen"}));
}

TEST_F(Time, SuccessorFollowsMergesInOrder) {
  EXPECT_EQ(holders("org:a", date(2023, 9, 16)), (strings{"org:a"}));
  EXPECT_EQ(holders("org:a", date(2025, 4, 1)), (strings{"org:ab"}));
  const auto s = danvan::successor(net, "org:a", date(2025, 9, 1));
  EXPECT_EQ(ids(entity_kind::organization, s.holders), (strings{"org:hp"}));
  EXPECT_EQ(ids(entity_kind::event, s.events), (strings{"event:ab", "event:thanh-pho"}));
  EXPECT_FALSE(s.orphaned());
  EXPECT_EQ(holders("org:b", date(2025, 9, 1)), (strings{"org:hp"}));
  // The day the merger takes effect, and a date of year precision that starts before it.
  EXPECT_EQ(holders("org:a", date(2025, 3, 1)), (strings{"org:ab"}));
  EXPECT_EQ(holders("org:a", date(2025)), (strings{"org:a"}));
  EXPECT_EQ(holders("org:stays", date(2025, 9, 1)), (strings{"org:stays"}));
}

TEST_F(Time, SplitDissolutionAndEndsWithoutEvent) {
  EXPECT_EQ(holders("org:s", date(2025, 6, 1)), (strings{"org:s1", "org:s2"}));
  const auto d = danvan::successor(net, "org:huyen", date(2025, 9, 1));
  EXPECT_TRUE(d.holders.empty());
  EXPECT_TRUE(d.orphaned());
  EXPECT_EQ(ids(entity_kind::event, d.events), (strings{"event:huyen"}));
  const auto e = danvan::successor(net, "org:ended", date(2023));
  EXPECT_TRUE(e.orphaned());
  EXPECT_TRUE(e.events.empty());
  const auto f = danvan::successor(net, "org:future", date(2023));
  EXPECT_FALSE(f.started);
  EXPECT_FALSE(f.orphaned());
  EXPECT_TRUE(f.holders.empty());
}

TEST_F(Time, UnknownOrganizationIsNotFound) {
  try {
    (void)danvan::successor(net, "org:ab-", date(2025));
    FAIL() << "expected danvan::not_found";
  } catch (const danvan::not_found& e) {
    EXPECT_EQ(e.id(), "org:ab-");
    EXPECT_NE(std::string(e.what()).find("`org:ab`"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)danvan::successor(net, danvan::index{99}, date(2025)), std::out_of_range);
}

TEST_F(Time, ViewMovesRolesToSuccessorsAndKeepsOrphans) {
  const danvan::time_view view(net, date(2025, 9, 1));
  EXPECT_FALSE(view.organization(net.organization("org:a").position()));
  EXPECT_TRUE(view.organization(net.organization("org:hp").position()));
  EXPECT_TRUE(view.task(net.task("task:t").position()));
  EXPECT_FALSE(view.task(net.task("task:old").position()));

  std::map<std::string, std::vector<danvan::dated_role>> by_original;
  for (const auto& r : view.roles()) by_original[std::string(net.id_of(entity_kind::organization, r.original_org))].push_back(r);
  ASSERT_EQ(by_original["org:a"].size(), 1u);
  const auto a = by_original["org:a"][0];
  EXPECT_TRUE(a.inherited);
  EXPECT_EQ(net.id_of(entity_kind::organization, a.org), "org:hp");
  EXPECT_EQ(net.id_of(entity_kind::event, a.event), "event:thanh-pho");  // the last event that moved it

  ASSERT_EQ(by_original["org:s"].size(), 2u);  // one row per successor of the split
  EXPECT_EQ(net.id_of(entity_kind::organization, by_original["org:s"][1].org), "org:s2");

  const auto h = by_original["org:huyen"].at(0);
  EXPECT_TRUE(h.orphaned);
  EXPECT_FALSE(h.inherited);
  EXPECT_EQ(h.org, danvan::no_index);
  EXPECT_EQ(net.id_of(entity_kind::event, h.event), "event:huyen");
  EXPECT_TRUE(by_original["org:ended"].at(0).orphaned);
  EXPECT_EQ(by_original["org:ended"].at(0).event, danvan::no_index);

  EXPECT_FALSE(by_original["org:stays"].at(0).inherited);
  EXPECT_EQ(by_original.count("org:future"), 0u);  // not there yet: no role, no orphan
  EXPECT_EQ(view.role_count(), 7u);                // a, b, huyen, s (twice), ended, stays
  EXPECT_EQ(view.roles().size(), view.role_count());

  const auto held = view.roles_held(net.organization("org:hp").position());
  ASSERT_EQ(held.size(), 2u);  // inherited from a and b
  EXPECT_EQ(net.id_of(entity_kind::organization, held[1].original_org), "org:b");
  EXPECT_EQ(view.roles_on(entity_kind::task, net.task("task:t").position()).size(), 7u);
  EXPECT_TRUE(view.roles_on(entity_kind::task, net.task("task:old").position()).empty());
}

TEST_F(Time, ViewBeforeTheReorganizationChangesNothing) {
  const danvan::time_view view(net, date(2023, 9, 16));
  for (const auto& r : view.roles()) {
    if (r.orphaned) continue;  // org:ended, gone since 2020
    EXPECT_FALSE(r.inherited);
    EXPECT_EQ(r.org, r.original_org);
  }
  EXPECT_EQ(view.role_count(), 6u);  // future does not exist yet; the old task has ended
  EXPECT_EQ(view.organization_count(), 5u);  // a, b, huyen, s, stays
}

TEST_F(Time, ViewBeforeEverythingIsEmpty) {
  const auto dated = danvan::loads(R"({"danvan": "1",
    "organizations": [{"id": "org:a", "name": "A", "valid_from": "2008-04"}],
    "tasks": [{"id": "task:t", "name": "T", "valid_from": "2010", "roles": [{"org": "org:a", "role": "lead"}]}]})");
  const danvan::time_view view(dated, date(1990, 1, 1));
  EXPECT_EQ(view.organization_count(), 0u);
  EXPECT_EQ(view.task_count(), 0u);
  EXPECT_EQ(view.role_count(), 0u);
  EXPECT_TRUE(view.roles().empty());
  EXPECT_EQ(danvan::time_view(dated, date(2011)).role_count(), 1u);
}

TEST_F(Time, EmptyDateIsAnError) {
  EXPECT_THROW(danvan::time_view(net, date{}), danvan::argument_error);
}

// ---- Hải Dương: the 2025 reorganization ---------------------------------------------------
//
// SPEC section 2 and the public record: from 2025-03-01 the Propaganda and the Mass
// Mobilization Commissions became "Ban Tuyên giáo và Dân vận Tỉnh ủy", and the Departments of
// Natural Resources and Environment and of Agriculture and Rural Development became the
// Department of Agriculture and Environment; on 2025-07-01 the province merged into Hải Phòng.

class HaiDuongTime : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto file = std::filesystem::path(DANVAN_SOURCE_DIR) / "data" / "haiduong-2023.json";
    if (std::filesystem::exists(file)) net_ = new danvan::network(danvan::load(file));
  }
  static void TearDownTestSuite() {
    delete net_;
    net_ = nullptr;
  }
  void SetUp() override {
    if (!net_) GTEST_SKIP() << "data/haiduong-2023.json is not there yet";
  }
  static const danvan::network& net() { return *net_; }
  static std::string org(danvan::index i) { return std::string(net().id_of(entity_kind::organization, i)); }
  static inline danvan::network* net_ = nullptr;
};

TEST_F(HaiDuongTime, CommissionAndDepartmentsPassToTheirSuccessors) {
  auto holders = [&](const char* o, date on) {
    std::vector<std::string> out;
    for (auto h : danvan::successor(net(), o, on).holders) out.push_back(org(h));
    return out;
  };
  EXPECT_EQ(holders("org:ban-dan-van-tinh-uy", date(2023, 9, 16)), (strings{"org:ban-dan-van-tinh-uy"}));
  EXPECT_EQ(holders("org:ban-dan-van-tinh-uy", date(2025, 4, 1)), (strings{"org:ban-tuyen-giao-va-dan-van-tinh-uy"}));
  EXPECT_EQ(holders("org:ban-dan-van-tinh-uy", date(2025, 9, 1)), (strings{"org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong"}));
  EXPECT_EQ(holders("org:so-tai-nguyen-va-moi-truong", date(2025, 4, 1)), (strings{"org:so-nong-nghiep-va-moi-truong"}));
  EXPECT_EQ(holders("org:so-nong-nghiep-va-phat-trien-nong-thon", date(2025, 4, 1)), (strings{"org:so-nong-nghiep-va-moi-truong"}));
  EXPECT_EQ(holders("org:so-tai-nguyen-va-moi-truong", date(2025, 9, 1)), (strings{"org:so-nong-nghiep-va-moi-truong-hai-phong"}));
  EXPECT_EQ(holders("org:so-nong-nghiep-va-phat-trien-nong-thon", date(2025, 9, 1)),
            (strings{"org:so-nong-nghiep-va-moi-truong-hai-phong"}));
}

TEST_F(HaiDuongTime, The2023RolesOfTheCommissionAreInheritedBy2025) {
  const danvan::time_view before(net(), date(2023, 9, 16)), after(net(), date(2025, 9, 1));
  const auto commission = net().organization("org:ban-dan-van-tinh-uy").position();
  const auto successor = net().organization("org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong").position();
  std::size_t own_2023 = 0;
  before.for_each_role([&](const danvan::dated_role& r) { own_2023 += r.org == commission; });
  ASSERT_GT(own_2023, 20u);
  std::size_t moved = 0;
  std::set<std::string> events;
  after.for_each_role([&](const danvan::dated_role& r) {
    if (r.original_org != commission) return;
    ++moved;
    EXPECT_TRUE(r.inherited);
    EXPECT_EQ(r.org, successor);
    events.insert(std::string(net().id_of(entity_kind::event, r.event)));
  });
  EXPECT_EQ(moved, own_2023);  // every role passes on; none is orphaned
  EXPECT_EQ(events.size(), 1u);
  // The environment programme's signatures of the two departments now both sit with the merged department.
  std::multiset<std::string> signers;
  for (const auto& r : after.roles_on(entity_kind::program, net().program("prog:chung-tay-bao-ve-moi-truong-2023-2025").position()))
    signers.insert(org(r.org));
  EXPECT_EQ(signers.count("org:so-nong-nghiep-va-moi-truong-hai-phong"), 2u);
  EXPECT_EQ(signers.count("org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong"), 1u);
  EXPECT_EQ(signers.count("org:so-tai-nguyen-va-moi-truong"), 0u);
}

}  // namespace

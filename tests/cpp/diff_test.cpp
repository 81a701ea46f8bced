// What changed between two networks: entities field by field, roles gained, lost and
// moved (with the event of a reorganization), responsibility per organization, overlap
// pairs and coverage findings; the 2025 reorganization of Hải Dương as a diff of two days.
#include <danvan/io/json.hpp>
#include <danvan/query/coverage.hpp>
#include <danvan/query/diff.hpp>
#include <danvan/query/time.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

namespace {

using danvan::date;
using danvan::entity_kind;

const char* before_text = R"({"danvan": "1",
  "organizations": [{"id": "org:a", "name": "Ban A"}, {"id": "org:b", "name": "Ban B"}, {"id": "org:c", "name": "Ban C"},
                    {"id": "org:gone", "name": "Ban cũ"}],
  "tasks": [{"id": "task:t", "name": "T", "status": "planned",
             "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"}, {"org": "org:c", "role": "coordinate"}]},
            {"id": "task:u", "name": "U", "roles": [{"org": "org:b", "role": "lead"}, {"org": "org:c", "role": "coordinate"}]}]})";

const char* after_text = R"({"danvan": "1",
  "organizations": [{"id": "org:a", "name": "Ban A mới"}, {"id": "org:b", "name": "Ban B"}, {"id": "org:c", "name": "Ban C"},
                    {"id": "org:new", "name": "Ban mới"}],
  "tasks": [{"id": "task:t", "name": "T", "status": "done",
             "roles": [{"org": "org:b", "role": "lead"}, {"org": "org:b", "role": "coordinate"}, {"org": "org:c", "role": "coordinate"}]},
            {"id": "task:u", "name": "U", "roles": [{"org": "org:b", "role": "lead"}]},
            {"id": "task:v", "name": "V", "roles": [{"org": "org:new", "role": "coordinate"}]}]})";

TEST(Diff, EntitiesRolesResponsibilityPairsAndFindings) {
  const auto a = danvan::loads(before_text), b = danvan::loads(after_text);
  const auto d = danvan::diff(a, b);
  std::set<std::string> entities;
  for (const auto& e : d.entities)
    entities.insert(std::string(danvan::to_string(e.change)) + " " + e.id + (e.field.empty() ? "" : " " + e.field + ": " + e.before + " -> " + e.after));
  EXPECT_EQ(entities, (std::set<std::string>{"renamed org:a name: Ban A -> Ban A mới", "removed org:gone", "added org:new",
                                             "changed task:t status: planned -> done", "added task:v"}));
  std::set<std::string> roles;
  for (const auto& r : d.roles)
    roles.insert(std::string(danvan::to_string(r.change)) + " " + r.target + " " + r.role + " " + r.org_before + ">" + r.org_after);
  EXPECT_EQ(roles, (std::set<std::string>{"moved task:t lead org:a>org:b", "lost task:u coordinate org:c>",
                                          "gained task:v coordinate >org:new"}));
  // Responsibility: a lost its R, b gained one, c lost a C, new gained a C.
  std::set<std::string> orgs;
  for (const auto& r : d.responsibility) orgs.insert(r.org);
  EXPECT_EQ(orgs, (std::set<std::string>{"org:a", "org:b", "org:c", "org:new"}));
  const auto b_row = std::find_if(d.responsibility.begin(), d.responsibility.end(), [](const auto& r) { return r.org == "org:b"; });
  EXPECT_EQ(b_row->before, (std::array<std::uint32_t, 4>{1, 0, 1, 0}));
  EXPECT_EQ(b_row->after, (std::array<std::uint32_t, 4>{2, 0, 1, 0}));
  // Pairs sharing two tasks or more: b and c shared t and u before, only t after.
  ASSERT_EQ(d.pairs.size(), 1u);
  EXPECT_EQ(d.pairs[0].a, "org:b");
  EXPECT_EQ(d.pairs[0].b, "org:c");
  EXPECT_EQ(d.pairs[0].before, 2u);
  EXPECT_EQ(d.pairs[0].after, 0u);
  // Coverage: org:gone was idle and is gone (resolved); task:v has no lead (new).
  const auto rules = danvan::parse_rules(R"({"rules": [{"rule": "task-responsible"}, {"rule": "organization-idle"}]})");
  danvan::diff_options o;
  o.rules = &rules;
  const auto with_rules = danvan::diff(a, b, o);
  std::set<std::string> findings;
  for (const auto& f : with_rules.findings) {
    EXPECT_FALSE(f.message.empty());
    findings.insert(std::string(f.resolved ? "resolved " : "new ") + f.rule + " " + f.entity);
  }
  EXPECT_EQ(findings, (std::set<std::string>{"resolved organization-idle org:gone", "new task-responsible task:v",
                                             "new organization-idle org:a"}));  // a lost its only role
  // A network against itself: nothing.
  EXPECT_TRUE(danvan::diff(a, a).empty());
  EXPECT_TRUE(danvan::diff(b, danvan::loads(danvan::dumps(b))).empty());
}

TEST(Diff, TheReorganizationAsADiffOfTwoDays) {
  const auto file = std::filesystem::path(DANVAN_SOURCE_DIR) / "data" / "haiduong-2023.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "data/haiduong-2023.json is not there";
  const auto net = danvan::load(file);
  const auto before = danvan::as_of(net, date(2023, 12, 31)), after = danvan::as_of(net, date(2025, 9, 1));
  const auto d = danvan::diff(before, after);
  // Every role the events carried is a move naming its event; every move a carried role.
  std::size_t carried = 0;
  for (const auto r : after.roles()) carried += r.carried_from().has_value();
  std::size_t moves = 0;
  for (const auto& r : d.roles) {
    if (r.change != danvan::role_change_kind::moved) continue;
    ++moves;
    EXPECT_TRUE(r.event.starts_with("event:2025-")) << r.target << " " << r.org_before << " -> " << r.org_after;
  }
  EXPECT_EQ(moves, carried);
  EXPECT_GT(moves, 50u);
  const auto commission = std::find_if(d.roles.begin(), d.roles.end(), [](const auto& r) {
    return r.org_before == "org:ban-dan-van-tinh-uy";
  });
  ASSERT_NE(commission, d.roles.end());
  EXPECT_EQ(commission->org_after, "org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong");
  // The roles nobody took over are lost, one each.
  std::size_t orphans = 0;
  for (const auto t : after.tasks()) orphans += t.orphaned_roles().size();
  for (const auto p : after.programs()) orphans += p.orphaned_roles().size();
  EXPECT_EQ(std::count_if(d.roles.begin(), d.roles.end(), [](const auto& r) { return r.change == danvan::role_change_kind::lost; }),
            static_cast<std::ptrdiff_t>(orphans));
}

}  // namespace

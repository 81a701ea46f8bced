// Building networks in C++: references in any order, both adjacency directions,
// every problem reported together, nothing built on failure.
#include <danvan/builder.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

danvan::organization org(std::string id, std::string name, std::string parent = {}) {
  danvan::organization o;
  o.id = std::move(id);
  o.name = std::move(name);
  o.kind = danvan::org_kind::party_commission;
  o.parent = std::move(parent);
  return o;
}

danvan::task task(std::string id, std::vector<std::pair<std::string, std::string>> roles) {
  danvan::task t;
  t.id = std::move(id);
  t.name = "Nhiệm vụ " + t.id;
  for (auto& [o, r] : roles) t.roles.push_back({o, r, {}, {}, {}});
  return t;
}

class BuilderTest : public ::testing::Test {
 protected:
  danvan::network build_small() {
    danvan::network_builder b("<test>");
    b.add(task("task:1", {{"org:a", "lead"}, {"org:b", "coordinate"}}));  // before its organizations
    b.add(task("task:2", {{"org:b", "lead"}, {"org:a", "advise"}, {"org:c", "direct"}}));
    b.add(org("org:a", "Ban A", "org:c"));
    b.add(org("org:b", "Ban B", "org:c"));
    b.add(org("org:c", "Tỉnh ủy"));
    return std::move(b).build();
  }
};

TEST_F(BuilderTest, ResolvesForwardReferencesAndKeepsInsertionOrder) {
  const auto net = build_small();
  ASSERT_EQ(net.organizations().size(), 3u);
  EXPECT_EQ(net.organizations()[0].id(), "org:a");
  EXPECT_EQ(net.organizations()[2].id(), "org:c");
  ASSERT_TRUE(net.organization("org:a").parent().has_value());
  EXPECT_EQ(net.organization("org:a").parent()->id(), "org:c");
  EXPECT_FALSE(net.organization("org:c").parent().has_value());
  EXPECT_EQ(net.roles().size(), 5u);
}

TEST_F(BuilderTest, AdjacencyRunsBothWays) {
  const auto net = build_small();
  std::vector<std::string> task2;
  for (auto r : net.task("task:2").roles()) task2.push_back(std::string(r.org().id()) + "/" + std::string(r.role_name()));
  EXPECT_EQ(task2, (std::vector<std::string>{"org:b/lead", "org:a/advise", "org:c/direct"}));

  std::vector<std::string> of_a;
  for (auto r : net.organization("org:a").roles())
    of_a.push_back(std::string(net.id_of(r.target_kind(), r.target())) + "/" + std::string(r.role_name()));
  EXPECT_EQ(of_a, (std::vector<std::string>{"task:1/lead", "task:2/advise"}));
  // Every role is reachable from its organization exactly once.
  std::size_t total = 0;
  for (auto o : net.organizations()) total += o.roles().size();
  EXPECT_EQ(total, net.roles().size());
  EXPECT_EQ(net.task("task:2").roles().begin().operator*().letter(), danvan::raci::R);
}

TEST_F(BuilderTest, LookupFailureNamesNearestIds) {
  const auto net = build_small();
  try {
    (void)net.task("task:3");
    FAIL() << "expected not_found";
  } catch (const danvan::not_found& e) {
    EXPECT_EQ(e.id(), "task:3");
    ASSERT_FALSE(e.suggestions().empty());
    EXPECT_NE(std::string(e.what()).find("did you mean"), std::string::npos);
  }
  EXPECT_FALSE(net.find("org:zzz").has_value());
  EXPECT_EQ(net.find("org:b"), std::optional<danvan::index>(1));
}

TEST_F(BuilderTest, ReportsEveryProblemAndBuildsNothing) {
  danvan::network_builder b("<test>");
  b.add(org("org:a", "Ban A", "org:missing"));
  b.add(org("org:a", "Ban A again"));
  b.add(org("bad-id", ""));
  b.add(task("task:1", {{"org:a", "leed"}, {"org:x", "lead"}}));
  try {
    (void)std::move(b).build();
    FAIL() << "expected validation_error";
  } catch (const danvan::validation_error& e) {
    std::vector<std::string> rules;
    for (const auto& p : e.problems()) rules.push_back(p.rule + "@" + p.path);
    const std::vector<std::string> expected{
        "unknown-reference@/organizations/0/parent", "duplicate-id@/organizations/1/id",
        "wrong-id-prefix@/organizations/2/id",       "missing-field@/organizations/2/name",
        "unknown-role@/tasks/0/roles/0/role",        "unknown-reference@/tasks/0/roles/1/org"};
    EXPECT_EQ(rules, expected);
    EXPECT_EQ(e.total(), expected.size());
    EXPECT_EQ(e.problems()[0].file, "<test>");
  }
}

TEST_F(BuilderTest, CapsDetailButCountsEverything) {
  danvan::network_builder b;
  b.set_max_problems(5);
  for (int i = 0; i < 50; ++i) b.add(task("task:" + std::to_string(i), {{"org:nobody", "lead"}}));
  try {
    (void)std::move(b).build();
    FAIL();
  } catch (const danvan::validation_error& e) {
    EXPECT_EQ(e.problems().size(), 5u);
    EXPECT_EQ(e.total(), 50u);
    EXPECT_NE(std::string(e.what()).find("and 49 more problems"), std::string::npos);
  }
}

TEST_F(BuilderTest, FileDeclaredRolesJoinTheVocabulary) {
  danvan::network_builder b;
  b.add(task("task:1", {{"org:a", "teach"}}));  // declared after use
  b.add_role({"teach", {"giảng dạy"}, danvan::raci::C, "teaches a class"});
  b.add(org("org:a", "Ban A"));
  const auto net = std::move(b).build();
  const auto r = *net.task("task:1").roles().begin();
  EXPECT_EQ(r.role_name(), "teach");
  EXPECT_EQ(r.letter(), danvan::raci::C);
  EXPECT_EQ(net.vocabulary().declared().size(), 1u);
}

TEST_F(BuilderTest, RejectsBadRoleDeclarations) {
  danvan::network_builder b;
  b.add_role({"lead", {}, danvan::raci::R, {}});       // a core role
  b.add_role({"Giảng dạy", {}, danvan::raci::C, {}});  // not a file word
  try {
    (void)std::move(b).build();
    FAIL();
  } catch (const danvan::validation_error& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].path, "/roles/0/name");
    EXPECT_NE(e.problems()[0].message.find("declared twice"), std::string::npos);
    EXPECT_EQ(e.problems()[1].path, "/roles/1/name");
  }
}

}  // namespace

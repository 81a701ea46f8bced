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

/// rule@path: message, for each problem the build reports.
std::vector<std::string> problems_of(danvan::network_builder& b) {
  try {
    (void)std::move(b).build();
  } catch (const danvan::validation_error& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) out.push_back(p.rule + "@" + p.path + ": " + p.message);
    return out;
  }
  ADD_FAILURE() << "built without problems";
  return {};
}

TEST_F(BuilderTest, TextFieldsFollowTheSchemasPatterns) {
  danvan::network_builder b;
  b.add(org("org:a", "\xC2\xA0\t\xE3\x80\x80"));  // U+00A0, tab, U+3000: only white space
  auto a = org("org:b", "Ban B");
  a.aliases = {"Ban B", " ", "B", "Ban B"};
  b.add(a);
  danvan::document d;
  d.id = "doc:1";
  d.name = "Nghị quyết";
  d.type = "NQ-TW";
  d.number = "21\xE2\x80\x83" "a";  // U+2003 em space
  d.issuer = "TU/HU";
  d.term = "12";
  d.replaces = {"doc:1"};
  b.add(d);
  b.add_role({"teach", {"giảng dạy", "", "giảng dạy"}, danvan::raci::C, {}});
  b.set_meta({.language = "Tiếng Việt"});
  const auto got = problems_of(b);
  const std::vector<std::string> want{
      "bad-value@/meta/language: `Tiếng Việt` is not a language tag: write a BCP 47 tag such as `vi` or `en-US`",
      "bad-value@/roles/0/labels/1: a label must not be empty or only white space",
      "duplicate-item@/roles/0/labels/2: `giảng dạy` is listed twice (first at /roles/0/labels/0)",
      "missing-field@/organizations/0/name: the organization has no name: `\xC2\xA0\t\xE3\x80\x80` is only white space",
      "bad-value@/organizations/1/aliases/1: an alias must not be empty or only white space",
      "duplicate-item@/organizations/1/aliases/3: `Ban B` is listed twice (first at /organizations/1/aliases/0)",
      "bad-value@/documents/0/issuer: `TU/HU` is not an issuer code: it has no white space or `/` (`TW`, `BDVTU-BCHQST-CAT`, `QH15`)",
      "bad-value@/documents/0/number: `21\xE2\x80\x83" "a` is not a document number: a number has no white space (`21`, `202/2025`)",
      "self-reference@/documents/0/replaces/0: the document replaces itself",
      "bad-value@/documents/0/term: `12` is not a term: write the term (khóa) in Roman numerals, as documents do (`XII`); did you mean `XII`?",
      "bad-value@/documents/0/type: `NQ-TW` is not a document type: a type has no white space, `/` or `-` (the reference "
      "`21-CT/TW` has type `CT`, number `21` and issuer `TW`)"};
  EXPECT_EQ(got, want);
}

TEST_F(BuilderTest, IdsHaveNoWhiteSpaceOrControlCharacter) {
  danvan::network_builder b;
  b.add(org("org:ok-\xE1\xBB\x89nh", "Tỉnh"));  // letters beyond ASCII are fine
  b.add(org(std::string("org:a\0b", 7), "A"));
  b.add(org("org:a\xE2\x80\xA8", "B"));  // U+2028 line separator
  auto t = task("task:t", {{"org:\xEF\xBB\xBFx", "lead"}});  // U+FEFF
  t.roles[0].carried_from = danvan::role_origin{"org:x\x7F", "event:e\xC2\x85", {}};  // DEL, NEL
  b.add(t);
  const auto got = problems_of(b);
  ASSERT_EQ(got.size(), 5u) << ::testing::PrintToString(got);
  EXPECT_NE(got[0].find("wrong-id-prefix@/organizations/1/id: "), std::string::npos);
  EXPECT_NE(got[0].find("(it has U+0000 at character 6)"), std::string::npos) << got[0];
  EXPECT_NE(got[1].find("(it has U+2028 at character 6)"), std::string::npos) << got[1];
  EXPECT_NE(got[2].find("@/tasks/0/roles/0/carried_from/event: `event:e\xC2\x85` is not an event id: "), std::string::npos) << got[2];
  EXPECT_NE(got[2].find("(it has U+0085 at character 8)"), std::string::npos) << got[2];
  EXPECT_NE(got[3].find("@/tasks/0/roles/0/carried_from/org: "), std::string::npos) << got[3];
  EXPECT_NE(got[4].find("wrong-id-prefix@/tasks/0/roles/0/org: `org:\xEF\xBB\xBFx` is not an organization id: "), std::string::npos) << got[4];
  EXPECT_NE(got[4].find("(it has U+FEFF at character 5)"), std::string::npos) << got[4];
}

TEST_F(BuilderTest, AListNamesEachItemOnce) {
  danvan::network_builder b;
  for (const char* id : {"org:a", "org:b", "org:c"}) b.add(org(id, id));
  b.add(task("task:t", {}));
  b.add(danvan::program{{.id = "prog:p", .name = "P"}});
  danvan::event e{{.id = "event:e", .name = "Chia"}, danvan::event_kind::split};
  e.date = danvan::date(2025, 3, 1);
  e.from = {"org:a"};
  e.to = {"org:b", "org:c", "org:b"};
  e.shares = {{"org:b", {}, {}, {"task:t", "prog:p", "task:t", "prog:p"}}};
  b.add(e);
  const auto got = problems_of(b);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "duplicate-item@/events/0/shares/0/items/2: `task:t` is listed twice (first at /events/0/shares/0/items/0)",
                     "duplicate-item@/events/0/shares/0/items/3: `prog:p` is listed twice (first at /events/0/shares/0/items/1)",
                     "duplicate-item@/events/0/to/2: `org:b` is listed twice (first at /events/0/to/0)"}));
}

TEST_F(BuilderTest, CyclesOfReplacementAndLongCyclesAreReportedOnceAndShort) {
  danvan::network_builder b;
  // Three documents replace each other in turn; a fourth continues the first.
  for (int i = 0; i < 3; ++i) {
    danvan::document d{{.id = "doc:" + std::to_string(i), .name = "Văn bản"}};
    d.replaces = {"doc:" + std::to_string((i + 1) % 3)};
    d.continues = {"doc:0"};
    b.add(d);
  }
  // A hierarchy cycle of 100,000 organizations: its length and ends, not its members.
  constexpr int n = 100000;
  for (int i = 0; i < n; ++i) b.add(org("org:" + std::to_string(i), "Ban", "org:" + std::to_string((i + 1) % n)));
  const auto got = problems_of(b);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], "hierarchy-cycle@/organizations/99999/parent: the organization hierarchy has a cycle of 100000 "
                    "organizations: org:0 → org:1 → … → org:99999 → org:0");
  EXPECT_EQ(got[1], "self-reference@/documents/0/continues/0: the document continues itself");
  EXPECT_EQ(got[2], "document-cycle@/documents/2/replaces/0: the documents replace each other in a cycle: doc:0 → doc:1 → doc:2 → doc:0");
}

TEST_F(BuilderTest, TasksKeepTheirIdsNamesAndRareFieldsWhereverTheyAreStored) {
  danvan::network_builder b;
  auto a = org("org:a", "Ban A");
  a.valid_to = danvan::date(2025, 2, 28);
  auto bb = org("org:b", "Ban B");
  bb.valid_from = danvan::date(2025, 3, 1);
  auto c = org("org:c", "Ban C");
  c.valid_from = danvan::date(2025, 3, 1);
  b.add(a);
  b.add(bb);
  b.add(c);
  // The event names task:2 before it is declared: its id is stored before its name is.
  danvan::event e{{.id = "event:e", .name = "Chia"}, danvan::event_kind::split};
  e.date = danvan::date(2025, 3, 1);
  e.from = {"org:a"};
  e.to = {"org:b", "org:c"};
  e.shares = {{"org:b", {}, {}, {"task:2"}}};
  b.add(e);
  auto t1 = task("task:1", {{"org:a", "lead"}});
  t1.valid_to = danvan::date(2024, 12, 31);
  t1.classification = danvan::classification::restricted;
  b.add(t1);
  auto t2 = task("task:2", {{"org:b", "lead"}});
  t2.name = "Nhiệm vụ hai";
  b.add(t2);
  const auto net = std::move(b).build();
  EXPECT_EQ(net.tasks()[0].id(), "task:1");
  EXPECT_EQ(net.tasks()[0].name(), "Nhiệm vụ task:1");
  EXPECT_EQ(net.task("task:2").name(), "Nhiệm vụ hai");
  EXPECT_EQ(net.tasks()[0].valid_to(), danvan::date(2024, 12, 31));
  EXPECT_TRUE(net.tasks()[0].classification_stated());
  EXPECT_EQ(net.tasks()[0].classification(), danvan::classification::restricted);
  EXPECT_TRUE(net.tasks()[1].valid_to().empty());
  EXPECT_FALSE(net.tasks()[1].classification_stated());
  // As of 2025 task:1 has ended: task:2 is the first task, with nothing of task:1's.
  const auto later = net.as_of(danvan::date(2025, 6, 1));
  ASSERT_EQ(later->tasks().size(), 1u);
  EXPECT_EQ(later->tasks()[0].id(), "task:2");
  EXPECT_EQ(later->tasks()[0].name(), "Nhiệm vụ hai");
  EXPECT_FALSE(later->tasks()[0].classification_stated());
  ASSERT_EQ(later->tasks()[0].roles().size(), 1u);
  EXPECT_EQ((*later->tasks()[0].roles().begin()).target(), 0u);
}

TEST_F(BuilderTest, ATaskListsAtMost65535References) {
  danvan::network_builder b;
  danvan::task t = task("task:t", {});
  for (int i = 0; i < 65536; ++i) {
    b.add(danvan::topic{{.id = "topic:" + std::to_string(i), .name = "Chủ đề"}});
    t.topics.push_back("topic:" + std::to_string(i));
  }
  b.add(t);
  EXPECT_EQ(problems_of(b), (std::vector<std::string>{
                                "too-many-items@/tasks/0/implements: a task lists at most 65535 references in "
                                "implements, topics and areas together"}));
}

TEST_F(BuilderTest, RolesFindTheirTargetsAcrossLongRunsOfTargetsWithoutRoles) {
  // Targets are not stored with the roles but found from the roles' order: 300 tasks
  // without roles between two with roles, and a program with roles, test that finding.
  danvan::network_builder b;
  b.add(org("org:a", "Ban A"));
  b.add(org("org:b", "Ban B"));
  danvan::program p{{.id = "prog:p", .name = "Chương trình"}};
  p.roles = {{"org:b", "lead", {}, {}, {}}};
  b.add(p);
  b.add(task("task:first", {{"org:a", "lead"}, {"org:b", "advise"}}));
  for (int i = 0; i < 300; ++i) b.add(task("task:empty-" + std::to_string(i), {}));
  b.add(task("task:last", {{"org:a", "lead"}}));
  for (int i = 0; i < 100; ++i) b.add(task("task:more-" + std::to_string(i), {{"org:b", "lead"}}));
  const auto net = std::move(b).build();
  std::vector<std::string> of_a;
  for (auto r : net.organization("org:a").roles()) of_a.push_back(std::string(net.id_of(r.target_kind(), r.target())));
  EXPECT_EQ(of_a, (std::vector<std::string>{"task:first", "task:last"}));
  std::size_t checked = 0;
  for (auto r : net.roles()) {  // every role is among the roles of the target it names
    bool found = false;
    if (r.target_kind() == danvan::entity_kind::program) {
      for (auto x : net.programs()[r.target()].roles()) found = found || x.position() == r.position();
    } else {
      for (auto x : net.tasks()[r.target()].roles()) found = found || x.position() == r.position();
    }
    EXPECT_TRUE(found) << r.position();
    ++checked;
  }
  EXPECT_EQ(checked, 104u);
  EXPECT_EQ(net.roles()[0].target_kind(), danvan::entity_kind::program);
  EXPECT_EQ(net.roles()[103].target(), 401u);  // task:more-99
}

TEST_F(BuilderTest, LongIdsThatShareTheirFirstBytesStayApart) {
  // Ids past 24 bytes are compared beyond the part an id table keeps in place; enough of
  // them that the table grows while they arrive.
  const std::string stem = "org:ban-chi-dao-thuc-hien-quy-che-dan-chu-";
  danvan::network_builder b;
  for (int i = 0; i < 300; ++i) b.add(org(stem + std::to_string(i), "Ban " + std::to_string(i)));
  for (int i = 0; i < 300; ++i) b.add(task("task:" + std::to_string(i), {{stem + std::to_string(299 - i), "lead"}, {stem + "7", "advise"}}));
  const auto net = std::move(b).build();
  ASSERT_EQ(net.organizations().size(), 300u);
  EXPECT_EQ((*net.task("task:0").roles().begin()).org().id(), stem + "299");
  EXPECT_EQ((*net.task("task:299").roles().begin()).org().id(), stem + "0");
  EXPECT_EQ(net.organization(stem + "7").roles().size(), 301u);  // lead of task:292, advises all
  EXPECT_EQ(net.organization(stem + "8").roles().size(), 1u);

  danvan::network_builder bad("<test>");
  bad.add(org(stem + "1", "Ban 1"));
  bad.add(org(stem + "1", "Ban 1 again"));
  bad.add(task("task:1", {{stem + "2", "lead"}}));
  const auto found = problems_of(bad);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_TRUE(found[0].starts_with("duplicate-id@/organizations/1/id: ")) << found[0];
  EXPECT_TRUE(found[1].starts_with("unknown-reference@/tasks/0/roles/0/org: ")) << found[1];
}

TEST_F(BuilderTest, AGuessedCountChangesNothing) {
  auto fill = [](danvan::network_builder& b) {
    for (int i = 0; i < 40; ++i) b.add(org("org:" + std::to_string(i), "Ban " + std::to_string(i)));
    for (int i = 0; i < 500; ++i)
      b.add(task("task:" + std::to_string(i), {{"org:" + std::to_string(i % 40), "lead"}, {"org:" + std::to_string(i % 7), "advise"}}));
  };
  danvan::network_builder plain, guessed;
  guessed.expect(danvan::entity_kind::task, 1'000'000, 5'000'000);  // far too many
  guessed.expect(danvan::entity_kind::organization, 3);              // too few
  fill(plain);
  fill(guessed);
  const auto a = std::move(plain).build();
  const auto b = std::move(guessed).build();
  ASSERT_EQ(a.tasks().size(), b.tasks().size());
  ASSERT_EQ(a.roles().size(), b.roles().size());
  for (std::size_t i = 0; i < a.roles().size(); ++i) {
    EXPECT_EQ(a.roles()[i].org().id(), b.roles()[i].org().id());
    EXPECT_EQ(a.roles()[i].role_name(), b.roles()[i].role_name());
  }
  EXPECT_EQ(b.organization("org:3").roles().size(), a.organization("org:3").roles().size());
  // The room for a million tasks is given back: the network keeps what it holds.
  EXPECT_LT(b.memory_bytes(), 2 * a.memory_bytes());
}

}  // namespace

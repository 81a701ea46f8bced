// The scope every query takes, resolved against a network.
#include <danvan/io/json.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/builder.hpp>
#include <danvan/query/responsibility.hpp>
#include <danvan/query/scope.hpp>

#include <gtest/gtest.h>

namespace {

const char* network_text = R"({
  "danvan": "1",
  "areas": [{"id": "area:tinh", "name": "Tỉnh", "level": "province"},
            {"id": "area:huyen", "name": "Huyện", "level": "district", "parent": "area:tinh"}],
  "topics": [{"id": "topic:xa-hoi", "name": "Xã hội"}, {"id": "topic:ton-giao", "name": "Tôn giáo", "parent": "topic:xa-hoi"}],
  "organizations": [
    {"id": "org:ban-dan-van", "name": "Ban Dân vận", "kind": "party_commission", "valid_to": "2025-02-28"},
    {"id": "org:ban-tgdv", "name": "Ban Tuyên giáo và Dân vận", "kind": "party_commission", "valid_from": "2025-03-01"},
    {"id": "org:cong-an", "name": "Công an tỉnh", "kind": "police", "classification": "restricted"}],
  "documents": [{"id": "doc:ct-21", "name": "Chỉ thị 21"}, {"id": "doc:kl-1", "name": "Kết luận", "continues": ["doc:ct-21"]}],
  "programs": [{"id": "prog:p", "name": "Chương trình", "period": {"start": "2023", "end": "2025"}}],
  "tasks": [
    {"id": "task:a", "name": "A", "program": "prog:p", "topics": ["topic:ton-giao"], "areas": ["area:huyen"], "due": "2023",
     "roles": [{"org": "org:ban-dan-van", "role": "lead"}, {"org": "org:cong-an", "role": "coordinate"}]},
    {"id": "task:b", "name": "B", "implements": ["doc:kl-1"], "period": {"start": "2026"},
     "roles": [{"org": "org:ban-tgdv", "role": "lead"}]},
    {"id": "task:c", "name": "C", "roles": [{"org": "org:ban-dan-van", "role": "advise"}]}]
})";

std::vector<std::string> tasks_in(const danvan::network& net, const danvan::scope& s) {
  const danvan::scope_filter f(net, s);
  std::vector<std::string> out;
  for (auto t : net.tasks())
    if (f.task(t.position())) out.emplace_back(t.id());
  return out;
}

using list = std::vector<std::string>;

TEST(Scope, EmptyScopeKeepsEverything) {
  const auto net = danvan::loads(network_text);
  const danvan::scope_filter f(net, {});
  EXPECT_TRUE(f.everything());
  EXPECT_EQ(f.roles_in_scope(), net.roles().size());
  EXPECT_EQ(f.organizations_in_scope(), net.organizations().size());
  EXPECT_EQ(f.tasks_in_scope(), net.tasks().size());
  for (danvan::index i = 0; i < net.roles().size(); ++i) EXPECT_TRUE(f.role(i)) << "role " << i;
  for (danvan::index i = 0; i < net.organizations().size(); ++i) EXPECT_TRUE(f.organization(i)) << "organization " << i;
  for (danvan::index i = 0; i < net.tasks().size(); ++i) EXPECT_TRUE(f.task(i)) << "task " << i;
  for (danvan::index i = 0; i < net.programs().size(); ++i) EXPECT_TRUE(f.program(i)) << "program " << i;
  for (danvan::index i = 0; i < net.documents().size(); ++i) EXPECT_TRUE(f.document(i)) << "document " << i;
}

TEST(Scope, AsOfIsResolvedAgainstTheNetworkOfThatDay) {
  const auto net = danvan::loads(network_text);
  danvan::scope s;
  s.as_of = danvan::date(2023, 9, 16);
  EXPECT_THROW(danvan::scope_filter(net, s), danvan::argument_error);  // one path: the network as of the day
  const auto& on_2023 = *net.as_of(*s.as_of);
  const danvan::scope_filter before(on_2023, s);
  EXPECT_TRUE(before.everything());
  EXPECT_TRUE(on_2023.find(danvan::entity_kind::organization, "org:ban-dan-van"));
  EXPECT_FALSE(on_2023.find(danvan::entity_kind::organization, "org:ban-tgdv"));
  EXPECT_EQ(before.roles_in_scope(), 3u);  // the role of the not-yet-existing commission drops out
  s.as_of = danvan::date(2025, 9, 1);
  const auto& on_2025 = *net.as_of(*s.as_of);
  EXPECT_FALSE(on_2025.find(danvan::entity_kind::organization, "org:ban-dan-van"));
  EXPECT_EQ(danvan::scope_filter(on_2025, s).roles_in_scope(), 2u);  // its two roles have no holder (no event)
  EXPECT_EQ(on_2025.task("task:c").orphaned_roles().size(), 1u);
  s.as_of = danvan::date(2025);  // a year: both commissions may exist in it
  EXPECT_EQ(danvan::scope_filter(*net.as_of(*s.as_of), s).organizations_in_scope(), 3u);
}

TEST(Scope, WindowTopicsAreasProgramDocument) {
  const auto net = danvan::loads(network_text);
  danvan::scope s;
  s.window = danvan::period{danvan::date(2023, 1), danvan::date(2023, 12)};
  EXPECT_EQ(tasks_in(net, s), (list{"task:a", "task:c"}));  // task:c has no dates: kept
  s = {};
  s.topics = {"topic:xa-hoi"};  // a parent topic reaches its children
  EXPECT_EQ(tasks_in(net, s), (list{"task:a"}));
  s = {};
  s.areas = {"area:tinh"};
  EXPECT_EQ(tasks_in(net, s), (list{"task:a"}));
  s = {};
  s.program = "prog:p";
  EXPECT_EQ(tasks_in(net, s), (list{"task:a"}));
  s = {};
  s.document = "doc:ct-21";  // task:b implements a conclusion that continues it
  EXPECT_EQ(tasks_in(net, s), (list{"task:b"}));
}

TEST(Scope, RolesAndClassificationCeiling) {
  const auto net = danvan::loads(network_text);
  danvan::scope s;
  s.roles = {"lead"};
  EXPECT_EQ(danvan::scope_filter(net, s).roles_in_scope(), 2u);
  s = {};
  s.ceiling = danvan::classification::internal;
  const danvan::scope_filter f(net, s);
  EXPECT_FALSE(f.organization(net.organization("org:cong-an").position()));
  EXPECT_EQ(f.roles_in_scope(), 3u);  // the police's role is restricted through its organization
}

TEST(Scope, UnknownIdsAndRolesAreErrors) {
  const auto net = danvan::loads(network_text);
  danvan::scope s;
  s.program = "prog:q";
  EXPECT_THROW(danvan::scope_filter(net, s), danvan::not_found);
  s = {};
  s.roles = {"leed"};
  EXPECT_THROW(danvan::scope_filter(net, s), danvan::error);
}

}  // namespace

namespace {

// A hierarchy 100,000 deep: the deepest element is found under the root, by a pass
// that settles each element once (a walk to the top per element would take 5·10^9 steps).
TEST(Scope, DeepHierarchiesAreWalkedOnce) {
  constexpr int depth = 100000;
  danvan::network_builder b;
  for (int i = 0; i < depth; ++i) {
    danvan::topic t{{.id = "topic:" + std::to_string(i), .name = "T"}};
    if (i > 0) t.parent = "topic:" + std::to_string(i - 1);
    b.add(std::move(t));
    danvan::organization o{{.id = "org:" + std::to_string(i), .name = "O"}, danvan::org_kind::other};
    if (i > 0) o.parent = "org:" + std::to_string(i - 1);
    b.add(std::move(o));
  }
  danvan::task t{{.id = "task:deep", .name = "Deep"}, danvan::task_kind::other};
  t.topics = {"topic:" + std::to_string(depth - 1)};
  t.roles = {{.org = "org:" + std::to_string(depth - 1), .role = "lead"}};
  b.add(std::move(t));
  const auto net = std::move(b).build();
  danvan::scope s;
  s.topics = {"topic:0"};
  EXPECT_EQ(tasks_in(net, s), (list{"task:deep"}));
  s.topics = {"topic:" + std::to_string(depth - 1)};
  EXPECT_EQ(tasks_in(net, s), (list{"task:deep"}));
  const auto rows = danvan::portfolio(net, "org:0", {}, true);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(net.id_of(danvan::entity_kind::organization, rows[0].org), "org:" + std::to_string(depth - 1));
  EXPECT_TRUE(danvan::portfolio(net, "org:0", {}, false).empty());
}

}  // namespace

// A network with organizations and no task or program: the roles' targets' table is
// empty, and every query that reads it says so by an empty answer.
TEST(Scope, NetworkWithoutRoles) {
  const auto net = danvan::loads(R"({"danvan": "1",
    "organizations": [{"id": "org:a", "name": "A"}, {"id": "org:b", "name": "B"}]})");
  danvan::scope s;
  s.roles = {"lead"};
  const danvan::scope_filter f(net, s);
  EXPECT_FALSE(f.everything());
  EXPECT_EQ(f.roles_in_scope(), 0u);
  EXPECT_EQ(f.organizations_in_scope(), 2u);
  EXPECT_TRUE(danvan::portfolio(net, "org:a").empty());
  EXPECT_TRUE(danvan::portfolio(net, "org:a", s).empty());
  // A network made by the default constructor holds no table at all.
  const danvan::network empty;
  EXPECT_EQ(danvan::scope_filter(empty, s).roles_in_scope(), 0u);
}

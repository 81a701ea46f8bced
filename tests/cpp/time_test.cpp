// Time and change: successor() through reorganization events, the network as of a
// day with carried and orphaned roles, role dates, names over time, splits with
// shares, bad input; the 2025 reorganization of Hải Dương.
#include <danvan/io/json.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/overlap.hpp>
#include <danvan/query/responsibility.hpp>
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

/// The indexes of a network agree with its roles: each task's and program's roles are
/// on it, each organization's roles are its own.
void expect_consistent(const danvan::network& n) {
  for (const auto t : n.tasks())
    for (const auto r : t.roles()) {
      EXPECT_EQ(r.target_kind(), entity_kind::task) << t.id();
      EXPECT_EQ(r.target(), t.position()) << t.id();
    }
  for (const auto p : n.programs())
    for (const auto r : p.roles()) {
      EXPECT_EQ(r.target_kind(), entity_kind::program) << p.id();
      EXPECT_EQ(r.target(), p.position()) << p.id();
    }
  std::size_t held = 0;
  for (const auto o : n.organizations())
    for (const auto r : o.roles()) {
      EXPECT_EQ(r.org().position(), o.position()) << o.id();
      ++held;
    }
  EXPECT_EQ(held, n.roles().size());
}

/// Roles of a network as of a day, keyed by the organization that held them first.
struct carried_role {
  std::string holder, event;
  bool carried;
};
std::map<std::string, std::vector<carried_role>> by_first_holder(const danvan::network& n) {
  std::map<std::string, std::vector<carried_role>> out;
  for (const auto r : n.roles()) {
    const auto origin = r.carried_from();
    const std::string first(origin ? origin->org : r.org().id());
    out[first].push_back({std::string(r.org().id()), origin ? std::string(origin->event) : std::string(), origin.has_value()});
  }
  return out;
}

TEST_F(Time, AsOfIsANetworkWithRolesCarriedToSuccessors) {
  const danvan::network after = danvan::as_of(net, date(2025, 9, 1));
  expect_consistent(after);
  EXPECT_EQ(after.meta().as_of, date(2025, 9, 1));
  EXPECT_FALSE(after.find(entity_kind::organization, "org:a"));
  EXPECT_TRUE(after.find(entity_kind::organization, "org:hp"));
  EXPECT_TRUE(after.find(entity_kind::task, "task:t"));
  EXPECT_FALSE(after.find(entity_kind::task, "task:old"));
  EXPECT_TRUE(after.events().empty());  // applied: the carried roles name them

  auto roles = by_first_holder(after);
  ASSERT_EQ(roles["org:a"].size(), 1u);
  EXPECT_TRUE(roles["org:a"][0].carried);
  EXPECT_EQ(roles["org:a"][0].holder, "org:hp");
  EXPECT_EQ(roles["org:a"][0].event, "event:thanh-pho");  // the last event that moved it
  ASSERT_EQ(roles["org:s"].size(), 2u);  // a split without shares: every successor
  EXPECT_EQ(roles["org:s"][0].holder, "org:s1");
  EXPECT_EQ(roles["org:s"][1].holder, "org:s2");
  EXPECT_FALSE(roles["org:stays"].at(0).carried);
  EXPECT_EQ(roles.count("org:future"), 0u);  // not there yet: no role, no orphan
  EXPECT_EQ(roles.count("org:huyen"), 0u);   // dissolved: orphaned, held by nobody
  EXPECT_EQ(after.roles().size(), 5u);       // a, b, s (twice), stays

  const auto orphans = after.task("task:t").orphaned_roles();
  ASSERT_EQ(orphans.size(), 2u);  // huyen (dissolved), ended (ended by its dates)
  EXPECT_EQ(orphans[0].origin.org, "org:huyen");
  EXPECT_EQ(orphans[0].origin.event, "event:huyen");
  EXPECT_EQ(orphans[0].origin.date, date(2025, 7, 1));
  EXPECT_EQ(after.vocabulary()[orphans[0].role].name, "host");
  EXPECT_EQ(orphans[1].origin.org, "org:ended");
  EXPECT_TRUE(orphans[1].origin.event.empty());
  EXPECT_EQ(orphans[1].origin.date, date(2020, 12, 31));

  const auto hp = after.organization("org:hp").roles();
  ASSERT_EQ(hp.size(), 2u);  // carried from a and b
  EXPECT_EQ((*std::next(hp.begin())).carried_from()->org, "org:b");
}

TEST_F(Time, BeforeTheReorganizationNothingIsCarried) {
  const danvan::network before = danvan::as_of(net, date(2023, 9, 16));
  for (const auto r : before.roles()) EXPECT_FALSE(r.carried_from()) << r.org().id();
  EXPECT_EQ(before.roles().size(), 5u);  // future does not exist yet; the old task has ended; ended is orphaned
  EXPECT_EQ(before.organizations().size(), 5u);  // a, b, huyen, s, stays
  EXPECT_EQ(before.task("task:t").orphaned_roles().size(), 1u);
}

TEST_F(Time, AsOfBeforeEverythingIsEmptyAndAnEmptyDateIsAnError) {
  const auto dated = danvan::loads(R"({"danvan": "1",
    "organizations": [{"id": "org:a", "name": "A", "valid_from": "2008-04"}],
    "tasks": [{"id": "task:t", "name": "T", "valid_from": "2010", "roles": [{"org": "org:a", "role": "lead"}]}]})");
  const auto early = danvan::as_of(dated, date(1990, 1, 1));
  EXPECT_TRUE(early.organizations().empty());
  EXPECT_TRUE(early.tasks().empty());
  EXPECT_TRUE(early.roles().empty());
  EXPECT_EQ(danvan::as_of(dated, date(2011)).roles().size(), 1u);
  EXPECT_THROW((void)danvan::as_of(net, date{}), danvan::argument_error);
  EXPECT_THROW((void)net.as_of(date{}), danvan::argument_error);
}

TEST_F(Time, TheAsOfNetworkRoundTripsAndIsItsOwnAsOf) {
  const danvan::network after = danvan::as_of(net, date(2025, 9, 1));
  const std::string text = danvan::dumps(after);
  const danvan::network again = danvan::loads(text, "<as-of>");
  EXPECT_EQ(danvan::dumps(again), text);  // carried_from, orphaned_roles and meta.as_of survive
  EXPECT_EQ(again.meta().as_of, date(2025, 9, 1));
  EXPECT_EQ(danvan::dumps(danvan::as_of(again, date(2025, 9, 1))), text);
  // The cached network of a day is built once and shared by the copies of a network.
  const danvan::network copy = net;
  EXPECT_EQ(net.as_of(date(2025, 9, 1)).get(), copy.as_of(date(2025, 9, 1)).get());
  EXPECT_EQ(danvan::dumps(*net.as_of(date(2025, 9, 1))), text);
  EXPECT_EQ(after.as_of(date(2025, 9, 1)).get(), &after);  // already as of that day
}

TEST_F(Time, EveryScopedQueryAnswersOnTheAsOfNetwork) {
  danvan::scope s;
  s.as_of = date(2025, 9, 1);
  const auto& dated = *net.as_of(*s.as_of);
  // Positions in the answers refer to the network as of the day.
  const auto rows = danvan::roles_of(net, "task:t", s);
  std::set<std::string> holders;
  for (const auto& r : rows) holders.insert(std::string(dated.id_of(entity_kind::organization, r.org)));
  EXPECT_EQ(holders, (std::set<std::string>{"org:hp", "org:s1", "org:s2", "org:stays"}));
  EXPECT_EQ(danvan::portfolio(net, "org:hp", s).size(), 2u);
  EXPECT_TRUE(danvan::portfolio(net, "org:a", s).empty());  // gone that day
  EXPECT_TRUE(danvan::portfolio(net, "org:hp").empty());    // the full network: it holds nothing itself
  const auto pairs = danvan::top_pairs(net, s, 10);
  ASSERT_FALSE(pairs.empty());
  EXPECT_EQ(danvan::raci_matrix(net, s).size(), 4u);  // hp, s1, s2, stays on task:t
  // A filter is resolved against the network as of its day, not around it.
  EXPECT_THROW(danvan::scope_filter(net, s), danvan::argument_error);
  EXPECT_NO_THROW(danvan::scope_filter(dated, s));
}

TEST_F(Time, ChainsOfSharedSuccessorsAreFollowedOncePerEvent) {
  // A lattice: each of n rounds splits every body into two that merge again. Paths
  // through it double each round; the holders must still come out, and at once.
  std::string orgs = R"({"id": "org:x0", "name": "X0", "valid_to": "2000-12-31"})";
  std::string events;
  const int rounds = 400;
  for (int k = 0; k < rounds; ++k) {
    const std::string x = "org:x" + std::to_string(k), l = "org:l" + std::to_string(k), r = "org:r" + std::to_string(k),
                      next = "org:x" + std::to_string(k + 1);
    const int year = 2001 + k;
    orgs += R"(, {"id": ")" + l + R"(", "name": "L", "valid_from": ")" + std::to_string(year) + R"(-01-01", "valid_to": ")" +
            std::to_string(year) + R"(-06-30"})";
    orgs += R"(, {"id": ")" + r + R"(", "name": "R", "valid_from": ")" + std::to_string(year) + R"(-01-01", "valid_to": ")" +
            std::to_string(year) + R"(-06-30"})";
    orgs += R"(, {"id": ")" + next + R"(", "name": "X", "valid_from": ")" + std::to_string(year) + R"(-07-01")" +
            (k + 1 < rounds ? R"(, "valid_to": ")" + std::to_string(year) + R"(-12-31")" : std::string()) + "}";
    if (!events.empty()) events += ",";
    events += R"({"id": "event:s)" + std::to_string(k) + R"(", "name": "S", "kind": "split", "date": ")" + std::to_string(year) +
              R"(-01-01", "from": [")" + x + R"("], "to": [")" + l + R"(", ")" + r + R"("]},)";
    events += R"({"id": "event:m)" + std::to_string(k) + R"(", "name": "M", "kind": "merge", "date": ")" + std::to_string(year) +
              R"(-07-01", "from": [")" + l + R"(", ")" + r + R"("], "to": [")" + next + R"("]})";
  }
  const auto lattice = danvan::loads(R"({"danvan": "1", "organizations": [)" + orgs +
                                     R"(], "tasks": [{"id": "task:t", "name": "T", "roles": [{"org": "org:x0", "role": "lead"}]}], "events": [)" +
                                     events + "]}");
  const auto s = danvan::successor(lattice, "org:x0", date(3000));
  ASSERT_EQ(s.holders.size(), 1u);
  EXPECT_EQ(lattice.id_of(entity_kind::organization, s.holders[0]), "org:x" + std::to_string(rounds));
  EXPECT_EQ(s.events.size(), 2u * rounds);  // each event once
  const auto dated = danvan::as_of(lattice, date(3000));
  ASSERT_EQ(dated.roles().size(), 1u);
  EXPECT_EQ((*dated.roles().begin()).carried_from()->event, "event:m" + std::to_string(rounds - 1));
}

TEST(TimeSplit, SharesDivideRolesByTopicAreaAndItem) {
  const auto net = danvan::loads(R"({"danvan": "1",
    "topics": [{"id": "topic:moi-truong", "name": "Môi trường"}, {"id": "topic:rac", "name": "Rác", "parent": "topic:moi-truong"},
               {"id": "topic:dat", "name": "Đất"}],
    "organizations": [{"id": "org:s", "name": "Sở", "valid_to": "2024-12-31"},
                      {"id": "org:env", "name": "Sở Môi trường", "valid_from": "2025-01-01"},
                      {"id": "org:land", "name": "Sở Đất đai", "valid_from": "2025-01-01"}],
    "tasks": [{"id": "task:rac", "name": "Thu gom rác", "topics": ["topic:rac"], "roles": [{"org": "org:s", "role": "lead"}]},
              {"id": "task:dat", "name": "Đo đạc", "topics": ["topic:dat"], "roles": [{"org": "org:s", "role": "lead"}]},
              {"id": "task:listed", "name": "Riêng", "roles": [{"org": "org:s", "role": "lead"}]},
              {"id": "task:other", "name": "Chung", "roles": [{"org": "org:s", "role": "coordinate"}]}],
    "events": [{"id": "event:split", "name": "Chia", "kind": "split", "date": "2025-01-01", "from": ["org:s"],
                "to": ["org:env", "org:land"],
                "shares": [{"to": "org:env", "topics": ["topic:moi-truong"]},
                           {"to": "org:land", "topics": ["topic:dat"], "items": ["task:listed"]}]}]})");
  const auto after = danvan::as_of(net, date(2025, 6, 1));
  auto holders = [&](const char* task) {
    std::vector<std::string> out;
    for (const auto r : after.task(task).roles()) out.emplace_back(r.org().id());
    return out;
  };
  EXPECT_EQ(holders("task:rac"), (strings{"org:env"}));   // a sub-topic of the share's topic
  EXPECT_EQ(holders("task:dat"), (strings{"org:land"}));
  EXPECT_EQ(holders("task:listed"), (strings{"org:land"}));
  EXPECT_EQ(holders("task:other"), (strings{"org:env", "org:land"}));  // no share matches: every successor
  // successor() answers for the organization as a whole: every successor.
  EXPECT_EQ(danvan::successor(net, "org:s", date(2025, 6, 1)).holders.size(), 2u);
}

TEST(TimeRoles, RoleDatesNamesAndWindows) {
  const auto net = danvan::loads(R"({"danvan": "1",
    "organizations": [{"id": "org:a", "name": "Ban Dân vận", "names": [{"name": "Ban Dân vận cũ", "valid_to": "2019-12-31"}]},
                      {"id": "org:b", "name": "Ban B"}],
    "tasks": [{"id": "task:t", "name": "T", "period": {"start": "2020", "end": "2025"},
               "roles": [{"org": "org:a", "role": "lead"},
                         {"org": "org:b", "role": "coordinate", "valid_from": "2023-06", "valid_to": "2024"}]},
              {"id": "task:y", "name": "Y", "period": {"start": "2023", "end": "2023"}, "roles": [{"org": "org:a", "role": "lead"}]}]})");
  EXPECT_TRUE(net.warnings().empty());
  const auto b = *std::next(net.task("task:t").roles().begin());
  EXPECT_EQ(b.valid_from(), date(2023, 6));
  EXPECT_EQ(b.valid_to(), date(2024));
  EXPECT_EQ(danvan::as_of(net, date(2022, 1, 1)).task("task:t").roles().size(), 1u);  // b joins later
  EXPECT_EQ(danvan::as_of(net, date(2024, 7, 1)).task("task:t").roles().size(), 2u);
  EXPECT_EQ(danvan::as_of(net, date(2025, 3, 1)).task("task:t").roles().size(), 1u);  // and leaves
  // Names over time: the name of the day, every name kept.
  EXPECT_EQ(net.organization("org:a").name_on(date(2018)), "Ban Dân vận cũ");
  EXPECT_EQ(net.organization("org:a").name_on(date(2023)), "Ban Dân vận");
  EXPECT_EQ(danvan::as_of(net, date(2018, 5, 1)).organization("org:a").name(), "Ban Dân vận cũ");
  EXPECT_EQ(danvan::as_of(net, date(2018, 5, 1)).organization("org:a").names().size(), 1u);
  // A window keeps what may be active some time in it, by the dates' precision.
  danvan::scope w;
  w.window = danvan::period{date(2023, 6), date(2023, 8)};
  const danvan::scope_filter f(net, w);
  EXPECT_TRUE(f.task(net.task("task:y").position()));  // dated 2023: may fall in June–August
  w.window = danvan::period{date(2019, 1), date(2019, 12)};
  const danvan::scope_filter g(net, w);
  EXPECT_FALSE(g.role(b.position()));  // b held its role from 2023-06 only
}

TEST(TimeRoles, BadDatesAndEventsAreReportedWithTheirPath) {
  auto problems = [](const std::string& text) {
    try {
      (void)danvan::loads(text, "<t>");
    } catch (const danvan::validation_error& e) {
      std::vector<std::string> out;
      for (const auto& p : e.problems()) out.push_back(p.path + " " + p.rule);
      return out;
    }
    return std::vector<std::string>{};
  };
  const std::string orgs = R"("organizations": [{"id": "org:a", "name": "A", "valid_from": "2010", "valid_to": "2024-12-31"},
                                                {"id": "org:b", "name": "B", "valid_from": "2025-01-01"},
                                                {"id": "org:c", "name": "C"}])";
  EXPECT_EQ(problems(R"({"danvan": "1", )" + orgs + R"(, "events": [
      {"id": "event:late", "name": "E", "kind": "rename", "date": "2025-06-01", "from": ["org:a"], "to": ["org:b"]}]})"),
            (strings{"/events/0/date event-outside-validity"}));
  EXPECT_EQ(problems(R"({"danvan": "1", )" + orgs + R"(, "events": [
      {"id": "event:early", "name": "E", "kind": "rename", "date": "2024-06-01", "from": ["org:a"], "to": ["org:b"]}]})"),
            (strings{"/events/0/to/0 successor-starts-late"}));
  EXPECT_EQ(problems(R"({"danvan": "1", )" + orgs + R"(, "events": [
      {"id": "event:x", "name": "E", "kind": "transfer", "date": "2025-01-01", "from": ["org:c"], "to": ["org:b"]},
      {"id": "event:y", "name": "E", "kind": "transfer", "date": "2025-01-01", "from": ["org:b"], "to": ["org:c"]}]})"),
            (strings{"/events/1/to event-cycle"}));
  EXPECT_EQ(problems(R"({"danvan": "1", )" + orgs + R"(, "topics": [{"id": "topic:t", "name": "T"}], "events": [
      {"id": "event:s", "name": "E", "kind": "split", "date": "2025-01-01", "from": ["org:a"], "to": ["org:b", "org:c"],
       "shares": [{"to": "org:b", "topics": ["topic:u"]}, {"to": "org:a", "items": ["task:x"]}]}]})"),
            (strings{"/events/0/shares/0/topics/0 unknown-reference", "/events/0/shares/1/items/0 unknown-reference",
                     "/events/0/shares/1/to share-not-successor"}));
  EXPECT_EQ(problems(R"({"danvan": "1", "organizations": [{"id": "org:a", "name": "A", "names": [
      {"name": "Cũ", "valid_from": "2000", "valid_to": "2010"}, {"name": "Mới", "valid_from": "2010-06"}]}]})"),
            (strings{"/organizations/0/names/1/valid_from names-overlap"}));
  EXPECT_EQ(problems(R"({"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}], "tasks": [{"id": "task:t", "name": "T",
      "roles": [{"org": "org:a", "role": "lead", "valid_from": "2024", "valid_to": "2023"},
                {"org": "org:a", "role": "coordinate", "valid_from": "30/09/2023"}]}]})"),
            (strings{"/tasks/0/roles/0/valid_to ends-before-start", "/tasks/0/roles/1/valid_from bad-date"}));
  // A role dated outside its task's period is kept, with a warning.
  const auto warned = danvan::loads(R"({"danvan": "1", "organizations": [{"id": "org:a", "name": "A"}],
    "tasks": [{"id": "task:t", "name": "T", "period": {"start": "2023", "end": "2023"},
               "roles": [{"org": "org:a", "role": "lead", "valid_from": "2024-02"}]}]})");
  ASSERT_EQ(warned.warnings().size(), 1u);
  EXPECT_EQ(warned.warnings()[0].path, "/tasks/0/roles/0/valid_from");
  EXPECT_EQ(warned.warnings()[0].rule, "role-outside-period");
  EXPECT_EQ(warned.roles().size(), 1u);
}

TEST(TimeDates, DayFirstDatesGetTheirIsoForm) {
  EXPECT_EQ(date::why_not("30/09/2023"), "expected YYYY, YYYY-MM or YYYY-MM-DD; did you mean 2023-09-30?");
  EXPECT_EQ(date::why_not("9/2023"), "expected YYYY, YYYY-MM or YYYY-MM-DD; did you mean 2023-09?");
  EXPECT_EQ(date::why_not("1.2.2025"), "expected YYYY, YYYY-MM or YYYY-MM-DD; did you mean 2025-02-01?");
  EXPECT_EQ(date::why_not("31/02/2023"), "expected YYYY, YYYY-MM or YYYY-MM-DD");  // no such day: no guess
  EXPECT_EQ(date::why_not("next year"), "expected YYYY, YYYY-MM or YYYY-MM-DD");
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

TEST_F(HaiDuongTime, NothingIsCarriedBeforeTheReorganization) {
  const auto& before = *net().as_of(date(2024, 12, 31));
  for (auto day : {date(2023, 9, 16), date(2024, 12, 31), date(2025, 3, 15), date(2025, 9, 1)}) expect_consistent(*net().as_of(day));
  for (const auto r : before.roles()) EXPECT_FALSE(r.carried_from()) << r.org().id();
  for (const auto t : before.tasks()) EXPECT_TRUE(t.orphaned_roles().empty()) << t.id();
  EXPECT_GT(before.roles().size(), 70u);
}

TEST_F(HaiDuongTime, The2023RolesOfTheCommissionPassToTheMergedCommissionThenToHaiPhong) {
  const auto& full = net();
  std::size_t own_2023 = 0;
  for (const auto r : full.organization("org:ban-dan-van-tinh-uy").roles()) own_2023 += r.target_kind() == entity_kind::task;
  ASSERT_GT(own_2023, 15u);
  auto carried = [&](date on, const char* holder, const char* event) {
    const auto& dated = *full.as_of(on);
    std::size_t n = 0;
    for (const auto r : dated.organization(holder).roles()) {
      const auto origin = r.carried_from();
      if (!origin || origin->org != "org:ban-dan-van-tinh-uy" || r.target_kind() != entity_kind::task) continue;
      EXPECT_EQ(origin->event, event);
      ++n;
    }
    return n;
  };
  EXPECT_EQ(carried(date(2025, 3, 15), "org:ban-tuyen-giao-va-dan-van-tinh-uy",
                    "event:2025-03-01-hop-nhat-ban-tuyen-giao-va-ban-dan-van-tinh-uy"),
            own_2023);
  EXPECT_EQ(carried(date(2025, 9, 1), "org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong",
                    "event:2025-07-01-hop-nhat-ban-tuyen-giao-va-dan-van-tinh-uy"),
            own_2023);
}

TEST_F(HaiDuongTime, TheEnvironmentProgrammeSitsWithTheMergedDepartment) {
  const auto& after = *net().as_of(date(2025, 9, 1));
  std::multiset<std::string> signers, first;
  for (const auto r : after.program("prog:chung-tay-bao-ve-moi-truong-2023-2025").roles()) {
    signers.insert(std::string(r.org().id()));
    if (const auto o = r.carried_from()) first.insert(std::string(o->org));
  }
  EXPECT_EQ(signers.count("org:so-nong-nghiep-va-moi-truong-hai-phong"), 2u);
  EXPECT_EQ(signers.count("org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong"), 1u);
  EXPECT_EQ(signers.count("org:so-tai-nguyen-va-moi-truong"), 0u);
  EXPECT_EQ(first.count("org:so-tai-nguyen-va-moi-truong"), 1u);
  EXPECT_EQ(first.count("org:so-nong-nghiep-va-phat-trien-nong-thon"), 1u);
}

TEST_F(HaiDuongTime, OverlapAndRaciAfterTheMergerNameHaiPhongBodies) {
  danvan::scope s;
  s.as_of = date(2025, 9, 1);
  const auto& after = *net().as_of(*s.as_of);
  const auto pairs = danvan::top_pairs(net(), s, 10);
  ASSERT_FALSE(pairs.empty());
  bool hai_phong = false;
  for (const auto& p : pairs)
    for (auto o : {p.a, p.b}) hai_phong |= after.id_of(entity_kind::organization, o).find("hai-phong") != std::string_view::npos;
  EXPECT_TRUE(hai_phong);
  // The RACI of the 2023 work programme's tasks names the successors, never a body that is gone.
  danvan::scope program = s;
  program.program = "prog:chuong-trinh-cong-tac-2023";
  const auto cells = danvan::raci_matrix(net(), program);
  ASSERT_FALSE(cells.empty());
  std::set<std::string> orgs;
  for (const auto& c : cells) orgs.insert(std::string(after.id_of(entity_kind::organization, c.org)));
  EXPECT_TRUE(orgs.count("org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong"));
  EXPECT_FALSE(orgs.count("org:ban-dan-van-tinh-uy"));
}

TEST_F(HaiDuongTime, DistrictRolesAreOrphanedOnceEach) {
  const auto& after = *net().as_of(date(2025, 9, 1));
  std::size_t district_roles = 0;
  for (const auto o : net().organizations())
    if (o.level() == danvan::level::district && !after.find(entity_kind::organization, o.id()))
      district_roles += o.roles().size();
  ASSERT_GT(district_roles, 0u);
  std::size_t orphans = 0;
  for (const auto t : after.tasks())
    for (const auto& o : t.orphaned_roles()) {
      const auto first = net().organization(o.origin.org);
      orphans += first.level() == danvan::level::district;
    }
  for (const auto p : after.programs())
    for (const auto& o : p.orphaned_roles()) orphans += net().organization(o.origin.org).level() == danvan::level::district;
  EXPECT_EQ(orphans, district_roles);
}

}  // namespace

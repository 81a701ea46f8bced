// Const queries from many threads on one shared network. network.hpp promises that
// const member functions and the queries over them are safe from many threads; the
// state a network builds on first use (the networks as of a day, the name indexes)
// is where that promise could break. Eight threads run every kind of query at once on
// one freshly loaded network, starting with that lazily built state empty, and each
// compares its answers with those of a single thread on a network of its own. Built
// with -DDANVAN_TSAN=ON, ThreadSanitizer also reports any data race on the way.
#include <danvan/builder.hpp>
#include <danvan/io/json.hpp>
#include <danvan/query/coverage.hpp>
#include <danvan/query/metrics.hpp>
#include <danvan/query/names.hpp>
#include <danvan/query/overlap.hpp>
#include <danvan/query/responsibility.hpp>

#include <gtest/gtest.h>

#include <barrier>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace {

using danvan::date;

constexpr unsigned thread_count = 8;

// Days on both sides of the reorganizations of both networks (2025-03-01, 2025-07-01).
const std::vector<date> days = {date(2023, 12, 31), date(2025, 3, 1), date(2025, 7), date(2025, 9, 1), date(2026)};

const std::vector<std::string> name_queries = {"ban dan van tinh uy", "Công an tỉnh", "mat tran to quoc",
                                               "Hội Nông dân", "so noi vu 7"};

using name_answer = std::tuple<danvan::entity_kind, danvan::index, double, std::string, std::string>;

// Everything the threads ask, in a form that compares with ==.
struct answers {
  std::vector<std::uint64_t> indptr;
  std::vector<danvan::index> indices;
  std::vector<std::uint32_t> counts;
  std::vector<danvan::organization_pair> pairs;
  std::vector<std::vector<danvan::responsibility_row>> roles, portfolios;
  std::vector<danvan::raci_cell> raci;
  std::vector<std::vector<danvan::violation>> violations;  // per day
  std::vector<double> betweenness, closeness;
  std::vector<std::string> as_of;  // dumps of the network as of each day
  std::string dumps;
  std::vector<std::vector<name_answer>> names;
};

// Field by field, so that a failure says which query answered differently.
void expect_same(const answers& got, const answers& want, unsigned thread) {
#define DANVAN_EXPECT_SAME(field) EXPECT_TRUE(got.field == want.field) << "thread " << thread << ": " #field " differs"
  DANVAN_EXPECT_SAME(indptr);
  DANVAN_EXPECT_SAME(indices);
  DANVAN_EXPECT_SAME(counts);
  DANVAN_EXPECT_SAME(pairs);
  DANVAN_EXPECT_SAME(roles);
  DANVAN_EXPECT_SAME(portfolios);
  DANVAN_EXPECT_SAME(raci);
  DANVAN_EXPECT_SAME(violations);
  DANVAN_EXPECT_SAME(betweenness);
  DANVAN_EXPECT_SAME(closeness);
  DANVAN_EXPECT_SAME(as_of);
  DANVAN_EXPECT_SAME(dumps);
  DANVAN_EXPECT_SAME(names);
#undef DANVAN_EXPECT_SAME
}

// Every query once; the days in the order given (threads start at different days so
// that some ask the same day at the same time and others another one).
answers ask(const danvan::network& net, const std::vector<date>& order) {
  answers a;
  const auto p = danvan::project(net);
  a.indptr.assign(p.indptr().begin(), p.indptr().end());
  a.indices.assign(p.indices().begin(), p.indices().end());
  a.counts.assign(p.counts().begin(), p.counts().end());
  a.pairs = danvan::top_pairs(net, {}, 10);
  for (const auto prog : net.programs())
    a.roles.push_back(danvan::roles_of(net, danvan::entity_kind::program, prog.position()));
  for (const auto doc : net.documents())
    a.roles.push_back(danvan::roles_of(net, danvan::entity_kind::document, doc.position()));
  for (const auto org : net.organizations()) a.portfolios.push_back(danvan::portfolio(net, org.position(), {}, true));
  a.raci = danvan::raci_matrix(net);
  // Two parts of work each, the same in every thread, so that sums add up in one order.
  const danvan::organization_graph g(net, {}, {.threads = 2});
  a.betweenness = danvan::betweenness(g, {.threads = 2});
  a.closeness = danvan::closeness(g, {.threads = 2});
  for (const date day : order) {
    a.as_of.push_back(danvan::dumps(*net.as_of(day)));
    a.violations.push_back(danvan::check(net, danvan::default_rules(), day));
  }
  a.dumps = danvan::dumps(net);
  for (const auto& q : name_queries) {
    auto& out = a.names.emplace_back();
    for (const auto& m : danvan::find_by_name(net, q)) out.emplace_back(m.kind, m.position, m.score, m.matched_name, m.how);
  }
  return a;
}

// The days starting at the `first`th, wrapping around.
std::vector<date> rotated(std::size_t first) {
  std::vector<date> out;
  for (std::size_t i = 0; i < days.size(); ++i) out.push_back(days[(first + i) % days.size()]);
  return out;
}

// Puts the answers of rotated(first) back in the order of `days`.
answers in_day_order(answers a, std::size_t first) {
  const auto as_of = a.as_of;
  const auto violations = a.violations;
  for (std::size_t i = 0; i < days.size(); ++i) {
    a.as_of[(first + i) % days.size()] = as_of[i];
    a.violations[(first + i) % days.size()] = violations[i];
  }
  return a;
}

// `make` is called twice: one network for the single-threaded answers, one fresh
// network that the threads share (copies would share its lazily built state).
void expect_same_answers_from_many_threads(const std::function<danvan::network()>& make) {
  const answers expected = ask(make(), days);
  // Answers worth comparing: pairs that share work, and a network that changes over the days.
  ASSERT_FALSE(expected.indices.empty());
  ASSERT_FALSE(expected.raci.empty());
  ASSERT_NE(expected.as_of.front(), expected.as_of.back());

  const danvan::network shared = make();
  std::vector<answers> got(thread_count);
  std::vector<std::vector<const danvan::network*>> seen(thread_count);  // the cached network of each day
  std::barrier start(thread_count);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < thread_count; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();  // all at once, while nothing is cached yet
      const std::size_t first = t % days.size();
      got[t] = in_day_order(ask(shared, rotated(first)), first);
      for (const date day : days) seen[t].push_back(shared.as_of(day).get());
    });
  for (auto& th : threads) th.join();

  for (unsigned t = 0; t < thread_count; ++t) {
    expect_same(got[t], expected, t);
    for (std::size_t d = 0; d < days.size(); ++d)
      EXPECT_EQ(seen[t][d], shared.as_of(days[d]).get()) << "thread " << t << " was given another network as of "
                                                          << days[d].to_string();
  }
}

// A larger network: 300 organizations, a fifth of which merge in pairs on 2025-07-01;
// 1,500 tasks of two to five roles with periods and due dates; programs that implement
// documents with review obligations; names to search.
danvan::network generated() {
  constexpr int orgs = 300, tasks = 1500, programs = 30, documents = 10;
  danvan::network_builder b;
  const char* kinds[] = {"Sở Nội vụ", "Ban Dân vận", "Công an", "Hội Nông dân", "Ủy ban MTTQ"};
  auto org_id = [](int i) { return "org:o" + std::to_string(i); };
  for (int i = 0; i < orgs; ++i) {
    danvan::organization o{{.id = org_id(i), .name = std::string(kinds[i % 5]) + " " + std::to_string(i)}};
    o.level = i % 3 ? danvan::level::district : danvan::level::province;
    if (i % 10 < 2) o.valid_to = date(2025, 6, 30);  // merged below
    b.add(std::move(o));
  }
  for (int i = 0; i < orgs; i += 10) {
    b.add(danvan::organization{{.id = org_id(orgs + i), .name = "Hợp nhất " + std::to_string(i), .valid_from = date(2025, 7, 1)}});
    danvan::event e{{.id = "event:m" + std::to_string(i), .name = "Hợp nhất"}};
    e.date = date(2025, 7, 1);
    e.from = {org_id(i), org_id(i + 1)};
    e.to = {org_id(orgs + i)};
    b.add(std::move(e));
  }
  for (int d = 0; d < documents; ++d) {
    danvan::document doc{{.id = "doc:d" + std::to_string(d), .name = "Chỉ thị " + std::to_string(d)}};
    doc.type = "CT";
    doc.number = std::to_string(d);
    doc.date = date(2019 + d % 5, 3, 1);
    doc.reviews = {{.kind = danvan::review_kind::preliminary, .years = 3}, {.kind = danvan::review_kind::final_, .years = 5}};
    b.add(std::move(doc));
  }
  for (int p = 0; p < programs; ++p) {
    danvan::program prog{{.id = "prog:p" + std::to_string(p), .name = "Chương trình " + std::to_string(p)}};
    prog.period = {date(2021 + p % 4), date(2025 + p % 3)};
    prog.implements = {"doc:d" + std::to_string(p % documents)};
    prog.roles = {{.org = org_id(p * 7 % orgs), .role = "lead"}, {.org = org_id((p * 7 + 1) % orgs), .role = "sign"}};
    b.add(std::move(prog));
  }
  const char* roles[] = {"lead", "coordinate", "advise", "direct", "participate"};
  unsigned x = 20230916;  // a fixed linear congruential sequence: the same network every time
  auto next = [&x] { return (x = x * 1103515245u + 12345u) >> 8; };
  for (int t = 0; t < tasks; ++t) {
    danvan::task task{{.id = "task:t" + std::to_string(t), .name = "Nhiệm vụ " + std::to_string(t)}};
    task.program = "prog:p" + std::to_string(t % programs);
    task.period = {date(2022 + t % 4), date(2023 + t % 4, 12, 31)};
    task.due = date(2023 + t % 4, 1 + t % 12, 1);
    task.status = t % 3 ? danvan::task_status::in_progress : danvan::task_status::planned;
    const unsigned n = 2 + next() % 4;  // two to five roles, no role name twice
    for (unsigned r = 0; r < n; ++r) task.roles.push_back({.org = org_id(static_cast<int>(next() % orgs)), .role = roles[r % 5]});
    b.add(std::move(task));
  }
  return std::move(b).build();
}

TEST(Concurrency, ConstQueriesOnTheShippedNetwork) {
  const auto file = std::filesystem::path(DANVAN_SOURCE_DIR) / "data" / "haiduong-2023.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << file << " is not there";
  expect_same_answers_from_many_threads([&] { return danvan::load(file); });
}

TEST(Concurrency, ConstQueriesOnAGeneratedNetwork) { expect_same_answers_from_many_threads(generated); }

}  // namespace

// Responsibility queries: roles_of with roll-up, portfolio, RACI matrix,
// accountability chain, lead_of and its batch form; and the answers on the
// Hải Dương network (issue 5, point 7), written by hand from the seed article.
#include <danvan/io/json.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/query/responsibility.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

using danvan::entity_kind;

const char* fixture = R"({
  "danvan": "1",
  "organizations": [
    {"id": "org:tinh-uy", "name": "Tỉnh ủy", "kind": "party_committee", "level": "province"},
    {"id": "org:btv", "name": "Ban Thường vụ", "kind": "party_committee", "parent": "org:tinh-uy"},
    {"id": "org:ban-dan-van", "name": "Ban Dân vận", "kind": "party_commission", "parent": "org:tinh-uy"},
    {"id": "org:phong-a", "name": "Phòng A", "kind": "other", "parent": "org:ban-dan-van"},
    {"id": "org:mttq", "name": "MTTQ", "kind": "front"},
    {"id": "org:cong-an", "name": "Công an", "kind": "police", "classification": "restricted"}],
  "documents": [
    {"id": "doc:ct-21", "name": "Chỉ thị 21", "type": "CT", "date": "2018-01-20"},
    {"id": "doc:kl-1", "name": "Kết luận 1", "continues": ["doc:ct-21"]},
    {"id": "doc:kh-1", "name": "Kế hoạch 1", "implements": ["doc:kl-1"]},
    {"id": "doc:other", "name": "Khác"}],
  "programs": [
    {"id": "prog:p", "name": "Chương trình", "implements": ["doc:kh-1"],
     "roles": [{"org": "org:mttq", "role": "sign"}, {"org": "org:ban-dan-van", "role": "sign"}]},
    {"id": "prog:q", "name": "Chương trình Q", "roles": [{"org": "org:tinh-uy", "role": "direct"}]}],
  "tasks": [
    {"id": "task:so-ket", "name": "Sơ kết", "kind": "review", "implements": ["doc:ct-21"],
     "roles": [{"org": "org:ban-dan-van", "role": "advise"}, {"org": "org:tinh-uy", "role": "direct"}]},
    {"id": "task:a", "name": "A", "program": "prog:p",
     "roles": [{"org": "org:phong-a", "role": "lead"}, {"org": "org:mttq", "role": "coordinate"},
               {"org": "org:cong-an", "role": "coordinate"}]},
    {"id": "task:b", "name": "B", "program": "prog:p",
     "roles": [{"org": "org:ban-dan-van", "role": "lead"}, {"org": "org:mttq", "role": "lead"}]},
    {"id": "task:c", "name": "C", "roles": [{"org": "org:mttq", "role": "inform"}]},
    {"id": "task:d", "name": "D", "implements": ["doc:other"],
     "roles": [{"org": "org:ban-dan-van", "role": "lead"}, {"org": "org:ban-dan-van", "role": "advise"},
               {"org": "org:btv", "role": "direct"}]},
    {"id": "task:e", "name": "E", "program": "prog:q", "roles": [{"org": "org:mttq", "role": "lead"}]}]
})";

class Responsibility : public ::testing::Test {
 protected:
  danvan::network net = danvan::loads(fixture, "<fixture>");

  std::string org(danvan::index i) const { return std::string(net.id_of(entity_kind::organization, i)); }
  std::string role(const danvan::responsibility_row& r) const { return net.vocabulary()[r.name].name; }
  std::string target(const danvan::responsibility_row& r) const { return std::string(net.id_of(r.target_kind, r.target)); }
  /// (org, role, target) of each row.
  std::vector<std::tuple<std::string, std::string, std::string>> triples(
      const std::vector<danvan::responsibility_row>& rows) const {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& r : rows) out.emplace_back(org(r.org), role(r), target(r));
    return out;
  }
};

using triple = std::tuple<std::string, std::string, std::string>;
using triples_t = std::vector<triple>;

TEST_F(Responsibility, RolesOfTaskAreItsOwnWithTheirLetters) {
  const auto rows = danvan::roles_of(net, "task:so-ket");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(triples(rows), (triples_t{{"org:ban-dan-van", "advise", "task:so-ket"}, {"org:tinh-uy", "direct", "task:so-ket"}}));
  EXPECT_EQ(rows[0].letter, danvan::raci::R);
  EXPECT_EQ(rows[1].letter, danvan::raci::A);
  EXPECT_EQ(rows[0].path, danvan::role_path::own);
  EXPECT_EQ(rows[0].program, danvan::no_index);
}

TEST_F(Responsibility, ProgramRollsUpItsTasks) {
  const auto rows = danvan::roles_of(net, "prog:p");
  EXPECT_EQ(triples(rows), (triples_t{{"org:mttq", "sign", "prog:p"},
                                      {"org:ban-dan-van", "sign", "prog:p"},
                                      {"org:phong-a", "lead", "task:a"},
                                      {"org:mttq", "coordinate", "task:a"},
                                      {"org:cong-an", "coordinate", "task:a"},
                                      {"org:ban-dan-van", "lead", "task:b"},
                                      {"org:mttq", "lead", "task:b"}}));
  EXPECT_EQ(rows[0].path, danvan::role_path::own);
  EXPECT_EQ(rows[2].path, danvan::role_path::program_task);
  EXPECT_EQ(rows[2].program, net.program("prog:p").position());
  EXPECT_EQ(danvan::roles_of(net, "prog:p", {}, false).size(), 2u);
}

TEST_F(Responsibility, DocumentRollsUpThroughImplementsAndContinues) {
  // prog:p implements doc:kh-1, which implements doc:kl-1, which continues doc:ct-21.
  const auto rows = danvan::roles_of(net, "doc:ct-21");
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(target(rows[0]), "prog:p");
  EXPECT_EQ(rows[0].path, danvan::role_path::implements);
  EXPECT_EQ(rows[0].document, net.document("doc:kh-1").position());  // the document the program implements
  EXPECT_EQ(target(rows[2]), "task:a");
  EXPECT_EQ(rows[2].path, danvan::role_path::program_task);
  EXPECT_EQ(rows[2].document, net.document("doc:kh-1").position());
  EXPECT_EQ(target(rows[7]), "task:so-ket");
  EXPECT_EQ(rows[7].path, danvan::role_path::implements);
  EXPECT_EQ(rows[7].document, net.document("doc:ct-21").position());
  // Upstream only: the conclusion is not implemented by the review of the directive.
  const auto kl = danvan::roles_of(net, "doc:kl-1");
  EXPECT_EQ(kl.size(), 7u);
  EXPECT_TRUE(std::none_of(kl.begin(), kl.end(), [&](const auto& r) { return target(r) == "task:so-ket"; }));
  EXPECT_TRUE(danvan::roles_of(net, "doc:ct-21", {}, false).empty());
}

TEST_F(Responsibility, ScopeFiltersRowsByRoleAndCeiling) {
  danvan::scope leads;
  leads.roles = {"lead"};
  EXPECT_EQ(triples(danvan::roles_of(net, "prog:p", leads)),
            (triples_t{{"org:phong-a", "lead", "task:a"}, {"org:ban-dan-van", "lead", "task:b"}, {"org:mttq", "lead", "task:b"}}));
  danvan::scope internal;
  internal.ceiling = danvan::classification::internal;
  const auto rows = danvan::roles_of(net, "task:a", internal);
  EXPECT_EQ(rows.size(), 2u);  // the police's role is above the ceiling
  EXPECT_TRUE(std::none_of(rows.begin(), rows.end(), [&](const auto& r) { return org(r.org) == "org:cong-an"; }));
}

TEST_F(Responsibility, UnknownIdsNameTheNearestOnes) {
  try {
    (void)danvan::roles_of(net, "task:so-ke");
    FAIL() << "expected danvan::not_found";
  } catch (const danvan::not_found& e) {
    EXPECT_EQ(e.id(), "task:so-ke");
    ASSERT_FALSE(e.suggestions().empty());
    EXPECT_EQ(e.suggestions().front(), "task:so-ket");
    EXPECT_NE(std::string(e.what()).find("did you mean `task:so-ket`"), std::string::npos) << e.what();
  }
  try {
    (void)danvan::roles_of(net, "org:mttq");
    FAIL() << "expected danvan::argument_error";
  } catch (const danvan::argument_error& e) {
    EXPECT_NE(std::string(e.what()).find("portfolio"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)danvan::portfolio(net, "org:ban-dan-vn"), danvan::not_found);
  EXPECT_THROW((void)danvan::accountability_chain(net, "task:zz"), danvan::not_found);
  EXPECT_THROW((void)danvan::roles_of(net, entity_kind::task, 99), std::out_of_range);
}

TEST_F(Responsibility, PortfolioWithAndWithoutSubunits) {
  const auto own = danvan::portfolio(net, "org:ban-dan-van");
  EXPECT_EQ(triples(own), (triples_t{{"org:ban-dan-van", "sign", "prog:p"},
                                     {"org:ban-dan-van", "advise", "task:so-ket"},
                                     {"org:ban-dan-van", "lead", "task:b"},
                                     {"org:ban-dan-van", "lead", "task:d"},
                                     {"org:ban-dan-van", "advise", "task:d"}}));
  const auto all = danvan::portfolio(net, "org:ban-dan-van", {}, true);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all.back(), (danvan::responsibility_row{all.back().role, net.organization("org:phong-a").position(),
                                                    *net.vocabulary().find("lead"), danvan::raci::R, entity_kind::task,
                                                    net.task("task:a").position(), danvan::role_path::own}));
  danvan::scope leads;
  leads.roles = {"lead"};
  EXPECT_EQ(danvan::portfolio(net, "org:ban-dan-van", leads).size(), 2u);
  EXPECT_EQ(danvan::portfolio(net, "org:ban-dan-van", leads, true).size(), 3u);
  EXPECT_EQ(danvan::portfolio(net, "org:tinh-uy", {}, true).size(), 9u);  // everything below it, too
}

TEST_F(Responsibility, RaciMatrixMergesLettersPerCell) {
  const auto cells = danvan::raci_matrix(net);
  EXPECT_EQ(cells.size(), 11u);
  EXPECT_TRUE(std::is_sorted(cells.begin(), cells.end(), [](const auto& a, const auto& b) {
    return std::tie(a.task, a.org) < std::tie(b.task, b.org);
  }));
  auto cell = [&](const char* task, const char* o) {
    for (const auto& c : cells)
      if (c.task == net.task(task).position() && c.org == net.organization(o).position()) return c.letters;
    return std::uint8_t{0};
  };
  EXPECT_EQ(cell("task:d", "org:ban-dan-van"), danvan::raci_bit(danvan::raci::R));  // lead and advise: one R
  EXPECT_EQ(cell("task:d", "org:btv"), danvan::raci_bit(danvan::raci::A));
  EXPECT_EQ(cell("task:c", "org:mttq"), danvan::raci_bit(danvan::raci::I));
  EXPECT_EQ(cell("task:c", "org:tinh-uy"), 0);
  danvan::scope internal;
  internal.ceiling = danvan::classification::internal;
  EXPECT_EQ(danvan::raci_matrix(net, internal).size(), 10u);
}

TEST_F(Responsibility, AccountabilityChainClimbsFromTheAccountable) {
  auto chain = [&](const char* task) {
    std::vector<std::pair<std::string, danvan::chain_link>> out;
    for (const auto& s : danvan::accountability_chain(net, task)) out.emplace_back(org(s.org), s.link);
    return out;
  };
  using danvan::chain_link;
  using steps = std::vector<std::pair<std::string, chain_link>>;
  EXPECT_EQ(chain("task:so-ket"), (steps{{"org:ban-dan-van", chain_link::responsible}, {"org:tinh-uy", chain_link::accountable}}));
  EXPECT_EQ(chain("task:d"), (steps{{"org:ban-dan-van", chain_link::responsible},
                                    {"org:btv", chain_link::accountable},
                                    {"org:tinh-uy", chain_link::parent}}));
  // No A on the task or its program: up from the responsible sub-unit.
  EXPECT_EQ(chain("task:a"), (steps{{"org:phong-a", chain_link::responsible},
                                    {"org:ban-dan-van", chain_link::parent},
                                    {"org:tinh-uy", chain_link::parent}}));
  // The task has no A: its program's director answers for it.
  const auto e = danvan::accountability_chain(net, "task:e");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(org(e[1].org), "org:tinh-uy");
  EXPECT_EQ(danvan::role_view(net, e[1].role).target_kind(), entity_kind::program);
  EXPECT_TRUE(chain("task:c").empty());
}

TEST_F(Responsibility, LeadOfOneAndMany) {
  auto pos = [&](const char* t) { return net.task(t).position(); };
  EXPECT_EQ(danvan::lead_of(net, pos("task:so-ket")), net.organization("org:ban-dan-van").position());
  EXPECT_EQ(danvan::lead_of(net, pos("task:b")), danvan::several_leads);
  EXPECT_EQ(danvan::lead_of(net, pos("task:c")), danvan::no_lead);
  EXPECT_EQ(danvan::lead_of(net, pos("task:d")), net.organization("org:ban-dan-van").position());  // one org, two R roles
  EXPECT_EQ(danvan::lead_of(net, pos("task:so-ket"), danvan::raci::A), net.organization("org:tinh-uy").position());

  std::vector<danvan::index> tasks;
  for (auto t : net.tasks()) tasks.push_back(t.position());
  std::vector<std::int64_t> out(tasks.size());
  danvan::lead_of(net, tasks, out);
  for (std::size_t i = 0; i < tasks.size(); ++i) EXPECT_EQ(out[i], danvan::lead_of(net, tasks[i])) << i;

  std::vector<std::int64_t> short_out(1);
  EXPECT_THROW(danvan::lead_of(net, tasks, short_out), std::invalid_argument);
  std::vector<danvan::index> bad{0, 77};
  std::vector<std::int64_t> two{5, 5};
  EXPECT_THROW(danvan::lead_of(net, bad, two), std::out_of_range);
  EXPECT_EQ(two[0], 5) << "nothing is written when a position is bad";
  EXPECT_THROW((void)danvan::lead_of(net, 77), std::out_of_range);
}

// ---- the Hải Dương network (data/haiduong-2023.json) --------------------------------------
//
// Expectations read from the seed article (shared/seeds/000_ab8e73818bcbd1b6.txt):
// "Ban Dân vận Tỉnh ủy đã chủ động, tích cực tham mưu cho cấp ủy tiến hành sơ kết, tổng kết
// ... sơ kết 5 năm thực hiện Chỉ thị số 21-CT/TW ... tổng kết 10 năm thực hiện Quyết định số
// 218-QĐ/TW": the commission advises, the Party committee (cấp ủy: the Provincial Party
// Committee) directs. The environment programme is signed by the commission with "MTTQ, các
// tổ chức chính trị - xã hội tỉnh, Sở Tài nguyên và Môi trường, Sở Khoa học và Công nghệ,
// Sở Nông nghiệp và Phát triển nông thôn".

class HaiDuong : public ::testing::Test {
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

  /// The review task of a document (kind review, implements it).
  static danvan::index review_of(std::string_view doc) {
    const auto d = net().document(doc).position();
    for (auto t : net().tasks())
      if (t.kind() == danvan::task_kind::review && std::find(t.implements().begin(), t.implements().end(), d) != t.implements().end())
        return t.position();
    ADD_FAILURE() << "no review task implements " << doc;
    return 0;
  }
  /// Organizations holding `role` on a task.
  static std::set<std::string> holders(danvan::index task, std::string_view role) {
    std::set<std::string> out;
    for (const auto& r : danvan::roles_of(net(), entity_kind::task, task))
      if (net().vocabulary()[r.name].name == role) out.insert(org(r.org));
    return out;
  }

  static inline danvan::network* net_ = nullptr;
};

TEST_F(HaiDuong, FiveYearReviewOfDirective21) {
  const auto t = review_of("doc:ct-21-tw");
  EXPECT_EQ(holders(t, "advise"), (std::set<std::string>{"org:ban-dan-van-tinh-uy"}));
  EXPECT_EQ(holders(t, "direct"), (std::set<std::string>{"org:tinh-uy"}));
  EXPECT_EQ(danvan::lead_of(net(), t), net().organization("org:ban-dan-van-tinh-uy").position());
  const auto chain = danvan::accountability_chain(net(), t);
  ASSERT_GE(chain.size(), 2u);
  EXPECT_EQ(org(chain[0].org), "org:ban-dan-van-tinh-uy");
  EXPECT_EQ(org(chain[1].org), "org:tinh-uy");
  EXPECT_EQ(chain[1].link, danvan::chain_link::accountable);
}

TEST_F(HaiDuong, TenYearReviewOfDecision218) {
  const auto t = review_of("doc:qd-218-tw");
  EXPECT_EQ(holders(t, "advise"), (std::set<std::string>{"org:ban-dan-van-tinh-uy"}));
  EXPECT_EQ(holders(t, "direct"), (std::set<std::string>{"org:tinh-uy"}));
  // Rolling up from the decision reaches the same two roles.
  const auto rows = danvan::roles_of(net(), "doc:qd-218-tw");
  std::set<std::string> orgs;
  for (const auto& r : rows) orgs.insert(org(r.org));
  EXPECT_TRUE(orgs.count("org:ban-dan-van-tinh-uy") && orgs.count("org:tinh-uy"));
}

TEST_F(HaiDuong, SignatoriesOfTheEnvironmentProgramme) {
  std::set<std::string> signers;
  for (const auto& r : danvan::roles_of(net(), "prog:chung-tay-bao-ve-moi-truong-2023-2025", {}, false))
    if (net().vocabulary()[r.name].name == "sign") signers.insert(org(r.org));
  EXPECT_EQ(signers, (std::set<std::string>{"org:ban-dan-van-tinh-uy", "org:uy-ban-mttq-tinh",
                                            "org:cac-to-chuc-chinh-tri-xa-hoi-tinh", "org:so-tai-nguyen-va-moi-truong",
                                            "org:so-khoa-hoc-va-cong-nghe", "org:so-nong-nghiep-va-phat-trien-nong-thon"}));
}

TEST_F(HaiDuong, WhatTheCommissionCarriesIn2023) {
  danvan::scope in2023;
  in2023.window = danvan::period{danvan::date(2023), danvan::date(2023)};
  const auto rows = danvan::portfolio(net(), "org:ban-dan-van-tinh-uy", in2023);
  std::set<std::pair<std::string, std::string>> carried;  // (role, target)
  for (const auto& r : rows) carried.emplace(net().vocabulary()[r.name].name, std::string(net().id_of(r.target_kind, r.target)));
  auto has = [&](const char* role, std::string target) { return carried.count({role, target}) == 1; };
  auto task_implementing = [&](const char* doc, danvan::task_kind kind) {
    const auto d = net().document(doc).position();
    for (auto t : net().tasks())
      if (t.kind() == kind && std::find(t.implements().begin(), t.implements().end(), d) != t.implements().end())
        return std::string(t.id());
    return std::string("<none>");
  };
  // Advises the plans for Conclusions 44, 58 and 54 ("tham mưu ... ban hành ... Kế hoạch").
  EXPECT_TRUE(has("advise", task_implementing("doc:kl-44-tw", danvan::task_kind::plan)));
  EXPECT_TRUE(has("advise", task_implementing("doc:kl-58-tw", danvan::task_kind::plan)));
  EXPECT_TRUE(has("advise", task_implementing("doc:kl-54-tw", danvan::task_kind::plan)));
  // Advises the reviews of Directive 21, Decision 218 and Directive 29-CT/TU.
  EXPECT_TRUE(has("advise", task_implementing("doc:ct-21-tw", danvan::task_kind::review)));
  EXPECT_TRUE(has("advise", task_implementing("doc:qd-218-tw", danvan::task_kind::review)));
  EXPECT_TRUE(has("advise", task_implementing("doc:ct-29-tu", danvan::task_kind::review)));
  // Leads ("chủ trì") the inspection of Regulation 03-QC/TU.
  EXPECT_TRUE(has("lead", task_implementing("doc:qc-03-tu", danvan::task_kind::inspection)));
  // Signs the environment programme and guides the "Dân vận khéo" movement.
  EXPECT_TRUE(has("sign", "prog:chung-tay-bao-ve-moi-truong-2023-2025"));
  EXPECT_TRUE(has("guide", "prog:dan-van-kheo-2023-2025"));
  // It holds a role on most of the year's work: at least the 20 roles listed in the article.
  EXPECT_GE(rows.size(), 20u);
  // Nothing outside 2023 slips in.
  for (const auto& r : rows) {
    const auto p = r.target_kind == entity_kind::task ? net().tasks()[r.target].period() : net().programs()[r.target].period();
    if (!p.empty()) EXPECT_TRUE(p.overlaps(danvan::period{danvan::date(2023), danvan::date(2023)}));
  }
}

}  // namespace

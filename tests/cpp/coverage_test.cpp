// Coverage rules: the rules file reader (with the JSON path of each mistake), every
// built-in rule on a small network, and the default rules on the Hải Dương network
// as of 2023-09-16 and 2025-09-01.
#include <danvan/io/json.hpp>
#include <danvan/query/coverage.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using danvan::date;

const char* fixture = R"({
  "danvan": "1",
  "areas": [
    {"id": "area:tinh", "name": "Tỉnh", "level": "province"},
    {"id": "area:h1", "name": "Huyện 1", "level": "district", "parent": "area:tinh"},
    {"id": "area:h2", "name": "Huyện 2", "level": "district", "parent": "area:tinh"},
    {"id": "area:h3", "name": "Huyện 3", "level": "district", "parent": "area:tinh", "valid_to": "2025-06-30"},
    {"id": "area:x1", "name": "Xã 1", "level": "commune", "parent": "area:h2"}],
  "organizations": [
    {"id": "org:ban", "name": "Ban Dân vận", "level": "province"},
    {"id": "org:mttq", "name": "MTTQ", "level": "province"},
    {"id": "org:tinh-uy", "name": "Tỉnh ủy", "level": "province"},
    {"id": "org:idle", "name": "Không có việc", "level": "province"},
    {"id": "org:h3-uy", "name": "Huyện ủy 3", "level": "district", "area": "area:h3", "valid_to": "2025-06-30"},
    {"id": "org:old", "name": "Ban cũ", "level": "province", "valid_to": "2025-02-28"},
    {"id": "org:new", "name": "Ban mới", "level": "province", "valid_from": "2025-03-01"}],
  "documents": [
    {"id": "doc:ct-1", "name": "Chỉ thị 1", "type": "CT", "date": "2018-01-20", "reviews": [{"kind": "preliminary", "years": 5}]},
    {"id": "doc:ct-2", "name": "Chỉ thị 2", "type": "CT", "date": "2017", "reviews": [{"kind": "preliminary", "years": 5}]},
    {"id": "doc:nq-3", "name": "Nghị quyết 3", "type": "NQ", "date": "2010-06-01",
     "reviews": [{"kind": "preliminary", "years": 5, "recurring": true}]},
    {"id": "doc:kl-4", "name": "Kết luận 4", "type": "KL", "date": "2019-01-07", "reviews": [{"kind": "final", "years": 5}]},
    {"id": "doc:kl-5", "name": "Kết luận 5", "type": "KL", "date": "2023-01-10", "continues": ["doc:ct-6"]},
    {"id": "doc:ct-6", "name": "Chỉ thị 6", "type": "CT", "date": "2008"},
    {"id": "doc:qd-7", "name": "Quyết định 7", "type": "QĐ", "date": "2023-08-01"}],
  "programs": [
    {"id": "prog:movement", "name": "Phong trào", "kind": "movement", "period": {"start": "2023", "end": "2025"},
     "areas": ["area:tinh"], "roles": [{"org": "org:ban", "role": "guide"}]},
    {"id": "prog:plan", "name": "Kế hoạch", "kind": "plan", "implements": ["doc:kl-5"],
     "period": {"start": "2023-03", "end": "2023-12"}, "roles": [{"org": "org:ban", "role": "lead"}]}],
  "tasks": [
    {"id": "task:ok", "name": "Một chủ trì", "status": "done", "period": {"start": "2023-01", "end": "2023-09"},
     "roles": [{"org": "org:ban", "role": "lead"}, {"org": "org:tinh-uy", "role": "direct"}]},
    {"id": "task:none", "name": "Không ai chủ trì", "period": {"start": "2023-01", "end": "2023-09"},
     "roles": [{"org": "org:mttq", "role": "coordinate"}]},
    {"id": "task:two", "name": "Hai chủ trì",
     "roles": [{"org": "org:ban", "role": "lead"}, {"org": "org:mttq", "role": "advise"},
               {"org": "org:tinh-uy", "role": "direct"}, {"org": "org:mttq", "role": "direct"}]},
    {"id": "task:cancelled", "name": "Đã hủy", "status": "cancelled"},
    {"id": "task:review-1", "name": "Sơ kết CT 1", "kind": "review", "implements": ["doc:ct-1"], "status": "done",
     "period": {"start": "2023-01", "end": "2023-09"}, "roles": [{"org": "org:ban", "role": "advise"}]},
    {"id": "task:review-3", "name": "Sơ kết NQ 3 lần 1", "kind": "review", "implements": ["doc:nq-3"], "status": "done",
     "due": "2015", "roles": [{"org": "org:ban", "role": "advise"}]},
    {"id": "task:review-4", "name": "Tổng kết KL 4", "kind": "review", "implements": ["doc:kl-4"], "status": "done",
     "period": {"start": "2023-01", "end": "2023-09"}, "roles": [{"org": "org:ban", "role": "advise"}]},
    {"id": "task:movement-x1", "name": "Phong trào ở xã 1", "program": "prog:movement", "areas": ["area:x1"],
     "status": "in_progress", "period": {"start": "2023", "end": "2025"},
     "roles": [{"org": "org:old", "role": "lead"}, {"org": "org:h3-uy", "role": "participate"}]}],
  "events": [
    {"id": "event:merge", "name": "Đổi tên", "kind": "rename", "date": "2025-03-01", "from": ["org:old"], "to": ["org:new"]},
    {"id": "event:huyen", "name": "Kết thúc cấp huyện", "kind": "dissolve", "date": "2025-07-01", "from": ["org:h3-uy"]}]
})";

std::string source_dir() { return DANVAN_SOURCE_DIR; }

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Coverage : public ::testing::Test {
 protected:
  danvan::network net = danvan::loads(fixture, "<fixture>");

  /// Entities the rule finds, in order.
  std::vector<std::string> found(const std::string& rule_json, std::optional<date> as_of = std::nullopt) const {
    const auto rules = danvan::parse_rules(R"({"rules": [)" + rule_json + "]}");
    std::vector<std::string> out;
    for (const auto& v : danvan::check(net, rules, as_of)) out.push_back(v.entity_id);
    return out;
  }
  std::vector<danvan::violation> violations(const std::string& rule_json, std::optional<date> as_of = std::nullopt) const {
    return danvan::check(net, danvan::parse_rules(R"({"rules": [)" + rule_json + "]}"), as_of);
  }
};

using ids = std::vector<std::string>;

// ---- reading rules files -------------------------------------------------------------------

/// The problems of a bad rules file under tests/data/rules/.
std::vector<danvan::problem> problems_of(const std::string& name) {
  try {
    (void)danvan::load_rules(source_dir() + "/tests/data/rules/" + name);
  } catch (const danvan::validation_error& e) {
    return e.problems();
  }
  ADD_FAILURE() << name << " was accepted";
  return {};
}

TEST(RulesFile, UnknownRuleNamesThePathAndTheNearestRule) {
  const auto p = problems_of("unknown-rule.json");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "/rules/1/rule");
  EXPECT_EQ(p[0].rule, "unknown-rule");
  EXPECT_EQ(p[0].suggestion, "task-responsible");
  EXPECT_NE(p[0].message.find("unknown rule `task-responsable` (did you mean `task-responsible`?)"), std::string::npos)
      << p[0].message;
  EXPECT_NE(p[0].file.find("unknown-rule.json"), std::string::npos);
}

TEST(RulesFile, UnknownParameterWrongTypeBadDates) {
  auto p = problems_of("unknown-parameter.json");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "/rules/0/params/grace_day");
  EXPECT_EQ(p[0].rule, "unknown-parameter");
  EXPECT_EQ(p[0].suggestion, "grace_days");

  p = problems_of("wrong-type.json");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "/rules/0/params/within_days");
  EXPECT_EQ(p[0].rule, "wrong-type");
  EXPECT_EQ(p[0].message, "`within_days` must be a whole number, found a string");

  p = problems_of("bad-date.json");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "/as_of");
  EXPECT_EQ(p[0].rule, "bad-date");
  EXPECT_NE(p[0].message.find("`2023-02-30` is not a date"), std::string::npos) << p[0].message;
  EXPECT_NE(p[0].message.find("30"), std::string::npos);

  p = problems_of("bad-window.json");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "/rules/0/params/window/start");
  EXPECT_EQ(p[0].rule, "bad-date");

  p = problems_of("bad-severity.json");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "/rules/0/severity");
  EXPECT_EQ(p[0].rule, "bad-value");
  EXPECT_NE(p[0].message.find("`fatal` is not one of info, warning, error"), std::string::npos) << p[0].message;

  p = problems_of("duplicate-name.json");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "/rules/1/rule");
  EXPECT_EQ(p[0].rule, "duplicate-name");
}

TEST(RulesFile, EveryMistakeIsReportedAtOnce) {
  const auto p = problems_of("many-mistakes.json");
  std::vector<std::string> paths;
  for (const auto& q : p) paths.push_back(q.path + " " + q.rule);
  EXPECT_EQ(paths, (ids{"/rulez unknown-field", "/danvan_rules unsupported-version", "/as_of wrong-type",
                        "/rules/0/params/letter bad-value", "/rules/0/params/min bad-value",
                        "/rules/1/params/kinds/1 bad-value", "/rules/2/rule missing-field"}));
}

TEST(RulesFile, SyntaxErrorsCarryLineAndColumn) {
  try {
    (void)danvan::load_rules(source_dir() + "/tests/data/rules/syntax-error.json");
    FAIL() << "expected danvan::parse_error";
  } catch (const danvan::parse_error& e) {
    EXPECT_EQ(e.where().line, 4u);
    EXPECT_EQ(e.where().rule, "syntax");
    EXPECT_NE(std::string(e.what()).find("syntax-error.json:4:"), std::string::npos) << e.what();
  }
  try {
    (void)danvan::load_rules(source_dir() + "/tests/data/rules/not-an-object.json");
    FAIL() << "expected danvan::validation_error";
  } catch (const danvan::validation_error& e) {
    EXPECT_EQ(e.problems().at(0).rule, "wrong-type");
    EXPECT_NE(e.problems()[0].message.find("found an array"), std::string::npos);
  }
  EXPECT_THROW((void)danvan::load_rules(source_dir() + "/tests/data/rules/no-such-file.json"), danvan::io_error);
}

TEST(RulesFile, DefaultsAreCompiledInAndShipped) {
  const std::string file = source_dir() + "/data/rules/default.rules.json";
  EXPECT_EQ(danvan::default_rules_text(), read_file(file))
      << "the build compiles data/rules/default.rules.json in (cmake/default_rules.cmake); configure again";
  const auto& rules = danvan::default_rules();
  // The compiled-in rules read as the file does, rule by rule.
  const auto shipped = danvan::load_rules(file);
  EXPECT_EQ(rules.title, shipped.title);
  EXPECT_EQ(rules.as_of, shipped.as_of);
  ASSERT_EQ(rules.rules.size(), shipped.rules.size());
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const auto &a = rules.rules[i], &b = shipped.rules[i];
    EXPECT_EQ(a.name, b.name) << a.path;
    EXPECT_EQ(a.check, b.check) << a.path;
    EXPECT_EQ(a.severity, b.severity) << a.path;
    EXPECT_EQ(a.description, b.description) << a.path;
    EXPECT_EQ(a.params, b.params) << a.path;
    EXPECT_EQ(a.scope, b.scope) << a.path;
    EXPECT_EQ(a.enabled, b.enabled) << a.path;
    EXPECT_EQ(a.path, b.path);
  }
  std::set<std::string> checks;
  for (const auto& r : rules.rules) checks.insert(r.check);
  for (const auto& def : danvan::rule_catalog()) EXPECT_TRUE(checks.count(def.name)) << def.name << " is not in the default rules";
  EXPECT_EQ(rules.rules.at(0).severity, danvan::severity::error);
}

TEST(RulesFile, EveryRuleAndParameterIsDocumentedAndInTheSchema) {
  const std::string docs = read_file(source_dir() + "/docs/rules.md");
  const std::string schema = read_file(source_dir() + "/schema/rules.schema.json");
  for (const auto& def : danvan::rule_catalog()) {
    EXPECT_NE(docs.find("### `" + def.name + "`"), std::string::npos) << def.name << " has no section in docs/rules.md";
    EXPECT_NE(schema.find("\"" + def.name + "\""), std::string::npos) << def.name << " is not in the schema";
    for (const auto& p : def.params) {
      EXPECT_NE(docs.find("`" + p.name + "`"), std::string::npos) << def.name << "." << p.name << " is not documented";
      EXPECT_NE(schema.find("\"" + p.name + "\""), std::string::npos) << def.name << "." << p.name << " is not in the schema";
    }
  }
}

TEST_F(Coverage, UnknownIdsInRulesAreReportedWithTheirPath) {
  const auto rules = danvan::parse_rules(R"({"rules": [
    {"rule": "area-reached", "params": {"program": "prog:movment"}},
    {"rule": "task-responsible", "params": {"roles": ["leed"]}, "scope": {"topics": ["topic:x"]}}]})");
  try {
    (void)danvan::check(net, rules);
    FAIL() << "expected danvan::validation_error";
  } catch (const danvan::validation_error& e) {
    ASSERT_EQ(e.problems().size(), 3u);
    EXPECT_EQ(e.problems()[0].path, "/rules/0/params/program");
    EXPECT_EQ(e.problems()[0].suggestion, "prog:movement");
    EXPECT_EQ(e.problems()[0].rule, "unknown-reference");
    EXPECT_EQ(e.problems()[1].path, "/rules/1/scope/topics/0");
    EXPECT_EQ(e.problems()[2].path, "/rules/1/params/roles/0");
    EXPECT_EQ(e.problems()[2].suggestion, "lead");
  }
}

// ---- the rules ---------------------------------------------------------------------------------

TEST_F(Coverage, TaskResponsible) {
  EXPECT_EQ(found(R"({"rule": "task-responsible"})"), (ids{"task:none", "task:two"}));
  const auto v = violations(R"({"rule": "task-responsible"})");
  EXPECT_EQ(v[0].message, "no organization is responsible (R: lead, advise) on task `task:none` (Không ai chủ trì); exactly 1 expected");
  EXPECT_EQ(v[0].severity, danvan::severity::error);
  EXPECT_EQ(v[1].evidence, (ids{"task:two", "org:ban", "org:mttq"}));
  // Counting only `lead`: the reviews, advised but not led, fail; the task with two R passes.
  EXPECT_EQ(found(R"({"rule": "task-responsible", "params": {"roles": ["lead"]}})"),
            (ids{"task:none", "task:review-1", "task:review-3", "task:review-4"}));
  // The cancelled task counts once its status is checked.
  EXPECT_EQ(found(R"({"rule": "task-responsible", "params": {"statuses": ["cancelled"]}})"), (ids{"task:cancelled"}));
  // "Exactly one" on A instead of R.
  EXPECT_EQ(found(R"({"rule": "task-responsible", "params": {"letter": "A"}})"),
            (ids{"task:none", "task:two", "task:review-1", "task:review-3", "task:review-4", "task:movement-x1"}));
}

TEST_F(Coverage, TaskAccountable) {
  EXPECT_EQ(found(R"({"rule": "task-accountable"})"), (ids{"task:two"}));
  EXPECT_EQ(violations(R"({"rule": "task-accountable"})")[0].severity, danvan::severity::warning);
}

TEST_F(Coverage, DocumentImplemented) {
  EXPECT_EQ(found(R"({"rule": "document-implemented"})"), (ids{"doc:ct-2", "doc:qd-7"}));
  // Without the transitive step the continued directive is no longer covered by the plan of its conclusion.
  EXPECT_EQ(found(R"({"rule": "document-implemented", "params": {"transitive": false}})"),
            (ids{"doc:ct-2", "doc:ct-6", "doc:qd-7"}));
  // Within 90 days: the plan of KL 5 starts 50 days after it; KL 4 waited four years.
  EXPECT_EQ(found(R"({"rule": "document-implemented", "params": {"within_days": 90, "types": ["KL"]}})"), (ids{"doc:kl-4"}));
  EXPECT_EQ(found(R"({"rule": "document-implemented", "params": {"within_days": 30, "types": ["KL"]}})"),
            (ids{"doc:kl-4", "doc:kl-5"}));
  // QĐ 7 (2023-08-01) still has time on 2023-09-16 with 90 days, none with 30.
  EXPECT_EQ(found(R"({"rule": "document-implemented", "params": {"within_days": 90, "types": ["QĐ"]}})", date(2023, 9, 16)),
            (ids{}));
  EXPECT_EQ(found(R"({"rule": "document-implemented", "params": {"within_days": 30, "types": ["QĐ"]}})", date(2023, 9, 16)),
            (ids{"doc:qd-7"}));
  // Documents issued after the date are not checked.
  EXPECT_EQ(found(R"({"rule": "document-implemented"})", date(2023, 6, 1)), (ids{"doc:ct-2"}));
  const auto v = violations(R"({"rule": "document-implemented", "params": {"within_days": 30, "types": ["KL"]}})");
  EXPECT_EQ(v[1].evidence, (ids{"doc:kl-5", "prog:plan"}));
}

TEST_F(Coverage, ProgramLead) {
  EXPECT_EQ(found(R"({"rule": "program-lead"})"), (ids{"prog:movement"}));
  EXPECT_EQ(found(R"({"rule": "program-lead", "params": {"include_tasks": true}})"), (ids{}));
  EXPECT_EQ(found(R"({"rule": "program-lead", "params": {"kinds": ["plan"]}})"), (ids{}));
  const auto v = violations(R"({"rule": "program-lead"})");
  EXPECT_EQ(v[0].evidence, (ids{"prog:movement", "org:ban"}));
}

TEST_F(Coverage, ReviewOverdueKeepsPrecisionAndRecurrence) {
  // CT 1 (2018-01-20) was reviewed in 2023; CT 2 (2017) was not; NQ 3's second five years are
  // not reviewed; KL 4 is not due yet.
  EXPECT_EQ(found(R"({"rule": "review-overdue"})", date(2023, 9, 16)), (ids{"doc:ct-2", "doc:nq-3"}));
  // A due date of "2022" is not overdue on 2022-06-30, only once the whole year has passed.
  EXPECT_EQ(found(R"({"rule": "review-overdue", "params": {"kinds": ["preliminary"]}})", date(2022, 6, 30)),
            (ids{"doc:nq-3"}));
  EXPECT_EQ(found(R"({"rule": "review-overdue"})", date(2023, 1, 1)), (ids{"doc:ct-2", "doc:nq-3"}));
  // KL 4 (2019-01-07, 5 years: due 2024-01-07) was reviewed in 2023, within a year before.
  EXPECT_EQ(found(R"({"rule": "review-overdue", "params": {"kinds": ["final"]}})", date(2025, 9, 1)), (ids{}));
  EXPECT_EQ(found(R"({"rule": "review-overdue", "params": {"kinds": ["final"], "early_years": 0}})", date(2025, 9, 1)),
            (ids{"doc:kl-4"}));
  // Without a date the rule does nothing.
  EXPECT_EQ(found(R"({"rule": "review-overdue"})"), (ids{}));
  const auto v = violations(R"({"rule": "review-overdue"})", date(2023, 9, 16));
  EXPECT_EQ(v[0].message,
            "the preliminary review (sơ kết) of `doc:ct-2` (Chỉ thị 2) was due 2022 (5 years after 2017); no review task "
            "of it falls in 2021 or later (as of 2023-09-16)");
  EXPECT_NE(v[1].message.find("due 2020-06-01"), std::string::npos) << v[1].message;
  EXPECT_EQ(v[1].evidence, (ids{"doc:nq-3", "task:review-3"}));
}

TEST_F(Coverage, AreaReached) {
  const char* movement = R"({"rule": "area-reached", "params": {"kinds": ["movement"]}})";
  // Huyện 2 through the task in its commune, Huyện 3 through the organization taking part.
  EXPECT_EQ(found(movement, date(2023, 9, 16)), (ids{"area:h1"}));
  EXPECT_EQ(found(R"({"rule": "area-reached", "params": {"kinds": ["movement"], "via_organizations": false}})", date(2023, 9, 16)),
            (ids{"area:h1", "area:h3"}));
  EXPECT_EQ(found(R"({"rule": "area-reached", "params": {"program": "prog:plan"}})"), (ids{"area:h1", "area:h2", "area:h3"}));
  EXPECT_EQ(found(R"({"rule": "area-reached", "params": {"kinds": ["movement"], "level": "commune"}})"), (ids{}));
  // After the district level was abolished, Huyện 3 no longer exists.
  EXPECT_EQ(found(movement, date(2025, 9, 1)), (ids{"area:h1"}));
  EXPECT_EQ(violations(movement)[0].message, "district `area:h1` (Huyện 1) is not reached by any program of kind movement");
}

TEST_F(Coverage, OrganizationIdle) {
  EXPECT_EQ(found(R"({"rule": "organization-idle"})", date(2023, 9, 16)), (ids{"org:idle"}));
  EXPECT_EQ(found(R"({"rule": "organization-idle", "params": {"levels": ["district"]}})", date(2023, 9, 16)), (ids{}));
  // From 2026 on: the old bodies are gone, the running task ended in 2025.
  EXPECT_EQ(found(R"({"rule": "organization-idle", "params": {"window": {"start": "2026"}}})"),
            (ids{"org:idle", "org:new"}));  // the undated task keeps the others busy
  EXPECT_EQ(found(R"({"rule": "organization-idle", "params": {"roles": ["lead"]}})", date(2023, 9, 16)),
            (ids{"org:mttq", "org:tinh-uy", "org:idle", "org:h3-uy"}));
}

TEST_F(Coverage, OrphanedAndInheritedRoles) {
  EXPECT_EQ(found(R"({"rule": "orphaned-role"})", date(2023, 9, 16)), (ids{}));
  EXPECT_EQ(found(R"({"rule": "inherited-role"})", date(2023, 9, 16)), (ids{}));
  const auto orphans = violations(R"({"rule": "orphaned-role"})", date(2025, 9, 1));
  ASSERT_EQ(orphans.size(), 1u);
  EXPECT_EQ(orphans[0].entity_id, "org:h3-uy");
  EXPECT_EQ(orphans[0].evidence, (ids{"org:h3-uy", "task:movement-x1", "event:huyen"}));
  EXPECT_EQ(orphans[0].message,
            "organization `org:h3-uy` (Huyện ủy 3) ended by `event:huyen` (dissolve, 2025-07-01) without successor; its "
            "role `participate` on task `task:movement-x1` has no holder on 2025-09-01");
  const auto inherited = violations(R"({"rule": "inherited-role"})", date(2025, 9, 1));
  ASSERT_EQ(inherited.size(), 1u);
  EXPECT_EQ(inherited[0].severity, danvan::severity::info);
  EXPECT_EQ(inherited[0].evidence, (ids{"org:old", "task:movement-x1", "org:new", "event:merge"}));
  // Finished work keeps its history: only active_only=false reaches it (none here on 2026-01-01 either way).
  EXPECT_EQ(found(R"({"rule": "orphaned-role"})", date(2026, 1, 1)), (ids{}));
  EXPECT_EQ(found(R"({"rule": "orphaned-role", "params": {"active_only": false}})", date(2026, 1, 1)), (ids{"org:h3-uy"}));
  // As of a date, a task's lead follows the merger: the new commission still leads.
  EXPECT_EQ(found(R"({"rule": "task-responsible"})", date(2025, 9, 1)), (ids{"task:none", "task:two"}));
}

TEST_F(Coverage, CheckRunsRulesInFileOrderAndHonoursNamesSeverityAndEnabled) {
  const auto rules = danvan::parse_rules(R"({"as_of": "2023-09-16", "rules": [
    {"rule": "program-lead", "name": "movements-led", "severity": "error"},
    {"rule": "task-accountable", "enabled": false},
    {"rule": "review-overdue"}]})");
  const auto v = danvan::check(net, rules);  // the file's date
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].rule, "movements-led");
  EXPECT_EQ(v[0].check, "program-lead");
  EXPECT_EQ(v[0].severity, danvan::severity::error);
  EXPECT_EQ(v[0].kind, danvan::entity_kind::program);
  EXPECT_EQ(v[1].rule, "review-overdue");
  EXPECT_FALSE(danvan::passes(v));
  EXPECT_EQ(danvan::to_string(v[0]).substr(0, 35), "error movements-led prog:movement: ");
  EXPECT_EQ(danvan::check(net, rules, date(2016)).size(), 1u);  // an explicit date wins: nothing due in 2016
}

TEST_F(Coverage, RuleScopeNarrowsWhatIsChecked) {
  EXPECT_EQ(found(R"({"rule": "task-responsible", "scope": {"program": "prog:movement"}})"), (ids{}));
  EXPECT_EQ(found(R"({"rule": "task-responsible", "scope": {"window": {"start": "2023-01", "end": "2023-12"}}})"),
            (ids{"task:none", "task:two"}));
}

// ---- Hải Dương: the default rules before and after the 2025 reorganization ---------------------

TEST(CoverageHaiDuong, TheReorganizationShowsInTheDefaultRules) {
  const auto file = std::filesystem::path(source_dir()) / "data" / "haiduong-2023.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "data/haiduong-2023.json is not there yet";
  const auto net = danvan::load(file);
  auto by_rule = [&](date on) {
    std::map<std::string, std::vector<danvan::violation>> out;
    for (auto& v : danvan::check(net, danvan::default_rules(), on)) out[v.rule].push_back(std::move(v));
    return out;
  };
  auto before = by_rule(date(2023, 9, 16));
  auto after = by_rule(date(2025, 9, 1));
  // 2023: nothing has moved yet; the districts exist and no movement reaches them by name.
  EXPECT_EQ(before.count("inherited-role"), 0u);
  EXPECT_EQ(before.count("orphaned-role"), 0u);
  EXPECT_FALSE(before["movement-reaches-districts"].empty());
  // 2025-09-01: the running programmes' roles passed to the Hải Phòng bodies; the districts are gone.
  ASSERT_FALSE(after["inherited-role"].empty());
  std::set<std::string> successors;
  for (const auto& v : after["inherited-role"]) successors.insert(v.evidence.at(2));
  EXPECT_TRUE(successors.count("org:ban-tuyen-giao-va-dan-van-thanh-uy-hai-phong"));
  EXPECT_TRUE(successors.count("org:so-nong-nghiep-va-moi-truong-hai-phong"));
  EXPECT_EQ(after.count("movement-reaches-districts"), 0u);
  // The reviews the article reports (Directive 21, Decision 218, ...) are not overdue.
  for (const auto& v : before["review-overdue"]) EXPECT_NE(v.entity_id, "doc:ct-21-tw") << v.message;
  for (const auto& v : after["review-overdue"]) EXPECT_NE(v.entity_id, "doc:qd-218-tw") << v.message;
}

}  // namespace

namespace {

// A lead carried to the two successors of a split (no shares) makes two leads: the
// cardinality rule says so, as for any task; the successors are not idle.
TEST(CoverageAfterASplit, SeveralLeadsAreReportedAndSuccessorsAreNotIdle) {
  const auto net = danvan::loads(R"({"danvan": "1",
    "organizations": [{"id": "org:s", "name": "Sở", "valid_to": "2024-12-31"},
                      {"id": "org:s1", "name": "Sở 1", "valid_from": "2025-01-01"},
                      {"id": "org:s2", "name": "Sở 2", "valid_from": "2025-01-01"}],
    "tasks": [{"id": "task:t", "name": "T", "period": {"start": "2023", "end": "2023"}, "status": "done",
               "roles": [{"org": "org:s", "role": "lead"}]}],
    "events": [{"id": "event:split", "name": "Chia", "kind": "split", "date": "2025-01-01", "from": ["org:s"],
                "to": ["org:s1", "org:s2"]}]})");
  const auto rules = danvan::parse_rules(R"({"rules": [{"rule": "task-responsible"}, {"rule": "organization-idle"}]})");
  const auto before = danvan::check(net, rules, date(2024, 6, 1));
  ASSERT_EQ(before.size(), 1u);  // one lead; the body itself has no work in 2024
  EXPECT_EQ(before[0].rule, "organization-idle");
  const auto after = danvan::check(net, rules, date(2025, 6, 1));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].rule, "task-responsible");
  EXPECT_EQ(after[0].entity_id, "task:t");
  EXPECT_NE(after[0].message.find("2 organizations"), std::string::npos) << after[0].message;
  // The findings refer to the network the rules looked at.
  const auto found = danvan::find_violations(net, rules, date(2025, 6, 1));
  const auto checked = danvan::checked_network(net, rules, date(2025, 6, 1));
  EXPECT_EQ(checked->meta().as_of, date(2025, 6, 1));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(danvan::entity_id(*checked, found[0]), "task:t");
}

}  // namespace

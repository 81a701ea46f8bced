// The CSV tables (danvan/io/csv.hpp): every field of the format survives the round trip
// (the shipped network, its as-of network with carried and orphaned roles, and a
// network using every other field), list escaping, codes kept as text, the folder
// written all or nothing, and each bad table refused at its file, line and column.
#include "io/csv/cells.hpp"  // the cell types, checked against the schema
#include <danvan/error.hpp>
#include <danvan/io/csv.hpp>
#include <danvan/io/json.hpp>
#include <danvan/query/time.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace {

namespace fs = std::filesystem;

// Every field the shipped network lacks: former names, aliases needing escapes, reviews,
// events with shares, declared roles, extra everywhere, evidence on entities and roles.
const char* every_field = R"({
  "danvan": "1",
  "meta": {"title": "Mạng, \"thử\"", "description": "dòng 1\ndòng 2", "language": "vi", "classification": "internal",
           "extra": {"k": [1, 2.5, null, {"x": "y"}]}},
  "roles": [{"name": "teach", "labels": ["giảng dạy", "dạy; học"], "raci": "C", "description": "d"}],
  "areas": [{"id": "area:01", "name": "Tỉnh 01", "level": "province", "code": "01"},
            {"id": "area:x", "name": "Xã", "level": "commune", "code": "00123", "parent": "area:01"}],
  "topics": [{"id": "topic:a", "name": "A", "aliases": [" lề trái", "a;b", "c\\d", "cuối "]}],
  "organizations": [
    {"id": "org:a", "name": "Ban A", "name_en": "Board A", "kind": "party_commission", "level": "province",
     "area": "area:01", "names": [{"name": "Ban cũ", "valid_to": "2019"}], "valid_from": "2010-05",
     "classification": "restricted", "sources": [{"source": "src:s", "span": [3, 9], "note": "n, \"q\""}],
     "extra": {"b": true, "a": 1}},
    {"id": "org:b", "name": "Sở B", "kind": "state_agency", "parent": "org:a"},
    {"id": "org:c", "name": "Sở C", "kind": "state_agency"}],
  "documents": [{"id": "doc:1", "name": "Chỉ thị 21", "number": "21-CT/TW", "issued_by": "org:a",
                 "date": "2018-01-20", "reviews": [{"kind": "preliminary", "years": 5, "recurring": true}],
                 "topics": ["topic:a"], "areas": ["area:01", "area:x"]}],
  "programs": [{"id": "prog:p", "name": "CT", "kind": "joint_program", "period": {"start": "2023"}, "implements": ["doc:1"],
                "roles": [{"org": "org:a", "role": "sign", "sources": [{"source": "src:s", "span": [0, 2]}]},
                          {"org": "org:b", "role": "sign", "classification": "public"}]}],
  "tasks": [{"id": "task:t", "name": "Hội nghị", "program": "prog:p", "due": "2023-09", "status": "planned",
             "period": {"start": "2023-01", "end": "2023-09-30"},
             "roles": [{"org": "org:a", "role": "lead", "valid_to": "2024"},
                       {"org": "org:b", "role": "teach", "extra": {"inferred": true},
                        "sources": [{"source": "src:s", "note": "one"}, {"source": "src:s", "span": [1, 4]}]}]}],
  "events": [{"id": "event:e", "name": "Chia", "kind": "split", "date": "2025-07-01", "approximate": true,
              "from": ["org:a"], "to": ["org:b", "org:c"],
              "shares": [{"to": "org:b", "topics": ["topic:a"]}, {"to": "org:c", "items": ["task:t"]}]}],
  "sources": [{"id": "src:s", "name": "Báo", "kind": "article", "url": "https://example.org/a?b=1,2",
               "sha256": "4f3c4c0a6c1f0f1d9a0f9b7c0d7b3c3e4f3c4c0a6c1f0f1d9a0f9b7c0d7b3c3e"}],
  "extra": {"z": "top"}
})";

std::string shipped() { return std::string(DANVAN_SOURCE_DIR) + "/data/haiduong-2023.json"; }

void expect_round_trip(const danvan::network& net) {
  const auto back = danvan::from_csv_tables(danvan::csv_tables(net));
  EXPECT_EQ(danvan::dumps(back), danvan::dumps(net));
}

TEST(CsvTables, ShippedNetworkRoundTripsByteForByte) { expect_round_trip(danvan::load(shipped())); }

TEST(CsvTables, AsOfNetworkKeepsCarriedAndOrphanedRoles) {
  const auto later = danvan::as_of(danvan::load(shipped()), danvan::date(2025, 9, 1));
  const auto dumped = danvan::dumps(later);
  ASSERT_NE(dumped.find("carried_from"), std::string::npos);
  ASSERT_NE(dumped.find("orphaned_roles"), std::string::npos);
  expect_round_trip(later);
}

TEST(CsvTables, EveryFieldRoundTrips) { expect_round_trip(danvan::loads(every_field)); }

std::string table(const std::vector<danvan::csv_file>& tables, std::string_view name) {
  for (const auto& t : tables)
    if (t.name == name) return t.text;
  ADD_FAILURE() << name << " missing";
  return {};
}

TEST(CsvTables, ListsAreEscapedAndCodesStayText) {
  const auto tables = danvan::csv_tables(danvan::loads(every_field));
  EXPECT_EQ(tables.size(), danvan::csv_table_names().size());
  const auto topics = table(tables, "topics.csv");
  EXPECT_NE(topics.find(R"(\ lề trái;a\;b;c\\d;cuối\ )"), std::string::npos) << topics;
  const auto areas = table(tables, "areas.csv");
  EXPECT_NE(areas.find(",01,"), std::string::npos) << areas;
  EXPECT_NE(areas.find(",00123,"), std::string::npos) << areas;
  // Evidence: a role's citations carry its number among its target's roles.
  const auto evidence = table(tables, "evidence.csv");
  EXPECT_EQ(evidence.substr(0, evidence.find('\n')), "of,role_number,source,span,note");
  EXPECT_NE(evidence.find("task:t,2,src:s,1;4,"), std::string::npos) << evidence;
  // A task's period is a column per end.
  EXPECT_NE(table(tables, "tasks.csv").find("period.start,period.end"), std::string::npos);
}

TEST(CsvTables, SpacesAroundSeparatorsAreIgnoredOnReading) {
  auto tables = danvan::csv_tables(danvan::loads(every_field));
  for (auto& t : tables)
    if (t.name == "documents.csv") {
      const auto at = t.text.find("area:01;area:x");
      ASSERT_NE(at, std::string::npos);
      t.text.replace(at, 14, "area:01 ;  area:x");
    }
  EXPECT_EQ(danvan::dumps(danvan::from_csv_tables(tables)), danvan::dumps(danvan::loads(every_field)));
}

/// The problems of reading `tables` with table `name` replaced by `text`.
std::vector<danvan::problem> problems_with(std::string_view name, const std::string& text) {
  auto tables = danvan::csv_tables(danvan::loads(every_field));
  bool replaced = false;
  for (auto& t : tables)
    if (t.name == name) {
      t.text = text;
      replaced = true;
    }
  if (!replaced) tables.push_back({std::string(name), text});
  try {
    (void)danvan::from_csv_tables(tables, "dir");
  } catch (const danvan::validation_error& e) {
    return e.problems();
  }
  ADD_FAILURE() << "no problem found";
  return {};
}

TEST(CsvTablesErrors, JsonProblemIsPlacedOnItsRowAndColumn) {
  auto roles = table(danvan::csv_tables(danvan::loads(every_field)), "roles.csv");
  roles.replace(roles.find("task:t,org:a,lead"), 17, "task:t,org:zz,lead");
  const auto p = problems_with("roles.csv", roles);
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].file, "dir/roles.csv");
  EXPECT_EQ(p[0].line, 4U);  // the header, the program's two roles, then this one
  EXPECT_EQ(p[0].column, 2U);
  EXPECT_EQ(p[0].rule, "unknown-reference");
  EXPECT_NE(p[0].message.find("column `org`"), std::string::npos) << p[0].message;
  EXPECT_TRUE(p[0].path.empty());
}

TEST(CsvTablesErrors, LineCountsAQuotedValueOverSeveralLines) {
  const auto p = problems_with("topics.csv", "id,name,aliases\ntopic:a,\"two\nlines\",\ntopic:b,B,x\ntopic:c,,\n");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0].line, 5U);  // topic:c starts on line 5: topic:a's name takes lines 2 and 3
  EXPECT_EQ(p[0].rule, "missing-field");
}

TEST(CsvTablesErrors, CellOfTheWrongType) {
  auto p = problems_with("evidence.csv", "of,role_number,source,span\norg:a,,src:s,3;nine\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].line, 2U);
  EXPECT_EQ(p[0].column, 4U);
  EXPECT_EQ(p[0].rule, "csv-type");
  p = problems_with("events.csv", "id,name,kind,date,approximate\nevent:e,E,merge,2025,maybe\n");
  ASSERT_FALSE(p.empty());
  EXPECT_NE(p[0].message.find("`maybe` is not true or false"), std::string::npos);
  p = problems_with("organizations.csv", "id,name,extra\norg:a,A,{not json\n");
  ASSERT_FALSE(p.empty());
  EXPECT_NE(p[0].message.find("not JSON text"), std::string::npos);
}

TEST(CsvTablesErrors, MissingKeyColumnWrongWidthAndRepeatedColumn) {
  auto p = problems_with("tasks.csv", "name,status\nT,done\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].rule, "csv-missing-column");
  EXPECT_EQ(p[0].line, 1U);
  p = problems_with("tasks.csv", "id,name\ntask:t,Hội nghị,extra cell\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].rule, "csv-row-width");
  EXPECT_EQ(p[0].line, 2U);
  p = problems_with("tasks.csv", "id,name,name\ntask:t,A,B\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].column, 3U);
}

TEST(CsvTablesErrors, HashtagRowUnknownTableAndUnknownEntity) {
  auto p = problems_with("organizations.csv", "id,name\n#org+code,#org+name\norg:a,A\n");
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0].rule, "csv-hashtag-row");
  EXPECT_EQ(p[0].line, 2U);
  p = problems_with("organisations.csv", "id,name\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].suggestion, "organizations.csv");
  p = problems_with("evidence.csv", "of,role_number,source\norg:aa,,src:s\ntask:t,7,src:s\n");
  ASSERT_EQ(p.size(), 2U);
  EXPECT_EQ(p[0].suggestion, "org:a");
  EXPECT_EQ(p[1].column, 2U);  // task:t has two roles
}

TEST(CsvTablesErrors, NotCsv) {
  const auto p = problems_with("tasks.csv", "id,name\ntask:t,\"unclosed\n");
  ASSERT_EQ(p.size(), 1U);
  EXPECT_EQ(p[0].rule, "csv-syntax");
}

class CsvFolder : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("danvan-csv-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { fs::remove_all(dir); fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(CsvFolder, SaveAndLoadAndReplaceOnlyItsOwnTables) {
  const auto net = danvan::loads(every_field);
  const auto out = dir / "tables";
  danvan::save_csv(net, out);
  EXPECT_EQ(danvan::dumps(danvan::load_csv(out)), danvan::dumps(net));
  EXPECT_THROW(danvan::save_csv(net, out), danvan::io_error);  // exists, replace not asked
  const auto small = danvan::loads(R"({"danvan": "1", "organizations": [{"id": "org:z", "name": "Z"}]})");
  danvan::save_csv(small, out, true);
  EXPECT_EQ(danvan::dumps(danvan::load_csv(out)), danvan::dumps(small));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1U);  // no temporary folder left beside it
  std::ofstream(out / "notes.txt") << "mine";
  EXPECT_THROW(danvan::save_csv(net, out, true), danvan::io_error);
  EXPECT_TRUE(fs::exists(out / "notes.txt"));
  EXPECT_EQ(danvan::dumps(danvan::load_csv(out)), danvan::dumps(small));  // as it was
}

TEST_F(CsvFolder, LoadRefusesWhatIsNotAFolderOfTables) {
  EXPECT_THROW((void)danvan::load_csv(dir / "none"), danvan::io_error);
  EXPECT_THROW((void)danvan::load_csv(dir), danvan::io_error);  // empty: no table
}

}  // namespace

// ---- the cell types against the schema ---------------------------------------------------

namespace schema_check {

using nlohmann::json;

/// `spec` with a `$ref` followed (one level is all the schema uses).
const json& resolved(const json& schema, const json& spec) {
  if (!spec.contains("$ref")) return spec;
  const auto ref = spec["$ref"].get<std::string>();
  return schema["$defs"][ref.substr(ref.rfind('/') + 1)];
}

/// The cell type a property of the schema needs, or nothing for one the tables carry
/// otherwise (an object spread into columns, `roles` and `sources` in tables of their own).
std::optional<danvan::detail::csv::cell_type> needed(const json& schema, const std::string& name, const json& spec) {
  using danvan::detail::csv::cell_type;
  const json& s = resolved(schema, spec);
  if (!s.is_object()) return std::nullopt;  // `true`: a property the base definition types
  const auto type = s.value("type", std::string());
  if (name == "roles" || name == "sources") return std::nullopt;
  if (type == "boolean") return cell_type::boolean;
  if (type == "object") return name == "extra" ? std::optional(cell_type::json) : std::nullopt;  // spread: period, carried_from
  if (type != "array") return cell_type::text;
  // A tuple (`span`: prefixItems) is typed by its first item.
  const json& items = resolved(schema, s.contains("prefixItems") ? s["prefixItems"][0] : s["items"]);
  if (!items.is_object()) return cell_type::json;
  const auto item_type = items.value("type", std::string(items.contains("enum") ? "string" : ""));
  if (item_type == "string") return cell_type::list;
  if (item_type == "integer") return cell_type::integers;
  return cell_type::json;  // a list of objects
}

}  // namespace schema_check

TEST(CsvTables, CellTypesFollowTheSchema) {
  std::ifstream in(std::string(DANVAN_SOURCE_DIR) + "/schema/danvan.schema.json");
  const auto schema = nlohmann::json::parse(in);
  // The definitions whose objects are rows of a table (the others sit inside JSON cells).
  std::size_t checked = 0;
  for (const char* def : {"entity", "area", "topic", "organization", "document", "program", "task", "event", "source",
                          "roleAssignment", "evidence", "roleDefinition"}) {
    for (const auto& [name, spec] : schema["$defs"][def]["properties"].items()) {
      const auto expected = schema_check::needed(schema, name, spec);
      if (!expected) continue;
      EXPECT_EQ(danvan::detail::csv::cell_type_of(name), *expected) << def << "." << name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 50U);
}

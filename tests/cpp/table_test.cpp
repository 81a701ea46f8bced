// danvan::table: its column kinds, lookup errors, id and name resolution; write_csv's
// quoting and cells, write_json's values, write_text's alignment; and the network's own tables (danvan/tables.hpp).
#include <danvan/io/json.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/table.hpp>
#include <danvan/tables.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

#include <sstream>
#include <string>
#include <vector>

namespace {

using danvan::column;
using danvan::column_kind;
using danvan::date;
using danvan::entity_kind;
using danvan::table;

const char* fixture = R"({
  "danvan": "1",
  "organizations": [
    {"id": "org:a", "name": "Ban A", "aliases": ["BA", "Ban \"A\""]},
    {"id": "org:b", "name": "Ban B, tỉnh", "parent": "org:a", "kind": "police", "classification": "internal"}
  ],
  "documents": [
    {"id": "doc:ct", "name": "Chỉ thị", "date": "2017-05",
     "reviews": [{"kind": "preliminary", "years": 5}, {"kind": "final", "years": 10, "recurring": true}]}
  ],
  "sources": [{"id": "src:s", "name": "Báo"}],
  "tasks": [{"id": "task:t", "name": "T", "implements": ["doc:ct"], "due": "2023",
             "roles": [{"org": "org:b", "role": "lead", "sources": [{"source": "src:s", "span": [3, 9]}]}]}]
})";

const danvan::network& net() {
  static const danvan::network n = danvan::loads(fixture);
  return n;
}

std::string csv(const table& t, const danvan::network* n = nullptr) {
  std::ostringstream out;
  danvan::write_csv(out, t, n);
  return out.str();
}

column texts(const char* name, std::vector<std::string> values) {
  column c(name, column_kind::text);
  for (const auto& v : values) c.push_text(v);
  return c;
}

std::vector<std::string> names_of(const table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns()) out.push_back(c.name);
  return out;
}

TEST(Table, EachKindCountsItsRows) {
  column integers("n", column_kind::integer);
  integers.integers = {1, -2};
  column numbers("x", column_kind::number);
  numbers.numbers = {0.5, 2};
  column booleans("b", column_kind::boolean);
  booleans.booleans = {1, 0};
  column refs("org", column_kind::reference, entity_kind::organization);
  refs.positions = {1, danvan::no_index};
  column codes = column::codes_of<danvan::org_kind>("kind", "org_kind");
  codes.codes = {7, danvan::no_code};
  column dates("due", column_kind::date);
  dates.dates = {date(2023), date()};
  column lists("aliases", column_kind::text_list);
  lists.push_text("BA");
  lists.push_text("Ban A");
  lists.end_row();
  lists.end_row();  // a row without values
  column ref_lists("topics", column_kind::reference_list, entity_kind::topic);
  ref_lists.end_row();
  ref_lists.positions = {4};
  ref_lists.end_row();

  table t;
  for (auto* c : {&integers, &numbers, &booleans, &refs, &codes, &dates, &lists, &ref_lists}) t.add(std::move(*c));
  t.add(texts("name", {"a", ""}));
  EXPECT_EQ(t.rows(), 2u);
  EXPECT_EQ(names_of(t), (std::vector<std::string>{"n", "x", "b", "org", "kind", "due", "aliases", "topics", "name"}));
  for (const auto& c : t.columns()) EXPECT_EQ(c.rows(), 2u) << c.name;
  const auto& a = t.at("aliases");
  EXPECT_EQ(a.values(0), std::make_pair(std::size_t{0}, std::size_t{2}));
  EXPECT_EQ(a.values(1), std::make_pair(std::size_t{2}, std::size_t{2}));
  EXPECT_EQ(a.text(1), "Ban A");
  EXPECT_EQ(t.at("topics").values(1), std::make_pair(std::size_t{0}, std::size_t{1}));
  EXPECT_EQ(t.at("kind").words[7], "police");
  EXPECT_EQ(t.at("kind").vocabulary, "org_kind");
  EXPECT_EQ(t.at("name").text(0), "a");
  EXPECT_EQ(t.at("name").text(1), "");
  EXPECT_EQ(table().rows(), 0u);
}

TEST(Table, LookupOfAnUnknownColumnNamesTheColumnsThereAre) {
  table t;
  t.add(texts("id", {"org:a"}));
  t.add(texts("name", {"A"}));
  try {
    (void)t.at("nmae");
    FAIL() << "no exception";
  } catch (const danvan::argument_error& e) {
    EXPECT_STREQ(e.what(), "table: no column `nmae` (columns: id, name)");
  }
  try {
    (void)table().at("id");
    FAIL() << "no exception";
  } catch (const danvan::argument_error& e) {
    EXPECT_STREQ(e.what(), "table: no column `id` (columns: none)");
  }
}

TEST(Table, RefusesADuplicateNameAndAColumnOfOtherLength) {
  table t;
  t.add(texts("id", {"org:a", "org:b"}));
  EXPECT_THROW(t.add(texts("id", {"x", "y"})), danvan::argument_error);
  try {
    t.add(texts("name", {"A"}));
    FAIL() << "no exception";
  } catch (const danvan::argument_error& e) {
    EXPECT_STREQ(e.what(), "table: column `name` has 1 rows, the table 2");
  }
  EXPECT_EQ(t.columns().size(), 1u);
}

TEST(Table, ReferencesResolveToIdsAndNames) {
  column c("org", column_kind::reference, entity_kind::organization);
  c.positions = {1, danvan::no_index, 0};
  EXPECT_EQ(c.id(net(), 0), "org:b");
  EXPECT_EQ(c.id(net(), 1), "");
  EXPECT_EQ(c.id(net(), 2), "org:a");
  EXPECT_EQ(danvan::entity_name(net(), entity_kind::organization, 1), "Ban B, tỉnh");
  EXPECT_EQ(danvan::entity_name(net(), entity_kind::document, 0), "Chỉ thị");
  EXPECT_THROW((void)danvan::entity_name(net(), entity_kind::organization, 2), std::out_of_range);
}

TEST(WriteCsv, QuotesFieldsWithCommaQuoteCrOrLf) {
  table t;
  t.add(texts("text", {"plain", "a,b", "say \"hi\"", "line\rend", "two\nlines", ""}));
  EXPECT_EQ(csv(t), "text\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"line\rend\"\n\"two\nlines\"\n\n");
  table header;
  header.add(texts("a,b", {}));
  EXPECT_EQ(csv(header), "\"a,b\"\n");
}

TEST(WriteCsv, WritesEachKind) {
  column n("n", column_kind::integer);
  n.integers = {-3, 0};
  column x("x", column_kind::number);
  x.numbers = {0.1, 2};
  column b("b", column_kind::boolean);
  b.booleans = {1, 0};
  column level = column::codes_of<danvan::level>("level", "level");
  level.codes = {1, danvan::no_code};
  column ev("evidence", column_kind::text_list);
  for (const char* v : {"org:a", "x,y"}) ev.push_text(v);
  ev.end_row();
  ev.end_row();
  table t;
  for (auto* c : {&n, &x, &b, &level, &ev}) t.add(std::move(*c));
  EXPECT_EQ(csv(t), "n,x,b,level,evidence\n-3,0.1,true,province,\"org:a;x,y\"\n0,2,false,,\n");
}

TEST(WriteCsv, WritesDatesAtTheirPrecision) {
  column d("date", column_kind::date);
  d.dates = {date(2023), date(2023, 9), date(2023, 9, 16), date()};
  table t;
  t.add(std::move(d));
  EXPECT_EQ(csv(t), "date\n2023\n2023-09\n2023-09-16\n\n");
}

TEST(WriteCsv, WritesReferencesAsIdsAndNeedsTheNetworkForThem) {
  column org("org", column_kind::reference, entity_kind::organization);
  org.positions = {1, danvan::no_index};
  column orgs("orgs", column_kind::reference_list, entity_kind::organization);
  orgs.positions = {0, 1};
  orgs.end_row();
  orgs.end_row();
  table t;
  t.add(std::move(org));
  t.add(std::move(orgs));
  EXPECT_EQ(csv(t, &net()), "org,orgs\norg:b,org:a;org:b\n,\n");
  EXPECT_THROW(csv(t), danvan::argument_error);
}

/// One row of every kind, a second row of none: what each writer must tell apart.
table every_kind() {
  column n("n", column_kind::integer);
  n.integers = {-3, 12};
  column x("x", column_kind::number);
  x.numbers = {0.125, std::numeric_limits<double>::quiet_NaN()};
  column b("b", column_kind::boolean);
  b.booleans = {1, 0};
  column name = texts("name", {"Ban Dân vận", ""});
  name.empty_is_none = true;
  column org("org", column_kind::reference, entity_kind::organization);
  org.positions = {1, danvan::no_index};
  column level = column::codes_of<danvan::level>("level", "level");
  level.codes = {1, danvan::no_code};
  column due("due", column_kind::date);
  due.dates = {date(2023, 9), date()};
  column ev("evidence", column_kind::text_list);
  for (const char* v : {"src:a", "x,y"}) ev.push_text(v);
  ev.end_row();
  ev.end_row();
  column orgs("orgs", column_kind::reference_list, entity_kind::organization);
  orgs.positions = {0, 1};
  orgs.end_row();
  orgs.end_row();
  table t;
  for (auto* c : {&n, &x, &b, &name, &org, &level, &due, &ev, &orgs}) t.add(std::move(*c));
  return t;
}

TEST(WriteJson, WritesOneObjectARowWithTypedValuesAndNullForNone) {
  std::ostringstream out;
  danvan::write_json(out, every_kind(), &net());
  const auto rows = nlohmann::ordered_json::parse(out.str());
  ASSERT_EQ(rows.size(), 2U);
  std::vector<std::string> keys;
  for (const auto& [k, v] : rows[0].items()) keys.push_back(k);
  EXPECT_EQ(keys, names_of(every_kind()));  // the columns' order
  EXPECT_EQ(rows[0]["n"], -3);
  EXPECT_TRUE(rows[0]["n"].is_number_integer());
  EXPECT_EQ(rows[0]["x"], 0.125);
  EXPECT_EQ(rows[0]["b"], true);
  EXPECT_EQ(rows[0]["name"], "Ban Dân vận");
  EXPECT_EQ(rows[0]["org"], "org:b");
  EXPECT_EQ(rows[0]["level"], "province");
  EXPECT_EQ(rows[0]["due"], "2023-09");
  EXPECT_EQ(rows[0]["evidence"], nlohmann::json::array({"src:a", "x,y"}));
  EXPECT_EQ(rows[0]["orgs"], nlohmann::json::array({"org:a", "org:b"}));
  for (const char* none : {"x", "name", "org", "level", "due"}) EXPECT_TRUE(rows[1][none].is_null()) << none;
  EXPECT_EQ(rows[1]["b"], false);
  EXPECT_EQ(rows[1]["evidence"], nlohmann::json::array());
  EXPECT_THROW(danvan::write_json(out, every_kind()), danvan::argument_error);  // references need the network
}

TEST(WriteText, AlignsColumnsByCodePointsAndNumbersRight) {
  const table t = every_kind().select({"name", "n", "level", "evidence"});
  EXPECT_EQ(names_of(t), (std::vector<std::string>{"name", "n", "level", "evidence"}));
  std::ostringstream out;
  danvan::write_text(out, t, &net());
  // "Ban Dân vận" is 11 code points and 14 bytes: the header is padded to 11, not 14.
  EXPECT_EQ(out.str(),
            "NAME         N LEVEL    EVIDENCE\n"
            "Ban Dân vận -3 province src:a, x,y\n"
            "            12\n");
  EXPECT_THROW((void)every_kind().select({"name", "nope"}), danvan::argument_error);
}

TEST(Tables, EntityTableHasTheColumnsOfItsKind) {
  const table orgs = danvan::entity_table(net(), entity_kind::organization);
  EXPECT_EQ(names_of(orgs), (std::vector<std::string>{"id", "name", "name_en", "aliases", "valid_from", "valid_to",
                                                       "classification", "evidence", "extra", "kind", "level", "area",
                                                       "parent", "roles"}));
  EXPECT_EQ(csv(orgs, &net()),
            "id,name,name_en,aliases,valid_from,valid_to,classification,evidence,extra,kind,level,area,parent,roles\n"
            "org:a,Ban A,,\"BA;Ban \"\"A\"\"\",,,public,0,,other,,,,0\n"
            "org:b,\"Ban B, tỉnh\",,,,,internal,0,,police,,,org:a,1\n");
  const table docs = danvan::entity_table(net(), entity_kind::document);
  const auto& reviews = docs.at("reviews");
  EXPECT_EQ(reviews.text(0), "preliminary:5");
  EXPECT_EQ(reviews.text(1), "final:10:recurring");
  EXPECT_EQ(docs.at("date").dates[0], date(2017, 5));
  const table tasks = danvan::entity_table(net(), entity_kind::task);
  EXPECT_EQ(tasks.at("lead_pos").integers, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(tasks.at("implements").id(net(), 0), "doc:ct");
}

TEST(Tables, RoleAndEvidenceTablesPointIntoTheNetwork) {
  const table roles = danvan::role_table(net());
  EXPECT_EQ(csv(roles, &net()),
            "org,target_kind,target,role,raci,classification,own_classification,source,span_begin,span_end,evidence,"
            "valid_from,valid_to,carried_from,carried_event\n"
            "org:b,task,0,0,R,internal,public,src:s,3,9,1,,,,\n");
  EXPECT_TRUE(roles.at("carried_from").empty_is_none);
  const table evidence = danvan::evidence_table(net());
  EXPECT_EQ(csv(evidence, &net()), "holder_kind,holder,source,span_begin,span_end,note\nrole,0,src:s,3,9,\n");
  EXPECT_EQ(danvan::orphan_table(net()).rows(), 0u);
}

}  // namespace

// A network made by the default constructor: its role table has every column, no row.
TEST(Table, RoleTableOfAnEmptyNetwork) {
  const table roles = danvan::role_table(danvan::network{});
  EXPECT_EQ(roles.rows(), 0u);
  EXPECT_FALSE(roles.columns().empty());
}

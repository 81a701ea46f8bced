// Exports (danvan/io/export.hpp): the graph tables, the escaping of each markup, the
// HXL 3W rows and their areas, GEXF intervals from dates of any precision, the file
// extensions, and an export that cannot be written leaving nothing behind.
#include <danvan/error.hpp>
#include <danvan/io/export.hpp>
#include <danvan/io/file.hpp>
#include <danvan/io/json.hpp>
#include <danvan/query/overlap.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

namespace {

using danvan::export_format;
using danvan::graph_kind;

const char* fixture = R"({
  "danvan": "1",
  "meta": {"title": "Mạng <thử> & \"kiểm\""},
  "areas": [
    {"id": "area:tinh", "name": "Tỉnh X", "level": "province"},
    {"id": "area:huyen", "name": "Huyện Y", "level": "district", "parent": "area:tinh"},
    {"id": "area:xa", "name": "Xã Z", "level": "commune", "parent": "area:huyen"}
  ],
  "topics": [{"id": "topic:a", "name": "An sinh"}, {"id": "topic:b", "name": "Môi trường"}],
  "organizations": [
    {"id": "org:a", "name": "Ban <A> & \"B\"\u0001", "valid_from": "2017", "valid_to": "2025-06"},
    {"id": "org:b", "name": "Sở B", "parent": "org:a"},
    {"id": "org:c", "name": "Hội C"}
  ],
  "programs": [{"id": "prog:p", "name": "CT", "period": {"start": "2023", "end": "2025"},
                "roles": [{"org": "org:a", "role": "sign"}, {"org": "org:b", "role": "sign"}]}],
  "tasks": [
    {"id": "task:t", "name": "Hội nghị", "program": "prog:p", "status": "done", "topics": ["topic:a", "topic:b"],
     "areas": ["area:xa", "area:tinh"],
     "roles": [{"org": "org:a", "role": "lead"}, {"org": "org:b", "role": "coordinate"},
               {"org": "org:a", "role": "advise"}]},
    {"id": "task:u", "name": "Kiểm tra", "roles": [{"org": "org:b", "role": "lead"}, {"org": "org:c", "role": "inform"}]}
  ]
})";

const danvan::network& net() {
  static const danvan::network n = danvan::loads(fixture);
  return n;
}

std::string text_of(const danvan::column& c, std::size_t row) { return c.to_text(row); }

TEST(ToGraph, BipartiteHasOneEdgeAPairWithEveryRoleAndLetter) {
  const auto g = danvan::to_graph(net());
  EXPECT_EQ(g.nodes.rows(), 3U + 1U + 2U);  // organizations, then programs, then tasks
  ASSERT_EQ(g.edges.rows(), 6U);           // (a, t) once although a holds two roles there
  const auto& source = g.edges.at("source");
  const auto& target = g.edges.at("target");
  bool found = false;
  for (std::size_t r = 0; r < g.edges.rows(); ++r)
    if (source.text(r) == "org:a" && target.text(r) == "task:t") {
      found = true;
      EXPECT_EQ(g.edges.at("role").text(r), "lead");
      EXPECT_EQ(g.edges.at("roles").text(r), "lead,advise");
      EXPECT_EQ(g.edges.at("raci").text(r), "RR");
    }
  EXPECT_TRUE(found);
  // an organization has no task attributes, a task no organization attributes
  EXPECT_FALSE(g.nodes.at("status").has_value(0));
  EXPECT_EQ(text_of(g.nodes.at("parent"), 1), "org:a");
  EXPECT_FALSE(g.nodes.at("parent").has_value(4));
  EXPECT_EQ(text_of(g.nodes.at("program"), 4), "prog:p");
}

TEST(ToGraph, OrganizationsGraphHasEachSharingPairOnceWithItsCount) {
  danvan::export_graph_options o;
  o.kind = graph_kind::organizations;
  const auto g = danvan::to_graph(net(), o);
  EXPECT_EQ(g.nodes.rows(), 3U);
  EXPECT_THROW((void)g.nodes.at("bipartite"), danvan::argument_error);
  const auto pairs = danvan::top_pairs(net(), {}, 100, {});
  ASSERT_EQ(g.edges.rows(), pairs.size());
  for (std::size_t r = 0; r < g.edges.rows(); ++r) {
    const auto a = net().at(danvan::entity_kind::organization, g.edges.at("source").text(r));
    const auto b = net().at(danvan::entity_kind::organization, g.edges.at("target").text(r));
    bool matched = false;
    for (const auto& p : pairs)
      if ((p.a == a && p.b == b) || (p.a == b && p.b == a)) {
        matched = true;
        EXPECT_EQ(g.edges.at("count").integers[r], p.count);
      }
    EXPECT_TRUE(matched) << r;
  }
}

TEST(WriteGraphml, EscapesMarkupAndReplacesForbiddenControlCharacters) {
  std::ostringstream out;
  danvan::write_graphml(out, danvan::to_graph(net()));
  const std::string xml = out.str();
  EXPECT_NE(xml.find("Ban &lt;A&gt; &amp; &quot;B&quot;\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_NE(xml.find("Mạng &lt;thử&gt; &amp; &quot;kiểm&quot;"), std::string::npos);
  EXPECT_NE(xml.find("attr.name=\"bipartite\" attr.type=\"long\""), std::string::npos);
}

TEST(WriteGexf, GivesEachNodeTheWholeDaysOfItsValidity) {
  std::ostringstream out;
  danvan::write_gexf(out, danvan::to_graph(net()));
  const std::string xml = out.str();
  // org:a is valid from 2017 to 2025-06: from the first day of 2017 to the last of June 2025
  EXPECT_NE(xml.find("id=\"org:a\" label=\"Ban &lt;A&gt; &amp; &quot;B&quot;\xEF\xBF\xBD\" start=\"2017-01-01\" "
                     "end=\"2025-06-30\""),
            std::string::npos);
  EXPECT_NE(xml.find("id=\"prog:p\" label=\"CT\" start=\"2023-01-01\" end=\"2025-12-31\""), std::string::npos);
  EXPECT_NE(xml.find("<node id=\"org:c\" label=\"Hội C\"><attvalues>"), std::string::npos);  // open: no interval
}

TEST(WriteDot, QuotesEveryIdAndEscapesQuotes) {
  std::ostringstream out;
  danvan::write_dot(out, danvan::to_graph(net()));
  const std::string dot = out.str();
  EXPECT_EQ(dot.rfind("graph \"Mạng <thử> & \\\"kiểm\\\"\" {", 0), 0U);
  EXPECT_NE(dot.find("\"org:a\" -- \"task:t\" [\"role\"=\"lead\", \"roles\"=\"lead,advise\", \"raci\"=\"RR\"];"),
            std::string::npos);
}

TEST(HxlTable, HasARowPerRoleAndAreaWithTheAreasProvinceAndDistrict) {
  const auto t = danvan::hxl_table(net());
  // prog:p: 2 roles, no area; task:t: 3 roles × 2 areas; task:u: 2 roles, no area
  ASSERT_EQ(t.rows(), 2U + 6U + 2U);
  const auto& activity = t.at("activity_id");
  const auto& district = t.at("district_id");
  const auto& province = t.at("province_id");
  std::size_t commune_rows = 0, province_rows = 0;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (activity.text(r) != "task:t") {
      EXPECT_EQ(province.text(r), "");
      continue;
    }
    EXPECT_EQ(province.text(r), "area:tinh");
    EXPECT_EQ(t.at("sector").text(r), "An sinh; Môi trường");
    if (district.text(r) == "area:huyen") ++commune_rows;  // the commune's district
    else if (district.text(r).empty()) ++province_rows;    // a province has no district
  }
  EXPECT_EQ(commune_rows, 3U);
  EXPECT_EQ(province_rows, 3U);
  EXPECT_EQ(danvan::hxl_tags().size(), t.columns().size());
}

TEST(WriteHxl, PutsTheHashtagRowUnderTheHeader) {
  std::ostringstream out;
  danvan::write_hxl(out, net());
  std::istringstream in(out.str());
  std::string header, tags;
  std::getline(in, header);
  std::getline(in, tags);
  EXPECT_EQ(header.rfind("organization,org_id,role,raci,", 0), 0U);
  EXPECT_EQ(tags.rfind("#org+impl,#org+code,#meta+role,#meta+raci,", 0), 0U);
}

TEST(ExportFormatOf, ReadsTheExtension) {
  EXPECT_EQ(danvan::export_format_of("a/b.graphml"), export_format::graphml);
  EXPECT_EQ(danvan::export_format_of("b.gv"), export_format::dot);
  EXPECT_EQ(danvan::export_format_of("3w.csv"), export_format::hxl);
  EXPECT_EQ(danvan::export_format_of("orgs.popolo.json"), export_format::popolo);
  EXPECT_EQ(danvan::export_format_of("tables.xlsx"), export_format::xlsx);
  EXPECT_FALSE(danvan::export_format_of("net.json"));
  EXPECT_FALSE(danvan::export_format_of(".graphml"));  // a hidden file, not an extension
}

TEST(WriteXlsx, WritesAZipWorkbookWithASheetPerTable) {
  std::ostringstream out;
  danvan::write_xlsx(out, net());
  const std::string bytes = out.str();
  ASSERT_GT(bytes.size(), 1000U);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // an xlsx file is a zip archive
  for (const char* sheet : {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet9.xml"})
    EXPECT_NE(bytes.find(sheet), std::string::npos) << sheet;  // the names of the zip's entries are stored plainly
}

TEST(ExportFile, AnUnwritableFolderThrowsAndLeavesNothing) {
  const auto dir = std::filesystem::temp_directory_path() / "danvan-export-test";
  std::filesystem::remove_all(dir);
  EXPECT_THROW(danvan::export_file(net(), dir / "missing" / "x.graphml", export_format::graphml), danvan::io_error);
  EXPECT_FALSE(std::filesystem::exists(dir));
  std::filesystem::create_directories(dir);
  danvan::export_file(net(), dir / "x.popolo.json", export_format::popolo);
  EXPECT_EQ(danvan::read_file(dir / "x.popolo.json", "the export"), danvan::export_text(net(), export_format::popolo));
  std::filesystem::remove_all(dir);
}

}  // namespace

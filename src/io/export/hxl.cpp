// hxl_table(), write_hxl(): who does what where, when, as the HXL 3W table.
#include "detail/csv.hpp"
#include <danvan/io/export.hpp>
#include <danvan/network.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>
#include <ostream>

namespace danvan {
namespace {

/// The columns of the 3W table and their hashtags, in order.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> hxl_columns{{
    {"organization", "#org+impl"},
    {"org_id", "#org+code"},
    {"role", "#meta+role"},
    {"raci", "#meta+raci"},
    {"activity", "#activity+name"},
    {"activity_id", "#activity+code"},
    {"activity_type", "#activity+type"},
    {"sector", "#sector"},
    {"province", "#adm1+name"},
    {"province_id", "#adm1+code"},
    {"district", "#adm2+name"},
    {"district_id", "#adm2+code"},
    {"start", "#date+start"},
    {"end", "#date+end"},
    {"status", "#status"},
}};

/// The area at `level` on the way from `a` up its parents, if any.
std::optional<area_view> up_to(area_view a, level target) {
  for (std::optional<area_view> at = a; at; at = at->parent())
    if (at->level() == target) return at;
  return std::nullopt;
}

/// The cells shared by every row of one task or program.
struct activity {
  std::string_view name, id, type, status;
  std::string sector;
  period when;
};

}  // namespace

std::vector<std::string_view> hxl_tags() {
  std::vector<std::string_view> out;
  for (const auto& [name, tag] : hxl_columns) out.push_back(tag);
  return out;
}

table hxl_table(const network& net) {
  // The rows are known before they are written: reserving for them spares the table
  // the copies and page faults of growing (an L network has millions of rows).
  std::size_t rows = 0;
  auto count = [&rows](const auto& item) { rows += item.roles().size() * std::max<std::size_t>(1, item.areas().size()); };
  for (const auto& p : net.programs()) count(p);
  for (const auto& t : net.tasks()) count(t);
  std::vector<column> c;
  for (const auto& [name, tag] : hxl_columns) {
    auto& col = c.emplace_back(std::string(name), name == "start" || name == "end" ? column_kind::date : column_kind::text);
    if (col.kind == column_kind::date) {
      col.dates.reserve(rows);
      continue;
    }
    col.text_ends.reserve(rows);
    // Virtual space only until written: generous for names, less for ids and words.
    col.chars.reserve(rows * (name == "organization" || name == "activity" || name == "sector" ? 96 : 40));
  }
  // Each area's province and district, found once: an area is named by many rows.
  struct place {
    std::string_view province, province_id, district, district_id;
  };
  std::vector<place> places;
  places.reserve(net.areas().size());
  for (const auto& a : net.areas()) {
    place p;
    if (const auto v = up_to(a, level::province)) p.province = v->name(), p.province_id = v->id();
    if (const auto v = up_to(a, level::district)) p.district = v->name(), p.district_id = v->id();
    places.push_back(p);
  }
  const place nowhere;
  auto row = [&](const role_view& r, const activity& a, const place& where) {
    const std::string_view text[] = {r.org().name(), r.org().id(), r.role_name(), to_string(r.letter()),
                                     a.name,         a.id,         a.type,        a.sector,
                                     where.province, where.province_id, where.district, where.district_id};
    for (std::size_t i = 0; i < std::size(text); ++i) c[i].push_text(text[i]);
    c[12].dates.push_back(a.when.start);
    c[13].dates.push_back(a.when.end);
    c[14].push_text(a.status);
  };
  auto add = [&](const auto& item, const activity& a) {
    for (const auto& r : item.roles()) {
      if (item.areas().empty()) row(r, a, nowhere);
      for (const index area : item.areas()) row(r, a, places[area]);
    }
  };
  auto sector = [&](std::span<const index> topics) {
    std::string out;
    for (const index t : topics) out.append(out.empty() ? "" : "; ").append(net.topics()[t].name());
    return out;
  };
  for (const auto& p : net.programs()) add(p, {p.name(), p.id(), "program", {}, sector(p.topics()), p.period()});
  for (const auto& t : net.tasks()) add(t, {t.name(), t.id(), "task", to_string(t.status()), sector(t.topics()), t.period()});
  table t;
  for (auto& col : c) t.add(std::move(col));
  return t;
}

void write_hxl(std::ostream& out, const network& net) {
  std::string names, tags;
  for (const auto& [name, tag] : hxl_columns) {
    names.append(names.empty() ? "" : ",").append(name);
    tags.append(tags.empty() ? "" : ",").append(tag);
  }
  out << names << '\n' << tags << '\n';
  detail::write_csv_rows(out, hxl_table(net), &net);
}

}  // namespace danvan

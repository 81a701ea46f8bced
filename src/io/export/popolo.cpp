// write_popolo(): organizations and areas as Popolo JSON.
#include <danvan/io/export.hpp>
#include <danvan/network.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace danvan {
namespace {

using json = nlohmann::ordered_json;

/// Sets `key` to `value` unless it is empty (Popolo leaves unknown fields out).
template <class T> void set_if(json& j, const char* key, const T& value) {
  if (!value.empty()) j[key] = value;
}

json other_name(std::string_view name, std::string_view note, date from = {}, date to = {}) {
  json n = {{"name", name}, {"note", note}};
  set_if(n, "start_date", from.to_string());
  set_if(n, "end_date", to.to_string());
  return n;
}

json identifiers(std::string_view scheme, std::string_view id) {
  return json::array({{{"scheme", scheme}, {"identifier", id}}});
}

json popolo_organization(const organization_view& o) {
  json j = {{"id", o.id()}, {"name", o.name()}, {"classification", to_string(o.kind())}};
  json names = json::array();
  if (!o.name_en().empty()) names.push_back(other_name(o.name_en(), "English name"));
  for (const auto alias : o.aliases()) names.push_back(other_name(alias, "alias"));
  for (const auto& n : o.names())
    if (n.name != o.name()) names.push_back(other_name(n.name, "former name", n.valid_from, n.valid_to));
  if (!names.empty()) j["other_names"] = std::move(names);
  j["identifiers"] = identifiers("danvan", o.id());
  if (const auto p = o.parent()) j["parent_id"] = p->id();
  if (const auto a = o.area()) j["area_id"] = a->id();
  set_if(j, "founding_date", o.valid_from().to_string());
  set_if(j, "dissolution_date", o.valid_to().to_string());
  return j;
}

json popolo_area(const area_view& a) {
  json j = {{"id", a.id()}, {"name", a.name()}, {"classification", to_string(a.level())}};
  if (!a.code().empty()) j["identifiers"] = identifiers("code", a.code());
  if (const auto p = a.parent()) j["parent_id"] = p->id();
  return j;
}

}  // namespace

void write_popolo(std::ostream& out, const network& net) {
  json orgs = json::array(), areas = json::array();
  for (const auto& o : net.organizations()) orgs.push_back(popolo_organization(o));
  for (const auto& a : net.areas()) areas.push_back(popolo_area(a));
  out << json{{"organizations", std::move(orgs)}, {"areas", std::move(areas)}}.dump(2, ' ', false,
                                                                                     json::error_handler_t::replace)
      << '\n';
}

}  // namespace danvan

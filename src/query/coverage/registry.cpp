// The registry of built-in rules and the catalog it gives: each file of rules adds its
// entries, in the order docs/rules.md lists them.
#include "engine.hpp"

namespace danvan {

namespace detail::coverage {

const std::vector<rule_entry>& registry() {
  static const std::vector<rule_entry> entries = [] {
    std::vector<rule_entry> all;
    for (auto family : {task_count_rules, document_rules, program_rules, review_rules, area_rules, organization_rules,
                        moved_role_rules})
      for (auto& entry : family()) all.push_back(std::move(entry));
    return all;
  }();
  return entries;
}

const rule_entry* find_entry(std::string_view name) noexcept {
  for (const auto& entry : registry())
    if (entry.definition.name == name) return &entry;
  return nullptr;
}

}  // namespace detail::coverage

const std::vector<rule_definition>& rule_catalog() {
  static const std::vector<rule_definition> catalog = [] {
    std::vector<rule_definition> out;
    for (const auto& entry : detail::coverage::registry()) out.push_back(entry.definition);
    return out;
  }();
  return catalog;
}

const rule_definition* find_rule(std::string_view name) noexcept {
  for (const auto& r : rule_catalog())
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace danvan

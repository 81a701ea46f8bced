#include "labels.hpp"

#include "html.hpp"

#include <map>

namespace danvan::cli::report {
namespace {

std::string shortest_alias(const organization_view& o) {
  std::string_view best = o.name();
  for (const auto a : o.aliases())
    if (!a.empty() && code_points(a) < code_points(best)) best = a;
  return std::string(best);
}

/// Positions (in `labels`) of labels that occur more than once.
std::vector<std::size_t> clashes(const std::vector<std::string>& labels) {
  std::map<std::string_view, std::size_t> seen;
  for (const auto& l : labels) ++seen[l];
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (seen[labels[i]] > 1) out.push_back(i);
  return out;
}

}  // namespace

std::vector<std::string> short_labels(const network& net, std::span<const index> orgs) {
  std::vector<std::string> labels;
  labels.reserve(orgs.size());
  for (const index o : orgs) labels.push_back(shortest_alias(net.organizations()[o]));
  for (const auto i : clashes(labels)) labels[i] = std::string(net.organizations()[orgs[i]].name());
  for (const auto i : clashes(labels)) {
    std::string_view id = net.organizations()[orgs[i]].id();
    if (id.starts_with("org:")) id.remove_prefix(4);
    labels[i] += " (" + std::string(id) + ")";
  }
  return labels;
}

}  // namespace danvan::cli::report

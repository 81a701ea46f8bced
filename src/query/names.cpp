#include "detail/lazy_indexes.hpp"
#include "detail/network_access.hpp"
#include <danvan/query/names.hpp>
#include <danvan/text/normalize.hpp>

#include <map>

#include <type_traits>

namespace danvan {

namespace {

template <class View> std::vector<text::fuzzy_entry> names_of(view_range<View> all) {
  std::vector<text::fuzzy_entry> entries;
  entries.reserve(all.size());
  for (auto v : all) {
    entries.push_back({std::string(v.name()), v.position()});
    if (!v.name_en().empty()) entries.push_back({std::string(v.name_en()), v.position()});
    for (auto a : v.aliases()) entries.push_back({std::string(a), v.position()});
    if constexpr (std::is_same_v<View, organization_view>)
      for (const auto& n : v.names()) entries.push_back({std::string(n.name), v.position()});  // former names find it too
  }
  return entries;
}

std::vector<text::fuzzy_entry> names_of(const network& net, entity_kind kind) {
  switch (kind) {
    case entity_kind::area: return names_of(net.areas());
    case entity_kind::topic: return names_of(net.topics());
    case entity_kind::organization: return names_of(net.organizations());
    case entity_kind::document: return names_of(net.documents());
    case entity_kind::program: return names_of(net.programs());
    case entity_kind::task: return names_of(net.tasks());
    case entity_kind::event: return names_of(net.events());
    case entity_kind::source: return names_of(net.sources());
  }
  return {};
}

}  // namespace

std::vector<name_match> find_by_name(const network& net, std::string_view query, entity_kind kind, std::size_t limit) {
  auto& lazy = detail::network_access::lazy(net);
  const auto k = static_cast<std::size_t>(kind);
  std::call_once(lazy.name_once[k], [&] { lazy.names[k] = text::fuzzy_index(names_of(net, kind)); });
  std::vector<name_match> out;
  for (auto& m : lazy.names[k].find(query, limit)) {
    constexpr std::string_view how[] = {"exact", "prefix", "tokens", "edit"};
    out.push_back({kind, static_cast<index>(m.item), m.score, std::move(m.name), std::string(how[static_cast<int>(m.kind)])});
  }
  return out;
}

namespace {

/// `label` within `max_width` code points: whole words dropped from its middle, the first
/// and the last kept, `…` where they were; a label of one or two long words is cut.
std::string shortened(std::string_view label, std::size_t max_width) {
  if (max_width == 0 || text::count_code_points(label) <= max_width) return std::string(label);
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < label.size();) {
    const auto end = std::min(label.find(' ', at), label.size());
    if (end > at) words.push_back(label.substr(at, end - at));
    at = end + 1;
  }
  // Keep words from the front and back in turn (front first) while they fit.
  std::size_t front = 0, back = 0, width = 1;  // 1: the `…`
  for (bool take_front = true; front + back < words.size(); take_front = !take_front) {
    const auto& w = take_front ? words[front] : words[words.size() - 1 - back];
    const auto need = text::count_code_points(w) + 1;
    if (width + need > max_width) break;
    width += need;
    (take_front ? front : back) += 1;
  }
  if (front == 0 || back == 0) {  // too long to keep words on both sides: cut, code point-wise
    std::string out;
    std::size_t taken = 0;
    for (std::size_t i = 0; i < label.size() && taken + 1 < max_width; ++taken) {
      std::size_t n = 1;
      while (i + n < label.size() && (static_cast<unsigned char>(label[i + n]) & 0xC0) == 0x80) ++n;
      out.append(label.substr(i, n));
      i += n;
    }
    return out + "…";
  }
  std::string out;
  for (std::size_t i = 0; i < front; ++i) out.append(words[i]).append(" ");
  out += "…";
  for (std::size_t i = words.size() - back; i < words.size(); ++i) out.append(" ").append(words[i]);
  return out;
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

namespace {

template <class Range>
std::vector<std::string> labels_of(const Range& entities, std::span<const index> positions, std::size_t max_width) {
  std::vector<std::string> labels;
  labels.reserve(positions.size());
  for (const index i : positions) {
    const auto e = entities[i];
    std::string_view best = e.name();
    for (const auto a : e.aliases())
      if (!a.empty() && text::count_code_points(a) < text::count_code_points(best)) best = a;
    labels.push_back(shortened(best, max_width));
  }
  for (const auto i : clashes(labels)) labels[i] = shortened(entities[positions[i]].name(), max_width);
  for (const auto i : clashes(labels)) labels[i] = std::string(entities[positions[i]].name());
  for (const auto i : clashes(labels)) {
    std::string_view id = entities[positions[i]].id();
    id.remove_prefix(id.find(':') + 1);  // `org:x` -> `x`
    labels[i] += " (" + std::string(id) + ")";
  }
  return labels;
}

}  // namespace

std::vector<std::string> short_labels(const network& net, std::span<const index> positions, std::size_t max_width,
                                      entity_kind kind) {
  switch (kind) {
    case entity_kind::area: return labels_of(net.areas(), positions, max_width);
    case entity_kind::topic: return labels_of(net.topics(), positions, max_width);
    case entity_kind::organization: return labels_of(net.organizations(), positions, max_width);
    case entity_kind::document: return labels_of(net.documents(), positions, max_width);
    case entity_kind::program: return labels_of(net.programs(), positions, max_width);
    case entity_kind::task: return labels_of(net.tasks(), positions, max_width);
    case entity_kind::event: return labels_of(net.events(), positions, max_width);
    case entity_kind::source: return labels_of(net.sources(), positions, max_width);
  }
  return {};
}

}  // namespace danvan

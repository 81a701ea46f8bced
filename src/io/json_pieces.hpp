// The canonical JSON of a network in pieces, as dumps() writes it: for outputs that
// carry every field of the format in another shape (the CSV tables of io/csv.hpp).
#pragma once

#include <danvan/network.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <string_view>
#include <vector>

namespace danvan::detail {

using ojson = nlohmann::ordered_json;

/// The `meta` object.
[[nodiscard]] ojson meta_json(const network& net);
/// The declared roles (`roles` at the top level), in order.
[[nodiscard]] std::vector<ojson> role_definitions_json(const network& net);
/// Calls `visit(collection, entity)` for every entity, collection by collection in the
/// file's order (areas, topics, organizations, documents, programs, tasks, events,
/// sources), entities in their order.
void for_each_entity_json(const network& net, const std::function<void(std::string_view, const ojson&)>& visit);
/// The top-level `extra` object; null when the network has none.
[[nodiscard]] ojson extra_json(const network& net);

}  // namespace danvan::detail

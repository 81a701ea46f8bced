// Splitting the top level of a large JSON object into pieces parsed one at a time.
//
// A danvan file is one object whose arrays (`tasks`, `organizations`, ...) hold nearly
// all of it. Parsing it whole keeps the text and a parsed document of all of it in
// memory at once, several times the network it describes. The splitter reads the text
// in chunks, finds where each top-level member and each element of the chosen arrays
// ends (strings and nesting only: it validates nothing), and hands over whole elements
// in batches of about `batch_bytes`, each of which simdjson then parses and validates.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <functional>
#include <string_view>

namespace danvan::detail {

/// Where the text comes from: fills `into` with up to `size` bytes and returns how many;
/// fewer only at the end of the input.
using byte_source = std::function<std::size_t(char* into, std::size_t size)>;

/// What the splitter hands over.
struct split_sink {
  /// Whether the elements of the array under `key` are handed over in batches.
  std::function<bool(std::string_view key)> batched;
  /// Whole elements of the array under `key`, as the JSON text `[e, e, ...]` (with
  /// simdjson's padding); `first` is the index of its first element in the array, `end`
  /// the number of input bytes read up to the end of its last element (so that a reader
  /// can tell from the input's size roughly how many elements may follow).
  std::function<void(std::string_view key, simdjson::padded_string_view batch, std::size_t first, std::size_t end)> items;
  /// Any other member of the object: its key and its value, as written.
  std::function<void(std::string_view key, std::string_view value)> member;
};

/// Walks the JSON object that `source` holds (after a UTF-8 byte order mark, if any),
/// handing each member to `sink` in file order. Returns false as soon as the text is
/// not laid out as the walk expects: not an object, a key with an escape sequence, a
/// batched key twice, text after the object, or text that ends early. The caller then
/// reads the input the careful way, which names what is wrong and where; a false here
/// says nothing of the sort. `sink` may throw to stop the walk. A batch holds at least
/// `batch_bytes` of elements unless it ends its array.
bool split_top_level(const byte_source& source, const split_sink& sink, std::size_t batch_bytes = std::size_t{1} << 20);

}  // namespace danvan::detail

// Extraction of draft network entries from report text: the public entry.
// The text is read in chunks (chunks.hpp); each chunk is tokenized from the
// raw bytes and goes through the extractor's stages (extractor.hpp), and the
// draft is made once the last chunk is read (draft.cpp).
#include "chunks.hpp"
#include "extractor.hpp"

#include <danvan/io/json.hpp>
#include "text/detail/unicode.hpp"
#include <danvan/text/extract.hpp>

#include <exception>
#include <future>
#include <optional>
#include <set>
#include <thread>

namespace danvan::text {

std::string_view to_string(item_kind kind) noexcept {
  switch (kind) {
    case item_kind::document: return "document";
    case item_kind::organization: return "organization";
    case item_kind::program: return "program";
    case item_kind::period: return "period";
    case item_kind::district: return "district";
    case item_kind::role: return "role";
    case item_kind::province: return "province";
  }
  return "unknown";
}

draft::draft() : network_(std::make_shared<const danvan::network>()) {}

std::vector<extracted_item> draft::items(item_kind kind) const {
  std::vector<extracted_item> out;
  for (const auto& it : items_)
    if (it.kind == kind) out.push_back(it);
  return out;
}

std::string draft::dumps() const { return danvan::dumps(*network_); }

namespace {

/// Reads the chunks while a worker thread runs the text layer's scans one
/// chunk ahead, then hashes the text; returns the hash.
std::string read_with_worker(detail::extractor& x, std::string_view text, const std::vector<std::size_t>& cuts,
                             int year) {
  using detail::chunk_scan;
  const std::size_t chunks = cuts.size() - 1;
  std::vector<std::promise<chunk_scan>> promises(chunks);
  std::vector<std::future<chunk_scan>> scans(chunks);
  for (std::size_t c = 0; c < chunks; ++c) scans[c] = promises[c].get_future();
  std::string sha;
  std::exception_ptr hash_error;
  std::thread worker([&text, &cuts, &sha, &hash_error, chunks, &promises, year] {
    for (std::size_t c = 0; c < chunks; ++c) {
      try {
        promises[c].set_value(detail::scan_chunk(text, cuts[c], cuts[c + 1], year));
      } catch (...) {
        promises[c].set_exception(std::current_exception());
      }
    }
    try {
      sha = sha256_hex(text);
    } catch (...) {
      hash_error = std::current_exception();
    }
  });
  try {
    for (std::size_t c = 0; c < chunks; ++c) x.process_chunk(cuts[c], cuts[c + 1], scans[c].get());
  } catch (...) {
    worker.join();
    throw;
  }
  worker.join();
  if (hash_error) std::rethrow_exception(hash_error);
  return sha;
}

/// The gazetteer with the labels of the roles `net` declares as cues (docs/format.md:
/// a role the file declares, `thuc_hien` labelled `thực hiện`, is read where a text says
/// `thực hiện`); nothing when the network declares no label the gazetteer lacks. A label
/// already a cue of the gazetteer keeps the gazetteer's reading.
std::optional<gazetteer> with_declared_labels(const gazetteer& g, const danvan::network* net) {
  if (net == nullptr) return std::nullopt;
  std::set<std::string> known;
  for (const auto& c : g.role_cues())
    for (const auto& w : c.cues) known.insert(search_key(w));
  gazetteer::contents declared;
  const auto& vocabulary = net->vocabulary();
  for (std::size_t i = role_vocabulary::core_size(); i < vocabulary.size(); ++i) {
    const role_def& d = vocabulary[static_cast<role_index>(i)];
    gazetteer_role_cue cue;
    cue.role = d.name;
    cue.raci = std::string(to_string(d.letter));
    cue.description = d.description;
    for (const auto& label : d.labels)
      if (!search_key(label).empty() && known.insert(search_key(label)).second) cue.cues.push_back(label);
    if (!cue.cues.empty()) declared.role_cues.push_back(std::move(cue));
  }
  if (declared.role_cues.empty()) return std::nullopt;
  return g.merged(gazetteer(std::move(declared)));
}

}  // namespace

draft extract(std::string_view text, const extract_options& options) {
  if (options.invalid == invalid_utf8::reject) {
    const std::size_t bad = find_invalid_utf8(text);
    if (bad != std::string_view::npos) {
      const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + bad;
      detail::throw_invalid_utf8(text, bad, detail::decode_utf8(p, p + (text.size() - bad)));
    }
  }
  const gazetteer& given = options.gazetteer ? *options.gazetteer : gazetteer::builtin();
  const auto with_labels = with_declared_labels(given, options.network);
  const gazetteer& g = with_labels ? *with_labels : given;
  detail::extractor x(text, options, g);
  const auto cuts = detail::chunk_cuts(text, 256 * 1024);
  if (options.threads > 1 && text.size() > 64 * 1024)
    return x.finish(read_with_worker(x, text, cuts, options.default_year));
  for (std::size_t c = 0; c + 1 < cuts.size(); ++c)
    x.process_chunk(cuts[c], cuts[c + 1], detail::scan_chunk(text, cuts[c], cuts[c + 1], options.default_year));
  return x.finish(sha256_hex(text));
}

}  // namespace danvan::text

// What the targets that read or make networks share: the canonical text of a
// network, checked to be a fixed point of load and dump; what a draft of a text
// promises; and the example network of data/ they work with.
#pragma once

#include <danvan/error.hpp>
#include <danvan/io/json.hpp>
#include <danvan/network.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/normalize.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "check.hpp"

namespace danvan_fuzz {

// The problems of a danvan exception the library should not have thrown, then
// abort: libFuzzer keeps the input, and the log says what was wrong with it.
[[noreturn]] inline void unexpected(const char* where, const danvan::error& e) {
  std::fprintf(stderr, "%s: unexpected %s\n", where, e.what());
  if (const auto* v = dynamic_cast<const danvan::validation_error*>(&e))
    for (const auto& p : v->problems()) std::fprintf(stderr, "  %s\n", p.to_string().c_str());
  std::abort();
}

// dumps(net), after checking that the text loads again and dumps the same: the
// writer writes only what the reader accepts, and loses nothing the second time.
inline std::string canonical(const danvan::network& net) {
  std::string text = danvan::dumps(net);
  try {
    const std::string again = danvan::dumps(danvan::loads(text, "<dumped>"));
    if (again != text) {
      std::fprintf(stderr, "dumps is not a fixed point; first dump:\n%s\nsecond dump:\n%s\n", text.c_str(), again.c_str());
      std::abort();
    }
  } catch (const danvan::error& e) {
    std::fprintf(stderr, "the dumped network:\n%s\n", text.c_str());
    unexpected("loading a dumped network", e);
  }
  return text;
}

// What extract() promises of a draft of `text`: every item rests on its span (in
// bytes and code points, the same place), its text is valid UTF-8 and the span's
// own, its confidence in (0, 1]; the draft network is canonical danvan JSON.
inline void check_draft(const danvan::text::draft& d, std::string_view text) {
  namespace dt = danvan::text;
  const bool valid = dt::find_invalid_utf8(text) == std::string_view::npos;
  DANVAN_FUZZ_CHECK(d.byte_length() == text.size() && d.length() == dt::count_code_points(text));
  for (const auto& i : d.items()) {
    DANVAN_FUZZ_CHECK(i.byte_span.begin <= i.byte_span.end && i.byte_span.end <= text.size());
    DANVAN_FUZZ_CHECK(i.span.begin == dt::count_code_points(text.substr(0, i.byte_span.begin)));
    DANVAN_FUZZ_CHECK(i.span.end == dt::count_code_points(text.substr(0, i.byte_span.end)));
    DANVAN_FUZZ_CHECK(dt::find_invalid_utf8(i.text) == std::string_view::npos);
    // The text as written, unless HTML in the span was read as letters and spaces.
    const std::string_view raw = text.substr(i.byte_span.begin, i.byte_span.size());
    DANVAN_FUZZ_CHECK(!valid || raw.find_first_of("&<") != std::string_view::npos || raw == i.text);
    DANVAN_FUZZ_CHECK(i.confidence > 0 && i.confidence <= 1);
    DANVAN_FUZZ_CHECK(i.kind != dt::item_kind::role || !i.org.empty());
  }
  DANVAN_FUZZ_CHECK(canonical(d.network()) == d.dumps());
}

// The small invented network of data/example.json, loaded once.
inline const danvan::network& example_network() {
  static const danvan::network net = danvan::load(DANVAN_SOURCE_DIR "/data/example.json");
  return net;
}

}  // namespace danvan_fuzz

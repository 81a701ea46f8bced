// The extractor on arbitrary text, with the shipped gazetteer and the example
// network's names: it never throws for the content of the text, every item rests
// on its span, and the draft is canonical danvan JSON (network_check.hpp). Under
// invalid_utf8::reject it throws at the first ill-formed byte, and only then.
#include <danvan/error.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>
#include <danvan/text/normalize.hpp>

#include <cstdint>
#include <string_view>

#include "network_check.hpp"

namespace dt = danvan::text;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  static const dt::gazetteer& gazetteer = dt::gazetteer::builtin();
  dt::extract_options o;
  o.gazetteer = &gazetteer;
  o.network = &danvan_fuzz::example_network();
  o.default_year = 2024;
  o.threads = 1;  // libFuzzer's coverage and leak checks are simplest on one thread
  try {
    danvan_fuzz::check_draft(dt::extract(in, o), in);
  } catch (const danvan::error& e) {
    danvan_fuzz::unexpected("extract", e);
  }

  const std::size_t bad = dt::find_invalid_utf8(in);
  if (bad == std::string_view::npos) return 0;  // reject would give the same draft again
  o.invalid = dt::invalid_utf8::reject;
  try {
    (void)dt::extract(in, o);
    DANVAN_FUZZ_CHECK(!"reject accepted ill-formed UTF-8");
  } catch (const dt::invalid_utf8_error& e) {
    DANVAN_FUZZ_CHECK(e.offset() == bad);
  }
  return 0;
}

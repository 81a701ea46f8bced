// The gazetteer file reader on arbitrary bytes: it accepts a gazetteer or says
// why not (danvan::parse_error, danvan::validation_error). What it accepts merges
// into the shipped gazetteer, and extraction reads the example report with it
// (alone and merged) into a draft that keeps extract()'s promises.
#include <danvan/error.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "network_check.hpp"

namespace dt = danvan::text;

namespace {

const std::string& report() {
  static const std::string text = [] {
    std::ifstream in(DANVAN_SOURCE_DIR "/docs/examples/report.txt", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  dt::gazetteer g;
  try {
    g = dt::gazetteer::loads(in, "<fuzz>");
  } catch (const danvan::parse_error&) {
    return 0;
  } catch (const danvan::validation_error&) {
    return 0;
  }

  try {
    const dt::gazetteer merged = dt::gazetteer::builtin().merged(g);
    for (const dt::gazetteer* with : {&std::as_const(g), &merged}) {
      dt::extract_options o;
      o.gazetteer = with;
      o.threads = 1;
      danvan_fuzz::check_draft(dt::extract(report(), o), report());
    }
  } catch (const danvan::error& e) {
    danvan_fuzz::unexpected("extracting with the gazetteer", e);
  }
  return 0;
}

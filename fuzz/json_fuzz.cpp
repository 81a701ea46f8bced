// The network file reader on arbitrary bytes: it accepts a file or says why not
// (danvan::parse_error, danvan::validation_error); anything else it throws, or a
// crash, is a bug. What it accepts dumps to a canonical text that loads again and
// dumps the same, and its date range holds every due date.
#include <danvan/error.hpp>
#include <danvan/io/json.hpp>
#include <danvan/network.hpp>

#include <cstdint>
#include <string_view>

#include "network_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  danvan::network net;
  try {
    net = danvan::loads(in, "<fuzz>");
  } catch (const danvan::parse_error&) {
    return 0;
  } catch (const danvan::validation_error&) {
    return 0;
  }
  const std::string text = danvan_fuzz::canonical(net);
  DANVAN_FUZZ_CHECK(!text.empty() && text.back() == '\n');
  const danvan::period range = net.date_range();
  DANVAN_FUZZ_CHECK(range.well_formed());
  for (const auto t : net.tasks()) DANVAN_FUZZ_CHECK(t.due().empty() || range.overlaps(t.due()));
  return 0;
}

// The network as of a day, on networks the reader accepts. The input is a date
// (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) on its first line and a network file after
// it; inputs whose first line is no date are skipped. On the result: every role's
// organization and target exist in it; it dumps to a canonical text; it is its own
// network as of that day (as_of again changes nothing); and the cached
// network::as_of() gives the same network.
#include <danvan/date.hpp>
#include <danvan/error.hpp>
#include <danvan/io/json.hpp>
#include <danvan/network.hpp>
#include <danvan/query/time.hpp>

#include <cstdint>
#include <string_view>

#include "network_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t line_end = in.find('\n');
  if (line_end == std::string_view::npos) return 0;
  const auto day = danvan::date::parse(in.substr(0, line_end));
  if (!day) return 0;
  danvan::network net;
  try {
    net = danvan::loads(in.substr(line_end + 1), "<fuzz>");
  } catch (const danvan::parse_error&) {
    return 0;
  } catch (const danvan::validation_error&) {
    return 0;
  }

  try {
    const danvan::network then = danvan::as_of(net, *day);
    DANVAN_FUZZ_CHECK(then.meta().as_of == *day);
    for (const auto r : then.roles()) {
      DANVAN_FUZZ_CHECK(r.org().position() < then.organizations().size());
      DANVAN_FUZZ_CHECK(then.find(danvan::entity_kind::organization, r.org().id()) == r.org().position());
      const auto targets = r.target_kind() == danvan::entity_kind::task ? then.tasks().size() : then.programs().size();
      DANVAN_FUZZ_CHECK(r.target() < targets);
    }
    const std::string text = danvan_fuzz::canonical(then);
    DANVAN_FUZZ_CHECK(danvan::dumps(danvan::as_of(then, *day)) == text);
    DANVAN_FUZZ_CHECK(danvan::dumps(*net.as_of(*day)) == text);
  } catch (const danvan::error& e) {
    danvan_fuzz::unexpected("as_of", e);
  }
  return 0;
}

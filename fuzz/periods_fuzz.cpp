// Dates and periods on arbitrary bytes: spans inside the text and in order,
// well-formed periods whose precision and months agree with their kind.
#include <danvan/text/periods.hpp>

#include <cstdint>
#include <string_view>

#include "check.hpp"

namespace dt = danvan::text;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  for (const int year : {0, 2023}) {
    dt::period_options o;
    o.default_year = year;
    std::size_t previous_end = 0;
    for (const auto& m : dt::scan_periods(in, o)) {
      DANVAN_FUZZ_CHECK(m.byte_span.begin < m.byte_span.end && m.byte_span.end <= size);
      DANVAN_FUZZ_CHECK(m.byte_span.begin >= previous_end);
      previous_end = m.byte_span.end;
      DANVAN_FUZZ_CHECK(m.span.end == dt::count_code_points(in.substr(0, m.byte_span.end)));
      DANVAN_FUZZ_CHECK(m.value.well_formed());
      switch (m.kind) {
        case dt::period_kind::recurrence:
          DANVAN_FUZZ_CHECK(m.value.empty() && m.repeats != dt::recurrence::none);
          break;
        case dt::period_kind::months:
        case dt::period_kind::quarter:
          DANVAN_FUZZ_CHECK(m.first_month >= 1 && m.first_month <= m.last_month && m.last_month <= 12);
          DANVAN_FUZZ_CHECK(m.value.empty() == (year == 0 && m.precision == danvan::precision::none));
          break;
        case dt::period_kind::year:
          DANVAN_FUZZ_CHECK(m.single() && m.precision == danvan::precision::year);
          break;
        case dt::period_kind::date:
          DANVAN_FUZZ_CHECK(m.single() && m.precision >= danvan::precision::month);
          break;
        case dt::period_kind::range:
          DANVAN_FUZZ_CHECK(!m.value.start.empty() && !m.value.end.empty());
          break;
      }
    }
  }
  return 0;
}

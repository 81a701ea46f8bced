// Document references on arbitrary bytes: spans inside the text, in order,
// on code-point boundaries and consistent between bytes and code points;
// keys that follow from the fields; format and parse agreeing.
#include <danvan/text/reference.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "check.hpp"

namespace dt = danvan::text;

namespace {

// A code-point boundary as the decoder sees it (a stray continuation byte is
// a code point of its own): cutting there does not change the count.
bool boundary(std::string_view s, std::size_t at) {
  return dt::count_code_points(s.substr(0, at)) + dt::count_code_points(s.substr(at)) == dt::count_code_points(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto refs = dt::scan_references(in);
  std::size_t previous_end = 0;
  for (const auto& r : refs) {
    DANVAN_FUZZ_CHECK(r.byte_span.begin < r.byte_span.end && r.byte_span.end <= size);
    DANVAN_FUZZ_CHECK(r.byte_span.begin >= previous_end);
    previous_end = r.byte_span.end;
    DANVAN_FUZZ_CHECK(boundary(in, r.byte_span.begin) && boundary(in, r.byte_span.end));
    DANVAN_FUZZ_CHECK(r.span.begin == dt::count_code_points(in.substr(0, r.byte_span.begin)));
    DANVAN_FUZZ_CHECK(r.span.end == dt::count_code_points(in.substr(0, r.byte_span.end)));
    DANVAN_FUZZ_CHECK(!r.number.empty() && !r.issuer.empty() && !r.code.empty());
    DANVAN_FUZZ_CHECK(r.key_from_context || r.key == dt::reference_key(r));
    DANVAN_FUZZ_CHECK(r.term >= 0 && r.term <= 100);
    const std::string formatted = dt::format_reference(r);
    const auto again = dt::parse_reference(formatted);
    DANVAN_FUZZ_CHECK(again.has_value());
    DANVAN_FUZZ_CHECK(again->code == r.code && again->type == r.type && again->issuer == r.issuer);
    DANVAN_FUZZ_CHECK(again->date == r.date && again->term == r.term);
  }
  if (const auto r = dt::parse_reference(in)) {
    DANVAN_FUZZ_CHECK(r->byte_span.end <= size && r->span.begin <= r->span.end);
    DANVAN_FUZZ_CHECK(r->key == dt::reference_key(*r));
  }
  try {
    const auto strict = dt::scan_references(in, dt::invalid_utf8::reject);
    DANVAN_FUZZ_CHECK(dt::find_invalid_utf8(in) == std::string_view::npos && strict.size() == refs.size());
  } catch (const dt::invalid_utf8_error& e) {
    DANVAN_FUZZ_CHECK(e.offset() == dt::find_invalid_utf8(in));
  }
  return 0;
}

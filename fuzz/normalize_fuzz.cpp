// The normalizer and search keys on arbitrary bytes: never crash, always valid
// UTF-8 out, idempotent, the same key before and after normalization, the
// reject policy agreeing with find_invalid_utf8, and NFC-only mode agreeing
// with utf8proc's own NFC.
#include <danvan/text/normalize.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <utf8proc.h>

#include "check.hpp"

namespace dt = danvan::text;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t bad = dt::find_invalid_utf8(in);

  const std::string n = dt::normalize(in);
  DANVAN_FUZZ_CHECK(dt::find_invalid_utf8(n) == std::string_view::npos);
  DANVAN_FUZZ_CHECK(dt::normalize(n) == n);
  DANVAN_FUZZ_CHECK(n.empty() || (n.front() != ' ' && n.back() != ' '));
  DANVAN_FUZZ_CHECK(n.find("  ") == std::string::npos);

  const std::string key = dt::search_key(in);
  DANVAN_FUZZ_CHECK(key == dt::search_key(n));
  DANVAN_FUZZ_CHECK(dt::find_invalid_utf8(key) == std::string_view::npos);
  DANVAN_FUZZ_CHECK(key.empty() || (key.front() != ' ' && key.back() != ' '));
  DANVAN_FUZZ_CHECK(key.find("  ") == std::string::npos);

  dt::normalize_options lines;
  lines.keep_line_breaks = true;
  const std::string kept = dt::normalize(in, lines);
  DANVAN_FUZZ_CHECK(dt::normalize(kept, lines) == kept);

  dt::normalize_options reject;
  reject.invalid = dt::invalid_utf8::reject;
  try {
    DANVAN_FUZZ_CHECK(dt::normalize(in, reject) == n);
    DANVAN_FUZZ_CHECK(bad == std::string_view::npos);
  } catch (const dt::invalid_utf8_error& e) {
    DANVAN_FUZZ_CHECK(bad != std::string_view::npos && e.offset() == bad);
  }

  if (bad == std::string_view::npos) {
    dt::normalize_options nfc;
    nfc.vietnamese_eth = nfc.tone_marks = nfc.join_split_words = nfc.fold_punctuation = nfc.drop_ignorables =
        nfc.collapse_whitespace = false;
    utf8proc_uint8_t* ref = nullptr;
    const auto len = utf8proc_map(data, static_cast<utf8proc_ssize_t>(size), &ref,
                                  static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (len >= 0) {
      DANVAN_FUZZ_CHECK(dt::normalize(in, nfc) == std::string(reinterpret_cast<char*>(ref), static_cast<std::size_t>(len)));
    }
    std::free(ref);
  }
  return 0;
}

// The CSV tables reader on arbitrary bytes: the input is the tables in the order of
// danvan::csv_table_names(), separated by form feeds. It builds a network or says why
// not (danvan::validation_error); anything else it throws, or a crash, is a bug. What it
// builds goes out as tables and back in to the same network (the round trip is lossless).
#include <danvan/error.hpp>
#include <danvan/io/csv.hpp>
#include <danvan/io/json.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<danvan::csv_file> tables;
  for (const auto name : danvan::csv_table_names()) {
    const auto end = in.find('\f');
    tables.push_back({std::string(name), std::string(in.substr(0, end))});
    if (end == std::string_view::npos) break;
    in.remove_prefix(end + 1);
  }
  danvan::network net;
  try {
    net = danvan::from_csv_tables(tables, "<fuzz>");
  } catch (const danvan::validation_error&) {
    return 0;
  }
  const auto again = danvan::from_csv_tables(danvan::csv_tables(net));
  DANVAN_FUZZ_CHECK(danvan::dumps(again) == danvan::dumps(net));
  return 0;
}

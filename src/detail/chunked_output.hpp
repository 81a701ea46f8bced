// Output gathered in a string and handed to a stream a megabyte at a time, with XML
// escaping: what the CSV writer and the exports write their millions of small pieces with.
#pragma once

#include <danvan/table.hpp>

#include <iosfwd>
#include <string>
#include <string_view>

namespace danvan::detail {

/// Output gathered in a string and handed to the stream a megabyte at a time: exports of
/// a large network write hundreds of megabytes in pieces of a few bytes, and one stream
/// call per piece would cost more than the rest of the work.
class chunked_output {
 public:
  explicit chunked_output(std::ostream& out);
  chunked_output(const chunked_output&) = delete;
  chunked_output& operator=(const chunked_output&) = delete;
  /// Writes what is left; call before the stream is read.
  void finish();

  chunked_output& operator<<(std::string_view s) { return put(s); }
  chunked_output& operator<<(char c) {
    buf_ += c;
    return *this;
  }
  chunked_output& operator<<(std::size_t n);
  /// `s` with `&`, `<`, `>`, `"` escaped for XML text or an attribute value; a control
  /// character XML 1.0 forbids (all below U+0020 but tab, LF and CR) becomes U+FFFD.
  chunked_output& xml(std::string_view s);
  /// Cell `row` of `c` (text, integer, number, boolean or date) escaped by xml().
  chunked_output& xml_cell(const column& c, std::size_t row);
  /// The raw buffer, for a writer with an escaping of its own; call spill() after.
  std::string& buffer() noexcept { return buf_; }
  /// Hands the buffer to the stream when it is a megabyte or more.
  void spill();

 private:
  chunked_output& put(std::string_view s) {
    buf_.append(s);
    return *this;
  }
  std::ostream& out_;
  std::string buf_;
};

}  // namespace danvan::detail

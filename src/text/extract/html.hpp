// Raw report text is often pasted from web pages: entities and tags are read
// where they stand, so that every span stays a span of the bytes given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace danvan::text::detail {

/// One code point of raw text, with what it was written as.
struct raw_cp {
  char32_t cp = 0;
  std::uint32_t len = 1;
  bool tag = false;     // an HTML tag: read as white space
  bool block = false;   // a tag that breaks a line (<p>, <br>, <div>, <li>, ...)
  bool entity = false;  // decoded from an HTML entity
};

/// The code point at byte i: an entity as its letter, a tag as one space.
raw_cp read_cp(std::string_view s, std::size_t i);

/// The UTF-8 of raw text with entities decoded and tags dropped.
std::string decoded_text(std::string_view s);

}  // namespace danvan::text::detail

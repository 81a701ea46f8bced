#include "detail/json_split.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace danvan::detail {

namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr std::size_t chunk_bytes = std::size_t{1} << 20;

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/// One past the closing quote of the string whose opening quote is at `from`; npos
/// when the text ends first. A quote after an odd run of backslashes is escaped.
std::size_t string_end(std::string_view text, std::size_t from) {
  for (std::size_t at = from + 1; at < text.size();) {
    const void* found = std::memchr(text.data() + at, '"', text.size() - at);
    if (!found) return npos;
    const auto quote = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
    std::size_t backslashes = 0;
    while (quote - backslashes > from + 1 && text[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote + 1;
    at = quote + 1;
  }
  return npos;
}

/// One past the end of the JSON value that starts at `from`, counting brackets outside
/// strings; npos when the text ends first. Whether the value is well formed is for the
/// parser that reads it to say.
std::size_t value_end(std::string_view text, std::size_t from) {
  const char first = text[from];
  if (first == '"') return string_end(text, from);
  if (first != '{' && first != '[') {
    for (std::size_t at = from; at < text.size(); ++at)
      if (is_space(text[at]) || text[at] == ',' || text[at] == '}' || text[at] == ']') return at;
    return npos;
  }
  std::size_t depth = 0;
  for (std::size_t at = from; at < text.size(); ++at) {
    switch (text[at]) {
      case '"':
        at = string_end(text, at);
        if (at == npos) return npos;
        --at;
        break;
      case '{':
      case '[': ++depth; break;
      case '}':
      case ']':
        if (--depth == 0) return at + 1;
        break;
      default: break;
    }
  }
  return npos;
}

class splitter {
 public:
  splitter(const byte_source& source, const split_sink& sink, std::size_t batch_bytes)
      : source_(source), sink_(sink), batch_bytes_(batch_bytes) {}

  bool run() {
    while (buf_.size() < 3 && more()) {
    }
    if (std::string_view(buf_).starts_with("\xEF\xBB\xBF")) pos_ = keep_ = 3;
    if (!next_byte() || buf_[pos_] != '{') return false;
    ++pos_;
    std::vector<std::string> batched_keys;
    for (bool first = true;; first = false) {
      keep_ = pos_;
      if (!next_byte()) return false;
      if (buf_[pos_] == '}') break;
      if (!first && !(buf_[pos_++] == ',' && next_byte())) return false;
      if (buf_[pos_] != '"') return false;
      const std::size_t key_end = complete(string_end);
      if (key_end == npos) return false;
      const std::string key = buf_.substr(pos_ + 1, key_end - pos_ - 2);
      if (key.find('\\') != std::string::npos) return false;
      pos_ = key_end;
      if (!next_byte() || buf_[pos_++] != ':' || !next_byte()) return false;
      if (buf_[pos_] == '[' && sink_.batched(key)) {
        if (std::find(batched_keys.begin(), batched_keys.end(), key) != batched_keys.end()) return false;
        batched_keys.push_back(key);
        if (!array(key)) return false;
      } else {
        keep_ = pos_;
        const std::size_t end = complete(value_end);
        if (end == npos) return false;
        sink_.member(key, std::string_view(buf_).substr(pos_, end - pos_));
        pos_ = end;
      }
    }
    ++pos_;
    keep_ = pos_;
    return !next_byte();  // nothing but white space after the object
  }

 private:
  /// Hands the elements of an array over in batches; pos_ is at its `[`.
  bool array(const std::string& key) {
    ++pos_;
    std::size_t index = 0, in_batch = 0;  // elements before pos_, and of them in the open batch
    for (bool first = true;; first = false) {
      if (in_batch == 0) keep_ = pos_;
      if (!next_byte()) return false;
      if (buf_[pos_] == ']') {
        if (in_batch > 0) hand_over(key, index - in_batch);
        ++pos_;
        return true;
      }
      if (!first && !(buf_[pos_++] == ',' && next_byte())) return false;
      if (in_batch == 0) keep_ = pos_;  // the batch begins with this element
      const std::size_t end = complete(value_end);
      if (end == npos) return false;
      pos_ = end;
      ++index;
      ++in_batch;
      if (pos_ - keep_ >= batch_bytes_) {
        hand_over(key, index - in_batch);
        in_batch = 0;
      }
    }
  }

  /// The text from keep_ to pos_ as one array.
  void hand_over(const std::string& key, std::size_t first) {
    const std::size_t length = pos_ - keep_ + 2;
    batch_.reserve(length + simdjson::SIMDJSON_PADDING);
    batch_.assign(1, '[');
    batch_.append(buf_, keep_, pos_ - keep_);
    batch_ += ']';
    sink_.items(key, simdjson::padded_string_view(batch_.data(), length, batch_.capacity()), first, dropped_ + pos_);
  }

  /// Calls end(text, pos_) until it finds an end, reading more text while it cannot.
  template <class End> std::size_t complete(End end) {
    for (;;) {
      if (pos_ < buf_.size())
        if (const std::size_t e = end(std::string_view(buf_), pos_); e != npos) return e;
      if (!more()) return npos;
    }
  }

  /// Moves pos_ to the next byte that is not white space; false at the end of the input.
  /// White space that nothing before it needs kept is dropped as it is read.
  bool next_byte() {
    const bool keep_nothing = keep_ == pos_;
    for (;;) {
      while (pos_ < buf_.size() && is_space(buf_[pos_])) ++pos_;
      if (pos_ < buf_.size()) return true;
      if (keep_nothing) keep_ = pos_;
      if (!more()) return false;
    }
  }

  /// Reads on, dropping the text before keep_; false at the end of the input. Reads at
  /// least as much as it holds, so that a value read again from its start after each
  /// read costs linear time in all.
  bool more() {
    if (at_end_) return false;
    dropped_ += keep_;
    buf_.erase(0, keep_);
    pos_ -= keep_;
    keep_ = 0;
    const std::size_t held = buf_.size(), want = std::max(chunk_bytes, held);
    buf_.resize(held + want);
    const std::size_t got = source_(buf_.data() + held, want);
    buf_.resize(held + got);
    at_end_ = got < want;
    return got > 0;
  }

  const byte_source& source_;
  const split_sink& sink_;
  const std::size_t batch_bytes_;
  std::string buf_, batch_;
  std::size_t pos_ = 0;   // the next byte to read
  std::size_t keep_ = 0;  // the first byte still needed
  std::size_t dropped_ = 0;  // input bytes before buf_
  bool at_end_ = false;
};

}  // namespace

bool split_top_level(const byte_source& source, const split_sink& sink, std::size_t batch_bytes) {
  return splitter(source, sink, batch_bytes).run();
}

}  // namespace danvan::detail

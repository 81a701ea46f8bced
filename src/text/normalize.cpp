// One pass over UTF-8 that validates, composes (NFC through utf8proc), folds
// look-alike characters and whitespace, and fixes each word's tone mark as
// soon as the word ends. Words are fixed at the tail of the output, so a
// change of length (ỹ is three bytes, ũ two) costs nothing.
#include <danvan/text/normalize.hpp>

#include "text/detail/mapped.hpp"
#include "text/detail/syllable.hpp"
#include "text/detail/unicode.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace danvan::text {

namespace {

// The per-code-point steps must inline into the main loop; GCC otherwise
// keeps flush_pending() out of line and pays a call per character.
#if defined(__GNUC__)
#define DANVAN_HOT inline __attribute__((always_inline))
#else
#define DANVAN_HOT inline
#endif

using detail::cp_flags;
using detail::cp_viet;
using detail::unicode_tables;
constexpr std::size_t npos = std::string::npos;

// The code points of one composition cluster: almost always one or two.
class cluster_buffer {
 public:
  [[nodiscard]] bool empty() const noexcept { return n_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] const char32_t* data() const noexcept { return n_ <= kInline ? inline_ : heap_.data(); }
  char32_t operator[](std::size_t i) const noexcept { return data()[i]; }
  void clear() noexcept { n_ = 0; }
  void push_back(char32_t cp) {
    if (n_ < kInline) {
      inline_[n_++] = cp;
      return;
    }
    if (n_ == kInline) heap_.assign(inline_, kInline);  // from here on heap_.size() == n_
    heap_.push_back(cp);
    ++n_;
  }

 private:
  static constexpr std::size_t kInline = 16;
  char32_t inline_[kInline] = {};
  std::u32string heap_;
  std::size_t n_ = 0;
};

// Appends settled normalized text to a string.
struct text_sink {
  std::string& out;
  void reserve(std::size_t n) { out.reserve(n); }
  void put(const char* p, std::size_t n) { out.append(p, n); }
};

// Folds settled normalized text into a search key: lower case, no marks,
// letters and digits, single spaces between words.
struct key_sink {
  std::string& key;
  const unicode_tables& t;
  bool gap = false;

  void reserve(std::size_t n) { key.reserve(n); }
  void letter(char c) {
    if (gap && !key.empty()) key.push_back(' ');
    gap = false;
    key.push_back(c);
  }
  void put(const char* text, std::size_t n) {
    const auto* p = reinterpret_cast<const unsigned char*>(text);
    const auto* const end = p + n;
    std::string scratch;
    while (p < end) {
      const unsigned c = *p;
      if (c < 0x80) {
        if (c - 'A' < 26u) {
          letter(static_cast<char>(c + 32));
        } else if (c - 'a' < 26u || c - '0' < 10u) {
          letter(static_cast<char>(c));
        } else {
          gap = true;
        }
        ++p;
        continue;
      }
      const auto d = detail::decode_utf8(p, end);
      p += d.len;
      const char* form;
      std::size_t len;
      if (d.cp < unicode_tables::kFoldSize) {
        const auto e = t.fold[d.cp];
        form = t.fold_pool.data() + (e >> 8);
        len = e & 0xFFu;
      } else {
        scratch.clear();
        detail::append_fold(t, scratch, d.cp);
        form = scratch.data();
        len = scratch.size();
      }
      for (std::size_t i = 0; i < len; ++i) {
        if (form[i] == ' ') {
          gap = true;
        } else {
          letter(form[i]);
        }
      }
    }
  }
};

struct no_sink {
  void reserve(std::size_t) {}
  void put(const char*, std::size_t) {}
};

template <bool Mapped, class Sink>
class engine {
 public:
  engine(std::string_view in, const normalize_options& o, Sink& sink, detail::mapped_text* map, std::size_t base)
      : t_(unicode_tables::get()), o_(o), in_(in), sink_(sink), map_(map), base_(base) {
    // Output goes through a small work buffer written by index (appending to
    // a std::string per code point costs more than normalizing it); the
    // settled part moves to `out` in blocks. With a byte map everything stays
    // in the work buffer: mapped inputs are chunks of at most about 1 MiB.
    buf_.resize(Mapped ? in.size() + in.size() / 8 + 64 : std::min(kBlock, in.size() + in.size() / 8) + 64);
    if constexpr (Mapped) {
      map_->begin.resize(buf_.size());
      map_->end.resize(buf_.size());
    }
    if constexpr (!Mapped) sink_.reserve(in.size() + in.size() / 16);
  }
  engine(const engine&) = delete;
  engine& operator=(const engine&) = delete;

  void run() {
    const auto* const begin = reinterpret_cast<const unsigned char*>(in_.data());
    const auto* const end = begin + in_.size();
    const auto* p = begin;
    while (p < end) {
      const unsigned c = *p;
      if (c - 0x21u < 0x5Eu) {  // printable ASCII
        flush_pending();
        // Printable ASCII never composes with what precedes it; when ASCII
        // follows too, nothing composes with it either: no need to hold it.
        while (p + 1 < end && p[1] < 0x80) {
          const unsigned a = *p;
          if (a - 0x21u >= 0x5Eu) break;
          emit(a, t_.flags[a], pos(p, begin), pos(p, begin) + 1);
          ++p;
        }
        const unsigned a = *p;
        if (a - 0x21u < 0x5Eu) {
          hold(a, t_.flags[a], pos(p, begin), pos(p, begin) + 1);
          ++p;
        }
        continue;
      }
      if (c < 0x80) {
        on_code_point(c, pos(p, begin), pos(p, begin) + 1, p + 1 < end ? p[1] : 0);
        ++p;
        continue;
      }
      const auto d = detail::decode_utf8(p, end);
      if (d.status != detail::utf8_status::ok) {
        if (o_.invalid == invalid_utf8::reject) detail::throw_invalid_utf8(in_, pos(p, begin), d, base_);
        if constexpr (Mapped) map_->input_valid = false;
      }
      on_code_point(d.cp, pos(p, begin), pos(p, begin) + d.len, 0);
      p += d.len;
    }
    flush_pending();
    end_word();
    if constexpr (Mapped) {
      buf_.resize(n_);
      map_->text.swap(buf_);
      map_->begin.resize(n_);
      map_->end.resize(n_);
    } else {
      sink_.put(buf_.data(), n_);
    }
  }

 private:
  static constexpr std::size_t kBlock = 32 * 1024;

  static std::uint32_t pos(const unsigned char* p, const unsigned char* begin) {
    return static_cast<std::uint32_t>(p - begin);
  }

  // ---- code points --------------------------------------------------------
  void on_code_point(char32_t cp, std::uint32_t b, std::uint32_t e, unsigned next_byte) {
    std::uint16_t f = cp_flags(t_, cp);
    if (o_.drop_ignorables && (f & detail::f_ignorable)) return;
    if (o_.collapse_whitespace && (f & detail::f_space)) {
      whitespace(cp, f, b, e, next_byte);
      return;
    }
    if (o_.fold_punctuation && (f & (detail::f_dash | detail::f_quote1 | detail::f_quote2))) {
      cp = (f & detail::f_dash) ? U'-' : (f & detail::f_quote1) ? U'\'' : U'"';
      f = t_.flags[cp];
    } else if (o_.vietnamese_eth && (cp == 0xD0 || cp == 0xF0)) {
      cp = cp == 0xD0 ? 0x110 : 0x111;
      f = t_.flags[cp];
    }
    if (f & detail::f_stable) {
      hold(cp, f, b, e);
    } else if ((f & detail::f_starter) && !(f & detail::f_second)) {
      flush_pending();
      cluster_.push_back(cp);
      cluster_b_ = b;
      cluster_e_ = e;
    } else {
      // A combining mark, or a starter that may compose with the one before.
      if (held_) {
        cluster_.push_back(held_cp_);
        cluster_b_ = held_b_;
        held_ = false;
      } else if (cluster_.empty()) {
        cluster_b_ = b;
      }
      cluster_.push_back(cp);
      cluster_e_ = e;
    }
  }

  // The last starter is held back until the next code point shows whether
  // a combining mark follows it.
  DANVAN_HOT void hold(char32_t cp, std::uint16_t f, std::uint32_t b, std::uint32_t e) {
    flush_pending();
    held_ = true;
    held_cp_ = cp;
    held_f_ = f;
    held_b_ = b;
    held_e_ = e;
  }

  DANVAN_HOT void flush_pending() {
    if (held_) {
      held_ = false;
      emit(held_cp_, held_f_, held_b_, held_e_);
    } else if (!cluster_.empty()) {
      flush_cluster();
    }
  }

  void flush_cluster() {
    detail::compose_cluster(cluster_.data(), cluster_.size(), composed_);
    cluster_.clear();
    for (const char32_t cp : composed_) emit(cp, cp_flags(t_, cp), cluster_b_, cluster_e_);
  }

  void whitespace(char32_t cp, std::uint16_t f, std::uint32_t b, std::uint32_t e, unsigned next_byte) {
    flush_pending();
    end_word();
    if (!ws_pending_) {
      ws_pending_ = true;
      ws_b_ = b;
      ws_breaks_ = 0;
      if constexpr (!Mapped) {
        if (n_ > kBlock) move_settled_out();
      }
    }
    ws_e_ = e;
    if ((f & detail::f_line_break) && !(cp == '\r' && next_byte == '\n')) ++ws_breaks_;
  }

  void flush_whitespace() {
    ws_pending_ = false;
    if (n_ == 0 && !moved_any_) return;  // leading whitespace is trimmed
    if (o_.keep_line_breaks && ws_breaks_ > 0) {
      append('\n', ws_b_, ws_e_);
      if (ws_breaks_ > 1) append('\n', ws_b_, ws_e_);
    } else {
      append(' ', ws_b_, ws_e_);
    }
  }

  // Between words nothing before the last word can change any more (only a
  // lone consonant may still join the next word): move it to the output.
  void move_settled_out() {
    const std::size_t keep = last_single_consonant_ && last_word_end_ == n_ ? last_word_start_ : n_;
    if (keep == 0) return;
    sink_.put(buf_.data(), keep);
    moved_any_ = true;
    last_moved_ = buf_[keep - 1];
    std::memmove(buf_.data(), buf_.data() + keep, n_ - keep);
    n_ -= keep;
    if (last_word_start_ >= keep) last_word_start_ -= keep;
    if (last_word_end_ != kNoWord) last_word_end_ = last_word_end_ >= keep ? last_word_end_ - keep : kNoWord;
  }

  DANVAN_HOT void emit(char32_t cp, std::uint16_t f, std::uint32_t b, std::uint32_t e) {
    if (ws_pending_) flush_whitespace();
    if (f & (detail::f_letter | detail::f_mark)) {
      if (word_start_ == npos) begin_word();
      // Letters are looked at when the word ends, and only if it has some
      // beyond ASCII: plain ASCII words carry no tone mark to place.
      if (cp >= 0x80) word_nonascii_ = true;
    } else if (word_start_ != npos) {
      end_word();
    }
    append(cp, b, e);
  }

  void grow() {
    buf_.resize(buf_.size() * 2 + 64);
    if constexpr (Mapped) {
      map_->begin.resize(buf_.size());
      map_->end.resize(buf_.size());
    }
  }

  DANVAN_HOT void append(char32_t cp, std::uint32_t b, std::uint32_t e) {
    if (n_ + 4 > buf_.size()) grow();
    char* w = buf_.data() + n_;
    std::size_t len;
    if (cp < 0x80) {
      w[0] = static_cast<char>(cp);
      len = 1;
    } else if (cp < 0x800) {
      w[0] = static_cast<char>(0xC0 | (cp >> 6));
      w[1] = static_cast<char>(0x80 | (cp & 0x3F));
      len = 2;
    } else if (cp < 0x10000) {
      w[0] = static_cast<char>(0xE0 | (cp >> 12));
      w[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      w[2] = static_cast<char>(0x80 | (cp & 0x3F));
      len = 3;
    } else {
      w[0] = static_cast<char>(0xF0 | (cp >> 18));
      w[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      w[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      w[3] = static_cast<char>(0x80 | (cp & 0x3F));
      len = 4;
    }
    n_ += len;
    if constexpr (Mapped) {
      for (std::size_t i = n_ - len; i < n_; ++i) map_->begin[i] = b, map_->end[i] = e;
    } else {
      (void)b, (void)e;
    }
  }

  // ---- words --------------------------------------------------------------
  void begin_word() {
    word_start_ = n_;
    word_nonascii_ = false;
    const bool adjacent = last_word_end_ + 1 == n_ && buf_[n_ - 1] == ' ';
    join_ = o_.join_split_words && last_single_consonant_ && adjacent;
    after_lone_letter_ = last_single_letter_ && adjacent;
  }

  void add_letter(char32_t cp, std::uint16_t f) {
    if (f & detail::f_mark) has_mark_ = true;  // a mark NFC could not absorb: not a plain Vietnamese letter
    const std::uint8_t v = cp_viet(t_, cp);
    if (letters_ < detail::kMaxSyllableLetters) {
      cps_[letters_] = cp;
      viet_[letters_] = v;
    }
    const std::uint8_t code = v & 0x7F;
    if (code >= 1 && code <= detail::kVowelBases * detail::kTones) {
      ++vowels_;
      if ((code - 1) % detail::kTones != 0) ++toned_;
    } else if (cp >= 0x80 && code != detail::kVietD) {
      foreign_ = true;
    }
    ++letters_;
  }

  static bool is_consonant(char32_t cp, std::uint8_t v) {
    if ((v & 0x7F) == detail::kVietD) return true;
    return v == 0 && cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  }

  static bool is_lower(char32_t cp, std::uint8_t v) {
    if (v != 0) return !(v & detail::kVietUpper);
    return cp >= 'a' && cp <= 'z';
  }

  // The letters of the word that just ended, from the output.
  void read_word() {
    letters_ = vowels_ = toned_ = 0;
    has_mark_ = foreign_ = false;
    const auto* p = reinterpret_cast<const unsigned char*>(buf_.data()) + word_start_;
    const auto* const end = reinterpret_cast<const unsigned char*>(buf_.data()) + n_;
    while (p < end) {
      const auto d = detail::decode_utf8(p, end);
      add_letter(d.cp, cp_flags(t_, d.cp));
      p += d.len;
    }
  }

  void end_word() {
    if (word_start_ == npos) return;
    if (!join_ && (!word_nonascii_ || !o_.tone_marks)) {
      // No tone mark to place (an ASCII word, or placement is off): only
      // whether the word is a lone consonant matters.
      const auto* p = reinterpret_cast<const unsigned char*>(buf_.data()) + word_start_;
      const auto d = detail::decode_utf8(p, reinterpret_cast<const unsigned char*>(buf_.data()) + n_);
      const char before = word_start_ > 0 ? buf_[word_start_ - 1] : last_moved_;
      last_cp_ = d.cp;
      last_viet_ = cp_viet(t_, d.cp);
      last_single_letter_ = n_ - word_start_ == d.len;
      last_single_consonant_ = last_single_letter_ && is_consonant(d.cp, last_viet_) &&
                               !(before >= '0' && before <= '9') && !after_lone_letter_;
      last_word_start_ = word_start_;
      last_word_end_ = n_;
      word_start_ = npos;
      return;
    }
    read_word();
    const bool plain = !has_mark_ && !foreign_;
    bool placed = false;
    if (join_ && plain && letters_ + 1 <= detail::kMaxSyllableLetters && is_lower(cps_[0], viet_[0])) {
      char32_t cps[detail::kMaxSyllableLetters];
      std::uint8_t viet[detail::kMaxSyllableLetters];
      cps[0] = last_cp_;
      viet[0] = last_viet_;
      for (std::size_t i = 0; i < letters_; ++i) cps[i + 1] = cps_[i], viet[i + 1] = viet_[i];
      const auto a = detail::analyze_syllable(viet, cps, letters_ + 1);
      if (a.valid) {
        const std::size_t space = word_start_ - 1;
        std::memmove(buf_.data() + space, buf_.data() + space + 1, n_ - space - 1);
        --n_;
        if constexpr (Mapped) {
          std::memmove(map_->begin.data() + space, map_->begin.data() + space + 1, (n_ - space) * sizeof(std::uint32_t));
          std::memmove(map_->end.data() + space, map_->end.data() + space + 1, (n_ - space) * sizeof(std::uint32_t));
        }
        word_start_ = last_word_start_;
        letters_ += 1;
        for (std::size_t i = 0; i < letters_; ++i) cps_[i] = cps[i], viet_[i] = viet[i];
        if (o_.tone_marks) place(a);
        placed = true;
      }
    }
    if (!placed && o_.tone_marks && plain && toned_ > 0 && vowels_ >= 2 &&
        letters_ <= detail::kMaxSyllableLetters) {
      const auto a = detail::analyze_syllable(viet_, cps_, letters_);
      if (a.valid) place(a);
    }
    const char before = word_start_ > 0 ? buf_[word_start_ - 1] : last_moved_;
    last_single_letter_ = letters_ == 1;
    // A lone letter after another (`a b c`, `T h am`) is a list or noise of
    // another kind: joining it would make normalize() depend on how often it ran.
    last_single_consonant_ = letters_ == 1 && plain && is_consonant(cps_[0], viet_[0]) &&
                             !(before >= '0' && before <= '9') && !after_lone_letter_;
    last_cp_ = cps_[0];
    last_viet_ = viet_[0];
    last_word_start_ = word_start_;
    last_word_end_ = n_;
    word_start_ = npos;
    join_ = false;
  }

  // Moves the tone mark to where analyze_syllable() says it belongs,
  // rewriting the word at the tail of the output.
  void place(const detail::syllable_analysis& a) {
    if (a.tone_at < 0 || a.tone_at == a.canonical_at) return;
    char32_t moved[detail::kMaxSyllableLetters];
    for (std::size_t i = 0; i < letters_; ++i) moved[i] = cps_[i];
    auto retone = [&](int at, int tone) {
      const std::uint8_t v = viet_[at];
      const int base = ((v & 0x7F) - 1) / detail::kTones;
      moved[at] = t_.vowel[base][tone][(v & detail::kVietUpper) ? 1 : 0];
      viet_[at] = static_cast<std::uint8_t>((1 + base * detail::kTones + tone) | (v & detail::kVietUpper));
    };
    retone(a.tone_at, 0);
    retone(a.canonical_at, a.tone);
    std::uint32_t ranges[detail::kMaxSyllableLetters][2] = {};
    if constexpr (Mapped) {
      std::size_t off = word_start_;
      for (std::size_t i = 0; i < letters_; ++i) {
        ranges[i][0] = map_->begin[off];
        ranges[i][1] = map_->end[off];
        off += detail::utf8_length(cps_[i]);
      }
    }
    n_ = word_start_;
    for (std::size_t i = 0; i < letters_; ++i) {
      append(moved[i], ranges[i][0], ranges[i][1]);
      cps_[i] = moved[i];
    }
  }

  static constexpr std::size_t kNoWord = npos - 1;

  const unicode_tables& t_;
  const normalize_options& o_;
  std::string_view in_;
  Sink& sink_;
  std::string buf_;
  std::size_t n_ = 0;  // bytes of buf_ written
  bool moved_any_ = false;  // some text already went to the sink
  char last_moved_ = ' ';   // the last byte that went
  detail::mapped_text* map_;
  std::size_t base_;

  // A starter that NFC may still combine with what comes next, or the
  // cluster of a starter and its combining marks.
  bool held_ = false;
  char32_t held_cp_ = 0;
  std::uint16_t held_f_ = 0;
  std::uint32_t held_b_ = 0, held_e_ = 0;
  cluster_buffer cluster_;
  std::u32string composed_;
  std::uint32_t cluster_b_ = 0, cluster_e_ = 0;

  bool ws_pending_ = false;
  unsigned ws_breaks_ = 0;
  std::uint32_t ws_b_ = 0, ws_e_ = 0;

  std::size_t word_start_ = npos;
  std::size_t letters_ = 0, vowels_ = 0, toned_ = 0;
  bool has_mark_ = false, foreign_ = false, join_ = false, word_nonascii_ = false;
  char32_t cps_[detail::kMaxSyllableLetters] = {};
  std::uint8_t viet_[detail::kMaxSyllableLetters] = {};

  bool last_single_consonant_ = false;
  bool last_single_letter_ = false;
  bool after_lone_letter_ = false;  // the current word follows a one-letter word and one space
  char32_t last_cp_ = 0;
  std::uint8_t last_viet_ = 0;
  std::size_t last_word_start_ = 0, last_word_end_ = kNoWord;
};

}  // namespace

void normalize_into(std::string_view utf8, std::string& out, const normalize_options& options) {
  out.clear();
  text_sink sink{out};
  engine<false, text_sink>(utf8, options, sink, nullptr, 0).run();
}

std::string normalize(std::string_view utf8, const normalize_options& options) {
  std::string out;
  normalize_into(utf8, out, options);
  return out;
}

void search_key_into(std::string_view utf8, std::string& key, invalid_utf8 invalid) {
  normalize_options o;
  o.invalid = invalid;
  o.tone_marks = false;        // accents are stripped anyway
  o.fold_punctuation = false;  // punctuation separates words either way
  key.clear();
  key_sink sink{key, unicode_tables::get()};
  engine<false, key_sink>(utf8, o, sink, nullptr, 0).run();
}

std::string search_key(std::string_view utf8, invalid_utf8 invalid) {
  std::string key;
  search_key_into(utf8, key, invalid);
  return key;
}

namespace detail {

void normalize_mapped(std::string_view input, const normalize_options& options, mapped_text& out,
                      std::size_t base) {
  out.text.clear();
  out.begin.clear();
  out.end.clear();
  out.input_valid = true;
  no_sink sink;
  engine<true, no_sink>(input, options, sink, &out, base).run();
}

}  // namespace detail
}  // namespace danvan::text

// Document references. The grammar runs over tokens of normalized text, so
// the noise that normalization removes (Ð for Đ, NFD, en dashes, tone-mark
// placement, stray spaces) never reaches it; what remains (spaces around
// separators, `60/NQ-TW`, `số31`, lower case) is tolerated here.
#include <danvan/text/reference.hpp>

#include "text/detail/scan.hpp"
#include "text/detail/unicode.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace danvan::text {

namespace {

using detail::token_stream;
constexpr std::size_t npos = static_cast<std::size_t>(-1);

struct type_info {
  std::string_view abbr;
  std::string_view party_name;
  std::string_view state_name;
};

constexpr type_info kTypes[] = {
    {"NQ", "Nghị quyết", "Nghị quyết"},
    {"NQLT", "Nghị quyết liên tịch", "Nghị quyết liên tịch"},
    {"CT", "Chỉ thị", "Chỉ thị"},
    {"KL", "Kết luận", "Kết luận"},
    {"QĐ", "Quyết định", "Quyết định"},
    {"QĐi", "Quy định", "Quy định"},
    {"QC", "Quy chế", "Quy chế"},
    {"QCPH", "Quy chế phối hợp", "Quy chế phối hợp"},
    {"HD", "Hướng dẫn", "Hướng dẫn"},
    {"HDLT", "Hướng dẫn liên tịch", "Hướng dẫn liên tịch"},
    {"KH", "Kế hoạch", "Kế hoạch"},
    {"KHLT", "Kế hoạch liên tịch", "Kế hoạch liên tịch"},
    {"CTr", "Chương trình", "Chương trình"},
    {"CTrPH", "Chương trình phối hợp", "Chương trình phối hợp"},
    {"ĐA", "Đề án", "Đề án"},
    {"TB", "Thông báo", "Thông báo"},
    {"BC", "Báo cáo", "Báo cáo"},
    {"CV", "Công văn", "Công văn"},
    {"TTr", "Tờ trình", "Tờ trình"},
    {"TT", "Thông tri", "Thông tư"},
    {"TTLT", "Thông tư liên tịch", "Thông tư liên tịch"},
    {"NĐ", "Nghị định", "Nghị định"},
    {"CĐ", "Công điện", "Công điện"},
    {"BB", "Biên bản", "Biên bản"},
    {"GM", "Giấy mời", "Giấy mời"},
};

// Names written before a number; longer names first so that `Nghị quyết
// liên tịch` wins over `Nghị quyết`.
struct name_info {
  std::string_view name;
  std::string_view abbr;
};
constexpr name_info kNames[] = {
    {"Nghị quyết liên tịch", "NQLT"},   {"Thông báo kết luận", "TB"},   {"Quy chế phối hợp", "QCPH"},
    {"Hướng dẫn liên tịch", "HDLT"},    {"Kế hoạch liên tịch", "KHLT"}, {"Chương trình phối hợp", "CTrPH"},
    {"Chương trình hành động", "CTr"},  {"Thông tư liên tịch", "TTLT"}, {"Nghị quyết", "NQ"},
    {"Chỉ thị", "CT"},                  {"Kết luận", "KL"},             {"Quyết định", "QĐ"},
    {"Quy định", "QĐi"},                {"Quy chế", "QC"},              {"Hướng dẫn", "HD"},
    {"Kế hoạch", "KH"},                 {"Chương trình", "CTr"},        {"Đề án", "ĐA"},
    {"Thông báo", "TB"},                {"Báo cáo", "BC"},              {"Công văn", "CV"},
    {"Tờ trình", "TTr"},                {"Thông tri", "TT"},            {"Thông tư", "TT"},
    {"Nghị định", "NĐ"},                {"Công điện", "CĐ"},            {"Biên bản", "BB"},
    {"Giấy mời", "GM"},
};

// Issuer codes that may be written in lower or mixed case (`Nq/tw`), with their canonical spelling.
constexpr std::string_view kKnownIssuers[] = {
    "TW",   "TU",    "HU",    "ĐU",    "TTg",    "CP",     "QH",   "UBND", "HĐND", "BCT",
    "BBT",  "BCHTW", "BDVTW", "BDVTU", "BTGTW",  "BTGTU",  "BTCTW", "BTCTU", "UBKTTW", "UBKTTU", "VPTW",
    "VPTU", "MTTQ",  "BNV",   "BCĐ",   "BTGDVTU", "TWĐTN", "CA",  // Công an: a body of a joint number (`MTTQ-CA`)
};

// Lower-case words that continue an issuing body (`Ban Bí thư`, `Bộ Chính trị`,
// `Ban Chấp hành Trung ương Đảng`, `Ban Thường vụ Tỉnh ủy`, `Ủy ban nhân dân tỉnh`).
constexpr std::string_view kBodyWords[] = {
    "bí",    "thư",    "chính", "trị",   "chấp",  "hành",  "trung", "ương", "thường", "vụ",   "trực",
    "tỉnh",  "thành",  "phố",   "huyện", "thị",   "xã",    "trấn",  "phường", "ủy",   "ban",  "nhân",
    "dân",   "đảng",   "quốc",  "hội",   "phủ",   "tướng", "đồng",  "mặt",  "trận",   "tổ",   "việt",
    "nam",   "vận",    "tuyên", "giáo",  "kiểm",  "tra",   "chức",  "đoàn", "liên",   "lao",  "động",
    "nội",   "công",   "an",    "quân",  "sự",    "huy",   "biên",  "phòng", "bộ",    "sở",   "cục",
    "văn",   "thanh",  "niên",  "phụ",   "nữ",    "nông",  "cựu",   "chiến", "binh",  "tài", "nguyên",
    "môi",   "trường", "khoa",  "học",   "nghệ",  "nghiệp", "phát", "triển", "thôn",  "đạo",
};

std::string lower_of(std::string_view s) {
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const auto d = detail::decode_utf8(p, end);
    detail::append_utf8(out, detail::to_lower(d.cp));
    p += d.len;
  }
  return out;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto j = s.find(' ', i);
    words.emplace_back(s.substr(i, j == std::string_view::npos ? s.size() - i : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return words;
}

// Lower-case forms of the tables above, computed once.
struct lexicon {
  std::unordered_map<std::string, std::size_t> types;  // lower abbr → kTypes index
  std::vector<std::pair<std::vector<std::string>, std::size_t>> names;  // lower words → kNames index
  std::unordered_map<std::string, std::string_view> issuers;  // lower → canonical
  std::vector<std::string> body_words;

  lexicon() {
    for (std::size_t i = 0; i < std::size(kTypes); ++i) types.emplace(lower_of(kTypes[i].abbr), i);
    // Numbers typed without Vietnamese letters: `ND-CP`, `QD-TTg`, `05-DA/TU` (after the
    // exact forms, so that no ASCII form takes the place of a type of its own).
    for (std::size_t i = 0; i < std::size(kTypes); ++i) types.emplace(search_key(kTypes[i].abbr), i);
    for (std::size_t i = 0; i < std::size(kNames); ++i) names.emplace_back(split_words(lower_of(kNames[i].name)), i);
    std::stable_sort(names.begin(), names.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (auto code : kKnownIssuers) issuers.emplace(lower_of(code), code);
    issuers.emplace(lower_of("TƯ"), "TW");  // Trung ương, as `TW` is: `12-NQ/TƯ` is 12-NQ/TW
    for (auto code : kKnownIssuers) issuers.emplace(search_key(code), code);
    for (auto w : kBodyWords) body_words.emplace_back(w);
    std::sort(body_words.begin(), body_words.end());
  }
  [[nodiscard]] bool body_word(std::string_view w) const {
    return std::binary_search(body_words.begin(), body_words.end(), w);
  }
  static const lexicon& get() {
    static const lexicon l;
    return l;
  }
};

constexpr std::string_view party_tails[] = {"TW", "TU", "HU", "ĐU", "TƯ"};

/// Whether every issuing body of `issuer` (issuing_bodies()) is a Party body: `60/NQ-TW`
/// is the Party's 60-NQ/TW written in the State form, but a joint `03/CTr-BDVHU-UBND` of a
/// Party body and a People's Committee is a State-form number.
bool party_issuer(std::string_view issuer) {
  const auto bodies = issuing_bodies(issuer);
  return !bodies.empty() && std::all_of(bodies.begin(), bodies.end(), [](std::string_view body) {
    return std::any_of(std::begin(party_tails), std::end(party_tails),
                       [&](std::string_view tail) { return body.ends_with(tail); });
  });
}

std::string strip_zeros(std::string_view number) {
  std::size_t i = 0;
  while (i + 1 < number.size() && number[i] == '0') ++i;
  return std::string(number.substr(i));
}

std::string slug(std::string_view s) {
  std::string k = search_key(s);
  std::replace(k.begin(), k.end(), ' ', '-');
  return k;
}

std::string two(unsigned v) {
  std::string s(v < 10 ? "0" : "");
  s += std::to_string(v);
  return s;
}

// Concatenation by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  (s.append(parts), ...);
  return s;
}

// One reference matched in a token stream: tokens [first, last].
std::string canonical_code(const document_reference& r, bool typed) {
  if (r.form == reference_form::party) return r.number + "-" + r.type + "/" + r.issuer;
  std::string s = r.number;
  if (r.number_year != 0) s += cat("/", std::to_string(r.number_year));
  s += "/";
  if (typed && !r.type.empty()) s += r.type + "-";
  return s + r.issuer;
}

struct match {
  document_reference ref;
  std::size_t first = 0;
  std::size_t last = 0;
};

class matcher {
 public:
  explicit matcher(const token_stream& ts) : ts_(ts), lex_(lexicon::get()) {}

  /// A reference whose number is token i and that starts no earlier than `floor`.
  bool at(std::size_t i, std::size_t floor, match& m) const {
    if (!ts_.is_number(i) || ts_.digits_of(i) > 6) return false;
    // The number must stand alone: `2013` inside `60/2013/NĐ-CP` is not a number of its own.
    if (i > 0 && ts_.glued(i)) {
      const auto& prev = ts_[i - 1];
      if (prev.kind == detail::tok::word) {
        if (!ts_.word_is(i - 1, "số")) return false;
      } else if (prev.kind == detail::tok::number) {
        return false;
      } else if (prev.punct == '/' || prev.punct == '-' || prev.punct == '.' || prev.punct == '&') {
        return false;
      }
    }
    document_reference& r = m.ref;
    r = document_reference{};
    std::size_t first = i;
    // Name and `số` before the number.
    std::size_t j = i;
    if (j > floor && ts_.word_is(j - 1, "số")) first = --j;
    for (const auto& [words, idx] : lex_.names) {
      const std::size_t w = words.size();
      if (j < floor + w) continue;
      bool same = true;
      for (std::size_t k = 0; k < w && same; ++k) same = ts_.word_is(j - w + k, words[k]);
      if (same) {
        r.type_name = std::string(kNames[idx].name);
        r.type = std::string(kNames[idx].abbr);
        first = j - w;
        break;
      }
    }
    std::size_t last = 0;
    bool typed = true;  // the number carries the type (not `123/UBND-NC`)
    if (!code(i, r, last, typed)) return false;
    // Date, issuing body and term, in any order, each once.
    bool have_date = false, have_body = false, have_term = false;
    for (int round = 0; round < 3; ++round) {
      std::size_t k = last + 1;
      if (ts_.is_punct(k, ',')) ++k;
      std::size_t end = 0;
      if (!have_date && date_part(k, r, end)) {
        have_date = true;
      } else if (!have_body && ts_.word_is(k, "của") && body(k + 1, r.issuing_body, end)) {
        have_body = true;
      } else if (!have_term && term(k, r.term, end)) {
        have_term = true;
      } else {
        break;
      }
      last = end;
    }
    if (r.date.empty() && r.number_year != 0 && !r.date_text.empty()) complete_year(r);
    r.code = canonical_code(r, typed);
    r.issuers = issuing_bodies(r.issuer);
    r.key = reference_key(r);
    m.first = first;
    m.last = last;
    return true;
  }

 private:
  int type_at(std::size_t k) const {
    if (!ts_.is_word(k)) return -1;
    const auto it = lex_.types.find(ts_.lower_of(k));
    return it == lex_.types.end() ? -1 : static_cast<int>(it->second);
  }

  bool code(std::size_t i, document_reference& r, std::size_t& last, bool& typed) const {
    r.number = std::string(ts_.text_of(i));
    const std::size_t j = i + 1;
    if (ts_.is_punct(j, '-')) {
      const int t = type_at(j + 1);
      if (t < 0 || !ts_.is_punct(j + 2, '/')) return false;
      if (!issuer(j + 3, r.issuer, last)) return false;
      r.type = std::string(kTypes[t].abbr);
      r.form = reference_form::party;
      return true;
    }
    if (!ts_.is_punct(j, '/')) return false;
    std::size_t k = j + 1;
    int year = 0;
    // A year in the number has four digits and the range of a date's year (`0013` is no
    // year: formatted back it would read `13`, which no longer parses as one).
    if (ts_.is_number(k) && ts_.digits_of(k) == 4 && ts_.glued(k) && ts_.is_punct(k + 1, '/') &&
        ts_.glued(k + 1) && ts_.value_of(k) >= 1000) {
      year = static_cast<int>(ts_.value_of(k));
      k += 2;
    }
    const int t = type_at(k);
    if (t >= 0 && ts_.is_punct(k + 1, '-')) {
      if (!issuer(k + 2, r.issuer, last)) return false;
      r.type = std::string(kTypes[t].abbr);
    } else if (!r.type_name.empty() && ts_.glued(k)) {
      // `Công văn số 123/UBND-NC`: no type in the number, the name gives it.
      if (!issuer(k, r.issuer, last)) return false;
      typed = false;
    } else {
      return false;
    }
    r.number_year = year;
    // `60/NQ-TW` is the Party document 60-NQ/TW written in the State form.
    r.form = party_issuer(r.issuer) ? reference_form::party : reference_form::state;
    return true;
  }

  bool issuer(std::size_t k, std::string& out, std::size_t& last) const {
    out.clear();
    std::size_t i = k;
    int parts = 0;
    while (ts_.is_word(i) && parts < 8) {
      std::string part(ts_.text_of(i));
      bool upper = ts_[i].all_upper;
      std::size_t j = i + 1;
      while (ts_.glued(j) && (ts_.is_word(j) || ts_.is_number(j))) {
        part += ts_.text_of(j);
        if (ts_.is_word(j)) upper = upper && ts_[j].all_upper;
        ++j;
      }
      const auto known = lex_.issuers.find(lower_of(part));
      if (known != lex_.issuers.end()) {
        part = std::string(known->second);
      } else if (!upper || part.size() > 40) {
        break;
      }
      if (parts++ > 0) out += '-';
      out += part;
      last = j - 1;
      if (ts_.is_punct(j, '-') && ts_.glued(j) && ts_.is_word(j + 1) && ts_.glued(j + 1)) {
        i = j + 1;
      } else {
        break;
      }
    }
    return parts > 0;
  }

  bool glued_punct(std::size_t i, char32_t c) const { return ts_.is_punct(i, c) && ts_.glued(i); }
  bool glued_number(std::size_t i) const { return ts_.is_number(i) && ts_.glued(i); }

  bool date_part(std::size_t k, document_reference& r, std::size_t& last) const {
    std::size_t i = k;
    const bool ngay = ts_.word_is(i, "ngày");
    if (ngay) ++i;
    long d = 0, mo = 0, y = 0;
    if (ts_.is_number(i)) {
      d = ts_.value_of(i);
      bool matched = false;
      for (const char32_t sep : {U'/', U'-', U'.'}) {
        if (!glued_punct(i + 1, sep) || !glued_number(i + 2)) continue;
        mo = ts_.value_of(i + 2);
        if (glued_punct(i + 3, sep) && glued_number(i + 4)) {
          y = ts_.digits_of(i + 4) == 4 ? ts_.value_of(i + 4) : -1;
          last = i + 4;
          matched = true;
        } else if (ngay && sep == '/') {
          last = i + 2;  // `ngày 14/11`: the year is missing
          matched = true;
        }
        break;
      }
      if (!matched && ts_.word_is(i + 1, "tháng") && ts_.is_number(i + 2)) {
        mo = ts_.value_of(i + 2);
        if (ts_.word_is(i + 3, "năm") && ts_.is_number(i + 4)) {
          y = ts_.digits_of(i + 4) == 4 ? ts_.value_of(i + 4) : -1;
          last = i + 4;
          matched = true;
        } else if (ngay) {
          last = i + 2;
          matched = true;
        }
      }
      if (!matched) return false;
    } else if (!ngay && ts_.word_is(i, "tháng") && ts_.is_number(i + 1)) {
      mo = ts_.value_of(i + 1);
      if (glued_punct(i + 2, '/') && glued_number(i + 3) && ts_.digits_of(i + 3) == 4) {
        y = ts_.value_of(i + 3);
      } else if (ts_.word_is(i + 2, "năm") && ts_.is_number(i + 3) && ts_.digits_of(i + 3) == 4) {
        y = ts_.value_of(i + 3);
      } else {
        return false;
      }
      last = i + 3;
    } else if (!ngay && ts_.word_is(i, "năm") && ts_.is_number(i + 1) && ts_.digits_of(i + 1) == 4) {
      y = ts_.value_of(i + 1);
      last = i + 1;
    } else {
      return false;
    }
    r.date_text = std::string(ts_.text.substr(ts_[k].b, ts_[last].e - ts_[k].b));
    r.date = make_date(y, mo, d);
    return true;
  }

  static danvan::date make_date(long y, long mo, long d) {
    if (y < 1000 || y > 2999 || mo < 0 || mo > 12 || d < 0 || d > 31) return {};
    try {
      return danvan::date(static_cast<int>(y), static_cast<unsigned>(mo), static_cast<unsigned>(d));
    } catch (const std::invalid_argument&) {
      return {};  // 30/02: kept in date_text for a reviewer
    }
  }

  // `ngày 14/11` in `12/2013/TT-BNV ngày 14/11`: the number gives the year.
  static void complete_year(document_reference& r) {
    const std::string_view s = r.date_text;
    // The next run of digits from `i` as a number; nullopt when there is none or it
    // does not fit (`ngày 9199999999999999999/10` is no date).
    auto next_number = [s](std::size_t& i) -> std::optional<long> {
      i = s.find_first_of("0123456789", i);
      if (i == std::string_view::npos) return std::nullopt;
      long v = 0;
      const auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v);
      if (ec != std::errc{}) return std::nullopt;
      i = static_cast<std::size_t>(end - s.data());
      return v;
    };
    std::size_t i = 0;
    const auto d = next_number(i);
    const auto mo = d ? next_number(i) : std::nullopt;
    if (mo) r.date = make_date(r.number_year, *mo, *d);
  }

  bool body(std::size_t k, std::string& out, std::size_t& last) const {
    if (!ts_.is_word(k) || !ts_[k].upper_initial) return false;
    std::size_t i = k;
    std::size_t words = 0;
    while (ts_.is_word(i) && words < 12) {
      const std::string w = ts_.lower_of(i);
      if (w == "khóa") break;
      if (i > k) {
        // The body ends where the next reference's name begins: `của Ban Bí thư và Kế
        // hoạch số 15-KH/TU` is two references, not a body `Ban Bí thư và Kế`.
        if (w == "và") {
          if (!ts_.is_word(i + 1) || !ts_[i + 1].upper_initial || type_name_at(i + 1)) break;
        } else if (type_name_at(i) || (!ts_[i].upper_initial && !lex_.body_word(w))) {
          break;
        }
      }
      ++words;
      ++i;
    }
    last = i - 1;
    out = std::string(ts_.text.substr(ts_[k].b, ts_[last].e - ts_[k].b));
    return true;
  }

  /// Whether a document type's name (`Kế hoạch`, `Nghị quyết`) starts at token i.
  bool type_name_at(std::size_t i) const {
    for (const auto& [words, idx] : lex_.names) {
      bool same = true;
      for (std::size_t k = 0; k < words.size() && same; ++k) same = ts_.word_is(i + k, words[k]);
      if (same) return true;
    }
    return false;
  }

  bool term(std::size_t k, int& out, std::size_t& last) const {
    std::size_t i = k;
    const bool paren = ts_.is_punct(i, '(');
    if (paren) ++i;
    if (!ts_.word_is(i, "khóa")) return false;
    ++i;
    int v = 0;
    if (ts_.is_word(i)) {
      std::string upper(ts_.text_of(i));
      for (auto& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
      v = parse_roman(upper);
    } else if (ts_.is_number(i) && ts_.value_of(i) <= 100) {
      v = static_cast<int>(ts_.value_of(i));
    }
    if (v <= 0) return false;
    if (paren) {
      if (!ts_.is_punct(i + 1, ')')) return false;
      ++i;
    }
    out = v;
    last = i;
    return true;
  }

  const token_stream& ts_;
  const lexicon& lex_;
};

int key_year(const document_reference& r) {
  if (r.form == reference_form::state && r.number_year != 0) return r.number_year;
  if (!r.date.empty()) return r.date.year();
  return r.number_year;
}

std::string base_key(const document_reference& r) {
  return slug(r.type.empty() ? std::string_view("vb") : std::string_view(r.type)) + "-" + strip_zeros(r.number) +
         "-" + slug(r.issuer);
}

}  // namespace

int parse_roman(std::string_view s) noexcept {
  if (s.empty() || s.size() > 9) return 0;
  auto value = [](char c) {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      default: return 0;
    }
  };
  int total = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int v = value(s[i]);
    if (v == 0) return 0;
    const int next = i + 1 < s.size() ? value(s[i + 1]) : 0;
    total += next > v ? -v : v;
  }
  if (total < 1 || total > 100) return 0;
  // Only the canonical spelling (`IV`, not `IIII` or `IIV`).
  try {
    return to_roman(total) == s ? total : 0;
  } catch (...) {
    return 0;
  }
}

std::string to_roman(int value) {
  if (value < 1 || value > 100) return {};
  static constexpr std::pair<int, std::string_view> steps[] = {
      {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [v, s] : steps) {
    while (value >= v) {
      out += s;
      value -= v;
    }
  }
  return out;
}

std::string_view document_type_name(std::string_view type, reference_form form) {
  for (const auto& t : kTypes) {
    if (t.abbr == type) return form == reference_form::party ? t.party_name : t.state_name;
  }
  return {};
}

std::string document_type_from_name(std::string_view name) {
  const std::string wanted = lower_of(normalize(name));
  for (const auto& n : kNames) {
    if (lower_of(n.name) == wanted) return std::string(n.abbr);
  }
  return {};
}

std::vector<std::string> issuing_bodies(std::string_view issuer) {
  std::vector<std::string> bodies;
  const auto& lex = lexicon::get();
  std::size_t i = 0;
  while (i <= issuer.size()) {
    const auto j = std::min(issuer.find('-', i), issuer.size());
    const auto part = issuer.substr(i, j - i);
    const bool department = !bodies.empty() && count_code_points(part) <= 2 && !lex.issuers.contains(lower_of(part));
    if (!part.empty() && !department) bodies.emplace_back(part);
    i = j + 1;
  }
  return bodies;
}

std::string reference_key(const document_reference& r) {
  std::string key = base_key(r);
  if (const int y = key_year(r); y != 0) {
    key += cat("-", std::to_string(y));
  } else if (r.term > 0) {
    key += cat("-k", std::to_string(r.term));
  }
  return key;
}

std::string format_reference(const document_reference& r) {
  std::string_view name = r.type_name;
  if (name.empty()) name = document_type_name(r.type, r.form);
  std::string s = name.empty() ? std::string("Văn bản") : std::string(name);
  s += " số " + (r.code.empty() ? canonical_code(r, true) : r.code);
  const auto& d = r.date;
  switch (d.precision()) {
    case precision::day:
      // Official style: a zero before days under 10 and before months 1 and 2.
      s += cat(", ngày ", two(d.day()), "/", d.month() <= 2 ? two(d.month()) : std::to_string(d.month()), "/",
               std::to_string(d.year()));
      break;
    case precision::month:
      s += cat(", tháng ", std::to_string(d.month()), "/", std::to_string(d.year()));
      break;
    case precision::year:
      s += cat(", năm ", std::to_string(d.year()));
      break;
    case precision::none:
      if (!r.date_text.empty()) s += cat(", ", r.date_text);
      break;
  }
  if (!r.issuing_body.empty()) s += cat(" của ", r.issuing_body);
  if (r.term > 0) s += " (khóa " + to_roman(r.term) + ")";
  return s;
}

std::optional<document_reference> parse_reference(std::string_view text) {
  std::optional<document_reference> result;
  // A chunk cut would only matter for a text of more than 64 KiB that is one reference.
  detail::mapped_text mapped;
  detail::normalize_mapped(text, normalize_options{}, mapped);
  token_stream ts;
  detail::tokenize(mapped.text, ts);
  const matcher m(ts);
  match found;
  // The number comes after at most a four-word name and `số`.
  for (std::size_t i = 0; i < ts.size() && i <= 6; ++i) {
    if (!m.at(i, 0, found)) continue;
    if (found.first != 0) return result;
    auto& r = found.ref;
    r.byte_span = {mapped.begin[ts[found.first].b], mapped.end[ts[found.last].e - 1]};
    r.span = {count_code_points(text.substr(0, r.byte_span.begin)),
              count_code_points(text.substr(0, r.byte_span.end))};
    result = std::move(r);
    return result;
  }
  return result;
}

std::vector<document_reference> scan_references(std::string_view text, invalid_utf8 invalid) {
  std::vector<document_reference> found;
  detail::for_each_chunk(
      text, invalid,
      // Every form of number contains a slash.
      [](std::string_view raw) { return std::memchr(raw.data(), '/', raw.size()) != nullptr; },
      [&](const detail::chunk_view& chunk) {
        const auto& ts = *chunk.tokens;
        const matcher m(ts);
        match hit;
        std::size_t floor = 0;
        for (std::size_t i = 0; i < ts.size(); ++i) {
          if (!m.at(i, floor, hit)) continue;
          hit.ref.byte_span = chunk.bytes_of(hit.first, hit.last);
          found.push_back(std::move(hit.ref));
          i = hit.last;
          floor = hit.last + 1;
        }
      });
  detail::code_point_counter counter(text);
  for (auto& r : found) {
    r.span.begin = counter.at(r.byte_span.begin);
    r.span.end = counter.at(r.byte_span.end);
  }
  // One key per document: mentions without a year borrow it from a mention that has one.
  std::unordered_map<std::string, std::vector<std::size_t>> dated;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (key_year(found[i]) != 0) dated[base_key(found[i])].push_back(i);
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    auto& r = found[i];
    if (key_year(r) != 0) continue;
    const auto it = dated.find(base_key(r));
    if (it == dated.end()) continue;
    // The nearest preceding mention, else the nearest following one.
    std::size_t before = npos, after = npos;
    for (const std::size_t j : it->second) {
      if (r.term != 0 && found[j].term != 0 && found[j].term != r.term) continue;
      if (j < i) before = j;
      if (j > i && after == npos) after = j;
    }
    const std::size_t best = before != npos ? before : after;
    if (best != npos) {
      r.key = found[best].key;
      r.key_from_context = true;
    }
  }
  return found;
}

}  // namespace danvan::text

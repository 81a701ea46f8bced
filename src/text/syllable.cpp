// Vietnamese syllable structure: onset + vowel cluster + coda, and where the
// tone mark goes in each vowel cluster. This is orthography, not Unicode data.
#include "text/detail/syllable.hpp"
#include "text/detail/unicode.hpp"

#include <array>
#include <string_view>

namespace danvan::text::detail {

namespace {

// Vowel bases in viet-code order.
enum base : int { A, AW, AA, E, EE, I, O, OO, OW, U, UW, Y };

struct cluster_rule {
  std::array<int, 3> bases;  // -1 padded
  std::int8_t open;          // tone position without a final consonant; -1: not a syllable
  std::int8_t closed;        // tone position with a final consonant; -1: not a syllable
};

// Where the tone goes, by vowel cluster. Rising clusters oa, oe, uy take the
// tone on their first vowel when open (hòa, khỏe, thụy: the placement the
// issue calls modern) and on the second when closed (hoàng, huỳnh).
constexpr cluster_rule kRules[] = {
    {{A, -1, -1}, 0, 0},   {{AW, -1, -1}, -1, 0}, {{AA, -1, -1}, -1, 0}, {{E, -1, -1}, 0, 0},
    {{EE, -1, -1}, 0, 0},  {{I, -1, -1}, 0, 0},   {{O, -1, -1}, 0, 0},   {{OO, -1, -1}, 0, 0},
    {{OW, -1, -1}, 0, 0},  {{U, -1, -1}, 0, 0},   {{UW, -1, -1}, 0, 0},  {{Y, -1, -1}, 0, 0},
    // falling diphthongs: tone on the first vowel, never a final consonant
    {{A, I, -1}, 0, -1},   {{A, O, -1}, 0, -1},   {{A, U, -1}, 0, -1},   {{A, Y, -1}, 0, -1},
    {{AA, U, -1}, 0, -1},  {{AA, Y, -1}, 0, -1},  {{E, O, -1}, 0, -1},   {{EE, U, -1}, 0, -1},
    {{I, A, -1}, 0, -1},   {{I, U, -1}, 0, -1},   {{O, I, -1}, 0, -1},   {{OO, I, -1}, 0, -1},
    {{OW, I, -1}, 0, -1},  {{U, I, -1}, 0, -1},   {{UW, I, -1}, 0, -1},  {{UW, U, -1}, 0, -1},
    {{U, A, -1}, 0, -1},   {{UW, A, -1}, 0, -1},
    // centring diphthongs: tone on the vowel with the diacritic, need a final
    {{I, EE, -1}, -1, 1},  {{Y, EE, -1}, -1, 1},  {{U, OO, -1}, -1, 1},  {{UW, OW, -1}, -1, 1},
    // rising diphthongs (medial o/u + vowel)
    {{O, A, -1}, 0, 1},    {{O, E, -1}, 0, 1},    {{U, Y, -1}, 0, 1},    {{O, AW, -1}, -1, 1},
    {{U, AA, -1}, -1, 1},  {{U, EE, -1}, 1, 1},   {{U, OW, -1}, 1, -1},  {{O, O, -1}, -1, 1},
    // triphthongs
    {{I, EE, U}, 1, -1},   {{Y, EE, U}, 1, -1},   {{U, OO, I}, 1, -1},   {{UW, OW, I}, 1, -1},
    {{UW, OW, U}, 1, -1},  {{U, Y, EE}, -1, 2},   {{O, A, I}, 1, -1},    {{O, A, Y}, 1, -1},
    {{O, A, O}, 1, -1},    {{O, E, O}, 1, -1},    {{U, AA, Y}, 1, -1},   {{U, Y, A}, 1, -1},
    {{U, Y, U}, 1, -1},
};

constexpr std::size_t pack(const int* b, std::size_t n) {
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) k = k * 13 + static_cast<std::size_t>(b[i] + 1);
  return k;
}

struct rule_table {
  std::array<std::int8_t, 13 * 13 * 13> open{};
  std::array<std::int8_t, 13 * 13 * 13> closed{};
  constexpr rule_table() {
    open.fill(-2);  // -2: unknown cluster
    closed.fill(-2);
    for (const auto& r : kRules) {
      const std::size_t n = r.bases[1] < 0 ? 1 : r.bases[2] < 0 ? 2 : 3;
      const auto k = pack(r.bases.data(), n);
      open[k] = r.open;
      closed[k] = r.closed;
    }
  }
};
constexpr rule_table kTable;

// Initials, with đ written as 'D'.
constexpr std::string_view kOnsets[] = {"",  "b",  "c",  "ch", "d", "D",  "g",  "gh", "gi", "h",
                                        "k", "kh", "l",  "m",  "n", "ng", "ngh", "nh", "p", "ph",
                                        "qu", "r", "s",  "t",  "th", "tr", "v",  "x"};
constexpr std::string_view kCodas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

// Short letter strings packed into one integer (length in the top byte), so
// that set membership is a few integer comparisons.
constexpr std::uint32_t pack_letters(const char* s, std::size_t n) {
  std::uint32_t v = static_cast<std::uint32_t>(n) << 24;
  for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << (8 * (2 - i));
  return v;
}

template <std::size_t N>
struct packed_set {
  std::array<std::uint32_t, N> v{};
  constexpr explicit packed_set(const std::string_view (&set)[N]) {
    for (std::size_t i = 0; i < N; ++i) v[i] = pack_letters(set[i].data(), set[i].size());
  }
  [[nodiscard]] constexpr bool contains(const char* s, std::size_t n) const {
    const auto k = pack_letters(s, n);
    for (const auto x : v)
      if (x == k) return true;
    return false;
  }
};
constexpr packed_set kOnsetSet(kOnsets);
constexpr packed_set kCodaSet(kCodas);

}  // namespace

syllable_analysis analyze_syllable(const std::uint8_t* viet, const char32_t* cps, std::size_t n) noexcept {
  syllable_analysis r;
  if (n == 0 || n > kMaxSyllableLetters) return r;
  // Classify: vowel (base, tone) or consonant letter.
  int vb[kMaxSyllableLetters];
  int vt[kMaxSyllableLetters];
  char cons[kMaxSyllableLetters];
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t v = viet[i] & 0x7F;
    if (v >= 1 && v <= kVowelBases * kTones) {
      vb[i] = (v - 1) / kTones;
      vt[i] = (v - 1) % kTones;
      cons[i] = 0;
    } else if (v == kVietD) {
      vb[i] = -1, vt[i] = 0, cons[i] = 'D';
    } else {
      const char32_t c = cps[i] | 0x20;
      if (cps[i] >= 0x80 || c < 'a' || c > 'z') return r;
      vb[i] = -1, vt[i] = 0, cons[i] = static_cast<char>(c);
    }
  }
  // Onset: consonants, then the digraphs qu and gi that spell their vowel letter.
  std::size_t i = 0;
  char onset[4];
  std::size_t on = 0;
  while (i < n && vb[i] < 0) {
    if (on == 3) return r;
    onset[on++] = cons[i++];
  }
  if (on == 1 && onset[0] == 'q') {
    if (i + 1 >= n || vb[i] != U || vb[i + 1] < 0) return r;
    onset[on++] = 'u';
    ++i;
  } else if (on == 1 && onset[0] == 'g' && i + 1 < n && vb[i] == I && vb[i + 1] >= 0) {
    onset[on++] = 'i';
    ++i;
  }
  if (!kOnsetSet.contains(onset, on)) return r;
  const std::size_t vstart = i;
  while (i < n && vb[i] >= 0) ++i;
  const std::size_t vn = i - vstart;
  if (vn == 0 || vn > 3) return r;
  char coda[3];
  std::size_t cn = 0;
  while (i < n) {
    if (vb[i] >= 0 || cn == 2) return r;
    coda[cn++] = cons[i++];
  }
  if (!kCodaSet.contains(coda, cn)) return r;
  const auto k = pack(vb + vstart, vn);
  const int at = cn == 0 ? kTable.open[k] : kTable.closed[k];
  if (at < 0) return r;
  // Exactly one tone mark, on any vowel letter including the u of qu and the i of gi.
  for (std::size_t j = 0; j < n; ++j) {
    if (vb[j] < 0 || vt[j] == 0) continue;
    if (r.tone_at >= 0) return r;
    r.tone_at = static_cast<int>(j);
    r.tone = vt[j];
  }
  r.valid = true;
  if (r.tone_at >= 0) r.canonical_at = static_cast<int>(vstart) + at;
  return r;
}

}  // namespace danvan::text::detail

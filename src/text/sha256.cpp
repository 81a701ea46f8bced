// SHA-256 of the texts that evidence spans cite, by OpenSSL: a source's
// recorded hash is how a reader checks that spans still point into the same
// bytes, so it comes from a vetted implementation rather than our own.
#include <danvan/error.hpp>
#include <danvan/text/extract.hpp>

#include <openssl/evp.h>

#include <string>
#include <string_view>

namespace danvan::text {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sha256(), nullptr) != 1 || n != 32)
    throw danvan::error("danvan: SHA-256 failed (OpenSSL)");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (unsigned int i = 0; i < n; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  return out;
}

}  // namespace danvan::text

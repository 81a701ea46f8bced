#include "source_texts.hpp"

#include <danvan/error.hpp>

#include <danvan/text/extract.hpp>

#include <cstdint>
#include <fstream>
#include <iterator>

namespace danvan::cli::report {

void source_texts::add(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw io_error(path.string(), "no such file or folder");
  auto read = [this](const fs::path& file) {
    std::error_code size_ec;
    if (fs::file_size(file, size_ec) > (std::uintmax_t{64} << 20) || size_ec) return;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw io_error(file.string(), "cannot be read");
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    texts_.emplace(text::sha256_hex(text), std::move(text));
  };
  if (!fs::is_directory(status)) return read(path);
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) read(it->path());
  if (ec) throw io_error(path.string(), "cannot list the folder: " + ec.message());
}

const std::string* source_texts::find(std::string_view sha256) const {
  const auto it = texts_.find(sha256);
  return it == texts_.end() ? nullptr : &it->second;
}

std::optional<std::string> source_texts::span(std::string_view sha256, std::uint32_t begin, std::uint32_t end) const {
  const std::string* text = find(sha256);
  if (!text || end < begin) return std::nullopt;
  // Byte offsets of code points `begin` and `end`.
  std::size_t at = 0, first = std::string::npos;
  std::uint32_t cp = 0;
  for (; at <= text->size(); ++at) {
    if (at < text->size() && (static_cast<unsigned char>((*text)[at]) & 0xC0) == 0x80) continue;
    if (cp == begin) first = at;
    if (cp == end) return text->substr(first, at - first);
    if (at == text->size()) break;
    ++cp;
  }
  return std::nullopt;
}

}  // namespace danvan::cli::report

// danvan report — the texts evidence spans refer to, found by their SHA-256 among
// files the user names (--texts), and the spanned text of an evidence entry.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace danvan::cli::report {

/// Texts by the hex SHA-256 of their bytes.
class source_texts {
 public:
  /// Reads `path` (a file, or every regular file of a folder, not recursing; files
  /// over 64 MB are passed over) and keeps each text under its SHA-256. Throws
  /// danvan::io_error when `path` cannot be read.
  void add(const std::filesystem::path& path);
  /// The text whose SHA-256 is `sha256` (lower-case hex), or nullptr.
  [[nodiscard]] const std::string* find(std::string_view sha256) const;
  /// Code points `[begin, end)` of the text with this SHA-256; nothing when there is
  /// no such text or the span lies outside it.
  [[nodiscard]] std::optional<std::string> span(std::string_view sha256, std::uint32_t begin, std::uint32_t end) const;

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

}  // namespace danvan::cli::report

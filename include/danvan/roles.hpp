// danvan — the vocabulary of roles an organization plays on a task or program.
#pragma once

#include <danvan/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

/// A role name with its Vietnamese labels and RACI letter.
struct role_def {
  std::string name;                 ///< the word used in files: `lead`, `advise`, ...
  std::vector<std::string> labels;  ///< Vietnamese phrasings: `chủ trì`, ...
  raci letter = raci::C;            ///< the role's RACI letter
  std::string description;          ///< what the role means, in English; may be empty
  /// Field-by-field equality.
  friend bool operator==(const role_def&, const role_def&) = default;
};

/// Role id inside a network: position in its vocabulary.
using role_index = std::uint16_t;

/// The core roles of SPEC section 2 followed by the roles a file declares.
/// Unknown names are not defaulted: find() says nothing and callers report an error.
class role_vocabulary {
 public:
  /// The core vocabulary only.
  role_vocabulary();

  /// The core vocabulary (lead, advise, direct, coordinate, guide, sign,
  /// participate, host, inform, subject) in this order.
  static const std::vector<role_def>& core();
  /// How many of the leading entries are core roles.
  static std::size_t core_size() { return core().size(); }

  /// Adds a file-declared role and returns its position; throws danvan::error when the
  /// name exists already, is empty or has a character other than `a-z`, `0-9`, `_`.
  role_index add(role_def def);

  /// Position of the role called `name` (exact, case-sensitive), or nothing. O(size()).
  [[nodiscard]] std::optional<role_index> find(std::string_view name) const noexcept;
  /// The role at position `i`; throws std::out_of_range when `i >= size()`.
  [[nodiscard]] const role_def& operator[](role_index i) const { return roles_.at(i); }
  /// Number of roles, core ones included.
  [[nodiscard]] std::size_t size() const noexcept { return roles_.size(); }
  /// Every role, core ones first, in position order.
  [[nodiscard]] const std::vector<role_def>& all() const noexcept { return roles_; }
  /// Roles after the core ones, as a file declares them.
  [[nodiscard]] std::vector<role_def> declared() const {
    return {roles_.begin() + static_cast<std::ptrdiff_t>(core_size()), roles_.end()};
  }

 private:
  std::vector<role_def> roles_;
};

}  // namespace danvan

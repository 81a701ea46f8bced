// danvan — building a network from plain entity values.
#pragma once

#include <danvan/entities.hpp>
#include <danvan/error.hpp>
#include <danvan/network.hpp>
#include <danvan/roles.hpp>

#include <memory>
#include <string>

namespace danvan {

/// Collects entities, then checks them all at once and builds an immutable network.
///
/// Entities may refer to entities added later. Each add() takes the next position
/// of its kind, so problems are reported with the JSON path of the file layout
/// (`/tasks/17/roles/2/org`) whatever the entities came from. build() reports
/// every problem found (up to max_problems()) in one danvan::validation_error and
/// leaves nothing behind; a builder is used once.
///
///     danvan::network_builder b;
///     b.add(danvan::organization{{.id = "org:a", .name = "Ban A"}});
///     danvan::network net = std::move(b).build();
class network_builder {
 public:
  /// `file` names the input in problems (a path, or a label such as `<frames>`).
  explicit network_builder(std::string file = {});
  ~network_builder();
  network_builder(network_builder&&) noexcept;
  network_builder& operator=(network_builder&&) noexcept;

  void set_meta(danvan::meta m);
  /// The file's top-level `extra` object, as compact JSON text.
  void set_extra(std::string json_object);
  /// Declares a role beyond the core vocabulary (problem when the name is taken or malformed).
  void add_role(role_def def);

  void add(area value);
  void add(topic value);
  void add(organization value);
  void add(document value);
  void add(program value);
  void add(task value);
  void add(event value);
  void add(source value);

  /// Takes the next position of `kind` without an entity, for an element a reader
  /// could not turn into one (it has reported why). The build will fail.
  void skip(entity_kind kind);
  /// Records a problem found outside the builder (e.g. a reader's type error) so that
  /// it is reported with the rest. Its `file` is filled in when empty.
  void report(problem p);
  [[nodiscard]] std::size_t problem_count() const noexcept;
  /// How many problems are kept in detail (the count goes on); default 100.
  void set_max_problems(std::size_t cap) noexcept;
  [[nodiscard]] std::size_t max_problems() const noexcept;
  /// Room for `n` entities of `kind` and `roles` roles, to avoid regrowth.
  void reserve(entity_kind kind, std::size_t n, std::size_t roles = 0);

  /// Checks references, hierarchies and role names, then indexes the network.
  /// Throws danvan::validation_error with every problem found.
  [[nodiscard]] network build() &&;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// True when JSON path `a` comes before `b` in a file laid out as danvan writes it.
bool path_less(std::string_view a, std::string_view b) noexcept;

/// The plural collection name used in files and paths (`organizations`, `tasks`, ...).
std::string_view collection_name(entity_kind kind) noexcept;

}  // namespace danvan

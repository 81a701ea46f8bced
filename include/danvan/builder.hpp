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
  /// Drops whatever was collected.
  ~network_builder();
  /// Takes over `other`'s collected entities; `other` may only be destroyed or assigned to.
  network_builder(network_builder&&) noexcept;
  /// Takes over `other`'s collected entities, dropping this builder's.
  network_builder& operator=(network_builder&&) noexcept;

  /// The file's `meta` object. A `language` that is not a BCP 47 tag is a problem
  /// (with the tag meant as suggestion, e.g. `vi_VN` → `vi-VN`).
  void set_meta(danvan::meta m);
  /// The file's top-level `extra` object, as compact JSON text.
  void set_extra(std::string json_object);
  /// Declares a role beyond the core vocabulary (problem when the name is taken or malformed).
  void add_role(role_def def);

  /// Adds an area at the next position among areas (`/areas/N`). A missing, malformed
  /// or repeated id, a blank name and the like are recorded as problems, which build()
  /// throws; references are checked at build(), so they may name entities added later.
  void add(area value);
  /// Adds a topic at the next position among topics (`/topics/N`); problems as for areas.
  void add(topic value);
  /// Adds an organization at the next position among organizations (`/organizations/N`).
  void add(organization value);
  /// Adds a document at the next position among documents (`/documents/N`).
  void add(document value);
  /// Adds a program and its roles at the next position among programs (`/programs/N`).
  void add(program value);
  /// Adds a task and its roles at the next position among tasks (`/tasks/N`).
  void add(task value);
  /// Adds a reorganization event at the next position among events (`/events/N`).
  void add(event value);
  /// Adds a source at the next position among sources (`/sources/N`).
  void add(source value);

  /// Takes the next position of `kind` without an entity, for an element a reader
  /// could not turn into one (it has reported why). The build will fail.
  void skip(entity_kind kind);
  /// Records a problem found outside the builder (e.g. a reader's type error) so that
  /// it is reported with the rest. Its `file` is filled in when empty.
  void report(problem p);
  /// Problems recorded so far by add(), report() and the setters (build() finds more).
  [[nodiscard]] std::size_t problem_count() const noexcept;
  /// How many problems are kept in detail (the count goes on); default 100.
  void set_max_problems(std::size_t cap) noexcept;
  /// The cap set_max_problems() set (default 100).
  [[nodiscard]] std::size_t max_problems() const noexcept;
  /// Room for `n` entities of `kind` and `roles` roles, to avoid regrowth.
  void reserve(entity_kind kind, std::size_t n, std::size_t roles = 0);
  /// Room for about `n` entities of `kind` and `roles` roles, guessed rather than counted
  /// (say, from the size of a file still being read): only address space is taken ahead,
  /// memory as entities arrive, so a generous guess costs little and a close one saves
  /// regrowing the large arrays. build() gives back what is left over when it is much.
  void expect(entity_kind kind, std::size_t n, std::size_t roles = 0);
  /// Room for `bytes` bytes of text (ids, names, titles, ...), to avoid regrowth: the size
  /// of the file read is enough for all the text it holds. Memory is only taken as text
  /// arrives, and build() gives back what is left over.
  void reserve_text(std::size_t bytes);

  /// Checks references, hierarchies and role names, then indexes the network.
  /// Throws danvan::validation_error with every problem found, sorted by JSON path,
  /// and danvan::error when the builder has built already.
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

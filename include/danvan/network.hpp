// danvan — the loaded, immutable, indexed coordination network.
#pragma once

#include <danvan/date.hpp>
#include <danvan/detail/records.hpp>
#include <danvan/entities.hpp>
#include <danvan/error.hpp>
#include <danvan/fwd.hpp>
#include <danvan/roles.hpp>

#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace danvan {

namespace detail {
struct lazy_indexes;
}

/// An evidence entry as stored in a network.
struct evidence_ref {
  index source = no_index;  ///< index of the `src:` entity
  std::optional<std::uint32_t> begin, end;
  std::string_view note;
};

/// Fields every entity view has. Views are two words, cheap to copy, and valid
/// while their network lives.
template <class Record> class entity_view {
 public:
  entity_view(const network& net, index i) noexcept : net_(&net), i_(i) {}
  [[nodiscard]] index position() const noexcept { return i_; }
  [[nodiscard]] std::string_view id() const noexcept;
  [[nodiscard]] std::string_view name() const noexcept;
  [[nodiscard]] std::string_view name_en() const noexcept;
  [[nodiscard]] std::vector<std::string_view> aliases() const;
  [[nodiscard]] date valid_from() const noexcept { return rec().valid_from; }
  [[nodiscard]] date valid_to() const noexcept { return rec().valid_to; }
  /// True when the entity exists on day `d` by its validity dates (open ends reach forever).
  [[nodiscard]] bool valid_on(date d) const noexcept { return period{rec().valid_from, rec().valid_to}.overlaps(d); }
  /// The entity's own classification, or the file's default.
  [[nodiscard]] danvan::classification classification() const noexcept;
  /// Whether the entity states a classification itself.
  [[nodiscard]] bool classification_stated() const noexcept {
    return rec().classification != detail::inherit_classification;
  }
  [[nodiscard]] std::vector<evidence_ref> sources() const;
  /// The `extra` object as compact JSON text, empty when there is none.
  [[nodiscard]] std::string_view extra() const noexcept;
  [[nodiscard]] const network& net() const noexcept { return *net_; }
  friend bool operator==(const entity_view& a, const entity_view& b) noexcept {
    return a.net_ == b.net_ && a.i_ == b.i_;
  }

 protected:
  const Record& rec() const noexcept;
  std::string_view str(detail::str_ref r) const noexcept;
  std::span<const index> list(detail::list_ref r) const noexcept;
  const network* net_;
  index i_;
};

class role_view;
class organization_view;

/// One of an organization's names over time (see organization::names).
struct dated_name_view {
  std::string_view name;
  date valid_from, valid_to;
};

/// Where a carried role came from (see role_origin): ids of the full network.
struct role_origin_view {
  std::string_view org, event;
  danvan::date date;
};

/// A role nobody holds in a network as of a day (see orphaned_role).
struct orphaned_role_view {
  role_index role = 0;  ///< position in the network's vocabulary
  role_origin_view origin;
};

/// How a split divides roles among its successors (see event_share).
struct share_view {
  index to = no_index;  ///< organization
  std::span<const index> topics, areas, programs, tasks;
};

/// Roles of one task or program (contiguous), or of one organization (scattered).
class role_range {
 public:
  class iterator {
   public:
    using value_type = role_view;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const network* n, const index* list, index pos) : net_(n), list_(list), pos_(pos) {}
    role_view operator*() const;
    iterator& operator++() { ++pos_; return *this; }
    iterator operator++(int) { auto t = *this; ++pos_; return t; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.pos_ == b.pos_; }
   private:
    const network* net_ = nullptr;
    const index* list_ = nullptr;  // null: contiguous role indices
    index pos_ = 0;
  };
  role_range(const network& n, index first, index last) : net_(&n), first_(first), last_(last) {}
  role_range(const network& n, std::span<const index> list)
      : net_(&n), list_(list.data()), first_(0), last_(static_cast<index>(list.size())) {}
  [[nodiscard]] iterator begin() const { return {net_, list_, first_}; }
  [[nodiscard]] iterator end() const { return {net_, list_, last_}; }
  [[nodiscard]] std::size_t size() const noexcept { return last_ - first_; }
  [[nodiscard]] bool empty() const noexcept { return first_ == last_; }

 private:
  const network* net_;
  const index* list_ = nullptr;
  index first_, last_;
};

class area_view : public entity_view<detail::area_record> {
 public:
  using entity_view::entity_view;
  [[nodiscard]] danvan::level level() const noexcept { return static_cast<danvan::level>(rec().level); }
  [[nodiscard]] std::string_view code() const noexcept { return str(rec().code); }
  [[nodiscard]] std::optional<area_view> parent() const noexcept;
};

class topic_view : public entity_view<detail::topic_record> {
 public:
  using entity_view::entity_view;
  [[nodiscard]] std::optional<topic_view> parent() const noexcept;
};

class organization_view : public entity_view<detail::organization_record> {
 public:
  using entity_view::entity_view;
  [[nodiscard]] org_kind kind() const noexcept { return static_cast<org_kind>(rec().kind); }
  [[nodiscard]] std::optional<danvan::level> level() const noexcept;
  [[nodiscard]] std::optional<area_view> area() const noexcept;
  [[nodiscard]] std::optional<organization_view> parent() const noexcept;
  /// Every role this organization holds, on tasks and programs.
  [[nodiscard]] role_range roles() const noexcept;
  /// Its names over time, in file order (empty when it kept one name).
  [[nodiscard]] std::vector<dated_name_view> names() const;
  /// The name it bore on day `d`: the entry of names() whose period holds it, else name().
  [[nodiscard]] std::string_view name_on(date d) const noexcept;
};

class document_view : public entity_view<detail::document_record> {
 public:
  using entity_view::entity_view;
  [[nodiscard]] std::string_view type() const noexcept { return str(rec().type); }
  [[nodiscard]] std::string_view number() const noexcept { return str(rec().number); }
  [[nodiscard]] std::string_view issuer() const noexcept { return str(rec().issuer); }
  [[nodiscard]] std::optional<organization_view> issued_by() const noexcept;
  [[nodiscard]] danvan::date date() const noexcept { return rec().date; }
  [[nodiscard]] std::string_view term() const noexcept { return str(rec().term); }
  [[nodiscard]] std::string_view title() const noexcept { return str(rec().title); }
  [[nodiscard]] std::span<const index> continues() const noexcept { return list(rec().continues); }
  [[nodiscard]] std::span<const index> implements() const noexcept { return list(rec().implements); }
  [[nodiscard]] std::span<const index> amends() const noexcept { return list(rec().amends); }
  [[nodiscard]] std::span<const index> replaces() const noexcept { return list(rec().replaces); }
  [[nodiscard]] std::span<const index> topics() const noexcept { return list(rec().topics); }
  [[nodiscard]] std::span<const index> areas() const noexcept { return list(rec().areas); }
  [[nodiscard]] std::vector<review_obligation> reviews() const;
};

class program_view : public entity_view<detail::program_record> {
 public:
  using entity_view::entity_view;
  [[nodiscard]] program_kind kind() const noexcept { return static_cast<program_kind>(rec().kind); }
  [[nodiscard]] danvan::period period() const noexcept { return rec().period; }
  [[nodiscard]] std::span<const index> implements() const noexcept { return list(rec().implements); }
  [[nodiscard]] std::span<const index> topics() const noexcept { return list(rec().topics); }
  [[nodiscard]] std::span<const index> areas() const noexcept { return list(rec().areas); }
  [[nodiscard]] role_range roles() const noexcept;
  /// Roles nobody holds (only in a network as of a day).
  [[nodiscard]] std::vector<orphaned_role_view> orphaned_roles() const;
};

class task_view : public entity_view<detail::task_record> {
 public:
  using entity_view::entity_view;
  [[nodiscard]] task_kind kind() const noexcept { return static_cast<task_kind>(rec().kind); }
  [[nodiscard]] task_status status() const noexcept { return static_cast<task_status>(rec().status); }
  [[nodiscard]] std::optional<program_view> program() const noexcept;
  [[nodiscard]] std::span<const index> implements() const noexcept { return list(rec().implements); }
  [[nodiscard]] std::span<const index> topics() const noexcept { return list(rec().topics); }
  [[nodiscard]] std::span<const index> areas() const noexcept { return list(rec().areas); }
  [[nodiscard]] danvan::period period() const noexcept { return rec().period; }
  [[nodiscard]] date due() const noexcept { return rec().due; }
  [[nodiscard]] role_range roles() const noexcept;
  /// Roles nobody holds (only in a network as of a day).
  [[nodiscard]] std::vector<orphaned_role_view> orphaned_roles() const;
};

class event_view : public entity_view<detail::event_record> {
 public:
  using entity_view::entity_view;
  [[nodiscard]] event_kind kind() const noexcept { return static_cast<event_kind>(rec().kind); }
  [[nodiscard]] danvan::date date() const noexcept { return rec().date; }
  [[nodiscard]] bool approximate() const noexcept { return rec().approximate; }
  [[nodiscard]] std::span<const index> from() const noexcept { return list(rec().from); }
  [[nodiscard]] std::span<const index> to() const noexcept { return list(rec().to); }
  /// How a split divides the roles (empty: every successor takes every role).
  [[nodiscard]] std::vector<share_view> shares() const;
};

class source_view : public entity_view<detail::source_record> {
 public:
  using entity_view::entity_view;
  [[nodiscard]] std::string_view kind() const noexcept { return str(rec().kind); }
  [[nodiscard]] std::string_view title() const noexcept { return str(rec().title); }
  [[nodiscard]] danvan::date date() const noexcept { return rec().date; }
  [[nodiscard]] std::string_view url() const noexcept { return str(rec().url); }
  [[nodiscard]] std::string_view sha256() const noexcept { return str(rec().sha256); }
  [[nodiscard]] std::optional<document_view> document() const noexcept;
};

/// One role: an organization's part in a task or program.
class role_view {
 public:
  role_view(const network& net, index i) noexcept : net_(&net), i_(i) {}
  [[nodiscard]] index position() const noexcept { return i_; }
  [[nodiscard]] organization_view org() const noexcept;
  /// Kind of the target: entity_kind::task or entity_kind::program.
  [[nodiscard]] entity_kind target_kind() const noexcept;
  /// Position of the task or program among its kind.
  [[nodiscard]] index target() const noexcept;
  [[nodiscard]] role_index role() const noexcept;
  [[nodiscard]] const role_def& definition() const;
  [[nodiscard]] std::string_view role_name() const { return definition().name; }
  [[nodiscard]] raci letter() const { return definition().letter; }
  /// The role's own classification or the file's default (not yet joined with its ends).
  [[nodiscard]] danvan::classification classification() const noexcept;
  [[nodiscard]] bool classification_stated() const noexcept;
  [[nodiscard]] std::vector<evidence_ref> sources() const;
  [[nodiscard]] std::string_view extra() const noexcept;
  /// When the organization held the role (empty dates: as long as its task or program).
  [[nodiscard]] date valid_from() const noexcept;
  [[nodiscard]] date valid_to() const noexcept;
  /// True when the role is held on day `d` by its own dates (open ends reach forever).
  [[nodiscard]] bool valid_on(date d) const noexcept { return period{valid_from(), valid_to()}.overlaps(d); }
  /// Where a reorganization carried it from, in a network as of a day; nothing otherwise.
  [[nodiscard]] std::optional<role_origin_view> carried_from() const noexcept;

 private:
  const detail::role_record& rec() const noexcept;
  const detail::side_record* side() const noexcept;
  const network* net_;
  index i_;
};

/// A random-access range of views over one entity kind.
template <class View> class view_range {
 public:
  class iterator {
   public:
    using value_type = View;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const network* n, index i) : net_(n), i_(i) {}
    View operator*() const { return View(*net_, i_); }
    iterator& operator++() { ++i_; return *this; }
    iterator operator++(int) { auto t = *this; ++i_; return t; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }
   private:
    const network* net_ = nullptr;
    index i_ = 0;
  };
  view_range(const network& n, std::size_t size) : net_(&n), size_(static_cast<index>(size)) {}
  [[nodiscard]] iterator begin() const { return {net_, 0}; }
  [[nodiscard]] iterator end() const { return {net_, size_}; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] View operator[](index i) const;  ///< throws std::out_of_range

 private:
  const network* net_;
  index size_;
};

/// An immutable, indexed coordination network. Built by network_builder or read
/// by danvan::load(); const member functions are safe to call from many threads.
/// Copying copies everything; prefer moving or sharing a std::shared_ptr<const network>.
class network {
 public:
  network();  ///< an empty network

  [[nodiscard]] const danvan::meta& meta() const noexcept { return meta_; }
  [[nodiscard]] const role_vocabulary& vocabulary() const noexcept { return vocabulary_; }
  /// Top-level `extra` of the file as compact JSON text (empty for none).
  [[nodiscard]] std::string_view extra() const noexcept { return extra_; }

  [[nodiscard]] view_range<area_view> areas() const noexcept { return {*this, d_.areas.size()}; }
  [[nodiscard]] view_range<topic_view> topics() const noexcept { return {*this, d_.topics.size()}; }
  [[nodiscard]] view_range<organization_view> organizations() const noexcept { return {*this, d_.organizations.size()}; }
  [[nodiscard]] view_range<document_view> documents() const noexcept { return {*this, d_.documents.size()}; }
  [[nodiscard]] view_range<program_view> programs() const noexcept { return {*this, d_.programs.size()}; }
  [[nodiscard]] view_range<task_view> tasks() const noexcept { return {*this, d_.tasks.size()}; }
  [[nodiscard]] view_range<event_view> events() const noexcept { return {*this, d_.events.size()}; }
  [[nodiscard]] view_range<source_view> sources() const noexcept { return {*this, d_.sources.size()}; }
  [[nodiscard]] view_range<role_view> roles() const noexcept { return {*this, d_.roles.size()}; }

  /// Number of entities of one kind.
  [[nodiscard]] std::size_t size(entity_kind kind) const noexcept;

  /// Position of the entity with this id, or nothing. The kind is read from the prefix.
  [[nodiscard]] std::optional<index> find(std::string_view id) const noexcept;
  /// Position of the entity of `kind` with this id, or nothing.
  [[nodiscard]] std::optional<index> find(entity_kind kind, std::string_view id) const noexcept;
  /// Position of the entity with this id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] index at(entity_kind kind, std::string_view id) const;

  [[nodiscard]] organization_view organization(std::string_view id) const { return {*this, at(entity_kind::organization, id)}; }
  [[nodiscard]] document_view document(std::string_view id) const { return {*this, at(entity_kind::document, id)}; }
  [[nodiscard]] program_view program(std::string_view id) const { return {*this, at(entity_kind::program, id)}; }
  [[nodiscard]] task_view task(std::string_view id) const { return {*this, at(entity_kind::task, id)}; }
  [[nodiscard]] area_view area(std::string_view id) const { return {*this, at(entity_kind::area, id)}; }
  [[nodiscard]] topic_view topic(std::string_view id) const { return {*this, at(entity_kind::topic, id)}; }
  [[nodiscard]] event_view event(std::string_view id) const { return {*this, at(entity_kind::event, id)}; }
  [[nodiscard]] source_view source(std::string_view id) const { return {*this, at(entity_kind::source, id)}; }

  /// The id of the entity of `kind` at `position`.
  [[nodiscard]] std::string_view id_of(entity_kind kind, index position) const;
  /// Up to `limit` existing ids of `kind` nearest to `id` (edit distance), nearest first.
  [[nodiscard]] std::vector<std::string> nearest_ids(entity_kind kind, std::string_view id,
                                                     std::size_t limit = 3) const;

  /// Earliest and latest day any date of the network covers (validity, periods, due
  /// dates, document and event dates); empty dates when the network has none.
  [[nodiscard]] period date_range() const noexcept;

  /// Bytes the network holds on the heap (capacity of its arrays and pool).
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

  /// What the builder noticed that does not make the network invalid (e.g. a role
  /// dated outside its task's period), each with its JSON path.
  [[nodiscard]] const std::vector<problem>& warnings() const noexcept { return warnings_; }

  /// The network as of day `d` (see danvan::as_of()), built on first use and kept
  /// with this network and its copies, so that queries with `scope::as_of` and
  /// their callers see the same one. When this network already is the network as of
  /// `d`, returns a pointer to itself that does not own it. Thread-safe; throws
  /// danvan::argument_error for an empty date.
  [[nodiscard]] std::shared_ptr<const network> as_of(date d) const;

  /// Read-only access to the compact arrays, for queries in danvan and its bindings.
  [[nodiscard]] const detail::network_data& data() const noexcept { return d_; }

  /// Indexes built on first use (name search); shared by copies, thread-safe.
  [[nodiscard]] detail::lazy_indexes& lazy() const noexcept { return *lazy_; }

 private:
  friend class network_builder;
  friend network as_of(const network& net, date on);
  detail::network_data d_;
  std::shared_ptr<detail::lazy_indexes> lazy_;
  role_vocabulary vocabulary_;
  danvan::meta meta_;
  std::string extra_;
  std::vector<problem> warnings_;
};

/// The network as it stands on one day; see query/time.hpp.
network as_of(const network& net, date on);

// ---- inline implementation ------------------------------------------------

namespace detail {
template <class Record> const std::vector<Record>& records_of(const network_data& d) noexcept {
  if constexpr (std::is_same_v<Record, area_record>) return d.areas;
  else if constexpr (std::is_same_v<Record, topic_record>) return d.topics;
  else if constexpr (std::is_same_v<Record, organization_record>) return d.organizations;
  else if constexpr (std::is_same_v<Record, document_record>) return d.documents;
  else if constexpr (std::is_same_v<Record, program_record>) return d.programs;
  else if constexpr (std::is_same_v<Record, task_record>) return d.tasks;
  else if constexpr (std::is_same_v<Record, event_record>) return d.events;
  else return d.sources;
}
std::vector<evidence_ref> evidence_of(const network_data& d, const side_record* side);
}  // namespace detail

template <class R> const R& entity_view<R>::rec() const noexcept { return detail::records_of<R>(net_->data())[i_]; }
template <class R> std::string_view entity_view<R>::str(detail::str_ref r) const noexcept { return net_->data().str(r); }
template <class R> std::span<const index> entity_view<R>::list(detail::list_ref r) const noexcept { return net_->data().list(r); }
template <class R> std::string_view entity_view<R>::id() const noexcept { return str(rec().id); }
template <class R> std::string_view entity_view<R>::name() const noexcept { return str(rec().name); }
template <class R> std::string_view entity_view<R>::name_en() const noexcept {
  return rec().side == no_index ? std::string_view{} : str(net_->data().sides[rec().side].name_en);
}
template <class R> std::vector<std::string_view> entity_view<R>::aliases() const {
  std::vector<std::string_view> out;
  if (rec().side == no_index) return out;
  const auto& d = net_->data();
  const auto l = d.sides[rec().side].aliases;
  for (std::uint32_t k = 0; k < l.length; ++k) out.push_back(d.str(d.string_lists[l.offset + k]));
  return out;
}
template <class R> danvan::classification entity_view<R>::classification() const noexcept {
  return rec().classification == detail::inherit_classification
             ? net_->meta().classification
             : static_cast<danvan::classification>(rec().classification);
}
template <class R> std::vector<evidence_ref> entity_view<R>::sources() const {
  return detail::evidence_of(net_->data(), rec().side == no_index ? nullptr : &net_->data().sides[rec().side]);
}
template <class R> std::string_view entity_view<R>::extra() const noexcept {
  return rec().side == no_index ? std::string_view{} : str(net_->data().sides[rec().side].extra);
}

template <class View> View view_range<View>::operator[](index i) const {
  if (i >= size_) throw std::out_of_range("danvan: position " + std::to_string(i) + " is past the end (" +
                                          std::to_string(size_) + " entities)");
  return View(*net_, i);
}

inline role_view role_range::iterator::operator*() const {
  return role_view(*net_, list_ ? list_[pos_] : pos_);
}

}  // namespace danvan

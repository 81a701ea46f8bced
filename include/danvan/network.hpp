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
struct network_access;
}

/// An evidence entry as stored in a network (the view of danvan::evidence). Its
/// strings point into the network and are valid while it lives.
struct evidence_ref {
  index source = no_index;  ///< position of the cited `src:` entity among the network's sources
  /// First code point of the cited span in the source's text; nothing when not given.
  std::optional<std::uint32_t> begin, end;  ///< One past the last code point of the span; nothing when not given.
  std::string_view note;  ///< the data steward's note; empty for none
};

/// Fields every entity view has. Views are two words, cheap to copy, and valid
/// while their network lives; the strings they return point into the network.
/// `Record` is the entity's compact storage record (an implementation detail).
template <class Record> class entity_view {
 public:
  /// The entity at position `i` among its kind in `net`; `i` is not checked (use
  /// view_range::operator[] or network::at() for checked access).
  entity_view(const network& net, index i) noexcept : net_(&net), i_(i) {}
  /// Position of the entity among the network's entities of its kind (0-based).
  [[nodiscard]] index position() const noexcept { return i_; }
  /// The id with its kind prefix, e.g. `org:ban-dan-van-tinh-uy`.
  [[nodiscard]] std::string_view id() const noexcept;
  /// The Vietnamese name as the data gives it (for an organization in a network as
  /// of a day: the name it bore that day).
  [[nodiscard]] std::string_view name() const noexcept;
  /// The English name; empty when none is given.
  [[nodiscard]] std::string_view name_en() const noexcept;
  /// Other names it is known by, in file order (a new vector on each call).
  [[nodiscard]] std::vector<std::string_view> aliases() const;
  /// First day of existence at its precision; an empty date when not known (open start).
  [[nodiscard]] date valid_from() const noexcept { return rare().valid_from; }
  /// Last day of existence at its precision; an empty date when it has not ended (open end).
  [[nodiscard]] date valid_to() const noexcept { return rare().valid_to; }
  /// True when the entity exists on day `d` by its validity dates (open ends reach forever).
  [[nodiscard]] bool valid_on(date d) const noexcept {
    const auto r = rare();
    return period{r.valid_from, r.valid_to}.overlaps(d);
  }
  /// The entity's own classification, or the file's default.
  [[nodiscard]] danvan::classification classification() const noexcept;
  /// Whether the entity states a classification itself.
  [[nodiscard]] bool classification_stated() const noexcept {
    return rare().classification != detail::inherit_classification;
  }
  /// The evidence the entity cites, in file order (a new vector on each call).
  [[nodiscard]] std::vector<evidence_ref> sources() const;
  /// The `extra` object as compact JSON text, empty when there is none.
  [[nodiscard]] std::string_view extra() const noexcept;
  /// The network the view reads from.
  [[nodiscard]] const network& net() const noexcept { return *net_; }
  /// Same entity of the same network object (identity, not equal contents).
  friend bool operator==(const entity_view& a, const entity_view& b) noexcept {
    return a.net_ == b.net_ && a.i_ == b.i_;
  }

 private:
  friend class area_view;
  friend class topic_view;
  friend class organization_view;
  friend class document_view;
  friend class program_view;
  friend class task_view;
  friend class event_view;
  friend class source_view;
  const Record& rec() const noexcept;
  detail::rare_fields rare() const noexcept;
  std::string_view str(detail::str_ref r) const noexcept;
  std::span<const index> list(detail::list_ref r) const noexcept;
  const network* net_;
  index i_;
};

class role_view;
class organization_view;

/// One of an organization's names over time (see organization::names).
struct dated_name_view {
  std::string_view name;  ///< the name borne in the period
  /// First day the name was borne; empty: since the organization began.
  date valid_from, valid_to;  ///< Last day the name was borne; empty: still borne.
};

/// Where a carried role came from (see role_origin): ids of the full network.
struct role_origin_view {
  /// `org:` id of the organization that held the role first.
  std::string_view org, event;  ///< `event:` id of the event that moved it last; empty when none did.
  danvan::date date;  ///< that event's date; empty when no event moved it
};

/// A role nobody holds in a network as of a day (see orphaned_role).
struct orphaned_role_view {
  role_index role = 0;  ///< position in the network's vocabulary
  role_origin_view origin;  ///< who held it, and the event that ended it
};

/// How a split divides roles among its successors (see event_share). The spans point
/// into the network.
struct share_view {
  index to = no_index;  ///< position of the successor among the network's organizations
  /// Positions of topics: the successor takes the roles on items tagged with one of them
  /// or a descendant of one.
  std::span<const index> topics, areas, programs, tasks;
  /// \var std::span<const index> areas
  /// Positions of areas: the successor takes the roles on items placed in one of them
  /// or a descendant of one.
  /// \var std::span<const index> programs
  /// Positions of programs whose roles the successor takes (from the share's `items`).
  /// \var std::span<const index> tasks
  /// Positions of tasks whose roles the successor takes (from the share's `items`).
};

/// Roles of one task or program (contiguous), or of one organization (scattered).
/// A forward range of role_view; valid while its network lives.
class role_range {
 public:
  /// Forward iterator over the roles of a role_range.
  class iterator {
   public:
    using value_type = role_view;  ///< what dereferencing gives (by value)
    using difference_type = std::ptrdiff_t;  ///< distance between two iterators
    iterator() = default;  ///< a singular iterator (only assignable and comparable)
    /// At entry `pos` of `list`, or at role position `pos` when `list` is null.
    iterator(const network* n, const index* list, index pos) : net_(n), list_(list), pos_(pos) {}
    role_view operator*() const;  ///< the current role
    iterator& operator++() { ++pos_; return *this; }  ///< to the next role
    iterator operator++(int) { auto t = *this; ++pos_; return t; }  ///< to the next role, returning the old place
    /// Same place in the same range (comparing iterators of different ranges is meaningless).
    friend bool operator==(const iterator& a, const iterator& b) { return a.pos_ == b.pos_; }
   private:
    const network* net_ = nullptr;
    const index* list_ = nullptr;  // null: contiguous role indices
    index pos_ = 0;
  };
  /// The roles at positions `[first, last)` of the network.
  role_range(const network& n, index first, index last) : net_(&n), first_(first), last_(last) {}
  /// The roles whose positions `list` holds, in its order; `list` must outlive the range.
  role_range(const network& n, std::span<const index> list)
      : net_(&n), list_(list.data()), first_(0), last_(static_cast<index>(list.size())) {}
  [[nodiscard]] iterator begin() const { return {net_, list_, first_}; }  ///< the first role
  [[nodiscard]] iterator end() const { return {net_, list_, last_}; }  ///< past the last role
  [[nodiscard]] std::size_t size() const noexcept { return last_ - first_; }  ///< number of roles
  [[nodiscard]] bool empty() const noexcept { return first_ == last_; }  ///< true when there is no role

 private:
  const network* net_;
  const index* list_ = nullptr;
  index first_, last_;
};

/// An administrative area (`area:`) of a network: province, district, commune.
class area_view : public entity_view<detail::area_record> {
 public:
  using entity_view::entity_view;
  /// Its administrative level.
  [[nodiscard]] danvan::level level() const noexcept { return static_cast<danvan::level>(rec().level); }
  /// Its official administrative code; empty when not given.
  [[nodiscard]] std::string_view code() const noexcept { return str(rec().code); }
  /// The area it lies in; nothing for a top-level area.
  [[nodiscard]] std::optional<area_view> parent() const noexcept;
};

/// A topic (`topic:`) of a network; topics form a hierarchy.
class topic_view : public entity_view<detail::topic_record> {
 public:
  using entity_view::entity_view;
  /// The broader topic; nothing for a top-level topic.
  [[nodiscard]] std::optional<topic_view> parent() const noexcept;
};

/// An organization (`org:`) of a network: a party body, agency, front, association...
class organization_view : public entity_view<detail::organization_record> {
 public:
  using entity_view::entity_view;
  /// What kind of body it is.
  [[nodiscard]] org_kind kind() const noexcept { return static_cast<org_kind>(rec().kind); }
  /// Its administrative level; nothing when not given.
  [[nodiscard]] std::optional<danvan::level> level() const noexcept;
  /// The area it serves; nothing when not given.
  [[nodiscard]] std::optional<area_view> area() const noexcept;
  /// The body it belongs to in the organization hierarchy; nothing at the top.
  [[nodiscard]] std::optional<organization_view> parent() const noexcept;
  /// Every role this organization holds, on tasks and programs, in role position order.
  [[nodiscard]] role_range roles() const noexcept;
  /// Its names over time, in file order (empty when it kept one name).
  [[nodiscard]] std::vector<dated_name_view> names() const;
  /// The name it bore on day `d`: the entry of names() whose period holds it, else name().
  [[nodiscard]] std::string_view name_on(date d) const noexcept;
};

/// A directive or other document (`doc:`) of a network: resolution, conclusion,
/// decision, plan... Position lists point into the network, in file order.
class document_view : public entity_view<detail::document_record> {
 public:
  using entity_view::entity_view;
  /// The type abbreviation (`NQ`, `KL`, `QĐ`, `CTr`, ...).
  [[nodiscard]] std::string_view type() const noexcept { return str(rec().type); }
  /// The number as the data gives it (`21`, `202/2025`); empty when not given.
  [[nodiscard]] std::string_view number() const noexcept { return str(rec().number); }
  /// The issuer code (`TW`, `TU`, `QH15`); empty when not given.
  [[nodiscard]] std::string_view issuer() const noexcept { return str(rec().issuer); }
  /// The organization of the network that issued it; nothing when not given.
  [[nodiscard]] std::optional<organization_view> issued_by() const noexcept;
  /// Its date of issue at the precision known; empty when not given.
  [[nodiscard]] danvan::date date() const noexcept { return rec().date; }
  /// The term (khóa) of the issuing body as written (`XII`); empty when not given.
  [[nodiscard]] std::string_view term() const noexcept { return str(rec().term); }
  /// Its title (trích yếu); empty when not given.
  [[nodiscard]] std::string_view title() const noexcept { return str(rec().title); }
  /// Positions (among the network's documents) of the documents it continues.
  [[nodiscard]] std::span<const index> continues() const noexcept { return list(rec().continues); }
  /// Positions (among the network's documents) of the documents it implements.
  [[nodiscard]] std::span<const index> implements() const noexcept { return list(rec().implements); }
  /// Positions (among the network's documents) of the documents it amends.
  [[nodiscard]] std::span<const index> amends() const noexcept { return list(rec().amends); }
  /// Positions (among the network's documents) of the documents it replaces.
  [[nodiscard]] std::span<const index> replaces() const noexcept { return list(rec().replaces); }
  /// Positions of its topics among the network's topics.
  [[nodiscard]] std::span<const index> topics() const noexcept { return list(rec().topics); }
  /// Positions of its areas among the network's areas.
  [[nodiscard]] std::span<const index> areas() const noexcept { return list(rec().areas); }
  /// The reviews (sơ kết, tổng kết) it calls for, in file order (a new vector on each call).
  [[nodiscard]] std::vector<review_obligation> reviews() const;
};

/// A joint program, plan, movement or work program (`prog:`) of a network.
class program_view : public entity_view<detail::program_record> {
 public:
  using entity_view::entity_view;
  /// What kind of program it is.
  [[nodiscard]] program_kind kind() const noexcept { return static_cast<program_kind>(rec().kind); }
  /// When it runs; either end empty when not given.
  [[nodiscard]] danvan::period period() const noexcept { return rec().period; }
  /// Positions (among the network's documents) of the documents it implements.
  [[nodiscard]] std::span<const index> implements() const noexcept { return list(rec().implements); }
  /// Positions of its topics among the network's topics.
  [[nodiscard]] std::span<const index> topics() const noexcept { return list(rec().topics); }
  /// Positions of its areas among the network's areas.
  [[nodiscard]] std::span<const index> areas() const noexcept { return list(rec().areas); }
  /// Its own roles (not those of its tasks), in file order.
  [[nodiscard]] role_range roles() const noexcept;
  /// Roles nobody holds (only in a network as of a day).
  [[nodiscard]] std::vector<orphaned_role_view> orphaned_roles() const;
};

/// A task (`task:`) of a network: one piece of work, on its own or within a program.
class task_view : public entity_view<detail::task_record> {
 public:
  using entity_view::entity_view;
  /// What kind of work it is.
  [[nodiscard]] task_kind kind() const noexcept { return static_cast<task_kind>(rec().kind); }
  /// How far it has got.
  [[nodiscard]] task_status status() const noexcept { return static_cast<task_status>(rec().status); }
  /// The program it belongs to; nothing for a task on its own.
  [[nodiscard]] std::optional<program_view> program() const noexcept;
  /// Positions (among the network's documents) of the documents it implements.
  [[nodiscard]] std::span<const index> implements() const noexcept { return list(rec().implements()); }
  /// Positions of its topics among the network's topics.
  [[nodiscard]] std::span<const index> topics() const noexcept { return list(rec().topics()); }
  /// Positions of its areas among the network's areas.
  [[nodiscard]] std::span<const index> areas() const noexcept { return list(rec().areas()); }
  /// When it runs; either end empty when not given.
  [[nodiscard]] danvan::period period() const noexcept { return rec().period; }
  /// Its deadline; empty when none is given.
  [[nodiscard]] date due() const noexcept { return rec().due; }
  /// Its roles, in file order.
  [[nodiscard]] role_range roles() const noexcept;
  /// Roles nobody holds (only in a network as of a day).
  [[nodiscard]] std::vector<orphaned_role_view> orphaned_roles() const;
};

/// A reorganization event (`event:`) of a network: merge, split, rename, dissolve,
/// transfer. A network as of a day holds no events (they are applied).
class event_view : public entity_view<detail::event_record> {
 public:
  using entity_view::entity_view;
  /// What kind of reorganization it is.
  [[nodiscard]] event_kind kind() const noexcept { return static_cast<event_kind>(rec().kind); }
  /// The day it took effect, at the precision known.
  [[nodiscard]] danvan::date date() const noexcept { return rec().date; }
  /// True when the date is not known exactly.
  [[nodiscard]] bool approximate() const noexcept { return rec().approximate; }
  /// Positions (among the network's organizations) of the organizations it ended or changed.
  [[nodiscard]] std::span<const index> from() const noexcept { return list(rec().from); }
  /// Positions (among the network's organizations) of the successors; empty for a dissolution.
  [[nodiscard]] std::span<const index> to() const noexcept { return list(rec().to); }
  /// How a split divides the roles (empty: every successor takes every role).
  [[nodiscard]] std::vector<share_view> shares() const;
};

/// A source (`src:`) of a network: a text or document that evidence cites.
class source_view : public entity_view<detail::source_record> {
 public:
  using entity_view::entity_view;
  /// What kind of source (`article`, `document`, `file`, `web`, ...); empty when not given.
  [[nodiscard]] std::string_view kind() const noexcept { return str(rec().kind); }
  /// Its title; empty when not given.
  [[nodiscard]] std::string_view title() const noexcept { return str(rec().title); }
  /// Its date at the precision known; empty when not given.
  [[nodiscard]] danvan::date date() const noexcept { return rec().date; }
  /// Where it can be found; empty when not given.
  [[nodiscard]] std::string_view url() const noexcept { return str(rec().url); }
  /// Hex SHA-256 of the UTF-8 text evidence spans refer to; empty when not given.
  [[nodiscard]] std::string_view sha256() const noexcept { return str(rec().sha256); }
  /// The document of the network this source is; nothing when it is none.
  [[nodiscard]] std::optional<document_view> document() const noexcept;
};

/// One role: an organization's part in a task or program. Two words, cheap to copy,
/// valid while its network lives.
class role_view {
 public:
  /// The role at position `i` among the network's roles; `i` is not checked.
  role_view(const network& net, index i) noexcept : net_(&net), i_(i) {}
  /// Position among the network's roles (programs' roles first, then tasks', each in file order).
  [[nodiscard]] index position() const noexcept { return i_; }
  /// The organization holding the role.
  [[nodiscard]] organization_view org() const noexcept;
  /// Kind of the target: entity_kind::task or entity_kind::program.
  [[nodiscard]] entity_kind target_kind() const noexcept;
  /// Position of the task or program among its kind.
  [[nodiscard]] index target() const noexcept;
  /// Position of the role's name in the network's vocabulary (network::vocabulary()).
  [[nodiscard]] role_index role() const noexcept;
  /// The vocabulary entry of the role: name, Vietnamese labels, RACI letter.
  [[nodiscard]] const role_def& definition() const;
  /// The role's name (`lead`, `advise`, ...).
  [[nodiscard]] std::string_view role_name() const { return definition().name; }
  /// The role's RACI letter.
  [[nodiscard]] raci letter() const { return definition().letter; }
  /// The role's own classification or the file's default (not yet joined with its ends).
  [[nodiscard]] danvan::classification classification() const noexcept;
  /// Whether the role states a classification itself.
  [[nodiscard]] bool classification_stated() const noexcept;
  /// The evidence the role cites, in file order (a new vector on each call).
  [[nodiscard]] std::vector<evidence_ref> sources() const;
  /// The role's `extra` object as compact JSON text, empty when there is none.
  [[nodiscard]] std::string_view extra() const noexcept;
  /// When the organization began to hold the role (empty: as long as its task or program).
  [[nodiscard]] date valid_from() const noexcept;
  /// When the organization stopped holding the role (empty: as long as its task or program).
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

/// A random-access range of views over one entity kind, in position order; valid
/// while its network lives.
template <class View> class view_range {
 public:
  /// Forward iterator over the views of a view_range.
  class iterator {
   public:
    using value_type = View;  ///< what dereferencing gives (by value)
    using difference_type = std::ptrdiff_t;  ///< distance between two iterators
    iterator() = default;  ///< a singular iterator (only assignable and comparable)
    /// At position `i` of network `n`.
    iterator(const network* n, index i) : net_(n), i_(i) {}
    View operator*() const { return View(*net_, i_); }  ///< the view at the current position
    iterator& operator++() { ++i_; return *this; }  ///< to the next position
    iterator operator++(int) { auto t = *this; ++i_; return t; }  ///< to the next position, returning the old place
    /// Same position (comparing iterators of different ranges is meaningless).
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }
   private:
    const network* net_ = nullptr;
    index i_ = 0;
  };
  /// The entities at positions `[0, size)` of `n`.
  view_range(const network& n, std::size_t size) : net_(&n), size_(static_cast<index>(size)) {}
  [[nodiscard]] iterator begin() const { return {net_, 0}; }  ///< at position 0
  [[nodiscard]] iterator end() const { return {net_, size_}; }  ///< past the last position
  [[nodiscard]] std::size_t size() const noexcept { return size_; }  ///< number of entities of the kind
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }  ///< true when the kind has no entity
  /// The view at position `i`; throws std::out_of_range when `i >= size()`.
  [[nodiscard]] View operator[](index i) const;

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

  /// Facts about the file as a whole (title, language, default classification; the
  /// day shown for a network as of a day).
  [[nodiscard]] const danvan::meta& meta() const noexcept { return meta_; }
  /// The role names in use: the core roles, then those the file declares.
  [[nodiscard]] const role_vocabulary& vocabulary() const noexcept { return vocabulary_; }
  /// Top-level `extra` of the file as compact JSON text (empty for none).
  [[nodiscard]] std::string_view extra() const noexcept { return extra_; }

  /// Every area, in file order (position order).
  [[nodiscard]] view_range<area_view> areas() const noexcept { return {*this, d_.areas.size()}; }
  /// Every topic, in file order (position order).
  [[nodiscard]] view_range<topic_view> topics() const noexcept { return {*this, d_.topics.size()}; }
  /// Every organization, in file order (position order).
  [[nodiscard]] view_range<organization_view> organizations() const noexcept { return {*this, d_.organizations.size()}; }
  /// Every document, in file order (position order).
  [[nodiscard]] view_range<document_view> documents() const noexcept { return {*this, d_.documents.size()}; }
  /// Every program, in file order (position order).
  [[nodiscard]] view_range<program_view> programs() const noexcept { return {*this, d_.programs.size()}; }
  /// Every task, in file order (position order).
  [[nodiscard]] view_range<task_view> tasks() const noexcept { return {*this, d_.tasks.size()}; }
  /// Every reorganization event, in file order (position order).
  [[nodiscard]] view_range<event_view> events() const noexcept { return {*this, d_.events.size()}; }
  /// Every source, in file order (position order).
  [[nodiscard]] view_range<source_view> sources() const noexcept { return {*this, d_.sources.size()}; }
  /// Every role: the programs' roles, then the tasks', each grouped by program or task in file order.
  [[nodiscard]] view_range<role_view> roles() const noexcept { return {*this, d_.roles.size()}; }

  /// Number of entities of one kind.
  [[nodiscard]] std::size_t size(entity_kind kind) const noexcept;

  /// Position of the entity with this id, or nothing. The kind is read from the prefix
  /// (nothing for an id without a known prefix). O(1) expected (hash table).
  [[nodiscard]] std::optional<index> find(std::string_view id) const noexcept;
  /// Position of the entity of `kind` with this id, or nothing. O(1) expected.
  [[nodiscard]] std::optional<index> find(entity_kind kind, std::string_view id) const noexcept;
  /// Position of the entity with this id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] index at(entity_kind kind, std::string_view id) const;

  /// The organization with this `org:` id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] organization_view organization(std::string_view id) const { return {*this, at(entity_kind::organization, id)}; }
  /// The document with this `doc:` id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] document_view document(std::string_view id) const { return {*this, at(entity_kind::document, id)}; }
  /// The program with this `prog:` id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] program_view program(std::string_view id) const { return {*this, at(entity_kind::program, id)}; }
  /// The task with this `task:` id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] task_view task(std::string_view id) const { return {*this, at(entity_kind::task, id)}; }
  /// The area with this `area:` id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] area_view area(std::string_view id) const { return {*this, at(entity_kind::area, id)}; }
  /// The topic with this `topic:` id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] topic_view topic(std::string_view id) const { return {*this, at(entity_kind::topic, id)}; }
  /// The event with this `event:` id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] event_view event(std::string_view id) const { return {*this, at(entity_kind::event, id)}; }
  /// The source with this `src:` id; throws danvan::not_found naming the nearest ids.
  [[nodiscard]] source_view source(std::string_view id) const { return {*this, at(entity_kind::source, id)}; }

  /// The id of the entity of `kind` at `position`; throws std::out_of_range past the end.
  [[nodiscard]] std::string_view id_of(entity_kind kind, index position) const;
  /// Up to `limit` existing ids of `kind` nearest to `id` (edit distance), nearest first.
  /// O(entities of `kind`).
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



 private:
  friend class network_builder;
  friend network as_of(const network& net, date on);
  friend struct detail::network_access;  // the queries in src/ (src/detail/network_access.hpp)
  template <class R> friend class entity_view;
  friend class role_view;
  // The compact arrays and the indexes built on first use (name search; shared by
  // copies, thread-safe).
  [[nodiscard]] const detail::network_data& data() const noexcept { return d_; }
  [[nodiscard]] detail::lazy_indexes& lazy() const noexcept { return *lazy_; }
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
template <class R> std::string_view entity_view<R>::id() const noexcept { return str(detail::record_id(rec())); }
template <class R> std::string_view entity_view<R>::name() const noexcept { return str(detail::record_name(rec())); }
template <class R> detail::rare_fields entity_view<R>::rare() const noexcept { return net_->data().rare_of(rec(), i_); }
template <class R> std::string_view entity_view<R>::name_en() const noexcept {
  const auto side = rare().side;
  return side == no_index ? std::string_view{} : str(net_->data().sides[side].name_en);
}
template <class R> std::vector<std::string_view> entity_view<R>::aliases() const {
  std::vector<std::string_view> out;
  const auto side = rare().side;
  if (side == no_index) return out;
  const auto& d = net_->data();
  const auto l = d.sides[side].aliases;
  for (std::uint32_t k = 0; k < l.length; ++k) out.push_back(d.str(d.string_lists[l.offset + k]));
  return out;
}
template <class R> danvan::classification entity_view<R>::classification() const noexcept {
  const auto stated = rare().classification;
  return stated == detail::inherit_classification ? net_->meta().classification
                                                  : static_cast<danvan::classification>(stated);
}
template <class R> std::vector<evidence_ref> entity_view<R>::sources() const {
  const auto side = rare().side;
  return detail::evidence_of(net_->data(), side == no_index ? nullptr : &net_->data().sides[side]);
}
template <class R> std::string_view entity_view<R>::extra() const noexcept {
  const auto side = rare().side;
  return side == no_index ? std::string_view{} : str(net_->data().sides[side].extra);
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

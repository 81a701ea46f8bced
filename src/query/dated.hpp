// How every query honours `scope::as_of`: it answers on the network as of that day
// (network::as_of(), built once and kept with the network), with the rest of the
// scope. Positions it is given refer to the network asked and are carried over by id.
#pragma once

#include <danvan/network.hpp>
#include <danvan/query/scope.hpp>

#include <memory>

namespace danvan::detail {

class dated_query {
 public:
  dated_query(const network& asked, const scope& s) : asked_(asked), rest_(s) {
    if (!s.as_of || asked.meta().as_of == *s.as_of) return;
    net_ = asked.as_of(*s.as_of);
    rest_.as_of.reset();
  }
  /// True when the query must run again on net() with rest().
  explicit operator bool() const noexcept { return net_ != nullptr; }
  [[nodiscard]] const network& net() const noexcept { return *net_; }
  [[nodiscard]] const scope& rest() const noexcept { return rest_; }
  /// The position in net() of the entity at `position` in the network asked; no_index
  /// when it does not exist that day.
  [[nodiscard]] index position(entity_kind kind, index position) const {
    return net_->find(kind, asked_.id_of(kind, position)).value_or(no_index);
  }

 private:
  const network& asked_;
  std::shared_ptr<const network> net_;
  scope rest_;
};

}  // namespace danvan::detail

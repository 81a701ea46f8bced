// danvan — the error a query throws for an argument outside its domain.
#pragma once

#include <danvan/error.hpp>

namespace danvan {

/// A query was asked something it cannot answer as stated: a negative or NaN
/// threshold, more sampled pivots than organizations, an unknown weight or role
/// name. The message names the argument, the value given and what is allowed.
/// In Python it is raised as `danvan.ArgumentError`, which is also a `ValueError`.
class argument_error : public error {
 public:
  using error::error;
};

}  // namespace danvan

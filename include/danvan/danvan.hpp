// danvan — umbrella header: includes the public headers, nothing else.
#pragma once

#include <danvan/builder.hpp>
#include <danvan/date.hpp>
#include <danvan/entities.hpp>
#include <danvan/error.hpp>
#include <danvan/fwd.hpp>
#include <danvan/io/json.hpp>
#include <danvan/network.hpp>
#include <danvan/query/names.hpp>
#include <danvan/query/scope.hpp>
#include <danvan/roles.hpp>
#if __has_include(<danvan/text/normalize.hpp>)
#include <danvan/text/normalize.hpp>
#endif

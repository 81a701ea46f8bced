// danvan — umbrella header: includes the public headers, nothing else.
#pragma once

#include <danvan/builder.hpp>
#include <danvan/date.hpp>
#include <danvan/entities.hpp>
#include <danvan/error.hpp>
#include <danvan/fwd.hpp>
#include <danvan/io/file.hpp>
#include <danvan/io/json.hpp>
#include <danvan/merge.hpp>
#include <danvan/network.hpp>
#include <danvan/query/coverage.hpp>
#include <danvan/query/diff.hpp>
#include <danvan/query/duplicates.hpp>
#include <danvan/query/metrics.hpp>
#include <danvan/query/names.hpp>
#include <danvan/query/overlap.hpp>
#include <danvan/query/responsibility.hpp>
#include <danvan/query/scope.hpp>
#include <danvan/query/time.hpp>
#include <danvan/roles.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>
#include <danvan/text/normalize.hpp>
#include <danvan/text/periods.hpp>
#include <danvan/text/reference.hpp>
#include <danvan/text/search.hpp>

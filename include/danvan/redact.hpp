// danvan — the network at a classification ceiling: what may be shown to a reader
// cleared up to that level (docs/format.md, "Classification").
#pragma once

#include <danvan/network.hpp>

namespace danvan {

/// The network without anything classified above `ceiling`. Removed: every entity whose
/// classification (its own, or the file's default) is above it; every role whose
/// classification joined with its organization's and its task's or program's is above
/// it; a source joined with its document the same way; every reorganization event that
/// names a removed organization (its existence would tell of it); orphaned roles and
/// `carried_from` records that name a removed organization or event; evidence citing a
/// removed source. References to removed entities are dropped from what stays (a
/// `parent`, a task's `program`, an `implements` list, a split's items), so no id, name,
/// alias, note or count of the removed part remains. Every output at a ceiling (save,
/// frames, NetworkX, report, exports) is made from this network. When nothing is above
/// the ceiling, the result equals `net`. O(size of the network) through its JSON form.
[[nodiscard]] network redact(const network& net, classification ceiling);

}  // namespace danvan

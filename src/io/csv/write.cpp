// A network as CSV tables (danvan/io/csv.hpp): each entity's canonical JSON (what save()
// writes, io/json_pieces.hpp) flattened into rows, so that every field of the format,
// present and future, has its column.
#include "detail/chunked_output.hpp"
#include "detail/csv.hpp"
#include "io/csv/cells.hpp"
#include "io/json_pieces.hpp"
#include <danvan/error.hpp>
#include <danvan/io/csv.hpp>

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

namespace danvan {

namespace detail::csv {
namespace {

/// A row being made: (column, cell) pairs. Cleared, it keeps its strings' memory for the
/// next row: a large network's millions of cells then cost no allocation each.
class cells {
 public:
  using cell = std::pair<std::string, std::string>;
  cells& clear() {
    size_ = 0;
    return *this;
  }
  /// A new cell of `column` (its prefix and name), its text to be appended to `.second`.
  cell& open(std::string_view prefix, std::string_view column) {
    if (size_ == items_.size()) items_.emplace_back();
    cell& c = items_[size_++];
    c.first.assign(prefix).append(column);
    c.second.clear();
    return c;
  }
  cells& add(std::string_view column, std::string_view text) {
    open({}, column).second.assign(text);
    return *this;
  }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] const cell* begin() const { return items_.data(); }
  [[nodiscard]] const cell* end() const { return items_.data() + size_; }
  const cell& operator[](std::size_t i) const { return items_[i]; }

 private:
  std::vector<cell> items_;
  std::size_t size_ = 0;
};

/// Adds the columns and cells of `object`'s fields (but `skip`), `prefix` before each
/// name; an object of plain values spreads into a column per value.
void flatten(const ojson& object, const std::string& prefix, cells& out, std::initializer_list<std::string_view> skip = {}) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
    if (spreads(key, value))
      flatten(value, prefix + key + ".", out);
    else
      append_cell(out.open(prefix, key).second, value);
  }
}

/// One table being written. Rows come once, in file order: each row's cells are kept
/// (in blocks of bytes, by column number) while the table's columns are learnt, since
/// the header that names them all comes first.
class table_writer {
 public:
  explicit table_writer(std::vector<std::string> leading) : order_(std::move(leading)), leading_(order_.size()) {}

  void add(const cells& row) {
    const bool same_shape = row.size() == shape_.size() &&
                            std::equal(row.begin(), row.end(), shape_.begin(), [](const auto& c, const std::string& k) { return c.first == k; });
    if (!same_shape) learn(row);
    std::size_t bytes = sizeof(std::uint32_t);
    for (const auto& c : row) bytes += 2 * sizeof(std::uint32_t) + c.second.size();
    // Blocks of a few megabytes, a row never split: one string grown to hundreds of
    // megabytes would be copied, and its new pages cleared, at every doubling.
    if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < bytes) {
      blocks_.emplace_back();
      blocks_.back().reserve(std::max<std::size_t>(bytes, 4 << 20));
    }
    std::string& block = blocks_.back();
    put(block, static_cast<std::uint32_t>(row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      put(block, ids_[i]);
      put(block, static_cast<std::uint32_t>(row[i].second.size()));
      block += row[i].second;
    }
  }

  /// The header row, then every row, a cell under its column.
  void write(std::ostream& stream) const {
    chunked_output out(stream);
    std::string& buf = out.buffer();
    std::vector<std::size_t> position(names_.size());
    for (std::size_t id = 0; id < names_.size(); ++id)
      position[id] = static_cast<std::size_t>(std::find(order_.begin(), order_.end(), names_[id]) - order_.begin());
    for (std::size_t i = 0; i < order_.size(); ++i) {
      if (i) buf += ',';
      append_csv_field(buf, order_[i]);
    }
    buf += '\n';
    std::vector<std::string_view> row(order_.size());
    for (const std::string_view block : blocks_) {
      for (std::size_t at = 0; at < block.size();) {
        std::fill(row.begin(), row.end(), std::string_view());
        for (auto n = take(block, at); n > 0; --n) {
          const auto id = take(block, at), size = take(block, at);
          row[position[id]] = block.substr(at, size);
          at += size;
        }
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (i) buf += ',';
          append_csv_field(buf, row[i]);
        }
        buf += '\n';
        out.spill();
      }
    }
    out.finish();
  }

 private:
  /// A row of another shape than the last: its columns' numbers, and a column new to the
  /// table placed before the next of the row's columns the table has, or last; rows in
  /// the format's field order then give the columns in it.
  void learn(const cells& row) {
    shape_.clear();
    ids_.clear();
    for (std::size_t i = 0; i < row.size(); ++i) {
      const auto& name = row[i].first;
      shape_.push_back(name);
      auto id = static_cast<std::size_t>(std::find(names_.begin(), names_.end(), name) - names_.begin());
      if (id == names_.size()) names_.push_back(name);
      ids_.push_back(static_cast<std::uint32_t>(id));
      if (std::find(order_.begin(), order_.end(), name) != order_.end()) continue;
      std::size_t at = order_.size();
      for (std::size_t j = i + 1; j < row.size() && at == order_.size(); ++j)
        at = static_cast<std::size_t>(std::find(order_.begin(), order_.end(), row[j].first) - order_.begin());
      order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(std::max(at, leading_)), name);
    }
  }

  static void put(std::string& block, std::uint32_t n) { block.append(reinterpret_cast<const char*>(&n), sizeof n); }
  static std::uint32_t take(std::string_view block, std::size_t& at) {
    std::uint32_t n;
    std::memcpy(&n, block.data() + at, sizeof n);
    at += sizeof n;
    return n;
  }

  std::vector<std::string> order_;  // the columns, in the header's order
  std::size_t leading_;             // how many columns always come first
  std::vector<std::string> names_;  // the columns by number, in the order first met
  std::vector<std::string> shape_;  // the last row's columns ...
  std::vector<std::uint32_t> ids_;  // ... and their numbers
  std::vector<std::string> blocks_;  // per row: cell count, then (column number, size, bytes) per cell
};

/// The rows of every table, given to `row(table, cells)`; `table` indexes csv_table_names().
template <class Row> void each_row(const network& net, Row&& row) {
  constexpr std::size_t network_table = 0, definitions = 1, roles_table = 10, evidence_table = 11;
  cells c;
  row(network_table, c.clear().add("field", "danvan").add("value", format_version));
  const auto meta = meta_json(net);
  for (const auto& [key, value] : meta.items()) {
    c.clear().add("field", "meta." + key);
    append_cell(c.open({}, "value").second, value);
    row(network_table, c);
  }
  if (const auto extra = extra_json(net); !extra.is_null()) {
    append_cell(c.clear().add("field", "extra").open({}, "value").second, extra);
    row(network_table, c);
  }
  for (const auto& d : role_definitions_json(net)) {
    flatten(d, "", c.clear());
    row(definitions, c);
  }
  auto evidence = [&](const ojson& holder, std::string_view of, std::string_view number) {
    const auto it = holder.find("sources");
    if (it == holder.end()) return;
    for (const auto& e : *it) {
      flatten(e, "", c.clear().add("of", of).add("role_number", number));
      row(evidence_table, c);
    }
  };
  for_each_entity_json(net, [&](std::string_view collection, const ojson& entity) {
    const auto table = static_cast<std::size_t>(std::find(std::begin(entity_tables), std::end(entity_tables), collection) -
                                                std::begin(entity_tables)) + 2;
    flatten(entity, "", c.clear(), {"roles", "sources"});
    row(table, c);
    const auto& id = entity.at("id").get_ref<const std::string&>();
    evidence(entity, id, "");
    if (const auto roles = entity.find("roles"); roles != entity.end()) {
      std::size_t number = 0;
      for (const auto& r : *roles) {
        flatten(r, "", c.clear().add("target", id), {"sources"});
        row(roles_table, c);
        evidence(r, id, std::to_string(++number));
      }
    }
  });
}

/// Makes every table, then hands table i to `sink(i, table)`.
template <class Sink> void write_tables(const network& net, Sink&& sink) {
  const auto& names = csv_table_names();
  std::vector<table_writer> tables;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::vector<std::string> leading;
    if (names[i] == "network.csv") leading = {"field", "value"};
    else if (names[i] == "role_definitions.csv") leading = {"name"};
    else if (names[i] == "roles.csv") leading = {"target", "org", "role"};
    else if (names[i] == "evidence.csv") leading = {"of", "role_number", "source"};
    else leading = {"id", "name"};
    tables.emplace_back(std::move(leading));
  }
  each_row(net, [&](std::size_t t, const cells& c) { tables[t].add(c); });
  for (std::size_t i = 0; i < tables.size(); ++i) sink(i, tables[i]);
}

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw io_error(path.string(), what, std::error_code(errno, std::generic_category()));
}

void sync(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int e = errno;
    if (fd >= 0) ::close(fd);
    errno = e;
    fail(path, "cannot flush to disk");
  }
  ::close(fd);
}

}  // namespace
}  // namespace detail::csv

const std::vector<std::string_view>& csv_table_names() {
  static const std::vector<std::string_view> names{
      "network.csv",   "role_definitions.csv", "areas.csv",  "topics.csv",  "organizations.csv", "documents.csv",
      "programs.csv",  "tasks.csv",            "events.csv", "sources.csv", "roles.csv",         "evidence.csv"};
  return names;
}

std::vector<csv_file> csv_tables(const network& net) {
  std::vector<csv_file> out;
  detail::csv::write_tables(net, [&](std::size_t i, const detail::csv::table_writer& table) {
    std::ostringstream text;
    table.write(text);
    out.push_back({std::string(csv_table_names()[i]), std::move(text).str()});
  });
  return out;
}

void save_csv(const network& net, const std::filesystem::path& folder, bool replace) {
  namespace fs = std::filesystem;
  using detail::csv::fail;
  std::error_code ec;
  const bool exists = fs::exists(fs::symlink_status(folder, ec));
  if (exists) {
    if (!replace) throw io_error(folder.string(), "exists; replace it (--force) or choose another folder",
                                 std::make_error_code(std::errc::file_exists));
    if (!fs::is_directory(fs::symlink_status(folder)))
      throw io_error(folder.string(), "is not a folder", std::make_error_code(std::errc::not_a_directory));
    // Replacing removes what the folder held: only ever the tables of an earlier save.
    const auto& names = csv_table_names();
    for (const auto& entry : fs::directory_iterator(folder)) {
      const auto name = entry.path().filename().string();
      if (std::find(names.begin(), names.end(), name) == names.end() || !entry.is_regular_file())
        throw io_error(folder.string(), "holds `" + name + "`, which is not a danvan table; not replaced",
                       std::make_error_code(std::errc::directory_not_empty));
    }
  }
  const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  std::random_device seed;
  const fs::path temporary =
      parent / ("." + folder.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(seed()));
  if (!fs::create_directory(temporary, ec)) {
    errno = ec.value();
    fail(temporary, "cannot create the folder the tables are written in");
  }
  try {
    detail::csv::write_tables(net, [&](std::size_t i, const detail::csv::table_writer& table) {
      const auto path = temporary / csv_table_names()[i];
      std::ofstream file(path, std::ios::binary);
      if (!file) fail(path, "cannot be written");
      file.exceptions(std::ios::badbit | std::ios::failbit);
      table.write(file);
      file.close();
      detail::csv::sync(path);
    });
    detail::csv::sync(temporary);
    // An existing folder is exchanged with the new one in one step (a reader sees the old
    // tables or the new, never a mix), then the old one, now under the temporary name, goes.
    const int moved = exists ? ::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, folder.c_str(), RENAME_EXCHANGE)
                             : ::rename(temporary.c_str(), folder.c_str());
    if (moved != 0) fail(folder, "cannot be put in place");
  } catch (const std::ios::failure&) {
    const int e = errno;
    fs::remove_all(temporary, ec);
    errno = e;
    fail(folder, "a table could not be written");
  } catch (...) {
    fs::remove_all(temporary, ec);
    throw;
  }
  fs::remove_all(temporary, ec);
  detail::csv::sync(parent);
}

}  // namespace danvan

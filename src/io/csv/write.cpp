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
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace danvan {

namespace detail::csv {
namespace {

using cells = std::vector<std::pair<std::string, std::string>>;

/// Appends the columns and cells of `object`'s fields (but `skip`), `prefix` before each
/// name; an object of plain values spreads into a column per value.
void flatten(const ojson& object, const std::string& prefix, cells& out, std::initializer_list<std::string_view> skip = {}) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
    if (spreads(key, value))
      flatten(value, prefix + key + ".", out);
    else
      out.emplace_back(prefix + key, cell_of(value));
  }
}

/// One table being written: its columns (the union of its rows' fields, in the order the
/// rows have them) and, once they are known, its rows.
class table_writer {
 public:
  explicit table_writer(std::vector<std::string> leading) : columns_(std::move(leading)), leading_(columns_.size()) {}

  /// First pass: a column new to the table goes before the next of the row's columns the
  /// table has, or last; rows in the format's field order then give the columns in it.
  void learn(const cells& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (position(row[i].first) != columns_.size()) continue;
      std::size_t at = columns_.size();
      for (std::size_t j = i + 1; j < row.size() && at == columns_.size(); ++j) at = position(row[j].first);
      columns_.insert(columns_.begin() + static_cast<std::ptrdiff_t>(std::max(at, leading_)), row[i].first);
    }
  }

  /// Between the passes: the header row.
  void start(std::ostream& out) {
    out_ = std::make_unique<chunked_output>(out);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      position_.emplace(columns_[i], i);
      if (i) out_->buffer() += ',';
      append_csv_field(out_->buffer(), columns_[i]);
    }
    out_->buffer() += '\n';
    row_.resize(columns_.size());
  }

  /// Second pass: one row.
  void write(const cells& row) {
    for (auto& c : row_) c.clear();
    for (const auto& [column, cell] : row) row_[position_.at(column)] = cell;
    std::string& buf = out_->buffer();
    for (std::size_t i = 0; i < row_.size(); ++i) {
      if (i) buf += ',';
      append_csv_field(buf, row_[i]);
    }
    buf += '\n';
    out_->spill();
  }

  void finish() { out_->finish(); }

 private:
  [[nodiscard]] std::size_t position(const std::string& column) const {
    return static_cast<std::size_t>(std::find(columns_.begin(), columns_.end(), column) - columns_.begin());
  }

  std::vector<std::string> columns_;
  std::size_t leading_;
  std::unordered_map<std::string, std::size_t> position_;
  std::vector<std::string> row_;
  std::unique_ptr<chunked_output> out_;
};

/// The rows of every table, given to `row(table, cells)`; `table` indexes csv_table_names().
template <class Row> void each_row(const network& net, Row&& row) {
  constexpr std::size_t network_table = 0, definitions = 1, roles_table = 10, evidence_table = 11;
  const auto meta = meta_json(net);
  row(network_table, cells{{"field", "danvan"}, {"value", std::string(format_version)}});
  for (const auto& [key, value] : meta.items())
    row(network_table, cells{{"field", "meta." + key}, {"value", cell_of(value)}});
  if (const auto extra = extra_json(net); !extra.is_null()) row(network_table, cells{{"field", "extra"}, {"value", cell_of(extra)}});
  for (const auto& d : role_definitions_json(net)) {
    cells c;
    flatten(d, "", c);
    row(definitions, c);
  }
  auto evidence = [&](const ojson& holder, const std::string& of, const std::string& number) {
    const auto it = holder.find("sources");
    if (it == holder.end()) return;
    for (const auto& e : *it) {
      cells c{{"of", of}, {"role_number", number}};
      flatten(e, "", c);
      row(evidence_table, c);
    }
  };
  for_each_entity_json(net, [&](std::string_view collection, const ojson& entity) {
    const auto table = static_cast<std::size_t>(std::find(std::begin(entity_tables), std::end(entity_tables), collection) -
                                                std::begin(entity_tables)) + 2;
    cells c;
    flatten(entity, "", c, {"roles", "sources"});
    row(table, c);
    const auto id = entity.at("id").get<std::string>();
    evidence(entity, id, "");
    if (const auto roles = entity.find("roles"); roles != entity.end()) {
      std::size_t number = 0;
      for (const auto& r : *roles) {
        cells rc{{"target", id}};
        flatten(r, "", rc, {"sources"});
        row(roles_table, rc);
        evidence(r, id, std::to_string(++number));
      }
    }
  });
}

/// Writes every table, the stream of table i from `open(i)`.
template <class Open> void write_tables(const network& net, Open&& open) {
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
  each_row(net, [&](std::size_t t, const cells& c) { tables[t].learn(c); });
  for (std::size_t i = 0; i < tables.size(); ++i) tables[i].start(open(i));
  each_row(net, [&](std::size_t t, const cells& c) { tables[t].write(c); });
  for (auto& t : tables) t.finish();
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
  std::vector<std::ostringstream> streams(csv_table_names().size());
  detail::csv::write_tables(net, [&](std::size_t i) -> std::ostream& { return streams[i]; });
  std::vector<csv_file> out;
  for (std::size_t i = 0; i < streams.size(); ++i) out.push_back({std::string(csv_table_names()[i]), std::move(streams[i]).str()});
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
    std::vector<std::ofstream> files(csv_table_names().size());
    detail::csv::write_tables(net, [&](std::size_t i) -> std::ostream& {
      const auto path = temporary / csv_table_names()[i];
      files[i].open(path, std::ios::binary);
      if (!files[i]) fail(path, "cannot be written");
      files[i].exceptions(std::ios::badbit | std::ios::failbit);
      return files[i];
    });
    for (std::size_t i = 0; i < files.size(); ++i) {
      files[i].close();
      detail::csv::sync(temporary / csv_table_names()[i]);
    }
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

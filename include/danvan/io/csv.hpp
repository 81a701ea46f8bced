// danvan — a network as a folder of CSV tables, one per kind, and back: the form a
// spreadsheet or a database loader reads, with nothing of the JSON format lost
// (load_csv(save_csv(net)) saves to the same bytes as net). docs/export.md, "CSV tables".
//
// The tables, each `<name>.csv` (UTF-8, a header row, RFC 4180 quoting):
//   network.csv           `field,value`: `danvan` (the format version), `meta.title`,
//                         `meta.description`, `meta.language`, `meta.classification`,
//                         `meta.as_of`, `meta.extra`, `extra`;
//   role_definitions.csv  the roles the network declares (name, labels, raci, description);
//   areas.csv, topics.csv, organizations.csv, documents.csv, programs.csv, tasks.csv,
//   events.csv, sources.csv
//                         one row per entity, a column per field of the format;
//   roles.csv             one row per role on a program or task: `target` (its id), then
//                         org, role, valid_from, valid_to, carried_from.org, ... in the
//                         order of each target's roles;
//   evidence.csv          one row per evidence citation: `of` (the entity's id),
//                         `role_number` (empty for the entity's own evidence; for a role's,
//                         its number, from 1, among the rows of roles.csv of that target),
//                         source, span, note.
// Every cell is text: codes and numbers stay as written (`30`, `01`). A list is its
// items joined by `;` (a `;` or `\` in an item, and a space at an item's start or end,
// escaped with `\`; spaces around an unescaped `;` are ignored on reading); an object of
// plain values is a column per value (`period.start`, `period.end`); `extra`, `names`,
// `reviews`, `shares` and `orphaned_roles` are JSON text. An empty cell is a field not
// given.
//
// Redaction comes first, as for every output: write danvan::redact(net, ceiling).
#pragma once

#include <danvan/io/json.hpp>
#include <danvan/network.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace danvan {

/// One table: its file name (`organizations.csv`) and its CSV text.
struct csv_file {
  std::string name;  ///< the file name within the folder
  std::string text;  ///< the table: a header row, then a row per record
};

/// The file names of the tables, in the order csv_tables() gives them.
[[nodiscard]] const std::vector<std::string_view>& csv_table_names();

/// `net` as CSV tables, every table of csv_table_names() (one with no rows is a header
/// row: a place to add rows).
[[nodiscard]] std::vector<csv_file> csv_tables(const network& net);

/// The network the tables describe, checked as load() checks a file. Tables are found by
/// name; a missing one is empty. Throws danvan::validation_error with every problem found,
/// each naming its file (`label`/`name`), line, column (the field's number, from 1) and the
/// column's name: a file that is not a table of csv_table_names() (with the nearest
/// name), a row with more or fewer fields than the header, a missing `id`, `target` or
/// `of` column, a repeated column, an HXL hashtag row, a list of numbers or a boolean
/// that is not one, JSON text that is not JSON, a role or evidence row whose entity does
/// not exist, and every problem load() finds, placed on its row and column.
[[nodiscard]] network from_csv_tables(const std::vector<csv_file>& tables, std::string_view label = "",
                                      const load_options& options = {});

/// Writes csv_tables(net) into the folder `folder`, all or nothing: the tables are
/// written to a new folder beside it, flushed to disk, and renamed into place (an
/// existing folder is swapped out in one step, then removed). `replace` false refuses an
/// existing folder; true replaces one that holds only these tables and nothing else, so
/// that no other file is ever removed. Throws danvan::io_error; on error the folder is as
/// it was.
void save_csv(const network& net, const std::filesystem::path& folder, bool replace = false);

/// Reads the tables of a folder save_csv() wrote (or a person edited): from_csv_tables()
/// of its `.csv` files. Throws danvan::io_error (no such folder, unreadable file, no
/// table at all) or danvan::validation_error.
[[nodiscard]] network load_csv(const std::filesystem::path& folder, const load_options& options = {});

}  // namespace danvan

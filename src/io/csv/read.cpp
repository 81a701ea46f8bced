// A network from its CSV tables (danvan/io/csv.hpp): the rows become the JSON document
// save() would write, which loads() then checks like any file; each problem it finds is
// placed back on the table, line and column it came from.
#include "detail/read_file.hpp"
#include "detail/suggest.hpp"
#include "io/csv/cells.hpp"
#include <danvan/error.hpp>
#include <danvan/io/csv.hpp>
#include <danvan/text/normalize.hpp>

#include <csv.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

namespace danvan {

namespace detail::csv {
namespace {

/// One table as read: its header, and each record with the line it starts on.
struct record {
  std::size_t line = 0;
  std::vector<std::string> fields;
};
struct table {
  std::string file;  // as problems name it
  std::vector<std::string> header;
  std::vector<record> rows;
  std::size_t header_line = 1;

  [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return std::nullopt;
    return static_cast<std::size_t>(it - header.begin());
  }
};

/// Where a value of the JSON document came from: a row, and a column of it (or none).
struct place {
  const table* from = nullptr;
  std::size_t row = 0;  // index into from->rows
  std::optional<std::size_t> column;
};

class problems {
 public:
  explicit problems(std::size_t cap) : cap_(cap) {}
  void add(const table& t, std::size_t line, std::optional<std::size_t> column, std::string rule, std::string message,
           std::string suggestion = {}) {
    ++total_;
    if (list_.size() >= cap_) return;
    problem p;
    p.file = t.file;
    p.line = line;
    if (column) {
      p.column = *column + 1;
      message = "column `" + (*column < t.header.size() ? t.header[*column] : std::string()) + "`: " + message;
    }
    p.rule = std::move(rule);
    p.message = std::move(message);
    p.suggestion = std::move(suggestion);
    list_.push_back(std::move(p));
  }
  void at(const place& where, std::string rule, std::string message, std::string suggestion = {}) {
    add(*where.from, where.from->rows[where.row].line, where.column, std::move(rule), std::move(message), std::move(suggestion));
  }
  void throw_if_any() {
    if (total_) throw validation_error(std::move(list_), total_);
  }
  /// A problem as another reader found it (kept when it cannot be placed on a table).
  void add(problem p) {
    ++total_;
    if (list_.size() < cap_) list_.push_back(std::move(p));
  }
  /// Problems another reader counted but did not keep in detail.
  void count(std::size_t n) { total_ += n; }

 private:
  std::size_t cap_;
  std::vector<problem> list_;
  std::size_t total_ = 0;
};

// ---- parsing one file, with libcsv -------------------------------------------------------

struct parse_state {
  table* t;
  record current;
  std::size_t line = 0;          // the line being fed
  bool at_record_start = true;   // the next non-blank line starts a record
  bool header_done = false;
};

void on_field(void* data, std::size_t len, void* state_ptr) {
  auto& s = *static_cast<parse_state*>(state_ptr);
  s.current.fields.emplace_back(static_cast<const char*>(data), len);
}

void on_row(int, void* state_ptr) {
  auto& s = *static_cast<parse_state*>(state_ptr);
  if (!s.header_done) {
    s.t->header = std::move(s.current.fields);
    s.t->header_line = s.current.line;
    s.header_done = true;
  } else {
    s.t->rows.push_back(std::move(s.current));
  }
  s.current = {};
  s.at_record_start = true;
}

int no_space(unsigned char) { return 0; }  // a field's spaces are part of it

table parse(const csv_file& f, std::string_view label, problems& found) {
  table t;
  t.file = label.empty() ? f.name : std::string(label) + "/" + f.name;
  std::string_view text = f.text;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a spreadsheet's byte order mark
  if (const auto bad = text::find_invalid_utf8(text); bad != std::string_view::npos) {
    const auto line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    found.add(t, line, std::nullopt, "invalid-utf8",
              "not UTF-8 text (byte " + std::to_string(bad + 1) + "); save the table as CSV UTF-8");
    return t;
  }
  csv_parser p;
  csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
  csv_set_space_func(&p, no_space);
  parse_state s{&t, {}, 0, true, false};
  // Fed a line at a time, so that each record knows the line it starts on.
  std::size_t at = 0;
  bool ok = true;
  while (ok && at < text.size()) {
    const auto end = std::min(text.find('\n', at), text.size() - 1) + 1;
    const auto piece = text.substr(at, end - at);
    ++s.line;
    if (s.at_record_start && piece.find_first_not_of("\r\n") != std::string_view::npos) {
      s.current.line = s.line;
      s.at_record_start = false;
    }
    ok = csv_parse(&p, piece.data(), piece.size(), on_field, on_row, &s) == piece.size();
    at = end;
  }
  if (ok) ok = csv_fini(&p, on_field, on_row, &s) == 0;
  if (!ok) found.add(t, s.line, std::nullopt, "csv-syntax", std::string("not CSV: ") + csv_strerror(csv_error(&p)) +
                                                              " (a quote inside a quoted field is written twice: \"\")");
  csv_free(&p);
  return t;
}

// ---- the JSON document -------------------------------------------------------------------

/// The value of one cell, typed by its column's field; nothing (and a problem) when the
/// cell is not of that type.
std::optional<ojson> value_of(std::string_view field, const std::string& cell, const place& where, problems& found,
                             std::size_t max_depth) {
  switch (cell_type_of(field)) {
    case cell_type::text: return ojson(cell);
    case cell_type::list: return ojson(split_list(cell));
    case cell_type::boolean: {
      std::string lower = cell;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; });
      if (lower == "true" || lower == "false") return ojson(lower == "true");
      found.at(where, "csv-type", "`" + cell + "` is not true or false");
      return std::nullopt;
    }
    case cell_type::integers: {
      ojson list = ojson::array();
      for (const auto& item : split_list(cell)) {
        long long n = 0;
        const auto r = std::from_chars(item.data(), item.data() + item.size(), n);
        if (r.ec != std::errc() || r.ptr != item.data() + item.size()) {
          found.at(where, "csv-type", "`" + item + "` is not a whole number (a list of numbers is written `12;40`)");
          return std::nullopt;
        }
        list.push_back(n);
      }
      return list;
    }
    case cell_type::json: {
      bool too_deep = false;
      const auto depth = [&](int d, ojson::parse_event_t, ojson&) {
        too_deep = too_deep || static_cast<std::size_t>(d) > max_depth;
        return !too_deep;
      };
      try {
        auto v = ojson::parse(cell, depth);
        if (!too_deep) return v;
        found.at(where, "too-deep", "JSON text nested deeper than " + std::to_string(max_depth) + " levels");
      } catch (const nlohmann::json::parse_error& e) {
        found.at(where, "csv-type", "not JSON text: " + std::string(e.what()).substr(std::string(e.what()).find(':') + 2));
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

/// Sets the cells of row `row` of `t` (but the columns in `skip`) as fields of `object`; a
/// column `a.b` sets field b of object a. Empty cells are fields not given.
void set_fields(ojson& object, const table& t, std::size_t row, std::initializer_list<std::string_view> skip, problems& found,
                std::size_t max_depth) {
  const auto& fields = t.rows[row].fields;
  for (std::size_t c = 0; c < fields.size() && c < t.header.size(); ++c) {
    const auto& name = t.header[c];
    if (fields[c].empty() || std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
    auto value = value_of(name, fields[c], {&t, row, c}, found, max_depth);
    if (!value) continue;
    ojson* target = &object;
    std::string_view rest = name;
    for (auto dot = rest.find('.'); dot != std::string_view::npos && target; dot = rest.find('.')) {
      target = &(*target)[std::string(rest.substr(0, dot))];
      rest.remove_prefix(dot + 1);
      if (!target->is_null() && !target->is_object()) target = nullptr;
    }
    if (!target) {  // `level` and `level.x` both given: `level` is a value, not an object
      const auto whole = name.substr(0, name.size() - rest.size() - 1);
      found.at({&t, row, c}, "csv-header",
               "`" + whole + "` is a column of its own, so `" + name + "` has no place; keep one of the two");
      continue;
    }
    (*target)[std::string(rest)] = std::move(*value);
  }
}

/// The tables of a folder, checked and made into a JSON document; `where(pointer)` then
/// places a problem of loads() on its table.
class assembler {
 public:
  /// `max_depth`: load_options::max_depth; a JSON cell sits at most six levels deep in the
  /// document (`/tasks/0/roles/0/extra`), so it may nest that much less.
  assembler(const std::vector<csv_file>& files, std::string_view label, problems& found, std::size_t max_depth)
      : found_(found), cell_depth_(max_depth > 7 ? max_depth - 6 : 1) {
    const auto& names = csv_table_names();
    for (const auto& f : files) {
      if (std::find(names.begin(), names.end(), f.name) == names.end()) {
        nearest near(f.name, 1);
        for (auto n : names) near.offer(n);
        const auto s = near.result();
        table t;
        t.file = label.empty() ? f.name : std::string(label) + "/" + f.name;
        found.add(t, 0, std::nullopt, "unknown-table",
                  "not a table of a danvan network (" + join(names) + ")" + (s.empty() ? "" : "; did you mean `" + s[0] + "`?"),
                  s.empty() ? "" : s[0]);
        continue;
      }
      tables_.emplace(f.name, parse(f, label, found));
    }
    for (auto& [name, t] : tables_) check_shape(name, t);
  }

  ojson document() {
    ojson doc = ojson::object();
    doc["danvan"] = std::string(format_version);
    if (const auto* t = find("network.csv"))
      for (std::size_t r = 0; r < t->rows.size(); ++r) network_field(doc, *t, r);
    if (const auto* t = find("role_definitions.csv"); t && !t->rows.empty()) {
      ojson list = ojson::array();
      for (std::size_t r = 0; r < t->rows.size(); ++r) {
        ojson d = ojson::object();
        set_fields(d, *t, r, {}, found_, cell_depth_);
        list.push_back(std::move(d));
      }
      doc["roles"] = std::move(list);
    }
    for (auto collection : entity_tables) {
      const auto* t = find(std::string(collection) + ".csv");
      if (!t || t->rows.empty()) continue;
      ojson list = ojson::array();
      const auto id = *t->column("id");
      for (std::size_t r = 0; r < t->rows.size(); ++r) {
        ojson e = ojson::object();
        set_fields(e, *t, r, {}, found_, cell_depth_);
        const auto& key = t->rows[r].fields[id];
        if (!key.empty()) ids_.emplace(key, std::pair{collection, r});
        list.push_back(std::move(e));
      }
      doc[std::string(collection)] = std::move(list);
    }
    roles(doc);
    evidence(doc);
    return doc;
  }

  /// The place of a JSON pointer of document(): a table's row, and its column when the
  /// pointer goes into one.
  [[nodiscard]] std::optional<place> where(std::string_view pointer) const {
    std::vector<std::string> tokens;
    for (std::size_t at = 1; at <= pointer.size() && !pointer.empty();) {
      const auto end = std::min(pointer.find('/', at), pointer.size());
      std::string token(pointer.substr(at, end - at));
      for (std::size_t i; (i = token.find("~1")) != std::string::npos;) token.replace(i, 2, "/");
      for (std::size_t i; (i = token.find("~0")) != std::string::npos;) token.replace(i, 2, "~");
      tokens.push_back(std::move(token));
      at = end + 1;
    }
    if (tokens.empty()) return std::nullopt;
    auto index = [&](std::size_t i) -> std::optional<std::size_t> {
      if (i >= tokens.size()) return std::nullopt;
      std::size_t n = 0;
      const auto r = std::from_chars(tokens[i].data(), tokens[i].data() + tokens[i].size(), n);
      if (r.ec != std::errc()) return std::nullopt;
      return n;
    };
    const auto& head = tokens[0];
    if (head == "danvan" || head == "meta" || head == "extra") {
      const auto* t = find("network.csv");
      if (!t) return std::nullopt;
      const std::string field = head == "meta" && tokens.size() > 1 ? "meta." + tokens[1] : head;
      const auto f = t->column("field");
      for (std::size_t r = 0; r < t->rows.size(); ++r)
        if (t->rows[r].fields[*f] == field) return place{t, r, t->column("value")};
      return std::nullopt;
    }
    if (head == "roles") {
      const auto r = index(1);
      const auto* t = find("role_definitions.csv");
      if (!r || !t || *r >= t->rows.size()) return std::nullopt;
      return place{t, *r, column_of(*t, tokens, 2)};
    }
    const auto* t = find(head + ".csv");
    const auto e = index(1);
    if (!t || !e || *e >= t->rows.size()) return std::nullopt;
    if (tokens.size() > 3 && tokens[2] == "roles") {
      const auto& list = role_rows(head, *e);
      const auto r = index(3);
      if (!r || *r >= list.size()) return place{t, *e, std::nullopt};
      if (tokens.size() > 5 && tokens[4] == "sources") return evidence_place(head, *e, *r + 1, tokens);
      return place{find("roles.csv"), list[*r], column_of(*find("roles.csv"), tokens, 4)};
    }
    if (tokens.size() > 3 && tokens[2] == "sources") return evidence_place(head, *e, 0, tokens);
    return place{t, *e, column_of(*t, tokens, 2)};
  }

 private:
  static std::string join(const std::vector<std::string_view>& names) {
    std::string s;
    for (auto n : names) s += (s.empty() ? "" : ", ") + std::string(n);
    return s;
  }

  const table* find(const std::string& name) const {
    const auto it = tables_.find(name);
    return it == tables_.end() ? nullptr : &it->second;
  }

  /// Rows the width of the header, the key columns there, no repeated column, no HXL row.
  void check_shape(const std::string& name, table& t) {
    for (std::size_t c = 0; c < t.header.size(); ++c)
      if (std::find(t.header.begin(), t.header.begin() + static_cast<std::ptrdiff_t>(c), t.header[c]) !=
          t.header.begin() + static_cast<std::ptrdiff_t>(c))
        found_.add(t, t.header_line, c, "csv-header", "repeated: a column appears once");
    std::vector<std::string_view> keys{"id"};
    if (name == "network.csv") keys = {"field", "value"};
    if (name == "role_definitions.csv") keys = {};
    if (name == "roles.csv") keys = {"target"};
    if (name == "evidence.csv") keys = {"of", "role_number"};
    // Roles and evidence have tables of their own; a column of them here would clash.
    std::vector<std::string_view> elsewhere{"roles", "sources"};
    if (name == "roles.csv") elsewhere = {"sources"};
    if (name == "evidence.csv" || name == "network.csv" || name == "role_definitions.csv") elsewhere.clear();
    for (std::size_t c = 0; c < t.header.size(); ++c)
      for (auto e : elsewhere)
        if (t.header[c] == e || t.header[c].starts_with(std::string(e) + "."))
          found_.add(t, t.header_line, c, "csv-header",
                     e == "roles" ? "roles go in roles.csv, a row per role" : "evidence goes in evidence.csv, a row per citation");
    for (auto k : keys)
      if (!t.column(k))
        found_.add(t, t.header_line, std::nullopt, "csv-missing-column",
                   "no `" + std::string(k) + "` column; the header row names the columns (`" + std::string(k) + "`, ...)");
    if (!t.rows.empty() && !t.rows[0].fields.empty() &&
        std::all_of(t.rows[0].fields.begin(), t.rows[0].fields.end(), [](const std::string& f) { return f.empty() || f[0] == '#'; }) &&
        std::any_of(t.rows[0].fields.begin(), t.rows[0].fields.end(), [](const std::string& f) { return !f.empty(); }))
      found_.add(t, t.rows[0].line, std::nullopt, "csv-hashtag-row",
                 "a row of HXL hashtags (`" + t.rows[0].fields[0] + "`, ...): the HXL 3W table is an export for HXL tools; "
                 "danvan reads back the tables of `danvan export --format csv`");
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      if (t.rows[r].fields.size() != t.header.size())
        found_.add(t, t.rows[r].line, std::nullopt, "csv-row-width",
                   std::to_string(t.rows[r].fields.size()) + " fields where the header has " + std::to_string(t.header.size()) +
                       " (a comma inside a value needs the value in double quotes)");
  }

  void network_field(ojson& doc, const table& t, std::size_t r) {
    const auto& row = t.rows[r].fields;
    const auto& field = row[*t.column("field")];
    const auto value_column = *t.column("value");
    const auto& cell = row[value_column];
    if (cell.empty()) return;
    const place at{&t, r, value_column};
    if (field == "danvan") {
      doc["danvan"] = cell;
    } else if (field == "extra" || field.starts_with("meta.")) {
      auto v = value_of(field, cell, at, found_, cell_depth_);
      if (!v) return;
      if (field == "extra") doc["extra"] = std::move(*v);
      else doc["meta"][field.substr(5)] = std::move(*v);
    } else {
      found_.at({&t, r, *t.column("field")}, "csv-unknown-field",
                "`" + field + "` is not a field of network.csv (danvan, meta.title, meta.description, meta.language, "
                "meta.classification, meta.as_of, meta.extra, extra)");
    }
  }

  /// The entity a role or evidence row names in `column`, with a problem when there is none.
  std::optional<std::pair<std::string_view, std::size_t>> entity(const table& t, std::size_t r, std::size_t column,
                                                                  bool work_only) {
    const auto& id = t.rows[r].fields[column];
    const auto it = ids_.find(id);
    const bool found = it != ids_.end() && (!work_only || it->second.first == "programs" || it->second.first == "tasks");
    if (found) return it->second;
    nearest near(id, 1);
    for (const auto& [candidate, at] : ids_)
      if (!work_only || at.first == "programs" || at.first == "tasks") near.offer(candidate);
    const auto s = near.result();
    found_.at({&t, r, column}, "unknown-reference",
              id.empty() ? std::string("empty: every row names its ") + (work_only ? "program or task" : "entity")
                         : "`" + id + "` is not " + (work_only ? "a program or task" : "an entity") + " of these tables" +
                               (s.empty() ? "" : "; did you mean `" + s[0] + "`?"),
              s.empty() ? "" : s[0]);
    return std::nullopt;
  }

  void roles(ojson& doc) {
    const auto* t = find("roles.csv");
    if (!t) return;
    const auto target = *t->column("target");
    for (std::size_t r = 0; r < t->rows.size(); ++r) {
      const auto e = entity(*t, r, target, true);
      if (!e) continue;
      ojson role = ojson::object();
      set_fields(role, *t, r, {"target"}, found_, cell_depth_);
      doc[std::string(e->first)][e->second]["roles"].push_back(std::move(role));
      role_rows_[{std::string(e->first), e->second}].push_back(r);
    }
  }

  void evidence(ojson& doc) {
    const auto* t = find("evidence.csv");
    if (!t) return;
    const auto of = *t->column("of"), number = *t->column("role_number");
    for (std::size_t r = 0; r < t->rows.size(); ++r) {
      const auto e = entity(*t, r, of, false);
      if (!e) continue;
      ojson cite = ojson::object();
      set_fields(cite, *t, r, {"of", "role_number"}, found_, cell_depth_);
      ojson* holder = &doc[std::string(e->first)][e->second];
      std::size_t n = 0;
      if (const auto& cell = t->rows[r].fields[number]; !cell.empty()) {
        const auto& list = role_rows(e->first, e->second);
        const auto res = std::from_chars(cell.data(), cell.data() + cell.size(), n);
        if (res.ec != std::errc() || res.ptr != cell.data() + cell.size() || n == 0 || n > list.size()) {
          found_.at({t, r, number}, "unknown-reference",
                    "`" + cell + "` is not the number of a role of `" + t->rows[r].fields[of] + "` (it has " +
                        std::to_string(list.size()) + " in roles.csv, numbered from 1)");
          continue;
        }
        holder = &(*holder)["roles"][n - 1];
      }
      (*holder)["sources"].push_back(std::move(cite));
      evidence_rows_[{std::string(e->first), e->second, n}].push_back(r);
    }
  }

  const std::vector<std::size_t>& role_rows(std::string_view collection, std::size_t entity) const {
    static const std::vector<std::size_t> none;
    const auto it = role_rows_.find({std::string(collection), entity});
    return it == role_rows_.end() ? none : it->second;
  }

  std::optional<place> evidence_place(const std::string& collection, std::size_t entity, std::size_t role_number,
                                      const std::vector<std::string>& tokens) const {
    const std::size_t at = role_number ? 5 : 3;  // the index of the citation
    const auto it = evidence_rows_.find({collection, entity, role_number});
    std::size_t i = 0;
    if (it == evidence_rows_.end() || std::from_chars(tokens[at].data(), tokens[at].data() + tokens[at].size(), i).ec != std::errc() ||
        i >= it->second.size())
      return std::nullopt;
    const auto* t = find("evidence.csv");
    return place{t, it->second[i], column_of(*t, tokens, at + 1)};
  }

  /// The column the pointer's tokens from `from` on name: the longest run of them that,
  /// joined by `.`, is a column (`period`/`start` is `period.start`).
  static std::optional<std::size_t> column_of(const table& t, const std::vector<std::string>& tokens, std::size_t from) {
    std::optional<std::size_t> best;
    std::string name;
    for (std::size_t i = from; i < tokens.size(); ++i) {
      name += (i == from ? "" : ".") + tokens[i];
      if (const auto c = t.column(name)) best = c;
    }
    return best;
  }

  problems& found_;
  std::size_t cell_depth_;
  std::map<std::string, table> tables_;
  std::map<std::string, std::pair<std::string_view, std::size_t>> ids_;  // id -> collection, row
  std::map<std::pair<std::string, std::size_t>, std::vector<std::size_t>> role_rows_;
  std::map<std::tuple<std::string, std::size_t, std::size_t>, std::vector<std::size_t>> evidence_rows_;
};

}  // namespace
}  // namespace detail::csv

network from_csv_tables(const std::vector<csv_file>& tables, std::string_view label, const load_options& options) {
  using namespace detail::csv;
  problems found(options.max_problems);
  assembler tables_read(tables, label, found, options.max_depth);
  found.throw_if_any();  // a table that is not one: its rows are not read further
  const ojson doc = tables_read.document();
  found.throw_if_any();
  const std::string text = doc.dump(-1, ' ', false, ojson::error_handler_t::strict);
  try {
    return loads(text, label.empty() ? "<csv tables>" : label, options);
  } catch (const validation_error& e) {
    // The JSON reader's problems, each placed on the row and column it came from.
    for (const auto& p : e.problems()) {
      if (const auto at = tables_read.where(p.path)) {
        found.at(*at, p.rule, p.message, p.suggestion);
      } else {
        found.add(p);
      }
    }
    found.count(e.total() - e.problems().size());
    found.throw_if_any();
    throw;
  } catch (const parse_error& e) {
    // Not expected (the document is made here, its JSON cells' depth checked); said, not
    // thrown as a syntax error in a text the caller never saw.
    problem p = e.where();
    p.file = label.empty() ? "<csv tables>" : std::string(label);
    p.line = p.column = 0;
    throw validation_error({std::move(p)}, 1);
  }
}

network load_csv(const std::filesystem::path& folder, const load_options& options) {
  namespace fs = std::filesystem;
  detail::check_file_name(folder);
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw io_error(folder.string(), fs::exists(folder, ec) ? "is not a folder of CSV tables" : "no such folder",
                   std::make_error_code(fs::exists(folder, ec) ? std::errc::not_a_directory : std::errc::no_such_file_or_directory));
  std::vector<csv_file> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".csv")
      files.push_back({entry.path().filename().string(), read_file(entry.path(), "a CSV table")});
  if (files.empty())
    throw io_error(folder.string(), "holds no CSV table (network.csv, organizations.csv, tasks.csv, roles.csv, ...)");
  std::sort(files.begin(), files.end(), [](const csv_file& a, const csv_file& b) { return a.name < b.name; });
  return from_csv_tables(files, folder.string(), options);
}

}  // namespace danvan

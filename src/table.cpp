#include <danvan/network.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/table.hpp>

#include <charconv>
#include <ostream>

namespace danvan {

std::size_t column::rows() const noexcept {
  switch (kind) {
    case column_kind::integer: return integers.size();
    case column_kind::number: return numbers.size();
    case column_kind::boolean: return booleans.size();
    case column_kind::text: return text_ends.size();
    case column_kind::reference: return positions.size();
    case column_kind::code: return codes.size();
    case column_kind::date: return dates.size();
    case column_kind::text_list:
    case column_kind::reference_list: return list_ends.size();
  }
  return 0;
}

void column::push_text(std::string_view value) {
  chars.append(value);
  text_ends.push_back(chars.size());
}

std::string_view column::id(const network& net, std::size_t k) const {
  return positions[k] == no_index ? std::string_view{} : net.id_of(of, positions[k]);
}

void table::add(column c) {
  for (const auto& other : columns_)
    if (other.name == c.name) throw argument_error("table: a second column named `" + c.name + "`");
  if (!columns_.empty() && c.rows() != rows())
    throw argument_error("table: column `" + c.name + "` has " + std::to_string(c.rows()) + " rows, the table " +
                         std::to_string(rows()));
  columns_.push_back(std::move(c));
}

const column& table::at(std::string_view name) const {
  std::string known;
  for (const auto& c : columns_) {
    if (c.name == name) return c;
    known += (known.empty() ? "" : ", ") + c.name;
  }
  throw argument_error("table: no column `" + std::string(name) + "` (columns: " + (known.empty() ? "none" : known) + ")");
}

std::string_view entity_name(const network& net, entity_kind kind, index position) {
  switch (kind) {
    case entity_kind::area: return net.areas()[position].name();
    case entity_kind::topic: return net.topics()[position].name();
    case entity_kind::organization: return net.organizations()[position].name();
    case entity_kind::document: return net.documents()[position].name();
    case entity_kind::program: return net.programs()[position].name();
    case entity_kind::task: return net.tasks()[position].name();
    case entity_kind::event: return net.events()[position].name();
    case entity_kind::source: return net.sources()[position].name();
  }
  return {};
}

namespace {

/// Appends `s` as one CSV field: quoted when it holds a comma, quote, CR or LF.
void append_field(std::string& line, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    line += s;
    return;
  }
  line += '"';
  for (char c : s) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

/// The text of cell `row` of `c`, before quoting.
std::string cell(const column& c, std::size_t row, const network* net) {
  switch (c.kind) {
    case column_kind::integer: return std::to_string(c.integers[row]);
    case column_kind::number: {
      char buf[32];
      return std::string(buf, std::to_chars(buf, buf + sizeof buf, c.numbers[row]).ptr);
    }
    case column_kind::boolean: return c.booleans[row] ? "true" : "false";
    case column_kind::text: return std::string(c.text(row));
    case column_kind::reference: return std::string(c.id(*net, row));
    case column_kind::code: return c.codes[row] == no_code ? std::string() : c.words.at(c.codes[row]);
    case column_kind::date: return c.dates[row].to_string();
    case column_kind::text_list:
    case column_kind::reference_list: {
      std::string joined;
      const auto [first, last] = c.values(row);
      for (std::size_t k = first; k < last; ++k) {
        if (k > first) joined += ';';
        joined += c.kind == column_kind::text_list ? c.text(k) : c.id(*net, k);
      }
      return joined;
    }
  }
  return {};
}

}  // namespace

void write_csv(std::ostream& out, const table& t, const network* net) {
  std::string line;
  for (const auto& c : t.columns()) {
    if (!net && (c.kind == column_kind::reference || c.kind == column_kind::reference_list))
      throw argument_error("write_csv: column `" + c.name + "` refers to entities: give the network that resolves them");
    if (&c != &t.columns().front()) line += ',';
    append_field(line, c.name);
  }
  out << line << '\n';
  for (std::size_t row = 0; row < t.rows(); ++row) {
    line.clear();
    for (std::size_t i = 0; i < t.columns().size(); ++i) {
      if (i > 0) line += ',';
      append_field(line, cell(t.columns()[i], row, net));
    }
    out << line << '\n';
  }
}

}  // namespace danvan

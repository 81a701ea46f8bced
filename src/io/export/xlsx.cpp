// write_xlsx(): the network's tables as a workbook (libxlsxwriter), one sheet per
// entity kind and one of roles, names beside ids.
#include <danvan/error.hpp>
#include <danvan/io/export.hpp>
#include <danvan/io/file.hpp>
#include <danvan/network.hpp>
#include <danvan/query/argument_error.hpp>
#include <danvan/tables.hpp>

#include <xlsxwriter.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>

namespace danvan {
namespace {

/// A temporary file that libxlsxwriter writes (it writes to a file name only), removed
/// when done whatever happens.
struct scratch_file {
  std::string path;
  scratch_file() {
    path = (std::filesystem::temp_directory_path() / "danvan-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) throw io_error(path, "cannot create a temporary file for the workbook");
    ::close(fd);
  }
  ~scratch_file() { std::filesystem::remove(path); }
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;
};

/// One sheet being written row by row (constant-memory mode writes rows in order).
class sheet {
 public:
  sheet(lxw_workbook* book, const char* name, lxw_format* header) : ws_(workbook_add_worksheet(book, name)), header_(header) {
    if (!ws_) throw io_error(name, "libxlsxwriter could not add the sheet");
  }

  void head(std::string_view title) { cell(header_, title); }
  void text(std::string_view s) { cell(nullptr, s); }
  void number(double x) {
    if (std::isfinite(x)) worksheet_write_number(ws_, row_, col_, x, nullptr);
    ++col_;
  }
  void boolean(bool b) {
    worksheet_write_boolean(ws_, row_, col_++, b, nullptr);
  }
  void next_row() {
    ++row_;
    col_ = 0;
    if (row_ >= LXW_ROW_MAX)
      throw argument_error("xlsx: a sheet holds at most " + std::to_string(LXW_ROW_MAX) +
                           " rows; export the network as hxl or its tables as CSV instead");
  }
  void done() { worksheet_freeze_panes(ws_, 1, 0); }

 private:
  void cell(lxw_format* format, std::string_view s) {
    if (!s.empty()) worksheet_write_string(ws_, row_, col_, std::string(s).c_str(), format);
    ++col_;
  }
  lxw_worksheet* ws_;
  lxw_format* header_;
  lxw_row_t row_ = 0;
  lxw_col_t col_ = 0;
};

/// A table as a sheet: a reference as its id and, in the next column, the name; lists
/// and dates as text; numbers and booleans as such.
void write_table(sheet& s, const table& t, const network& net) {
  for (const auto& c : t.columns()) {
    s.head(c.name);
    if (c.kind == column_kind::reference) s.head(c.name + "_name");
  }
  for (std::size_t r = 0; r < t.rows(); ++r) {
    s.next_row();
    for (const auto& c : t.columns()) switch (c.kind) {
        case column_kind::integer: s.number(static_cast<double>(c.integers[r])); break;
        case column_kind::number: s.number(c.numbers[r]); break;
        case column_kind::boolean: s.boolean(c.booleans[r] != 0); break;
        case column_kind::text: s.text(c.text(r)); break;
        case column_kind::reference:
          s.text(c.id(net, r));
          s.text(c.positions[r] == no_index ? std::string_view{} : entity_name(net, c.of, c.positions[r]));
          break;
        default: s.text(c.to_text(r, &net));
      }
  }
  s.done();
}

/// The roles as people read them: who, which role, on what, with the names.
void write_roles(sheet& s, const network& net) {
  for (const char* h : {"org", "org_name", "role", "raci", "target_kind", "target", "target_name", "classification",
                        "valid_from", "valid_to"})
    s.head(h);
  for (const auto& r : net.roles()) {
    s.next_row();
    s.text(r.org().id());
    s.text(r.org().name());
    s.text(r.role_name());
    s.text(to_string(r.letter()));
    s.text(to_string(r.target_kind()));
    s.text(net.id_of(r.target_kind(), r.target()));
    s.text(entity_name(net, r.target_kind(), r.target()));
    s.text(to_string(r.classification()));
    s.text(r.valid_from().to_string());
    s.text(r.valid_to().to_string());
  }
  s.done();
}

}  // namespace

void write_xlsx(std::ostream& out, const network& net) {
  const scratch_file file;
  lxw_workbook_options options{};
  options.constant_memory = 1;
  options.use_zip64 = 1;
  lxw_workbook* book = workbook_new_opt(file.path.c_str(), &options);
  if (!book) throw io_error(file.path, "libxlsxwriter could not start the workbook");
  try {
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    constexpr entity_kind kinds[] = {entity_kind::organization, entity_kind::area,     entity_kind::topic,
                                     entity_kind::document,     entity_kind::program,  entity_kind::task,
                                     entity_kind::event,        entity_kind::source};
    for (const auto kind : kinds) {
      const std::string name(to_string(kind));
      sheet s(book, (name + "s").c_str(), bold);
      write_table(s, entity_table(net, kind), net);
    }
    sheet roles(book, "roles", bold);
    write_roles(roles, net);
  } catch (...) {
    workbook_close(book);
    throw;
  }
  if (const lxw_error e = workbook_close(book); e != LXW_NO_ERROR)
    throw io_error(file.path, std::string("libxlsxwriter could not write the workbook: ") + lxw_strerror(e));
  out << read_file(file.path, "the workbook");
}

}  // namespace danvan

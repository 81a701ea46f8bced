// danvan extract FILE — drafts network entries (documents, organizations,
// programs, periods, districts, roles) from the plain text of a report.
#include "command.hpp"
#include "common.hpp"

#include <danvan/io/file.hpp>
#include <danvan/error.hpp>
#include <danvan/table.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>

namespace danvan::cli {
namespace {

struct extract_cli_options {
  std::string file;
  std::string network;
  std::string as_of;
  std::string gazetteer;
  std::string out;
  std::string format;
  std::string source_id;
  std::string title;
  std::string date;
  double min_confidence = 0;
  int default_year = 0;
  bool reject_invalid = false;
};

/// `text` cut to `width` code points (with an ellipsis), line breaks as spaces.
std::string cell(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0u) != 0x80u) {
      if (n == width) {
        out += "…";
        break;
      }
      ++n;
    }
    out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : text[i]);
  }
  return out;
}

/// The items as a terminal's table: kind, span, confidence, the text and the name cut short.
table item_table(const std::vector<text::extracted_item>& items) {
  column kind("kind", column_kind::text), span("span", column_kind::text), conf("conf", column_kind::number);
  column said("text", column_kind::text), name("name", column_kind::text);
  for (const auto& i : items) {
    kind.push_text(text::to_string(i.kind));
    span.push_text(std::to_string(i.span.begin) + "-" + std::to_string(i.span.end));
    conf.numbers.push_back(std::round(i.confidence * 100) / 100);
    said.push_text(cell(i.text, 40));
    name.push_text(cell(i.kind == text::item_kind::role ? i.name + " ← " + i.org : i.name, 60));
  }
  table t;
  for (auto* c : {&kind, &span, &conf, &said, &name}) t.add(std::move(*c));
  return t;
}

json item_json(const text::extracted_item& i) {
  json j = json::object();
  j["kind"] = std::string(text::to_string(i.kind));
  j["span"] = json::array({i.span.begin, i.span.end});
  j["text"] = i.text;
  j["confidence"] = std::round(i.confidence * 1000) / 1000;
  j["id"] = i.id;
  j["name"] = i.name;
  j["category"] = i.category;
  if (!i.period.empty())
    j["period"] = (i.period.start.empty() ? std::string("..") : i.period.start.to_string()) + "/" +
                  (i.period.end.empty() ? std::string("..") : i.period.end.to_string());
  if (i.kind == text::item_kind::role) {
    j["org"] = i.org;
    j["org_span"] = json::array({i.org_span.begin, i.org_span.end});
  }
  j["source"] = i.source;
  return j;
}

int run(const extract_cli_options& opt, const streams& io) {
  std::optional<date> as_of;
  if (!read_as_of(opt.as_of, "extract", io.err, as_of)) return usage;
  // The text.
  std::string text;
  const std::string label = opt.file == "-" ? std::string("<stdin>") : opt.file;
  if (opt.file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (std::cin.bad()) {
      io.err << "danvan extract: " << label << ": could not read standard input\n";
      return usage;
    }
  } else {
    try {
      text = read_file(opt.file, "the report");
    } catch (const io_error& e) {
      io.err << "danvan extract: " << e.what() << '\n';
      return usage;
    }
  }

  // The network whose names to recognize.
  std::optional<load_outcome> net;
  if (!opt.network.empty()) {
    net = load_file(opt.network);
    take_as_of(*net, as_of);
    if (!net->net) {
      for (const auto& p : net->problems) io.err << p.to_string() << '\n';
      if (auto note = more_problems_note(*net); !note.empty()) io.err << net->file << ": " << note << '\n';
      return net->io_failed ? usage : failure;
    }
  }

  // The gazetteer.
  std::optional<text::gazetteer> gaz;
  try {
    gaz = opt.gazetteer.empty() ? text::gazetteer::builtin() : text::gazetteer::load(opt.gazetteer);
  } catch (const io_error& e) {
    io.err << "danvan extract: " << e.what() << '\n';
    return usage;
  } catch (const validation_error& e) {
    for (const auto& p : e.problems()) io.err << p.to_string() << '\n';
    return failure;
  } catch (const parse_error& e) {
    io.err << e.what() << '\n';
    return failure;
  }

  text::extract_options o;
  o.network = net ? &*net->net : nullptr;
  o.gazetteer = &*gaz;
  o.source_id = opt.source_id;
  o.source_title = opt.title.empty() && opt.file != "-" ? std::filesystem::path(opt.file).filename().string() : opt.title;
  if (!opt.date.empty()) {
    const auto d = date::parse(opt.date);
    if (!d) {
      io.err << "danvan extract: --date must be an ISO date (2023, 2023-09 or 2023-09-16), not `" << opt.date << "`\n";
      return usage;
    }
    o.source_date = *d;
  }
  o.min_confidence = opt.min_confidence;
  o.default_year = opt.default_year;
  o.invalid = opt.reject_invalid ? text::invalid_utf8::reject : text::invalid_utf8::replace;
  if (!o.source_id.empty() && o.source_id.rfind("src:", 0) != 0) {
    io.err << "danvan extract: --source-id must start with `src:`\n";
    return usage;
  }

  text::draft d;
  // Progress for people: a note while a long text is read, when stderr is a terminal.
  const bool note = text.size() >= (std::size_t{1} << 20) && ::isatty(STDERR_FILENO);
  const auto t0 = std::chrono::steady_clock::now();
  if (note) io.err << "danvan extract: reading " << label << " (" << (text.size() >> 10) << " KB) ..." << std::flush;
  try {
    d = text::extract(text, o);
  } catch (const text::invalid_utf8_error& e) {
    if (note) io.err << '\n';
    io.err << label << ": " << e.what() << '\n';
    return failure;
  }
  if (note) io.err << ' ' << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";

  if (!opt.out.empty()) {
    try {
      save(d.network(), opt.out);
    } catch (const io_error& e) {
      io.err << "danvan extract: " << e.what() << '\n';
      return usage;
    }
  }

  std::size_t counts[7] = {};
  for (const auto& i : d.items()) ++counts[static_cast<std::size_t>(i.kind)];
  if (opt.format == "table") {
    write_text(io.out, item_table(d.items()));
  } else if (opt.format == "items") {
    json all = json::array();
    for (const auto& i : d.items()) all.push_back(item_json(i));
    io.out << dump(all) << '\n';
  } else if (opt.out.empty()) {
    io.out << d.dumps();
  }
  io.out.flush();
  io.err << label << ": " << count_of(counts[1], "organization") << ", " << count_of(counts[0], "document") << ", "
         << count_of(counts[2], "program") << ", " << count_of(counts[3], "period") << ", "
         << count_of(counts[4], "district") << ", " << count_of(counts[6], "province") << ", "
         << count_of(counts[5], "role");
  if (!opt.out.empty()) io.err << "; draft written to " << opt.out;
  io.err << '\n';
  return success;
}

runner setup(CLI::App& app) {
  auto opt = std::make_shared<extract_cli_options>();
  app.add_option("file", opt->file, "Report text, UTF-8 (`-` reads standard input)")->required()->type_name("FILE");
  app.add_option("--network", opt->network, "A network whose names, aliases and areas to recognize (its ids are reused)")
      ->type_name("NET.json");
  add_as_of_option(app, opt->as_of, "Recognize the --network as of this day (names and bodies of that day)");
  app.add_option("--gazetteer", opt->gazetteer, "Gazetteer directory or file (default: the one shipped with danvan)")
      ->type_name("DIR");
  app.add_option("--out", opt->out, "Write the draft network here (atomically)")->type_name("DRAFT.json");
  add_format_option(app, opt->format, {"json", "table", "items"});
  app.add_option("--source-id", opt->source_id, "Id of the source entry (default: src:text- and the SHA-256's first digits)")
      ->type_name("ID");
  app.add_option("--title", opt->title, "Title of the source (default: the file name)")->type_name("TEXT");
  app.add_option("--date", opt->date, "Date of the source (ISO: 2023, 2023-09, 2023-09-16)")->type_name("DATE");
  app.add_option("--min-confidence", opt->min_confidence, "Drop items below this confidence")
      ->check(CLI::Range(0.0, 1.0))
      ->default_str("0");
  app.add_option("--default-year", opt->default_year, "Year for `quý III` or `6 tháng đầu năm` written without one")
      ->type_name("YEAR");
  app.add_flag("--reject-invalid-utf8", opt->reject_invalid, "Fail on ill-formed UTF-8 instead of replacing it");
  app.footer(
      "Prints the draft network as danvan JSON (--format json, unless --out is given), a table\n"
      "of the items found (--format table) or the items as a JSON array (--format items), and\n"
      "a count of items on stderr. Every item carries its span of the text (code points) and a\n"
      "confidence; the draft cites the text by its SHA-256. See docs/extraction.md.\n"
      "Exit status: 0 done, 1 invalid --network or gazetteer, or ill-formed UTF-8 with\n"
      "--reject-invalid-utf8; 2 usage error or a file that cannot be read or written.");
  return [opt](const streams& io) { return run(*opt, io); };
}

const registration reg{{"extract", "Draft network entries from the text of a report", 60, setup, "danvan extract report.txt --network data/haiduong-2023.json --out draft.json"}};

}  // namespace
}  // namespace danvan::cli

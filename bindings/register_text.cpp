// The Vietnamese text layer: normalization and search keys, document
// references, dates and periods, the fuzzy name index. The Pythonic layer
// (docstrings with examples, InvalidUtf8Error) is python/danvan/text.py.
#include <danvan/text/normalize.hpp>
#include <danvan/text/periods.hpp>
#include <danvan/text/reference.hpp>
#include <danvan/text/search.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

using namespace danvan::text;

invalid_utf8 policy(const std::string& name) {
  if (name == "replace") return invalid_utf8::replace;
  if (name == "reject") return invalid_utf8::reject;
  throw py::value_error("invalid must be 'replace' or 'reject', not '" + name + "'");
}

std::optional<date> opt(date d) { return d.empty() ? std::nullopt : std::optional<date>(d); }

const char* form_name(reference_form f) { return f == reference_form::party ? "party" : "state"; }

reference_form form_of(const std::string& name) {
  if (name == "party") return reference_form::party;
  if (name == "state") return reference_form::state;
  throw py::value_error("form must be 'party' or 'state', not '" + name + "'");
}

py::object recurrence_name(recurrence r) {
  return r == recurrence::none ? py::object(py::none()) : py::object(word(danvan::to_string(r)));
}

const char* match_kind_name(match_kind k) {
  switch (k) {
    case match_kind::exact: return "exact";
    case match_kind::prefix: return "prefix";
    case match_kind::tokens: return "tokens";
    case match_kind::edit: return "edit";
  }
  return "edit";
}

std::string repr(const document_reference& r) {
  std::string s = "DocumentReference(" + r.key;
  if (!r.issuing_body.empty()) s += ", " + r.issuing_body;
  return s + ", span=(" + std::to_string(r.span.begin) + ", " + std::to_string(r.span.end) + "))";
}

std::string repr(const period_match& m) {
  std::string s = std::string("PeriodMatch(") + std::string(danvan::to_string(m.kind));
  if (!m.value.start.empty()) s += ", " + m.value.start.to_string();
  if (!m.value.end.empty() && !(m.value.end == m.value.start)) s += ".." + m.value.end.to_string();
  return s + ", span=(" + std::to_string(m.span.begin) + ", " + std::to_string(m.span.end) + "))";
}

std::vector<fuzzy_entry> entries_of(const py::iterable& names) {
  std::vector<fuzzy_entry> entries;
  std::size_t i = 0;
  for (const py::handle h : names) {
    if (py::isinstance<py::str>(h)) {
      entries.push_back({h.cast<std::string>(), i});
    } else {
      const auto pair = h.cast<py::tuple>();
      if (pair.size() != 2)
        throw py::value_error("FuzzyIndex: entry " + std::to_string(i) + " must be a name or a (name, item) pair");
      entries.push_back({pair[0].cast<std::string>(), pair[1].cast<std::size_t>()});
    }
    ++i;
  }
  return entries;
}

}  // namespace

void register_text(py::module_& m) {
  // invalid_utf8_error becomes danvan.text.InvalidUtf8Error (a danvan.Error and a
  // ValueError, with `.offset`), defined in Python; without the package, a ValueError.
  py::register_exception_translator([](std::exception_ptr p) {
    if (!p) return;
    try {
      std::rethrow_exception(p);
    } catch (const invalid_utf8_error& e) {
      try {
        const py::object cls = py::module_::import("danvan.text").attr("InvalidUtf8Error");
        const py::object exc = cls(e.what(), e.offset());
        PyErr_SetObject(cls.ptr(), exc.ptr());
      } catch (py::error_already_set&) {
        PyErr_SetString(PyExc_ValueError, e.what());
      }
    }
  });

  m.def(
      "normalize",
      [](const std::string& text, const std::string& invalid, bool vietnamese_eth, bool tone_marks,
         bool join_split_words, bool fold_punctuation, bool drop_ignorables, bool collapse_whitespace,
         bool keep_line_breaks) {
        const normalize_options o{.invalid = policy(invalid), .vietnamese_eth = vietnamese_eth, .tone_marks = tone_marks,
                                  .join_split_words = join_split_words, .fold_punctuation = fold_punctuation,
                                  .drop_ignorables = drop_ignorables, .collapse_whitespace = collapse_whitespace,
                                  .keep_line_breaks = keep_line_breaks};
        py::gil_scoped_release release;
        return normalize(text, o);
      },
      py::arg("text"), py::kw_only(), py::arg("invalid") = "replace", py::arg("vietnamese_eth") = true,
      py::arg("tone_marks") = true, py::arg("join_split_words") = true, py::arg("fold_punctuation") = true,
      py::arg("drop_ignorables") = true, py::arg("collapse_whitespace") = true, py::arg("keep_line_breaks") = false,
      "Normalized text (str or UTF-8 bytes in, str out); see danvan.text.normalize.");
  m.def(
      "search_key",
      [](const std::string& text, const std::string& invalid) {
        const auto p = policy(invalid);
        py::gil_scoped_release release;
        return search_key(text, p);
      },
      py::arg("text"), py::kw_only(), py::arg("invalid") = "replace",
      "Case- and accent-insensitive key; see danvan.text.search_key.");
  m.def(
      "find_invalid_utf8",
      [](const std::string& bytes) -> std::optional<std::size_t> {
        const auto at = find_invalid_utf8(bytes);
        return at == std::string::npos ? std::nullopt : std::optional<std::size_t>(at);
      },
      py::arg("data"), "Byte offset of the first ill-formed UTF-8 sequence, or None.");
  m.def("count_code_points", [](const std::string& bytes) { return count_code_points(bytes); }, py::arg("data"),
        "Code points in UTF-8 bytes, each ill-formed sequence counting as one.");

  py::class_<document_reference>(m, "DocumentReference",
                                 "A reference to a Party or State document found in text; see danvan.text.")
      .def(py::init([](const std::string& type, const std::string& number, const std::string& issuer,
                       const std::string& form, py::handle date_value, int number_year, const std::string& type_name,
                       const std::string& issuing_body, int term, const std::string& date_text) {
             document_reference r;
             r.type = type;
             r.number = number;
             r.issuer = issuer;
             r.form = form_of(form);
             r.date = as_date(date_value, true);
             r.number_year = number_year;
             r.type_name = type_name;
             r.issuing_body = issuing_body;
             r.term = term;
             r.date_text = date_text;
             r.issuers = issuing_bodies(issuer);
             r.key = reference_key(r);
             return r;
           }),
           py::kw_only(), py::arg("type"), py::arg("number"), py::arg("issuer"), py::arg("form") = "party",
           py::arg("date") = py::none(), py::arg("number_year") = 0, py::arg("type_name") = "",
           py::arg("issuing_body") = "", py::arg("term") = 0, py::arg("date_text") = "",
           "A reference built from its fields (for format_reference); the key is computed.")
      .def_readonly("type", &document_reference::type, "Abbreviation: KL, CT, NQ, QĐ, QĐi, QC, CTr, ...")
      .def_readonly("type_name", &document_reference::type_name, "The Vietnamese name written before the number.")
      .def_readonly("code", &document_reference::code, "The whole number, canonical: 44-KL/TW, 60/2013/NĐ-CP.")
      .def_readonly("number", &document_reference::number)
      .def_readonly("number_year", &document_reference::number_year)
      .def_readonly("issuer", &document_reference::issuer, "As the number writes it: TW, UBND-NC, BDVTU-BCHQST-CAT.")
      .def_readonly("issuers", &document_reference::issuers,
                    "The issuing bodies the issuer names: ['BDVTU', 'BCHQST', 'CAT'], ['UBND'] for UBND-NC.")
      .def_property_readonly("form", [](const document_reference& r) { return form_name(r.form); },
                             "'party' (NN-TYPE/ISSUER) or 'state' (NN/YYYY/TYPE-ISSUER).")
      .def_property_readonly("date", [](const document_reference& r) { return opt(r.date); },
                             "A danvan.Date at the precision written, or None.")
      .def_readonly("date_text", &document_reference::date_text)
      .def_readonly("issuing_body", &document_reference::issuing_body)
      .def_readonly("term", &document_reference::term, "khóa; 0 when not stated.")
      .def_readonly("key", &document_reference::key, "Identity of the document: kl-44-tw-2022.")
      .def_readonly("key_from_context", &document_reference::key_from_context)
      .def_property_readonly("span", [](const document_reference& r) { return span_tuple(r.span); },
                             "(begin, end) in code points: text[begin:end] is the reference.")
      .def_property_readonly("byte_span", [](const document_reference& r) { return span_tuple(r.byte_span); },
                             "(begin, end) in bytes of the UTF-8 text.")
      .def("__repr__", [](const document_reference& r) { return repr(r); })
      .def("__eq__", [](const document_reference& a, const document_reference& b) {
        return a.key == b.key && a.code == b.code && a.date == b.date && a.issuing_body == b.issuing_body &&
               a.term == b.term && a.type_name == b.type_name && a.span == b.span && a.byte_span == b.byte_span &&
               a.date_text == b.date_text && a.key_from_context == b.key_from_context;
      }, py::is_operator());

  m.def(
      "parse_reference",
      [](const std::string& text) { return parse_reference(text); }, py::arg("text"),
      "The reference that starts `text`, or None; see danvan.text.parse_reference.");
  m.def(
      "scan_references",
      [](const std::string& text, const std::string& invalid) {
        const auto p = policy(invalid);
        py::gil_scoped_release release;
        return scan_references(text, p);
      },
      py::arg("text"), py::kw_only(), py::arg("invalid") = "replace", "Every reference in `text`, in order.");
  m.def("format_reference", &format_reference, py::arg("reference"), "Canonical text of a reference.");
  m.def("reference_key", &reference_key, py::arg("reference"), "The key of a reference, from its fields.");
  m.def(
      "document_type_name",
      [](const std::string& type, const std::string& form) { return std::string(document_type_name(type, form_of(form))); },
      py::arg("type"), py::arg("form") = "party", "KL → Kết luận; '' when unknown.");
  m.def("document_type_from_name", &document_type_from_name, py::arg("name"), "Kết luận → KL; '' when unknown.");

  py::class_<period_match>(m, "PeriodMatch", "A date or period found in text; see danvan.text.scan_periods.")
      .def_property_readonly("kind", [](const period_match& p) { return danvan::to_string(p.kind); },
                             "'date', 'year', 'range', 'months', 'quarter' or 'recurrence'.")
      .def_property_readonly("period", [](const period_match& p) { return p.value; }, "A danvan.Period.")
      .def_property_readonly("start", [](const period_match& p) { return opt(p.value.start); })
      .def_property_readonly("end", [](const period_match& p) { return opt(p.value.end); })
      .def_property_readonly("precision", [](const period_match& p) { return danvan::to_string(p.precision); })
      .def_property_readonly("recurrence", [](const period_match& p) { return recurrence_name(p.repeats); },
                             "'daily', 'weekly', 'monthly', 'quarterly', 'yearly', or None.")
      .def_property_readonly("months", [](const period_match& p) -> py::object {
        if (p.first_month == 0) return py::none();
        return py::make_tuple(p.first_month, p.last_month);
      }, "(first, last) month for 'months' and 'quarter', else None.")
      .def_property_readonly("span", [](const period_match& p) { return span_tuple(p.span); })
      .def_property_readonly("byte_span", [](const period_match& p) { return span_tuple(p.byte_span); })
      .def("__repr__", [](const period_match& p) { return repr(p); });

  m.def(
      "scan_periods",
      [](const std::string& text, int default_year, const std::string& invalid) {
        period_options o;
        o.default_year = default_year;
        o.invalid = policy(invalid);
        py::gil_scoped_release release;
        return scan_periods(text, o);
      },
      py::arg("text"), py::kw_only(), py::arg("default_year") = 0, py::arg("invalid") = "replace",
      "Every date and period in `text`, in order.");

  py::class_<fuzzy_match>(m, "FuzzyMatch", "One candidate of FuzzyIndex.find().")
      .def_readonly("item", &fuzzy_match::item)
      .def_readonly("score", &fuzzy_match::score)
      .def_readonly("name_index", &fuzzy_match::name_index)
      .def_readonly("name", &fuzzy_match::name)
      .def_property_readonly("kind", [](const fuzzy_match& f) { return match_kind_name(f.kind); },
                             "'exact', 'prefix', 'tokens' or 'edit'.")
      .def("__repr__", [](const fuzzy_match& f) {
        return "FuzzyMatch(item=" + std::to_string(f.item) + ", score=" + std::to_string(f.score).substr(0, 5) +
               ", name='" + f.name + "', kind='" + match_kind_name(f.kind) + "')";
      });

  py::class_<fuzzy_index>(m, "FuzzyIndex", "Immutable ranked name index; see danvan.text.FuzzyIndex.")
      .def(py::init([](const py::iterable& names) { return fuzzy_index(entries_of(names)); }), py::arg("names"),
           "From names (item = position) or (name, item) pairs.")
      .def("find", &fuzzy_index::find, py::arg("query"), py::arg("limit") = 10,
           py::call_guard<py::gil_scoped_release>(), "At most `limit` items, best first.")
      .def("__len__", &fuzzy_index::size)
      .def("name", &fuzzy_index::name, py::arg("index"))
      .def("item", &fuzzy_index::item, py::arg("index"))
      .def("key", &fuzzy_index::key, py::arg("index"));
}

}  // namespace danvan::bindings

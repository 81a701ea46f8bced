// Extraction of draft network entries from report text, and the gazetteer it
// reads names with. The Pythonic layer (danvan.extract, danvan.Draft) is in
// python/danvan/extract.py over these.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <danvan/network.hpp>
#include <danvan/text/extract.hpp>
#include <danvan/text/gazetteer.hpp>

#include <memory>
#include <optional>
#include <string>

#include "convert.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace danvan::bindings {

namespace {

using text::draft;
using text::extracted_item;
using text::gazetteer;

/// A Python str (as UTF-8, lone surrogates kept so that they count as one
/// replaced code point each) or bytes, as C++ bytes.
std::string text_bytes(const py::handle& text) {
  if (py::isinstance<py::bytes>(text)) return text.cast<std::string>();
  if (py::isinstance<py::bytearray>(text)) return py::bytearray(py::reinterpret_borrow<py::object>(text)).cast<std::string>();
  if (!py::isinstance<py::str>(text)) throw py::type_error("extract() takes the text as str or bytes");
  PyObject* b = PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogatepass");
  if (!b) throw py::error_already_set();
  const auto bytes = py::reinterpret_steal<py::bytes>(b);
  return bytes.cast<std::string>();
}

}  // namespace

void register_extract(py::module_& m) {
  py::class_<extracted_item>(m, "ExtractedItem", "Core of danvan.extract's items: one thing found in a text.")
      .def_property_readonly("kind", [](const extracted_item& i) { return std::string(text::to_string(i.kind)); })
      .def_property_readonly("span", [](const extracted_item& i) { return span_tuple(i.span); })
      .def_property_readonly("byte_span", [](const extracted_item& i) { return span_tuple(i.byte_span); })
      .def_readonly("text", &extracted_item::text)
      .def_readonly("confidence", &extracted_item::confidence)
      .def_readonly("id", &extracted_item::id)
      .def_readonly("name", &extracted_item::name)
      .def_readonly("category", &extracted_item::category)
      .def_property_readonly("period", [](const extracted_item& i) -> std::optional<period> {
        if (i.period.empty()) return std::nullopt;
        return i.period;
      })
      .def_readonly("org", &extracted_item::org)
      .def_property_readonly("org_span", [](const extracted_item& i) -> py::object {
        if (i.org.empty()) return py::none();
        return span_tuple(i.org_span);
      })
      .def_readonly("source", &extracted_item::source)
      .def("__repr__", [](const extracted_item& i) {
        return "ExtractedItem(" + std::string(text::to_string(i.kind)) + ", [" + std::to_string(i.span.begin) + ", " +
               std::to_string(i.span.end) + "), " + i.name + ")";
      });

  py::class_<gazetteer, std::shared_ptr<gazetteer>>(m, "Gazetteer", R"pbdoc(
The names extraction reads a text with: organizations, localities and places,
program heads and known movements, role cues and function words (data/gazetteer).
)pbdoc")
      .def(py::init<>())
      .def_static("load", [](py::handle path) { return std::make_shared<gazetteer>(gazetteer::load(file_path(path))); },
                  py::arg("path"), "Reads every *.json file of a directory, or one file.")
      .def_static("loads",
                  [](const std::string& json, const std::string& label) {
                    return std::make_shared<gazetteer>(gazetteer::loads(json, label));
                  },
                  py::arg("text"), py::arg("label") = "<string>")
      .def_static("builtin", [] { return std::make_shared<gazetteer>(gazetteer::builtin()); },
                  "The gazetteer shipped with danvan ($DANVAN_GAZETTEER overrides where it is read from).")
      .def_static("builtin_path", [] { return gazetteer::builtin_path().string(); })
      .def("merged", [](const gazetteer& a, const gazetteer& b) { return std::make_shared<gazetteer>(a.merged(b)); },
           py::arg("other"))
      .def("__len__", &gazetteer::size)
      .def_property_readonly("files", &gazetteer::files)
      .def("organizations", [](const gazetteer& g) {
        py::list out;
        for (const auto& o : g.organizations())
          out.append(py::make_tuple(o.id, o.names, o.abbreviations, std::string(danvan::to_string(o.kind))));
        return out;
      }, "(id, names, abbreviations, kind) of every organization entry.")
      .def("places", [](const gazetteer& g) {
        py::list out;
        for (const auto& p : g.places()) out.append(py::make_tuple(p.id, p.name, std::string(danvan::to_string(p.level)), p.code));
        return out;
      }, "(id, name, level, code) of every place.")
      .def("role_cues", [](const gazetteer& g) {
        py::list out;
        for (const auto& r : g.role_cues()) out.append(py::make_tuple(r.role, r.cues));
        return out;
      }, "(role, cues) of every role cue entry.")
      .def("words", [](const gazetteer& g, const std::string& category) { return g.words(category); },
           py::arg("category"));

  py::class_<draft, std::shared_ptr<draft>>(m, "Draft", "Core of danvan.Draft: the items found in a text and their draft network.")
      .def_property_readonly("items", [](const draft& d) { return d.items(); })
      .def("network", [](const std::shared_ptr<draft>& d) {
        // The draft's network is immutable; the Python Network class holds it without copying.
        return std::shared_ptr<network>(d, const_cast<network*>(&d->network()));
      })
      .def("dumps", &draft::dumps, py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("sha256", &draft::sha256)
      .def_property_readonly("length", &draft::length)
      .def_property_readonly("byte_length", &draft::byte_length)
      .def_property_readonly("source_id", &draft::source_id);

  m.def(
      "extract",
      [](const py::object& text, const std::shared_ptr<network>& net, const std::shared_ptr<gazetteer>& gaz,
         const std::string& source_id, const std::string& source_title, const std::string& source_date,
         const std::string& source_kind, const std::string& source_url, int default_year, double min_confidence,
         std::size_t max_evidence, const std::string& errors, unsigned threads) {
        text::extract_options o;
        if (errors == "reject") o.invalid = text::invalid_utf8::reject;
        else if (errors != "replace") throw py::value_error("errors must be 'replace' or 'reject', not '" + errors + "'");
        if (min_confidence < 0 || min_confidence > 1) throw py::value_error("min_confidence must lie in [0, 1]");
        o.network = net.get();
        o.gazetteer = gaz.get();
        o.source_id = source_id;
        if (!source_id.empty() && source_id.rfind("src:", 0) != 0)
          throw py::value_error("source_id must start with 'src:'");
        o.source_title = source_title;
        if (!source_date.empty()) {
          const auto d = date::parse(source_date);
          if (!d) throw py::value_error("source_date must be an ISO date (2023, 2023-09 or 2023-09-16), not '" + source_date + "'");
          o.source_date = *d;
        }
        o.source_kind = source_kind;
        o.source_url = source_url;
        o.default_year = default_year;
        o.min_confidence = min_confidence;
        o.max_evidence = max_evidence;
        o.threads = threads == 0 ? 1 : threads;
        const std::string bytes = text_bytes(text);
        py::gil_scoped_release release;
        return std::make_shared<draft>(text::extract(bytes, o));
      },
      py::arg("text"), py::arg("network") = nullptr, py::arg("gazetteer") = nullptr, py::arg("source_id") = "",
      py::arg("source_title") = "", py::arg("source_date") = "", py::arg("source_kind") = "text",
      py::arg("source_url") = "", py::arg("default_year") = 0, py::arg("min_confidence") = 0.0,
      py::arg("max_evidence") = 50, py::arg("errors") = "replace", py::arg("threads") = 2,
      "Core of danvan.extract(): drafts network entries from report text (str or bytes).");

  m.def("sha256_hex", [](const py::object& text) { return text::sha256_hex(text_bytes(text)); }, py::arg("text"),
        "Hex SHA-256 of the UTF-8 bytes of a text, as danvan sources record it.");
}

}  // namespace danvan::bindings

// How the report names entities: by name (the id as tooltip), never by id alone.
#include "report.hpp"

#include "html.hpp"

namespace danvan::cli::report {

std::string_view name_of(const network& net, entity_kind kind, index position) {
  std::string_view name;
  switch (kind) {
    case entity_kind::area: name = net.areas()[position].name(); break;
    case entity_kind::topic: name = net.topics()[position].name(); break;
    case entity_kind::organization: name = net.organizations()[position].name(); break;
    case entity_kind::document: name = net.documents()[position].name(); break;
    case entity_kind::program: name = net.programs()[position].name(); break;
    case entity_kind::task: name = net.tasks()[position].name(); break;
    case entity_kind::event: name = net.events()[position].name(); break;
    case entity_kind::source: name = net.sources()[position].name(); break;
  }
  return name.empty() ? net.id_of(kind, position) : name;
}

std::string org_html(const network& net, index org) {
  const auto o = net.organizations()[org];
  return "<span title=\"" + escape(o.id()) + "\">" + escape(o.name()) + "</span>";
}

}  // namespace danvan::cli::report

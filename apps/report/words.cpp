#include "words.hpp"

#include <array>
#include <map>

namespace danvan::cli::report {
namespace {

struct pair {
  std::string_view vi, en;
};

// Every UI string of the page, by key.
const std::map<std::string_view, pair>& table() {
  static const std::map<std::string_view, pair> t{
      {"title", {"Báo cáo mạng lưới phối hợp", "Coordination network report"}},
      {"contents", {"Mục lục", "Contents"}},
      {"summary", {"Tổng quan", "Summary"}},
      {"responsibility", {"Trách nhiệm", "Responsibility"}},
      {"coverage", {"Bao quát chính sách", "Policy coverage"}},
      {"overlap", {"Chồng chéo và phối hợp", "Overlap and coordination"}},
      {"time", {"Thời gian và sắp xếp tổ chức", "Time and reorganization"}},
      {"file", {"Tệp", "File"}},
      {"count", {"Số lượng", "Count"}},
      {"roles", {"vai trò", "roles"}},
      {"date_range", {"Khoảng thời gian", "Date range"}},
      {"validity", {"Tính hợp lệ", "Validity"}},
      {"valid_no_warning", {"hợp lệ, không có cảnh báo", "valid, no warnings"}},
      {"warnings", {"cảnh báo", "warnings"}},
      {"ceiling", {"Mức mật tối đa", "Classification ceiling"}},
      {"no_ceiling", {"không giới hạn (hiển thị tất cả)", "none (everything shown)"}},
      {"as_of", {"Tính đến ngày", "As of"}},
      {"window", {"Khung thời gian", "Window"}},
      {"all_time", {"toàn bộ", "all time"}},
      {"rules", {"Bộ quy tắc", "Rules"}},
      {"default_rules", {"quy tắc mặc định", "the default rules"}},
      {"sources", {"Nguồn", "Sources"}},
      {"id", {"Mã", "Id"}},
      {"name", {"Tên", "Name"}},
      {"kind", {"Loại", "Kind"}},
      {"date", {"Ngày", "Date"}},
      {"sha256", {"SHA-256", "SHA-256"}},
      {"text", {"Văn bản nguồn", "Text"}},
      {"text_loaded", {"đã nạp (khớp SHA-256)", "loaded (SHA-256 matches)"}},
      {"text_absent", {"không có", "not available"}},
      {"programs_heading", {"Theo chương trình", "By program"}},
      {"documents_heading", {"Theo văn bản chỉ đạo", "By directive"}},
      {"chains_heading", {"Chuỗi trách nhiệm giải trình của nhiệm vụ", "Accountability chains of tasks"}},
      {"program", {"Chương trình", "Program"}},
      {"document", {"Văn bản", "Document"}},
      {"task", {"Nhiệm vụ", "Task"}},
      {"other_roles", {"vai trò khác", "other roles"}},
      {"chain", {"Chuỗi (R → A → cấp trên)", "Chain (R → A → parents)"}},
      {"programs", {"chương trình", "programs"}},
      {"documents", {"văn bản", "documents"}},
      {"tasks", {"nhiệm vụ", "tasks"}},
      {"findings", {"phát hiện", "findings"}},
      {"pairs", {"cặp", "pairs"}},
      {"events", {"sự kiện", "events"}},
      {"rows", {"dòng", "rows"}},
      {"by_rule", {"Theo quy tắc", "By rule"}},
      {"rule", {"Quy tắc", "Rule"}},
      {"severity", {"Mức độ", "Severity"}},
      {"entity", {"Đối tượng", "Entity"}},
      {"message", {"Nội dung", "Message"}},
      {"evidence", {"Căn cứ", "Evidence"}},
      {"no_findings", {"Không có phát hiện nào.", "Nothing found."}},
      {"top_pairs", {"Các cặp tổ chức cùng làm nhiều việc nhất", "Pairs of organizations sharing most work"}},
      {"heat_map", {"Bản đồ nhiệt: số nhiệm vụ chung", "Heat map: shared tasks"}},
      {"graph", {"Sơ đồ phối hợp", "Coordination graph"}},
      {"graph_note", {"Các tổ chức có nhiều việc chung nhất; độ dày cạnh theo số nhiệm vụ chung.",
                      "The organizations sharing most work; edge width follows the shared tasks."}},
      {"no_dot", {"Không vẽ được sơ đồ: ", "The graph could not be drawn: "}},
      {"org_a", {"Tổ chức A", "Organization A"}},
      {"org_b", {"Tổ chức B", "Organization B"}},
      {"shared", {"Nhiệm vụ chung", "Shared tasks"}},
      {"no_pairs", {"Không có hai tổ chức nào cùng làm một nhiệm vụ.", "No two organizations share a task."}},
      {"timeline", {"Dòng thời gian của chương trình và nhiệm vụ", "Timeline of programs and tasks"}},
      {"undated", {"không có ngày", "undated"}},
      {"reorganizations", {"Sắp xếp tổ chức", "Reorganizations"}},
      {"from", {"Từ", "From"}},
      {"to", {"Sang", "To"}},
      {"carried", {"Vai trò chuyển giao", "Roles carried"}},
      {"held", {"Vai trò đang giữ", "Roles held"}},
      {"approximate", {"(ngày ước tính)", "(approximate date)"}},
      {"orphaned", {"Vai trò không còn ai đảm nhận", "Roles nobody holds"}},
      {"held_by", {"Đơn vị giữ trước", "Held by"}},
      {"no_events", {"Không có sự kiện sắp xếp tổ chức.", "No reorganization events."}},
      {"events_as_of_note", {"Vai trò chuyển giao: trong mạng lưới tính đến ngày ",
                             "Roles carried: in the network as of "}},
      {"filter", {"Lọc bảng…", "Filter table…"}},
      {"and", {"và", "and"}},
      {"more", {"khác", "more"}},
      {"generated", {"Tạo bởi danvan", "Made by danvan"}},
      {"none", {"—", "—"}},
      {"span", {"đoạn", "span"}},
  };
  return t;
}

}  // namespace

std::string_view words::operator()(std::string_view key) const {
  const auto& t = table();
  const auto it = t.find(key);
  if (it == t.end()) return key;
  return en_ ? it->second.en : it->second.vi;
}

std::string_view words::kind(entity_kind k) const {
  static constexpr std::array<pair, 8> kinds{{{"địa bàn", "areas"},
                                              {"chủ đề", "topics"},
                                              {"tổ chức", "organizations"},
                                              {"văn bản", "documents"},
                                              {"chương trình", "programs"},
                                              {"nhiệm vụ", "tasks"},
                                              {"sự kiện", "events"},
                                              {"nguồn", "sources"}}};
  const auto& p = kinds[static_cast<std::size_t>(k)];
  return en_ ? p.en : p.vi;
}

std::string_view words::event(event_kind k) const {
  static constexpr std::array<pair, 5> kinds{
      {{"hợp nhất", "merge"}, {"chia tách", "split"}, {"đổi tên", "rename"}, {"giải thể", "dissolve"}, {"chuyển giao", "transfer"}}};
  const auto& p = kinds[static_cast<std::size_t>(k)];
  return en_ ? p.en : p.vi;
}

std::string_view words::severity(danvan::severity s) const {
  static constexpr std::array<pair, 3> levels{{{"thông tin", "info"}, {"cảnh báo", "warning"}, {"lỗi", "error"}}};
  const auto& p = levels[static_cast<std::size_t>(s)];
  return en_ ? p.en : p.vi;
}

std::string words::role(const role_def& def) const {
  if (en_ || def.labels.empty()) return def.name;
  return def.labels.front();
}

std::string words::more(std::size_t k, std::string_view what_key) const {
  if (k == 0) return {};
  const std::string n = std::to_string(k);
  if (en_) return "… and " + n + " more " + std::string((*this)(what_key));
  return "… và " + n + " " + std::string((*this)(what_key)) + " khác";
}

}  // namespace danvan::cli::report

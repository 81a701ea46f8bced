#include <danvan/error.hpp>
#include <danvan/roles.hpp>

#include <algorithm>

namespace danvan {

const std::vector<role_def>& role_vocabulary::core() {
  // SPEC section 2: the core roles, their Vietnamese phrasings and RACI letters.
  static const std::vector<role_def> roles{
      {"lead", {"chủ trì"}, raci::R, "carries the work and answers for it"},
      {"advise", {"tham mưu"}, raci::R, "prepares and proposes the work for the body that decides"},
      {"direct", {"chỉ đạo", "lãnh đạo"}, raci::A, "directs the work and is accountable for it"},
      {"coordinate", {"phối hợp"}, raci::C, "works with the lead"},
      {"guide", {"hướng dẫn"}, raci::C, "guides those who carry the work"},
      {"sign", {"ký kết"}, raci::C, "signs a joint program"},
      {"participate", {"tham gia"}, raci::C, "takes part"},
      {"host", {"đăng cai", "nơi tổ chức"}, raci::C, "hosts the work"},
      {"inform", {"báo cáo cho", "được thông báo"}, raci::I, "is kept informed"},
      {"subject", {"đối tượng"}, raci::I, "is the subject of an inspection or dialogue"},
  };
  return roles;
}

role_vocabulary::role_vocabulary() : roles_(core()) {}

role_index role_vocabulary::add(role_def def) {
  if (def.name.empty() || !std::all_of(def.name.begin(), def.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      }))
    throw error("role name `" + def.name + "` must be lower-case letters a-z, digits or `_`");
  if (find(def.name)) throw error("role `" + def.name + "` is declared twice (or is a core role)");
  if (roles_.size() >= 0x7FFF) throw error("too many roles");
  roles_.push_back(std::move(def));
  return static_cast<role_index>(roles_.size() - 1);
}

std::optional<role_index> role_vocabulary::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < roles_.size(); ++i)
    if (roles_[i].name == name) return static_cast<role_index>(i);
  return std::nullopt;
}

}  // namespace danvan

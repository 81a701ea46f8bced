// A program that uses an installed danvan, as a tool builder would (README, "From C++").
// Builds a two-organization network, checks who leads the task, and, given a file,
// loads it and checks that it has organizations. Exit status 0 when all holds.
#include <danvan/danvan.hpp>

#include <iostream>

int main(int argc, char** argv) try {
  danvan::network_builder b;
  b.add(danvan::organization{{.id = "org:ban-dan-van", .name = "Ban Dân vận Tỉnh ủy"}, danvan::org_kind::party_commission});
  b.add(danvan::organization{{.id = "org:mttq", .name = "Ủy ban MTTQ tỉnh"}, danvan::org_kind::front});
  danvan::task t{{.id = "task:doi-thoai", .name = "Đối thoại với Nhân dân"}, danvan::task_kind::dialogue};
  t.roles = {{.org = "org:ban-dan-van", .role = "lead"}, {.org = "org:mttq", .role = "coordinate"}};
  b.add(std::move(t));
  const danvan::network net = std::move(b).build();  // checks everything; throws danvan::validation_error

  int leads = 0;
  for (const auto role : net.task("task:doi-thoai").roles()) {
    std::cout << role.org().name() << ": " << role.role_name() << " (" << danvan::to_string(role.letter()) << ")\n";
    leads += role.role_name() == "lead";
  }
  if (leads != 1) return 1;

  if (argc > 1) {  // a network file, e.g. share/danvan/haiduong-2023.json
    const danvan::network file = danvan::load(argv[1]);
    std::cout << argv[1] << ": " << file.organizations().size() << " organizations, " << file.roles().size() << " roles\n";
    if (file.organizations().empty()) return 1;
  }
  return 0;
} catch (const danvan::error& e) {  // every danvan exception derives from danvan::error
  std::cerr << e.what() << '\n';
  return 1;
}

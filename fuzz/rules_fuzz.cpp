// The rules file reader on arbitrary bytes: it accepts a rules file or says why
// not (danvan::parse_error, danvan::validation_error). What it accepts runs on the
// example network, without a date and on a day after its reorganization: check()
// may refuse a rule that names what the network lacks (validation_error), and
// otherwise agrees with find_violations() followed by describe().
#include <danvan/date.hpp>
#include <danvan/error.hpp>
#include <danvan/query/coverage.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

#include "network_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  danvan::rule_set rules;
  try {
    rules = danvan::parse_rules(in, "<fuzz>");
  } catch (const danvan::parse_error&) {
    return 0;
  } catch (const danvan::validation_error&) {
    return 0;
  }

  const danvan::network& net = danvan_fuzz::example_network();
  for (const std::optional<danvan::date> day : {std::optional<danvan::date>{}, std::optional{danvan::date(2025, 9, 1)}}) {
    std::vector<danvan::violation> violations;
    try {
      violations = danvan::check(net, rules, day);
    } catch (const danvan::validation_error&) {
      continue;
    } catch (const danvan::error& e) {
      danvan_fuzz::unexpected("check", e);
    }
    const auto findings = danvan::find_violations(net, rules, day);
    DANVAN_FUZZ_CHECK(danvan::describe(net, rules, day, findings) == violations);
    DANVAN_FUZZ_CHECK(danvan::passes(findings) == danvan::passes(violations));
    const auto checked = danvan::checked_network(net, rules, day);
    for (std::size_t i = 0; i < findings.size(); ++i) {
      DANVAN_FUZZ_CHECK(findings[i].rule < rules.rules.size());
      DANVAN_FUZZ_CHECK(violations[i].rule == rules.rules[findings[i].rule].name);
      DANVAN_FUZZ_CHECK(violations[i].entity_id == danvan::entity_id(*checked, findings[i]));
    }
  }
  return 0;
}

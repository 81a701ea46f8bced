# The shipped default rules compiled into the library: generates
# ${PROJECT_BINARY_DIR}/generated/default_rules.cpp, which holds the text of
# data/rules/default.rules.json as a raw string literal, and sets
# danvan_default_rules_source to it. The data file is a configure dependency, so
# editing it configures again and rebuilds.
set(danvan_default_rules_json ${PROJECT_SOURCE_DIR}/data/rules/default.rules.json)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${danvan_default_rules_json})
file(READ ${danvan_default_rules_json} DANVAN_DEFAULT_RULES_TEXT)
# The raw string ends at `)delimiter"`: refuse a file that holds it.
set(DANVAN_RAW_DELIMITER "dv_rules_json")
string(FIND "${DANVAN_DEFAULT_RULES_TEXT}" ")${DANVAN_RAW_DELIMITER}\"" danvan_delimiter_at)
if(NOT danvan_delimiter_at EQUAL -1)
  message(FATAL_ERROR "${danvan_default_rules_json} contains `)${DANVAN_RAW_DELIMITER}\"`, which ends the raw "
                      "string it is compiled into: change DANVAN_RAW_DELIMITER in ${CMAKE_CURRENT_LIST_FILE}")
endif()
set(danvan_default_rules_source ${PROJECT_BINARY_DIR}/generated/default_rules.cpp)
configure_file(${CMAKE_CURRENT_LIST_DIR}/default_rules.cpp.in ${danvan_default_rules_source} @ONLY)

# Checks that README.md shows the consumer program as it is: the ```cpp block after
# the marker `<!-- consumer-example: PATH -->` must equal PATH without its leading
# `//` comment lines.   cmake -DSOURCE_DIR=<danvan's source tree> -P readme_example.cmake
cmake_minimum_required(VERSION 3.25)
file(READ "${SOURCE_DIR}/README.md" readme)
set(marker "<!-- consumer-example: tests/consumer/find_package/main.cpp -->")
string(FIND "${readme}" "${marker}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "README.md has no `${marker}`")
endif()
string(SUBSTRING "${readme}" ${at} -1 rest)
string(FIND "${rest}" "```cpp\n" open)
string(SUBSTRING "${rest}" ${open} -1 rest)
string(LENGTH "```cpp\n" skip)
string(SUBSTRING "${rest}" ${skip} -1 rest)
string(FIND "${rest}" "```" close)
string(SUBSTRING "${rest}" 0 ${close} shown)

file(READ "${SOURCE_DIR}/tests/consumer/find_package/main.cpp" program)
string(REGEX REPLACE "^(//[^\n]*\n)+" "" program "${program}")
if(NOT shown STREQUAL program)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/readme-example.cpp" "${shown}")
  message(FATAL_ERROR "the C++ example in README.md differs from tests/consumer/find_package/main.cpp "
                      "(README's copy written to ${CMAKE_CURRENT_BINARY_DIR}/readme-example.cpp); update one of them")
endif()
message(STATUS "README.md shows tests/consumer/find_package/main.cpp as it is")

# Runs one command and checks its exit status and output. Used by the CLI tests:
#
#   cmake -DEXPECT_EXIT=1 [-DSTDOUT_MATCHES=re] [-DSTDOUT_MATCHES_2=re] [-DSTDERR_MATCHES=re]
#         [-DSTDOUT_EMPTY=ON] [-DINPUT_FILE=file] [-DJSON_GET="key key ..."] [-DJSON_VALUE=v]
#         -P check.cmake -- PROGRAM ARG...
#
# The exit status must be exactly EXPECT_EXIT: a crash (a signal) never passes.
# JSON_GET/JSON_VALUE parse stdout as JSON and compare one member (keys or array
# positions separated by spaces) with the expected value.
cmake_minimum_required(VERSION 3.25)

set(cmd)
set(after_dashes FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 1 ${last})
  if(after_dashes)
    list(APPEND cmd "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(after_dashes TRUE)
  endif()
endforeach()
if(NOT cmd)
  message(FATAL_ERROR "check.cmake: no command after --")
endif()

set(input_args)
if(DEFINED INPUT_FILE)
  set(input_args INPUT_FILE "${INPUT_FILE}")
endif()
execute_process(COMMAND ${cmd} ${input_args}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)

string(JOIN " " shown ${cmd})
set(report "command: ${shown}\nexit status: ${status}\n--- stdout ---\n${out}--- stderr ---\n${err}--------------")
set(failures)

if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
  list(APPEND failures "expected exit status ${EXPECT_EXIT}, got `${status}`")
endif()
foreach(var STDOUT_MATCHES STDOUT_MATCHES_2 STDOUT_MATCHES_3)
  if(DEFINED ${var} AND NOT out MATCHES "${${var}}")
    list(APPEND failures "stdout does not match `${${var}}`")
  endif()
endforeach()
foreach(var STDERR_MATCHES STDERR_MATCHES_2)
  if(DEFINED ${var} AND NOT err MATCHES "${${var}}")
    list(APPEND failures "stderr does not match `${${var}}`")
  endif()
endforeach()
if(STDOUT_EMPTY AND NOT out STREQUAL "")
  list(APPEND failures "stdout should be empty")
endif()
if(DEFINED JSON_GET)
  separate_arguments(keys UNIX_COMMAND "${JSON_GET}")
  string(JSON value ERROR_VARIABLE json_error GET "${out}" ${keys})
  if(json_error)
    list(APPEND failures "stdout is not JSON with member `${JSON_GET}`: ${json_error}")
  elseif(NOT value STREQUAL "${JSON_VALUE}")
    list(APPEND failures "JSON member `${JSON_GET}` is `${value}`, expected `${JSON_VALUE}`")
  endif()
endif()

if(failures)
  string(JOIN "\n  " failed ${failures})
  message(FATAL_ERROR "${report}\nFAILED:\n  ${failed}")
endif()
message(STATUS "${report}\nok")

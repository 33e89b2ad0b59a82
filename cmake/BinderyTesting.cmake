# SPDX-License-Identifier: Apache-2.0
# Test registration helpers.

# The exit code with which a test says "skipped" (CTest's SKIP_RETURN_CODE), e.g. when ../shared
# is absent from a clone of this repository alone.
set(BINDERY_SKIP_CODE 77)

# bindery_add_qtest(NAME <name> SOURCES <files...> LIBS <targets...> [LABELS <labels...>] [TIMEOUT s])
# A Qt Test executable registered in CTest; widgets run on the offscreen platform.
function(bindery_add_qtest)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE bindery_test_common ${T_LIBS})
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=qt.qpa.*=false"
    SKIP_RETURN_CODE ${BINDERY_SKIP_CODE}
    TIMEOUT ${T_TIMEOUT}
    LABELS "${T_LABELS}")
endfunction()

# bindery_add_shared_test(NAME <name> REQUIRES <path under ../shared> COMMAND <cmd...> [LABELS ...])
# A test that reads ../shared in place; reported as skipped, with the reason, when it is absent.
function(bindery_add_shared_test)
  cmake_parse_arguments(T "" "NAME;REQUIRES;TIMEOUT" "COMMAND;LABELS" ${ARGN})
  add_test(NAME ${T_NAME}
    COMMAND ${CMAKE_SOURCE_DIR}/tests/common/run_if_shared.sh "${BINDERY_SHARED_DIR}/${T_REQUIRES}" ${T_COMMAND})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES
    SKIP_RETURN_CODE ${BINDERY_SKIP_CODE}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;BINDERY_SHARED_DIR=${BINDERY_SHARED_DIR}"
    TIMEOUT ${T_TIMEOUT}
    LABELS "shared;${T_LABELS}")
endfunction()

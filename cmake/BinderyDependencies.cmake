# SPDX-License-Identifier: Apache-2.0
# Every third-party dependency as an IMPORTED target (its headers count as system headers).
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
find_package(simdjson 3 REQUIRED)
find_package(yaml-cpp 0.7 REQUIRED)

find_path(HTTP_PARSER_INCLUDE_DIR http_parser.h REQUIRED)
find_library(HTTP_PARSER_LIBRARY http_parser REQUIRED)
add_library(bindery::http_parser UNKNOWN IMPORTED)
set_target_properties(bindery::http_parser PROPERTIES
  IMPORTED_LOCATION "${HTTP_PARSER_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${HTTP_PARSER_INCLUDE_DIR}")

set(_qt_components Core Network Test)
if(BINDERY_BUILD_GUI)
  list(APPEND _qt_components Widgets Charts PrintSupport Svg)
endif()
find_package(Qt6 6.4 REQUIRED COMPONENTS ${_qt_components})
set(CMAKE_AUTOMOC ON)

if(BINDERY_BUILD_GUI)
  find_library(QSCINTILLA_LIBRARY qscintilla2_qt6 REQUIRED)
  find_path(QSCINTILLA_INCLUDE_DIR Qsci/qsciscintilla.h
            HINTS ${Qt6Core_INCLUDE_DIRS} /usr/include/x86_64-linux-gnu/qt6 REQUIRED)
  add_library(bindery::qscintilla UNKNOWN IMPORTED)
  set_target_properties(bindery::qscintilla PROPERTIES
    IMPORTED_LOCATION "${QSCINTILLA_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${QSCINTILLA_INCLUDE_DIR}"
    INTERFACE_COMPILE_DEFINITIONS QSCINTILLA_DLL
    INTERFACE_LINK_LIBRARIES "Qt6::Widgets;Qt6::PrintSupport")
  find_package(Qt6Keychain REQUIRED)
endif()

if(BINDERY_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# SPDX-License-Identifier: Apache-2.0
# Warning flags for our own code; dependencies come in as IMPORTED (system) targets so their headers
# do not trip them.
add_library(bindery_warnings INTERFACE)
target_compile_options(bindery_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(BINDERY_WERROR)
  target_compile_options(bindery_warnings INTERFACE -Werror)
endif()

# Flags for every target that uses Qt: no implicit char* <-> QString conversions, QStringBuilder.
add_library(bindery_qt_flags INTERFACE)
target_compile_definitions(bindery_qt_flags INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_USE_QSTRINGBUILDER QT_NO_URL_CAST_FROM_STRING
  QT_NO_CAST_FROM_BYTEARRAY QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)

if(BINDERY_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# Hardening for optimised builds (what Debian's packaging tools expect of a binary package).
if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo)$" AND NOT BINDERY_FUZZ)
  add_compile_options(-D_FORTIFY_SOURCE=2 -fstack-protector-strong)
  add_link_options(-Wl,-z,relro -Wl,-z,now)
endif()

# Warnings for our own targets only; third-party headers are included as system headers.
add_library(sala_warnings INTERFACE)
target_compile_options(sala_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Werror=unused-result
  $<$<BOOL:${SALA_WERROR}>:-Werror>)

#pragma once

#include "web/router.hpp"

namespace sala::web::http_test {

// Routes the socket tests share:
//   GET  /hello            {"hello":"world"}
//   GET  /echo/{name}      "<name>|<path>|k=v;k=v" (text/plain)
//   POST /echo             the body back (text/plain), body_limit 16
//   POST /big              the body size, body_limit 1 MiB
//   GET  /throw            throws std::runtime_error
//   GET  /shared           a shared (cached) body
//   GET  /client           the resolved client address
//   GET  /headers          good, unsafe and framing headers, to see which survive
//   GET  /later            answered from another thread
//   GET  /status/{code}    Reply::empty(code)
Router basic_router();

}  // namespace sala::web::http_test

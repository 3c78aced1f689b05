#pragma once

// Private to src/web: the public headers of this module never include Asio
// or Beast, so nothing outside it recompiles when they change.

#include <boost/asio/ip/tcp.hpp>

namespace boost::beast::http {}

namespace sala::web {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

}  // namespace sala::web

#pragma once

#include "web/router.hpp"

namespace sala::widget_assets {

// Serves the embeddable widget at /embed.js and the parts it loads on demand,
// /inline.js (inline feedback), /blocks.js (popular threads, sharing), /pow.js (the
// proof-of-work solver), /km.js (the Khmer messages) and /signin.js (reader sign-in by
// e-mail), from bytes compiled into the binary
// (built from widget/ by esbuild), so no file-system path is ever joined at run time.
void add_routes(web::Router& router);

}  // namespace sala::widget_assets

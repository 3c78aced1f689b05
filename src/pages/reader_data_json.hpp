#pragma once

#include <string>

#include "service/reader_data_service.hpp"

namespace sala::pages {

// The file a reader downloads: their comments (with their threads) and
// subscriptions, as JSON; documented in docs/api.md ("A reader's own data").
// Built from an allow-list of fields; the address itself is never in it.
std::string reader_data_json(const service::ReaderDataExport& data);

}  // namespace sala::pages

#pragma once

// Sala's export format, JSON Lines (docs/export-format.md). Bump the version
// whenever a reader of the old one would misread a new file.
namespace sala::transfer {

inline constexpr const char* kExportFormat = "sala-export";
// Version 2 added subscription records and their count on the end line;
// version 3 the marks and accounts on comments, each thread's own settings
// and the rest of the site's. Older files are still read.
inline constexpr int kExportVersion = 3;
inline constexpr int kFirstVersionWithSubscriptions = 2;

}  // namespace sala::transfer

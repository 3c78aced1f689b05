#pragma once

// Sala's export format, JSON Lines (docs/export-format.md). Bump the version
// whenever a reader of the old one would misread a new file.
namespace sala::transfer {

inline constexpr const char* kExportFormat = "sala-export";
inline constexpr int kExportVersion = 1;

}  // namespace sala::transfer

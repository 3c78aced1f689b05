#include "transfer/importer.hpp"

#include <fstream>

#include "crypto/crypto.hpp"
#include "service/reader_identity.hpp"
#include "service/site_service.hpp"
#include "transfer/disqus_import.hpp"
#include "transfer/import_writer.hpp"
#include "transfer/isso_import.hpp"
#include "transfer/jsonl_import.hpp"
#include "transfer/pipeline.hpp"
#include "transfer/wxr_import.hpp"

namespace sala::transfer {
namespace {

const char* source_name(SourceKind kind) {
  switch (kind) {
    case SourceKind::wxr: return "wxr";
    case SourceKind::disqus: return "disqus";
    case SourceKind::isso: return "isso";
    case SourceKind::json: return "json";
  }
  return "unknown";
}

bool is_sqlite_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[16] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 16 && std::string_view(magic, 16) == std::string_view("SQLite format 3\0", 16);
}

}  // namespace

Result<ImportSummary> run_import(store::Store& store, const Clock& clock, const ImportRequest& request,
                                 const Progress& progress) {
  if (auto ready = crypto::init(); !ready) return ready.error();
  std::optional<Site> site_from_file;
  SiteId site = request.site;
  if (request.kind == SourceKind::json) {
    auto header = read_export_header(request.path);
    if (!header) return header.error();
    site_from_file = header->site;
    site = header->site.id;
  }
  auto existing = store.sites().find(site);
  if (!existing) return existing.error();
  if (!*existing && !site_from_file) {
    return Error::not_found("site '" + site.value + "' (add it first with: sala site add)");
  }

  // The avatar key is made, if need be, outside the import's transaction:
  // ReaderIdentity caches it, and a rolled-back key must never be cached.
  service::ReaderIdentity identity(clock);
  if (auto warmed = identity.avatar_seed(store, site, ""); !warmed) return warmed.error();

  ImportSummary summary;
  auto done = store.transact([&](store::Store& tx) -> Result<void> {
    summary = {};
    if (!*existing) {
      // The site's creation time comes from the file, like everything else.
      FakeClock created(site_from_file->created);
      service::SiteService sites(tx, created);
      auto added = sites.add({site_from_file->id.value, site_from_file->origins, site_from_file->premoderate});
      if (!added) return added.error();
      // The moderation settings, checked when the header was read, as exported.
      Site full = *added;
      full.premoderate_links = site_from_file->premoderate_links;
      full.premoderate_first = site_from_file->premoderate_first;
      full.slow_mode_seconds = site_from_file->slow_mode_seconds;
      full.edit_window_seconds = site_from_file->edit_window_seconds;
      full.challenge = site_from_file->challenge;
      full.anonymous = site_from_file->anonymous;
      // put() keeps what `sala site add` sets; the rest are moderation settings.
      if (auto saved = tx.moderation().save_settings(full); !saved) return saved.error();
      summary.site_created = true;
    }
    ImportWriter writer(tx, identity,
                        {.site = site,
                         .source = source_name(request.kind),
                         .max_body_code_points = request.max_body_code_points},
                        summary);
    if (request.kind == SourceKind::json) {
      auto max_id = max_kept_id(request.path);
      if (!max_id) return max_id.error();
      writer.renumber_above(*max_id);
    }
    auto read = read_in_parallel(writer, [&](CommentSink& sink) -> Result<void> {
      switch (request.kind) {
        case SourceKind::wxr:
          return import_wxr(request.path, sink, {.include_pingbacks = request.include_pingbacks}, progress);
        case SourceKind::disqus:
          return import_disqus(request.path, sink, progress);
        case SourceKind::isso:
          return is_sqlite_file(request.path) ? import_isso_database(request.path, sink)
                                              : import_isso_json(request.path, sink);
        case SourceKind::json:
          return import_jsonl(request.path, sink, progress);
      }
      return Error::internal("unknown import source");
    });
    if (!read) return read.error();
    return writer.finish();
  });
  if (!done) return done.error();
  return summary;
}

}  // namespace sala::transfer

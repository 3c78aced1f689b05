#include "store/sqlite/repos.hpp"

namespace sala::sqlite {

Result<bool> SqliteReaderDataRepo::put_link(const ReaderDataLink& link, Timestamp not_before) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare(
        "INSERT INTO reader_data_links (email, digest, created, expires) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (email) DO UPDATE SET digest = excluded.digest, created = excluded.created, "
        "expires = excluded.expires, downloaded = 0 WHERE reader_data_links.created < ?5");
    if (!st) return st.error();
    (*st)->bind(1, link.email).bind_blob(2, link.digest).bind(3, link.created.ms)
        .bind(4, link.expires.ms).bind(5, not_before.ms);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<std::optional<ReaderDataLink>> SqliteReaderDataRepo::find_link(const std::string& digest,
                                                                      Timestamp now) {
  return read<std::optional<ReaderDataLink>>(
      access_, [&](Connection& c) -> Result<std::optional<ReaderDataLink>> {
        auto st = c.prepare(
            "SELECT email, created, expires, downloaded FROM reader_data_links "
            "WHERE digest = ? AND expires > ?");
        if (!st) return st.error();
        (*st)->bind_blob(1, digest).bind(2, now.ms);
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) return std::optional<ReaderDataLink>{};
        return std::optional<ReaderDataLink>(ReaderDataLink{digest, (*st)->text(0),
                                                            Timestamp{(*st)->int64(1)},
                                                            Timestamp{(*st)->int64(2)},
                                                            (*st)->int64(3) != 0});
      });
}

Result<bool> SqliteReaderDataRepo::mark_downloaded(const std::string& digest) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto st = c.prepare("UPDATE reader_data_links SET downloaded = 1 WHERE digest = ? AND downloaded = 0");
    if (!st) return st.error();
    (*st)->bind_blob(1, digest);
    if (auto done = (*st)->run(); !done) return done.error();
    return (*st)->changes() == 1;
  });
}

Result<void> SqliteReaderDataRepo::erase_link(const std::string& email) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM reader_data_links WHERE email = ?");
    if (!st) return st.error();
    (*st)->bind(1, email);
    return (*st)->run();
  });
}

Result<void> SqliteReaderDataRepo::erase_expired_links(Timestamp now) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare("DELETE FROM reader_data_links WHERE expires <= ?");
    if (!st) return st.error();
    (*st)->bind(1, now.ms);
    return (*st)->run();
  });
}

Result<bool> SqliteReaderDataRepo::has_data(const std::string& email, const std::string& account) {
  if (email.empty()) return false;  // "" marks comments written without an address
  return read<bool>(access_, [&](Connection& c) -> Result<bool> {
    // "" marks comments of no account, so it matches nothing here.
    auto st = c.prepare(
        "SELECT EXISTS (SELECT 1 FROM comments WHERE author_email = ?1) "
        "OR EXISTS (SELECT 1 FROM mail_recipients WHERE email = ?1) "
        "OR (?2 <> '' AND EXISTS (SELECT 1 FROM comments WHERE author_account = ?2))");
    if (!st) return st.error();
    (*st)->bind(1, email).bind(2, account);
    auto row = (*st)->step();
    if (!row) return row.error();
    return *row && (*st)->int64(0) != 0;
  });
}

Result<std::vector<ReaderComment>> SqliteReaderDataRepo::comments(const std::string& email,
                                                                 const std::string& account) {
  if (email.empty()) return std::vector<ReaderComment>{};
  return read<std::vector<ReaderComment>>(
      access_, [&](Connection& c) -> Result<std::vector<ReaderComment>> {
        auto st = c.prepare(
            "SELECT c.id, c.thread, t.site, t.key, t.title, t.url, c.parent, c.state, c.created, "
            "c.edited, c.author_name, c.body_markdown, c.upvotes, c.downvotes "
            "FROM comments c JOIN threads t ON t.id = c.thread "
            "WHERE c.author_email = ?1 OR (?2 <> '' AND c.author_account = ?2) ORDER BY c.created, c.id");
        if (!st) return st.error();
        (*st)->bind(1, email).bind(2, account);
        std::vector<ReaderComment> out;
        for (;;) {
          auto row = (*st)->step();
          if (!row) return row.error();
          if (!*row) return out;
          ReaderComment r;
          r.id = CommentId{(*st)->int64(0)};
          r.thread = ThreadId{(*st)->int64(1)};
          r.site = SiteId{(*st)->text(2)};
          r.thread_key = (*st)->text(3);
          r.thread_title = (*st)->text(4);
          r.thread_url = (*st)->text(5);
          if (auto parent = (*st)->optional_int64(6)) r.parent = CommentId{*parent};
          r.state = parse_comment_state((*st)->text(7)).value_or(CommentState::pending);
          r.created = Timestamp{(*st)->int64(8)};
          if (auto edited = (*st)->optional_int64(9)) r.edited = Timestamp{*edited};
          r.author = (*st)->text(10);
          r.markdown = (*st)->text(11);
          r.upvotes = (*st)->int64(12);
          r.downvotes = (*st)->int64(13);
          out.push_back(std::move(r));
        }
      });
}

Result<std::vector<SubscriptionView>> SqliteReaderDataRepo::subscriptions(const std::string& email) {
  auto recipient = read<std::optional<RecipientId>>(
      access_, [&](Connection& c) -> Result<std::optional<RecipientId>> {
        auto st = c.prepare("SELECT id FROM mail_recipients WHERE email = ?");
        if (!st) return st.error();
        (*st)->bind(1, email);
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) return std::optional<RecipientId>{};
        return std::optional<RecipientId>(RecipientId{(*st)->int64(0)});
      });
  if (!recipient) return recipient.error();
  if (!*recipient) return std::vector<SubscriptionView>{};
  return SqliteSubscriptionRepo(access_).list(**recipient);
}

Result<void> SqliteReaderDataRepo::forget_author(CommentId comment, const std::string& label,
                                                 const std::string& avatar) {
  return write_void(access_, [&](Connection& c) -> Result<void> {
    auto st = c.prepare(
        "UPDATE comments SET author_name = ?, avatar = ?, author_email = '', author_account = '', "
        "author_badge = '', author_fingerprint = NULL, edit_token_hash = NULL WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, label).bind(2, avatar).bind(3, comment.value);
    return (*st)->run();
  });
}

Result<int> SqliteReaderDataRepo::erase_subscriber(const std::string& email) {
  return write<int>(access_, [&](Connection& c) -> Result<int> {
    auto count = c.prepare(
        "SELECT count(*) FROM subscriptions s JOIN mail_recipients r ON r.id = s.recipient "
        "WHERE r.email = ?");
    if (!count) return count.error();
    (*count)->bind(1, email);
    auto row = (*count)->step();
    if (!row) return row.error();
    const int subscriptions = *row ? static_cast<int>((*count)->int64(0)) : 0;
    // Subscriptions, tokens, digests and queued mails go by ON DELETE CASCADE.
    auto st = c.prepare("DELETE FROM mail_recipients WHERE email = ?");
    if (!st) return st.error();
    (*st)->bind(1, email);
    if (auto done = (*st)->run(); !done) return done.error();
    return subscriptions;
  });
}

Result<void> SqliteReaderDataRepo::erase_account(const std::string& account) {
  if (account.empty()) return {};
  return write_void(access_, [&](Connection& c) -> Result<void> {
    for (const char* sql : {"DELETE FROM reserved_names WHERE account = ?",
                            "DELETE FROM reader_signins WHERE account = ?"}) {
      auto st = c.prepare(sql);
      if (!st) return st.error();
      (*st)->bind(1, account);
      if (auto done = (*st)->run(); !done) return done.error();
    }
    return {};
  });
}

}  // namespace sala::sqlite

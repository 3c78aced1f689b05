#include "store/postgres/repos.hpp"

namespace sala::pg {

Result<bool> PgReaderDataRepo::put_link(const ReaderDataLink& link, Timestamp not_before) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query(
        "INSERT INTO reader_data_links (email, digest, created, expires) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (email) DO UPDATE SET digest = excluded.digest, created = excluded.created, "
        "expires = excluded.expires, downloaded = false WHERE reader_data_links.created < $5",
        Params().add(link.email).add_bytea(link.digest).add(link.created.ms).add(link.expires.ms)
            .add(not_before.ms));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<std::optional<ReaderDataLink>> PgReaderDataRepo::find_link(const std::string& digest, Timestamp now) {
  return read<std::optional<ReaderDataLink>>(access_, [&](Connection& c) -> Result<std::optional<ReaderDataLink>> {
    auto rows = c.query(
        "SELECT email, created, expires, downloaded FROM reader_data_links WHERE digest = $1 AND expires > $2",
        Params().add_bytea(digest).add(now.ms));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<ReaderDataLink>{};
    return std::optional<ReaderDataLink>(ReaderDataLink{digest, rows->text(0, 0), Timestamp{rows->int64(0, 1)},
                                                        Timestamp{rows->int64(0, 2)}, rows->boolean(0, 3)});
  });
}

Result<bool> PgReaderDataRepo::mark_downloaded(const std::string& digest) {
  return write<bool>(access_, [&](Connection& c) -> Result<bool> {
    auto rows = c.query("UPDATE reader_data_links SET downloaded = true WHERE digest = $1 AND NOT downloaded",
                        Params().add_bytea(digest));
    if (!rows) return rows.error();
    return rows->affected() == 1;
  });
}

Result<void> PgReaderDataRepo::erase_link(const std::string& email) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM reader_data_links WHERE email = $1", Params().add(email));
  });
}

Result<void> PgReaderDataRepo::erase_expired_links(Timestamp now) {
  return write_void(access_, [&](Connection& c) {
    return run(c, "DELETE FROM reader_data_links WHERE expires <= $1", Params().add(now.ms));
  });
}

Result<bool> PgReaderDataRepo::has_data(const std::string& email, const std::string& account) {
  if (email.empty()) return false;  // "" marks comments written without an address
  return read<bool>(access_, [&](Connection& c) -> Result<bool> {
    // "" marks comments of no account, so it matches nothing here.
    auto rows = c.query(
        "SELECT EXISTS (SELECT 1 FROM comments WHERE author_email = $1) "
        "OR EXISTS (SELECT 1 FROM mail_recipients WHERE email = $1) "
        "OR ($2 <> '' AND EXISTS (SELECT 1 FROM comments WHERE author_account = $2))",
        Params().add(email).add(account));
    if (!rows) return rows.error();
    return !rows->empty() && rows->boolean(0, 0);
  });
}

Result<std::vector<ReaderComment>> PgReaderDataRepo::comments(const std::string& email, const std::string& account) {
  if (email.empty()) return std::vector<ReaderComment>{};
  return read<std::vector<ReaderComment>>(access_, [&](Connection& c) -> Result<std::vector<ReaderComment>> {
    auto rows = c.query(
        "SELECT c.id, c.thread, t.site, t.key, t.title, t.url, c.parent, c.state, c.created, "
        "c.edited, c.author_name, c.body_markdown, c.upvotes, c.downvotes "
        "FROM comments c JOIN threads t ON t.id = c.thread "
        "WHERE c.author_email = $1 OR ($2 <> '' AND c.author_account = $2) ORDER BY c.created, c.id",
        Params().add(email).add(account));
    if (!rows) return rows.error();
    std::vector<ReaderComment> out;
    for (int i = 0; i < rows->size(); ++i) {
      ReaderComment r;
      r.id = CommentId{rows->int64(i, 0)};
      r.thread = ThreadId{rows->int64(i, 1)};
      r.site = SiteId{rows->text(i, 2)};
      r.thread_key = rows->text(i, 3);
      r.thread_title = rows->text(i, 4);
      r.thread_url = rows->text(i, 5);
      if (auto parent = rows->optional_int64(i, 6)) r.parent = CommentId{*parent};
      r.state = parse_comment_state(rows->text(i, 7)).value_or(CommentState::pending);
      r.created = Timestamp{rows->int64(i, 8)};
      if (auto edited = rows->optional_int64(i, 9)) r.edited = Timestamp{*edited};
      r.author = rows->text(i, 10);
      r.markdown = rows->text(i, 11);
      r.upvotes = rows->int64(i, 12);
      r.downvotes = rows->int64(i, 13);
      out.push_back(std::move(r));
    }
    return out;
  });
}

Result<std::vector<SubscriptionView>> PgReaderDataRepo::subscriptions(const std::string& email) {
  auto recipient = read<std::optional<RecipientId>>(access_, [&](Connection& c) -> Result<std::optional<RecipientId>> {
    auto rows = c.query("SELECT id FROM mail_recipients WHERE email = $1", Params().add(email));
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<RecipientId>{};
    return std::optional<RecipientId>(RecipientId{rows->int64(0, 0)});
  });
  if (!recipient) return recipient.error();
  if (!*recipient) return std::vector<SubscriptionView>{};
  return PgSubscriptionRepo(access_).list(**recipient);
}

Result<void> PgReaderDataRepo::forget_author(CommentId comment, const std::string& label, const std::string& avatar) {
  return write_void(access_, [&](Connection& c) {
    return run(c,
               "UPDATE comments SET author_name = $1, avatar = $2, author_email = '', author_account = '', "
               "author_badge = '', author_fingerprint = NULL, edit_token_hash = NULL WHERE id = $3",
               Params().add(label).add(avatar).add(comment.value));
  });
}

Result<int> PgReaderDataRepo::erase_subscriber(const std::string& email) {
  return write<int>(access_, [&](Connection& c) -> Result<int> {
    auto count = c.query(
        "SELECT count(*) FROM subscriptions s JOIN mail_recipients r ON r.id = s.recipient WHERE r.email = $1",
        Params().add(email));
    if (!count) return count.error();
    const int subscriptions = count->empty() ? 0 : static_cast<int>(count->int64(0, 0));
    // Subscriptions, tokens, digests and queued mails go by ON DELETE CASCADE.
    if (auto done = run(c, "DELETE FROM mail_recipients WHERE email = $1", Params().add(email)); !done) {
      return done.error();
    }
    return subscriptions;
  });
}

Result<void> PgReaderDataRepo::erase_account(const std::string& account) {
  if (account.empty()) return {};
  return write_void(access_, [&](Connection& c) -> Result<void> {
    if (auto done = run(c, "DELETE FROM reserved_names WHERE account = $1", Params().add(account)); !done) {
      return done;
    }
    return run(c, "DELETE FROM reader_signins WHERE account = $1", Params().add(account));
  });
}

}  // namespace sala::pg

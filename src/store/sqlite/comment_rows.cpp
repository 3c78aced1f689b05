#include "store/sqlite/comment_rows.hpp"

namespace sala::sqlite {

Thread read_thread(const Statement& s) {
  Thread t;
  t.id = ThreadId{s.int64(0)};
  t.site = SiteId{s.text(1)};
  t.key = s.text(2);
  t.title = s.text(3);
  t.url = s.text(4);
  t.is_closed = s.int64(5) != 0;
  t.comment_count = s.int64(6);
  t.created = Timestamp{s.int64(7)};
  if (auto at = s.optional_int64(8)) t.last_comment_at = Timestamp{*at};
  return t;
}

}  // namespace sala::sqlite

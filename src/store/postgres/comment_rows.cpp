#include "store/postgres/comment_rows.hpp"

namespace sala::pg {

Thread read_thread(const Rows& r, int i) {
  Thread t;
  t.id = ThreadId{r.int64(i, 0)};
  t.site = SiteId{r.text(i, 1)};
  t.key = r.text(i, 2);
  t.title = r.text(i, 3);
  t.url = r.text(i, 4);
  t.is_closed = r.boolean(i, 5);
  t.comment_count = r.int64(i, 6);
  t.created = Timestamp{r.int64(i, 7)};
  if (auto at = r.optional_int64(i, 8)) t.last_comment_at = Timestamp{*at};
  return t;
}

}  // namespace sala::pg

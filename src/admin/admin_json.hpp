#pragma once

#include <boost/json/object.hpp>

#include "domain/account.hpp"
#include "domain/moderation.hpp"
#include "domain/site.hpp"
#include "service/moderation_service.hpp"

namespace sala::admin {

// What moderators see, from allow-lists like the public API: no email
// address, token, digest or fingerprint ever leaves the server.
boost::json::object account_json(const Account& account);
boost::json::object queue_item_json(const QueueItem& item);
boost::json::object ban_json(const Ban& ban);
boost::json::object settings_json(const Site& site);
// {site, thread, closed, own:{…: value or null}, effective:{…}}
boost::json::object thread_settings_json(const service::ThreadModeration& thread);
boost::json::object audit_json(const AuditEntry& entry);
boost::json::object word_lists_json(const WordLists& lists);

}  // namespace sala::admin

#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "domain/comment_tree.hpp"
#include "service/thread_reader.hpp"
#include "service/vote_service.hpp"

namespace sala::api {

// The public shape of things, built from an allow-list of fields: an email
// address, an edit token or its digest can never slip into a response.

boost::json::object comment_json(const DisplayedComment& comment);
// A thread page: {thread, comments:[{..., replies:[...]}], next}.
// `email_sign_in`: readers can sign in here by e-mail (the page says so as
// "sign_in": ["email"], so the widget offers it only where it works).
// `anonymous`: the site takes comments from readers who did not sign in (the
// page says "anonymous": false only when it does not).
std::string thread_page_json(const service::ThreadView& view, bool email_sign_in = false, bool anonymous = true);
// {passages:[{anchor:{quote, prefix, suffix, start, end}, comments:[ids]}]}
std::string passages_json(const std::vector<service::Passage>& passages);
std::string vote_json(const service::VoteOutcome& outcome);

// Public times are rounded down to the minute: exact times help nobody read
// a thread and can help someone correlate a writer's activity.
std::string public_time(Timestamp t);

}  // namespace sala::api

#include "api/comments_api.hpp"

#include <limits>
#include <memory>

#include <boost/json/serialize.hpp>

#include "api/comment_json.hpp"
#include "api/error_reply.hpp"
#include "api/http_helpers.hpp"
#include "core/parse_int.hpp"
#include "core/time.hpp"
#include "json/field_reader.hpp"
#include "service/honeypot.hpp"
#include "service/site_service.hpp"
#include "store/write_job.hpp"

namespace sala::api {
namespace {

namespace bj = boost::json;
constexpr auto kMaxId = std::numeric_limits<std::int64_t>::max();

std::string comment_reply_json(const Comment& c, const std::string* edit_token) {
  bj::object out;
  out["comment"] = comment_json({c, c.depth, false});
  if (edit_token) out["edit_token"] = *edit_token;
  return bj::serialize(out);
}

// The site and thread a read names in its query (?site=S&thread=T).
Result<std::pair<SiteId, std::string>> thread_named(const web::Request& request) {
  auto site = required_query(request, "site");
  if (!site) return site.error();
  auto thread = required_query(request, "thread");
  if (!thread) return thread.error();
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return site_id.error();
  return std::pair<SiteId, std::string>{std::move(*site_id), std::move(*thread)};
}

Result<Anchor> read_anchor(const bj::object& body) {
  json::FieldReader f(body);
  auto quote = f.required_string("quote");
  if (!quote) return quote.error();
  auto prefix = f.optional_string("prefix");
  if (!prefix) return prefix.error();
  auto suffix = f.optional_string("suffix");
  if (!suffix) return suffix.error();
  auto start = f.required_int("start", 0, kMaxId);
  if (!start) return start.error();
  auto end = f.required_int("end", 0, kMaxId);
  if (!end) return end.error();
  if (auto done = f.finish(); !done) return done.error();
  return Anchor{std::move(*quote), prefix->value_or(""), suffix->value_or(""), *start, *end};
}

Result<service::ChallengeAnswer> read_pow(const bj::object& body) {
  json::FieldReader f(body);
  auto challenge = f.required_string("challenge");
  if (!challenge) return challenge.error();
  auto nonce = f.required_string("nonce");
  if (!nonce) return nonce.error();
  if (auto done = f.finish(); !done) return done.error();
  return service::ChallengeAnswer{std::move(*challenge), std::move(*nonce)};
}

Result<service::PostInput> read_post(const bj::object& body) {
  json::FieldReader f(body);
  service::PostInput in;
  auto site = f.required_string("site");
  if (!site) return site.error();
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return site_id.error();
  in.site = *site_id;
  auto thread = f.required_string("thread");
  if (!thread) return thread.error();
  in.thread_key = std::move(*thread);
  auto url = f.optional_string("url");
  if (!url) return url.error();
  in.url = std::move(*url);
  auto title = f.optional_string("title");
  if (!title) return title.error();
  in.title = std::move(*title);
  auto parent = f.optional_int("parent", 1, kMaxId);
  if (!parent) return parent.error();
  if (*parent) in.parent = CommentId{**parent};
  auto author = f.required_string("author");
  if (!author) return author.error();
  in.author = std::move(*author);
  auto email = f.optional_string("email");
  if (!email) return email.error();
  in.email = std::move(*email);
  auto text = f.required_string("body");
  if (!text) return text.error();
  in.body = std::move(*text);
  auto anchor = f.optional_object("anchor");
  if (!anchor) return anchor.error();
  if (*anchor) {
    auto value = read_anchor(**anchor);
    if (!value) return value.error();
    in.anchor = std::move(*value);
  }
  auto notify = f.optional_string("notify");
  if (!notify) return notify.error();
  in.notify = std::move(*notify);
  auto honeypot = f.optional_string(service::kHoneypotField);
  if (!honeypot) return honeypot.error();
  in.honeypot = honeypot->value_or("");
  auto pow = f.optional_object("pow");
  if (!pow) return pow.error();
  if (*pow) {
    auto answer = read_pow(**pow);
    if (!answer) return answer.error();
    in.pow = std::move(*answer);
  }
  if (auto done = f.finish(); !done) return done.error();
  return in;
}

}  // namespace

void CommentsApi::answer(const web::Request& request, const web::Respond& respond,
                         web::Reply reply) {
  add_cors(reply, request, d_.sites);
  respond(std::move(reply));
}

void CommentsApi::fail(const web::Request& request, const web::Respond& respond,
                       const Error& error) {
  answer(request, respond, error_reply(error));
}

void CommentsApi::list(web::Request request, web::Respond respond) {
  auto named = thread_named(request);
  if (!named) return fail(request, respond, named.error());
  const auto& [site_id, thread] = *named;

  service::PageRequest page{site_id, thread, Sort::newest, std::nullopt, std::nullopt};
  if (auto sort = request.query_param("sort")) {
    auto parsed = parse_sort(*sort);
    if (!parsed) {
      return fail(request, respond,
                  Error::invalid("invalid_sort", "sort must be newest, oldest or votes"));
    }
    page.sort = *parsed;
  }
  if (auto limit = request.query_param("limit")) {
    auto parsed = parse_decimal(*limit, 1, d_.comments.policy().max_page_size);
    if (!parsed) {
      return fail(request, respond,
                  Error::invalid("invalid_limit", "limit must be between 1 and " +
                                                      std::to_string(d_.comments.policy().max_page_size)));
    }
    page.limit = static_cast<int>(*parsed);
  }
  if (auto anchored = request.query_param("anchored")) {
    if (*anchored != "1" && *anchored != "0") {
      return fail(request, respond, Error::invalid("invalid_anchored", "anchored must be 1 or 0"));
    }
    page.anchored_only = *anchored == "1";
  }
  if (auto after = request.query_param("after")) {
    page.after = decode_cursor(*after);
    if (!page.after) return fail(request, respond, Error::invalid("invalid_cursor", "after is not a cursor this server issued"));
  }

  const std::string cache_thread = ThreadCache::thread_key(site_id.value, thread);
  const std::string variant = std::string(to_string(page.sort)) + "|" +
                              std::to_string(page.limit.value_or(0)) + "|" +
                              std::string(request.query_param("after").value_or("")) +
                              (page.anchored_only ? "|anchored" : "");
  auto hit = d_.cache.find(cache_thread, variant);
  if (hit.page) return send_cached(request, respond, *hit.page);

  d_.reads.submit([this, request = std::move(request), respond = std::move(respond), page,
                   cache_thread, variant, generation = hit.generation]() {
    auto view = d_.reader.page(d_.store, page);
    if (!view) return fail(request, respond, view.error());
    auto site = d_.store.sites().find(page.site);
    if (!site) return fail(request, respond, site.error());
    const bool anonymous = !*site || (*site)->anonymous;
    auto body = std::make_shared<const std::string>(thread_page_json(*view, d_.email_sign_in, anonymous));
    auto cached = std::make_shared<const CachedPage>(CachedPage{body, etag_for(*body)});
    d_.cache.store(cache_thread, variant, generation, cached);
    send_cached(request, respond, *cached);
  });
}

void CommentsApi::send_cached(const web::Request& request, const web::Respond& respond,
                              const CachedPage& cached) {
  web::Reply reply;
  if (request.header("if-none-match") == cached.etag) {
    reply = web::Reply::empty(304);
  } else {
    reply = web::Reply::json(200, {});
    reply.shared_body = cached.body;
  }
  reply.headers.push_back({"ETag", cached.etag});
  reply.headers.push_back({"Cache-Control", "no-cache"});
  answer(request, respond, std::move(reply));
}

void CommentsApi::passages(web::Request request, web::Respond respond) {
  auto named = thread_named(request);
  if (!named) return fail(request, respond, named.error());
  const auto& [site_id, thread] = *named;

  // Cached beside the thread's pages, so the same writes invalidate it.
  const std::string cache_thread = ThreadCache::thread_key(site_id.value, thread);
  const std::string variant = "passages";
  auto hit = d_.cache.find(cache_thread, variant);
  if (hit.page) return send_cached(request, respond, *hit.page);
  d_.reads.submit([this, request = std::move(request), respond = std::move(respond), site_id = site_id,
                   key = thread, cache_thread, variant, generation = hit.generation]() {
    auto found = d_.reader.passages(d_.store, site_id, key);
    if (!found) return fail(request, respond, found.error());
    auto body = std::make_shared<const std::string>(passages_json(*found));
    auto cached = std::make_shared<const CachedPage>(CachedPage{body, etag_for(*body)});
    d_.cache.store(cache_thread, variant, generation, cached);
    send_cached(request, respond, *cached);
  });
}

void CommentsApi::counts(web::Request request, web::Respond respond) {
  auto site = required_query(request, "site");
  if (!site) return fail(request, respond, site.error());
  auto site_id = service::parse_site_id(*site);
  if (!site_id) return fail(request, respond, site_id.error());
  std::vector<std::string> keys;
  for (auto key : request.query_params("thread")) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.emplace_back(key);
  }
  d_.reads.submit([this, request = std::move(request), respond = std::move(respond),
                   site_id = *site_id, keys = std::move(keys)]() {
    auto counts = d_.reader.counts(d_.store, site_id, keys);
    if (!counts) return fail(request, respond, counts.error());
    bj::object by_key;
    for (auto& [key, n] : *counts) by_key[key] = n;
    bj::object out;
    out["counts"] = std::move(by_key);
    answer(request, respond, web::Reply::json(200, bj::serialize(out)));
  });
}

void CommentsApi::challenge(web::Request request, web::Respond respond) {
  auto named = thread_named(request);
  if (!named) return fail(request, respond, named.error());
  const auto& [site_id, thread] = *named;
  if (!d_.sites.has(site_id.value)) return fail(request, respond, Error::not_found("site"));
  auto issued = d_.challenges.issue(d_.store, site_id, thread);
  if (!issued) return fail(request, respond, issued.error());
  bj::object out{{"challenge", issued->challenge},
                 {"difficulty", issued->difficulty},
                 {"expires", format_rfc3339(issued->expires)}};
  auto reply = web::Reply::json(200, bj::serialize(out));
  // Every challenge is spent once: a cached one would be refused.
  reply.headers.push_back({"Cache-Control", "no-store"});
  answer(request, respond, std::move(reply));
}

void CommentsApi::post(web::Request request, web::Respond respond) {
  auto body = json_body(request);
  if (!body) return fail(request, respond, body.error());
  auto input = read_post(*body);
  if (!input) return fail(request, respond, input.error());
  if (auto allowed = check_origin(request, d_.sites, input->site.value); !allowed) {
    return fail(request, respond, allowed.error());
  }
  // Before the throttle: unsolved attempts must not count as the thread's
  // posts, or they would raise the difficulty for everyone.
  auto solved = d_.challenges.admit(d_.store, input->site, input->thread_key, input->pow);
  if (!solved) return fail(request, respond, solved.error());
  input->spent_challenge = std::move(*solved);
  auto reader = d_.identity.fingerprint(d_.store, request.client_address);
  if (!reader) return fail(request, respond, reader.error());
  if (auto allowed = d_.throttle.admit(*reader, input->site, input->thread_key, d_.clock.now()); !allowed) {
    return fail(request, respond, allowed.error());
  }
  input->fingerprint = *reader;
  if (auto token = request.header("sala-reader"); token && !token->empty()) {
    auto verified = d_.reader_tokens.verify(d_.store, input->site, *token);
    if (!verified) return fail(request, respond, verified.error());
    input->reader = std::move(*verified);
  }
  auto draft = d_.comments.prepare_post(d_.store, *input);
  if (!draft) return fail(request, respond, draft.error());
  if (draft->is_honeypot) {
    // Told what a held comment is told, so the program learns nothing to adapt to.
    const Comment unstored = service::unstored_pending_comment(*draft, d_.clock.now());
    return answer(request, respond, web::Reply::json(202, comment_reply_json(unstored, &draft->edit_token)));
  }

  auto shared_draft = std::make_shared<const service::PostDraft>(std::move(*draft));
  store::submit_write<service::Posted>(
      d_.writer, [this, shared_draft](store::Store& tx) { return d_.comments.commit_post(tx, *shared_draft); },
      [this, request = std::move(request), respond = std::move(respond)](const Result<service::Posted>& done) {
        if (!done) return fail(request, respond, done.error());
        const service::Posted& posted = *done;
        d_.changes.comment_posted(posted.comment, posted.thread);
        const bool is_pending = posted.comment.state == CommentState::pending;
        answer(request, respond,
               web::Reply::json(is_pending ? 202 : 201,
                                comment_reply_json(posted.comment, &posted.edit_token)));
      });
}

void CommentsApi::edit(web::Request request, web::Respond respond) {
  auto id = comment_id_param(request);
  if (!id) return fail(request, respond, id.error());
  auto body = json_body(request);
  if (!body) return fail(request, respond, body.error());
  if (auto allowed = check_origin(request, d_.sites, std::nullopt); !allowed) {
    return fail(request, respond, allowed.error());
  }
  json::FieldReader f(*body);
  auto text = f.required_string("body");
  if (!text) return fail(request, respond, text.error());
  auto token = f.required_string("edit_token");
  if (!token) return fail(request, respond, token.error());
  if (auto done = f.finish(); !done) return fail(request, respond, done.error());
  auto draft = d_.comments.prepare_edit(*id, *text, *token);
  if (!draft) return fail(request, respond, draft.error());

  auto shared_draft = std::make_shared<const service::EditDraft>(std::move(*draft));
  store::submit_write<service::Changed>(
      d_.writer, [this, shared_draft](store::Store& tx) { return d_.comments.commit_edit(tx, *shared_draft); },
      [this, request = std::move(request), respond = std::move(respond)](const Result<service::Changed>& done) {
        if (!done) return fail(request, respond, done.error());
        const service::Changed& changed = *done;
        d_.changes.thread_changed(changed.thread);
        answer(request, respond, web::Reply::json(200, comment_reply_json(*changed.comment, nullptr)));
      });
}

void CommentsApi::remove(web::Request request, web::Respond respond) {
  auto id = comment_id_param(request);
  if (!id) return fail(request, respond, id.error());
  if (auto allowed = check_origin(request, d_.sites, std::nullopt); !allowed) {
    return fail(request, respond, allowed.error());
  }
  auto token = request.header("sala-edit-token");
  if (!token || token->empty()) {
    return fail(request, respond,
                Error::forbidden("invalid_edit_token", "send the comment's edit token in Sala-Edit-Token"));
  }
  store::submit_write<service::Changed>(
      d_.writer,
      [this, id = *id, token = std::string(*token)](store::Store& tx) { return d_.comments.remove(tx, id, token); },
      [this, request = std::move(request), respond = std::move(respond)](const Result<service::Changed>& done) {
        if (!done) return fail(request, respond, done.error());
        const service::Changed& changed = *done;
        d_.changes.thread_changed(changed.thread);
        answer(request, respond, web::Reply::empty(204));
      });
}

void CommentsApi::vote(web::Request request, web::Respond respond) {
  auto id = comment_id_param(request);
  if (!id) return fail(request, respond, id.error());
  auto body = json_body(request);
  if (!body) return fail(request, respond, body.error());
  if (auto allowed = check_origin(request, d_.sites, std::nullopt); !allowed) {
    return fail(request, respond, allowed.error());
  }
  json::FieldReader f(*body);
  auto value = f.required_int("value", -1, 1);
  if (!value) return fail(request, respond, value.error());
  if (auto done = f.finish(); !done) return fail(request, respond, done.error());
  auto voter = d_.identity.fingerprint(d_.store, request.client_address);
  if (!voter) return fail(request, respond, voter.error());

  store::submit_write<service::VoteOutcome>(
      d_.writer,
      [this, id = *id, voter = *voter, value = static_cast<int>(*value)](store::Store& tx) {
        return d_.votes.vote(tx, id, voter, value);
      },
      [this, request = std::move(request), respond = std::move(respond)](const Result<service::VoteOutcome>& done) {
        if (!done) return fail(request, respond, done.error());
        const service::VoteOutcome& voted = *done;
        d_.changes.thread_changed(voted.thread);
        answer(request, respond, web::Reply::json(200, vote_json(voted)));
      });
}

void CommentsApi::report(web::Request request, web::Respond respond) {
  auto id = comment_id_param(request);
  if (!id) return fail(request, respond, id.error());
  auto body = json_body(request);
  if (!body) return fail(request, respond, body.error());
  if (auto allowed = check_origin(request, d_.sites, std::nullopt); !allowed) {
    return fail(request, respond, allowed.error());
  }
  json::FieldReader f(*body);
  auto reason = f.required_string("reason");
  if (!reason) return fail(request, respond, reason.error());
  if (auto done = f.finish(); !done) return fail(request, respond, done.error());
  auto reporter = d_.identity.fingerprint(d_.store, request.client_address);
  if (!reporter) return fail(request, respond, reporter.error());
  if (auto allowed = d_.throttle.admit_report(*reporter, d_.clock.now()); !allowed) {
    return fail(request, respond, allowed.error());
  }
  d_.writer.submit(
      [this, id = *id, reporter = *reporter, reason = *reason](store::Store& tx) {
        return d_.votes.report(tx, id, reporter, reason);
      },
      [this, request = std::move(request), respond = std::move(respond)](const Result<void>& outcome) {
        if (!outcome) return fail(request, respond, outcome.error());
        answer(request, respond, web::Reply::json(202, "{}"));
      });
}

void CommentsApi::preflight(web::Request request, web::Respond respond) {
  web::Reply reply = web::Reply::empty(204);
  auto origin = request.header("origin");
  if (origin && d_.sites.allows(*origin)) {
    reply.headers.push_back({"Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE"});
    reply.headers.push_back({"Access-Control-Allow-Headers", "Content-Type, Sala-Edit-Token, Sala-Reader"});
    reply.headers.push_back({"Access-Control-Max-Age", "600"});
  }
  answer(request, respond, std::move(reply));
}

}  // namespace sala::api

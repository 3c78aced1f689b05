#include "pages/subscription_pages.hpp"

#include <cctype>
#include <limits>

#include <boost/url/parse_query.hpp>

#include "api/error_reply.hpp"
#include "core/parse_int.hpp"
#include "pages/html_writer.hpp"

namespace sala::pages {
namespace {

constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";
constexpr const char* kStyle =
    "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}"
    "button{font:inherit;padding:.4rem 1rem}li{margin:.5rem 0}</style>";

web::Reply html_reply(int status, std::string body) {
  web::Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers = {{"Content-Type", "text/html; charset=utf-8"},
                   {"Content-Security-Policy", kPagePolicy},
                   {"Cache-Control", "no-store"},
                   {"X-Frame-Options", "DENY"}};
  return reply;
}

HtmlWriter page(std::string_view title) {
  HtmlWriter w;
  w.literal("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
  w.literal("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  w.literal("<meta name=\"robots\" content=\"noindex\">");
  w.element("title", title);
  w.literal(kStyle);
  w.literal("</head><body>");
  w.element("h1", title);
  return w;
}

web::Reply message_page(int status, std::string_view title, std::string_view text) {
  HtmlWriter w = page(title);
  w.element("p", text);
  w.literal("</body></html>");
  return html_reply(status, w.take());
}

web::Reply error_page(const Error& e) {
  return message_page(api::http_status(e.code), "This link does not work", e.message);
}

// A page with one button that POSTs back to the same address.
web::Reply button_page(std::string_view title, std::string_view text, std::string_view action,
                       std::string_view button) {
  HtmlWriter w = page(title);
  w.element("p", text);
  w.open("form", {{"method", "post"}, {"action", action}});
  w.element("button", button, {{"type", "submit"}});
  w.close("form");
  w.literal("</body></html>");
  return html_reply(200, w.take());
}

// Our tokens are URL-safe base64; anything else is not one, and is neither
// looked up nor written back into the page.
std::string token_of(const web::Request& request) {
  std::string token(request.query_param("token").value_or(""));
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return {};
  }
  return token;
}

// "end=12" or "end=all" from the manage page's forms.
std::optional<std::string> end_field(const web::Request& request) {
  auto params = boost::urls::parse_query(request.body);
  if (!params) return std::nullopt;
  for (auto param : *params) {
    if (param.key.decode() == "end" && param.has_value) return param.value.decode();
  }
  return std::nullopt;
}

}  // namespace

void SubscriptionPages::confirm_form(web::Request request, web::Respond respond) {
  // The token goes back in the form's action, escaped by the writer.
  respond(button_page("Confirm notifications",
                      "Press the button to start getting mails about the discussions listed in "
                      "the message you received.",
                      "confirm?token=" + token_of(request), "Confirm"));
}

void SubscriptionPages::confirm(web::Request request, web::Respond respond) {
  writer_.submit(
      [this, token = token_of(request)](store::Store& tx) -> Result<void> {
        auto done = subscriptions_.confirm(tx, token);
        if (!done) return done.error();
        return {};
      },
      [respond = std::move(respond)](const Result<void>& done) {
        if (!done) return respond(error_page(done.error()));
        respond(message_page(200, "Confirmed",
                             "You will get a mail when there is something new. Every mail has a "
                             "link to stop them."));
      });
}

void SubscriptionPages::unsubscribe_form(web::Request request, web::Respond respond) {
  respond(button_page("Stop these mails", "Press the button to stop the mails about this discussion.",
                      "unsubscribe?token=" + token_of(request), "Unsubscribe"));
}

void SubscriptionPages::unsubscribe(web::Request request, web::Respond respond) {
  writer_.submit(
      [this, token = token_of(request)](store::Store& tx) { return subscriptions_.unsubscribe(tx, token); },
      [respond = std::move(respond)](const Result<void>& done) {
        if (!done) return respond(error_page(done.error()));
        respond(message_page(200, "Unsubscribed", "You will get no more mails about this discussion."));
      });
}

void SubscriptionPages::show_list(std::string token, std::string notice, web::Respond respond) {
  reads_.submit([this, token = std::move(token), notice = std::move(notice),
                 respond = std::move(respond)] {
    auto list = subscriptions_.list(store_, token);
    if (!list) {
      // After the last subscription ends, the address and its tokens are gone.
      if (!notice.empty()) return respond(message_page(200, "Your subscriptions", notice));
      return respond(error_page(list.error()));
    }
    HtmlWriter w = page("Your subscriptions");
    if (!notice.empty()) w.element("p", notice, {{"role", "status"}});
    const std::string action = "manage?token=" + token;
    if (list->empty()) {
      w.element("p", "You have no subscriptions.");
    } else {
      w.open("ul");
      for (const auto& s : *list) {
        w.open("li");
        w.text((s.thread_title.empty() ? s.thread_key : s.thread_title) + " (" + s.site.value + "): ");
        w.text(s.kind == SubscriptionKind::replies ? "replies to your comments" : "new comments");
        if (!s.confirmed) w.text(", not confirmed yet");
        w.text(" ");
        w.open("form", {{"method", "post"}, {"action", action}, {"style", "display:inline"}});
        w.empty("input", {{"type", "hidden"}, {"name", "end"}, {"value", std::to_string(s.id.value)}});
        w.element("button", "End", {{"type", "submit"}});
        w.close("form");
        w.close("li");
      }
      w.close("ul");
      w.open("form", {{"method", "post"}, {"action", action}});
      w.empty("input", {{"type", "hidden"}, {"name", "end"}, {"value", "all"}});
      w.element("button", "End all and forget my address", {{"type", "submit"}});
      w.close("form");
    }
    w.literal("</body></html>");
    respond(html_reply(200, w.take()));
  });
}

void SubscriptionPages::manage(web::Request request, web::Respond respond) {
  show_list(token_of(request), "", std::move(respond));
}

void SubscriptionPages::manage_end(web::Request request, web::Respond respond) {
  auto end = end_field(request);
  std::optional<SubscriptionId> id;
  if (!end) return respond(message_page(400, "Nothing to do", "The form did not say what to end."));
  if (*end != "all") {
    auto parsed = parse_decimal(*end, 1, std::numeric_limits<std::int64_t>::max());
    if (!parsed) return respond(message_page(400, "Nothing to do", "The form did not say what to end."));
    id = SubscriptionId{*parsed};
  }
  writer_.submit(
      [this, token = token_of(request), id](store::Store& tx) { return subscriptions_.end(tx, token, id); },
      [this, token = token_of(request), id, respond = std::move(respond)](const Result<void>& done) {
        if (!done) return respond(error_page(done.error()));
        show_list(token, id ? "That subscription has ended." : "Every subscription has ended and your address is deleted.",
                  respond);
      });
}

void SubscriptionPages::add_routes(web::Router& router) {
  using web::Method;
  auto bind = [this](void (SubscriptionPages::*handler)(web::Request, web::Respond)) {
    return [this, handler](web::Request request, web::Respond respond) {
      (this->*handler)(std::move(request), std::move(respond));
    };
  };
  // Form bodies are tiny; one-click unsubscribe sends "List-Unsubscribe=One-Click".
  router.add({Method::get, "/api/v1/subscriptions/confirm", bind(&SubscriptionPages::confirm_form)});
  router.add({Method::post, "/api/v1/subscriptions/confirm", bind(&SubscriptionPages::confirm), 1024});
  router.add({Method::get, "/api/v1/unsubscribe", bind(&SubscriptionPages::unsubscribe_form)});
  router.add({Method::post, "/api/v1/unsubscribe", bind(&SubscriptionPages::unsubscribe), 1024});
  router.add({Method::get, "/api/v1/subscriptions/manage", bind(&SubscriptionPages::manage)});
  router.add({Method::post, "/api/v1/subscriptions/manage", bind(&SubscriptionPages::manage_end), 1024});
}

}  // namespace sala::pages

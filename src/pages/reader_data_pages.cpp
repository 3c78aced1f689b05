#include "pages/reader_data_pages.hpp"

#include "pages/mail_link_page.hpp"
#include "pages/reader_data_json.hpp"

namespace sala::pages {
namespace {

constexpr const char* kUnavailable = "This server sends no mail, so it cannot send you a link to your data.";

web::Reply ask_page(int status, std::string_view notice) {
  HtmlWriter w = page("Your comments and subscriptions");
  if (!notice.empty()) w.element("p", notice, {{"role", "alert"}});
  w.element("p",
            "Enter the e-mail address you gave with your comments or subscriptions. If anything is "
            "held under it, we mail you a link to download it or erase it.");
  w.element("p",
            "Comments written without an address cannot be found this way: nothing ties them to "
            "you. Votes and reports are never tied to an address.");
  w.open("form", {{"method", "post"}, {"action", "reader-data"}});
  w.element("label", "E-mail address", {{"for", "email"}});
  w.text(" ");
  w.empty("input", {{"type", "email"}, {"name", "email"}, {"id", "email"}, {"required", "required"},
                    {"maxlength", "254"}, {"autocomplete", "email"}});
  w.text(" ");
  w.element("button", "Send me the link", {{"type", "submit"}});
  w.close("form");
  w.literal("</body></html>");
  return html_reply(status, w.take());
}

std::string erasure_words(const std::set<ErasureMode>& modes) {
  const bool both = modes.size() > 1;
  std::string out = "Erase it: ";
  if (modes.contains(ErasureMode::remove)) {
    out += std::string(both ? "on some sites " : "") +
           "your comments are deleted (one with replies leaves an empty placeholder); ";
  }
  if (modes.contains(ErasureMode::anonymise)) {
    out += std::string(both ? "on the others " : "") +
           "your comments stay under a neutral name, with nothing that points to you; ";
  }
  return out + "your subscriptions end and your address is forgotten. This cannot be undone.";
}

}  // namespace

void ReaderDataPages::ask_form(web::Request, web::Respond respond) {
  if (!enabled_) return respond(message_page(404, "Not available", kUnavailable));
  respond(ask_page(200, ""));
}

void ReaderDataPages::ask(web::Request request, web::Respond respond) {
  if (!enabled_) return respond(message_page(404, "Not available", kUnavailable));
  if (auto wait = asks_.take(request.client_address, clock_.now()); wait > 0) {
    web::Reply reply = message_page(429, "Too many requests", "Please wait a while before asking again.");
    reply.headers.push_back({"Retry-After", std::to_string(wait)});
    return respond(std::move(reply));
  }
  auto email = form_field(request, "email");
  if (!email) return respond(ask_page(422, "Please enter an e-mail address."));
  writer_.submit([this, email = *email](store::Store& tx) { return data_.request(tx, email); },
                 [respond = std::move(respond)](const Result<void>& done) {
                   if (!done) {
                     if (done.error().code == Errc::unprocessable) {
                       return respond(ask_page(422, "That is not an e-mail address we can use."));
                     }
                     return respond(error_page(done.error()));
                   }
                   // The same answer whether or not the address is known.
                   respond(message_page(202, "Check your inbox",
                                        "If anything is held under that address, a mail with a link is "
                                        "on its way. The link works for an hour. At most one mail goes "
                                        "to an address in that time."));
                 });
}

void ReaderDataPages::choices(web::Request request, web::Respond respond) {
  reads_.submit([this, token = token_of(request), respond = std::move(respond)] {
    auto link = data_.link(store_, token);
    if (!link) return respond(error_page(link.error()));
    auto modes = data_.erasure_modes(store_, *link);
    if (!modes) return respond(error_page(modes.error()));
    HtmlWriter w = page("Your comments and subscriptions");
    const std::string action = "access?token=" + token;
    if (!link->downloaded) {
      w.element("p", "Download everything held under your address as a JSON file: your comments, "
                     "with the discussions they belong to, and your notification subscriptions.");
      w.open("form", {{"method", "post"}, {"action", action}});
      w.empty("input", {{"type", "hidden"}, {"name", "action"}, {"value", "download"}});
      w.element("button", "Download my data", {{"type", "submit"}});
      w.close("form");
    } else {
      w.element("p", "You have downloaded your data with this link.");
    }
    w.element("p", erasure_words(*modes));
    w.open("form", {{"method", "post"}, {"action", action}});
    w.empty("input", {{"type", "hidden"}, {"name", "action"}, {"value", "erase"}});
    w.element("button", "Erase my data", {{"type", "submit"}});
    w.close("form");
    w.literal("</body></html>");
    respond(html_reply(200, w.take()));
  });
}

void ReaderDataPages::act(web::Request request, web::Respond respond) {
  auto action = form_field(request, "action");
  if (action == "download") return download(token_of(request), std::move(respond));
  if (action == "erase") return erase(token_of(request), std::move(respond));
  respond(message_page(400, "Nothing to do", "The form did not say what to do."));
}

void ReaderDataPages::download(std::string token, web::Respond respond) {
  auto data = std::make_shared<service::ReaderDataExport>();
  writer_.submit(
      [this, token = std::move(token), data](store::Store& tx) -> Result<void> {
        auto got = data_.download(tx, token);
        if (!got) return got.error();
        *data = std::move(*got);
        return {};
      },
      [data, respond = std::move(respond)](const Result<void>& done) {
        if (!done) return respond(error_page(done.error()));
        web::Reply reply = web::Reply::json(200, reader_data_json(*data));
        reply.headers.push_back({"Content-Disposition", "attachment; filename=\"my-comments.json\""});
        reply.headers.push_back({"Cache-Control", "no-store"});
        respond(std::move(reply));
      });
}

void ReaderDataPages::erase(std::string token, web::Respond respond) {
  auto outcome = std::make_shared<service::ErasureOutcome>();
  writer_.submit(
      [this, token = std::move(token), outcome](store::Store& tx) -> Result<void> {
        auto erased = data_.erase(tx, token);
        if (!erased) return erased.error();
        *outcome = std::move(*erased);
        return {};
      },
      [this, outcome, respond = std::move(respond)](const Result<void>& done) {
        if (!done) return respond(error_page(done.error()));
        for (const auto& thread : outcome->threads) changes_.thread_changed(thread);
        respond(message_page(
            200, "Erased",
            std::to_string(outcome->comments_anonymised) + " comments anonymised, " +
                std::to_string(outcome->comments_removed) + " deleted, " +
                std::to_string(outcome->subscriptions) +
                " subscriptions ended. Your address is no longer held here."));
      });
}

void ReaderDataPages::add_routes(web::Router& router) {
  using web::Method;
  auto bind = [this](void (ReaderDataPages::*handler)(web::Request, web::Respond)) {
    return [this, handler](web::Request request, web::Respond respond) {
      (this->*handler)(std::move(request), std::move(respond));
    };
  };
  router.add({Method::get, "/api/v1/reader-data", bind(&ReaderDataPages::ask_form)});
  router.add({Method::post, "/api/v1/reader-data", bind(&ReaderDataPages::ask), 1024});
  router.add({Method::get, "/api/v1/reader-data/access", bind(&ReaderDataPages::choices)});
  router.add({Method::post, "/api/v1/reader-data/access", bind(&ReaderDataPages::act), 1024});
}

}  // namespace sala::pages

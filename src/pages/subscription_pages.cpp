#include "pages/subscription_pages.hpp"

#include <limits>

#include "api/error_reply.hpp"
#include "core/parse_int.hpp"
#include "pages/html_writer.hpp"
#include "pages/mail_link_page.hpp"

namespace sala::pages {
namespace {

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

std::optional<SubscriptionId> subscription_field(const web::Request& request, std::string_view name) {
  auto field = form_field(request, name);
  if (!field) return std::nullopt;
  auto parsed = parse_decimal(*field, 1, std::numeric_limits<std::int64_t>::max());
  if (!parsed) return std::nullopt;
  return SubscriptionId{*parsed};
}

// The choice of delivery for one subscription: a select and a button.
void delivery_form(HtmlWriter& w, const std::string& action, const SubscriptionView& s) {
  w.open("form", {{"method", "post"}, {"action", action}, {"style", "display:inline"}});
  w.empty("input", {{"type", "hidden"}, {"name", "subscription"}, {"value", std::to_string(s.id.value)}});
  const std::string label_id = "delivery-" + std::to_string(s.id.value);
  w.element("label", "Mails:", {{"for", label_id}});
  w.text(" ");
  w.open("select", {{"name", "delivery"}, {"id", label_id}});
  const std::pair<Delivery, std::string_view> choices[] = {
      {Delivery::each, "one per comment"}, {Delivery::hourly, "one an hour"}, {Delivery::daily, "one a day"}};
  for (const auto& [delivery, words] : choices) {
    if (delivery == s.delivery) {
      w.element("option", words, {{"value", to_string(delivery)}, {"selected", "selected"}});
    } else {
      w.element("option", words, {{"value", to_string(delivery)}});
    }
  }
  w.close("select");
  w.text(" ");
  w.element("button", "Save", {{"type", "submit"}});
  w.close("form");
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
        delivery_form(w, action, s);
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
    w.open("p");
    w.element("a", "Download or erase everything you wrote here", {{"href", "../reader-data"}});
    w.close("p");
    w.literal("</body></html>");
    respond(html_reply(200, w.take()));
  });
}

void SubscriptionPages::manage(web::Request request, web::Respond respond) {
  show_list(token_of(request), "", std::move(respond));
}

void SubscriptionPages::manage_end(web::Request request, web::Respond respond) {
  if (auto delivery = form_field(request, "delivery")) return set_delivery(std::move(request), *delivery, std::move(respond));
  auto end = form_field(request, "end");
  std::optional<SubscriptionId> id;
  if (!end) return respond(message_page(400, "Nothing to do", "The form did not say what to end."));
  if (*end != "all") {
    id = subscription_field(request, "end");
    if (!id) return respond(message_page(400, "Nothing to do", "The form did not say what to end."));
  }
  writer_.submit(
      [this, token = token_of(request), id](store::Store& tx) { return subscriptions_.end(tx, token, id); },
      [this, token = token_of(request), id, respond = std::move(respond)](const Result<void>& done) {
        if (!done) return respond(error_page(done.error()));
        show_list(token, id ? "That subscription has ended." : "Every subscription has ended and your address is deleted.",
                  respond);
      });
}

void SubscriptionPages::set_delivery(web::Request request, const std::string& field, web::Respond respond) {
  auto delivery = parse_delivery(field);
  auto id = subscription_field(request, "subscription");
  if (!delivery || !id) return respond(message_page(400, "Nothing to do", "The form did not say what to change."));
  writer_.submit(
      [this, token = token_of(request), id = *id, delivery = *delivery](store::Store& tx) {
        return subscriptions_.set_delivery(tx, token, id, delivery);
      },
      [this, token = token_of(request), respond = std::move(respond)](const Result<void>& done) {
        if (!done) return respond(error_page(done.error()));
        show_list(token, "Saved.", respond);
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

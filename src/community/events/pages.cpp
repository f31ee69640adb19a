// The club's pages (/events), which work without JavaScript, and its calendars: one .ics per
// event and the programme's feed. Calendars and public pages show counts, never a name.
#include "community/events/routes.hpp"
#include "core/ical.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;
using http::WithId;

constexpr const char* kListView = "src/community/events/views/events.html";
constexpr const char* kEventView = "src/community/events/views/event.html";
constexpr const char* kNewView = "src/community/events/views/new_event.html";

long long AccountOf(const Context& ctx) { return ctx.account ? ctx.account->id : 0; }

ViewData EventItem(const Context& ctx, const ClubEvent& e) {
  ViewData item;
  item.set("id", std::to_string(e.id));
  item.set("name", e.title);
  // Mustache shows a section for any string, even an empty one: empty texts are set as false.
  if (!e.theme.empty()) item.set("theme", e.theme);
  item.set("place", e.place);
  item.set("when", core::FormatLocal(e.start, ctx.lang) + " – " +
                       core::FormatClock(core::ToLocal(e.end, kClubZone).minute));
  item.set("seats", std::to_string(e.registered) + " / " + std::to_string(e.capacity));
  item.set("full", e.registered >= e.capacity);
  if (e.waitlisted > 0) item.set("waitlisted", std::to_string(e.waitlisted));
  item.set("cancelled", e.cancelled);
  item.set("open", !e.cancelled && e.start > core::Now());
  item.set("registered", e.mine == Seat::kRegistered);
  item.set("in_line", e.mine == Seat::kWaitlisted);
  item.set("member", ctx.account.has_value());
  return item;
}

Response ListPage(Request& req, Context& ctx, Club& club) {
  const bool past = req.Query("when").value_or("") == "past";
  const auto events = past ? club.Past(ctx.programme.id, AccountOf(ctx))
                           : club.Upcoming(ctx.programme.id, AccountOf(ctx), ctx.IsStaff());
  ViewData items{ViewData::type::list};
  ViewData mine{ViewData::type::list};
  for (const auto& e : events) {
    items.push_back(EventItem(ctx, e));
    if (!past && (e.mine == Seat::kRegistered || e.mine == Seat::kWaitlisted))
      mine.push_back(EventItem(ctx, e));
  }
  ViewData data;
  data.set("has_mine", !mine.is_empty_list());
  data.set("mine", mine);
  data.set("events", items);
  data.set("has_events", !events.empty());
  data.set("past", past);
  data.set("staff", ctx.IsStaff());
  return http::Page(ctx, kListView, std::move(data), past ? "club.past_title" : "club.title");
}

ViewData Registrations(const Context& ctx, Club& club, long long id) {
  ViewData list{ViewData::type::list};
  auto found = club.Registrations(ctx.programme.id, id);
  if (!found) return list;
  for (const auto& r : *found) {
    ViewData item;
    item.set("account", std::to_string(r.account_id));
    item.set("name", r.name);
    item.set("registered", r.seat == Seat::kRegistered);
    item.set("attended", r.attended.value_or(false));
    list.push_back(item);
  }
  return list;
}

Response EventPage(Request& req, Context& ctx, Club& club, long long id) {
  auto event = club.Find(ctx.programme.id, id, AccountOf(ctx));
  if (!event) return http::ErrorResponse(req, ctx, event.error());
  ViewData data = EventItem(ctx, *event);
  if (const auto done = req.Query("done"); done && ParseSeat(*done) != Seat::kNone)
    data.set("notice", http::T(ctx, "club.done_" + *done));
  if (req.Query("saved")) data.set("notice", http::T(ctx, "club.saved"));
  if (ctx.IsStaff()) {
    data.set("staff", true);
    data.set("capacity", std::to_string(event->capacity));
    data.set("people", Registrations(ctx, club, id));
  }
  return http::Page(ctx, kEventView, std::move(data), "club.event_title");
}

/// "YYYY-MM-DD" and "HH:MM" of the club's zone as an instant, or 0.
core::UnixSeconds LocalInstant(const std::string& day, const std::string& clock) {
  if (day.size() != 10 || clock.size() != 5) return 0;
  const auto parsed = core::ParseRfc3339(day + "T" + clock + ":00Z");
  if (!parsed || parsed->utc < 0) return 0;
  return core::FromLocal(parsed->utc / 86400, static_cast<int>(parsed->utc % 86400 / 60),
                         kClubZone);
}

ViewData NewForm(const Context& ctx, Club& club, const http::Form* form) {
  ViewData data;
  const auto get = [&](const char* name) { return form ? form->Get(name) : std::string(); };
  data.set("title_value", get("title"));
  for (const char* name : {"theme", "place", "day", "start", "end"}) data.set(name, get(name));
  data.set("capacity", form ? get("capacity") : "20");
  data.set("occurrences", form ? get("occurrences") : "1");
  ViewData sites{ViewData::type::list};
  for (const auto& s : club.PlacesOf(ctx.programme.id)) {
    ViewData item;
    item.set("id", std::to_string(s.site_id));
    item.set("name", s.name);
    item.set("selected", get("site_id") == std::to_string(s.site_id));
    sites.push_back(item);
  }
  data.set("sites", sites);
  return data;
}

Response CreatePage(Request& req, Context& ctx, Club& club) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  EventInput in;
  in.title = form->Get("title");
  in.theme = form->Get("theme");
  in.place = form->Get("place");
  const auto number = [&](const char* name, long long fallback) {
    const auto text = form->Get(name);
    if (text.empty()) return fallback;
    return http::ParseId(text).value_or(-1);
  };
  in.site_id = number("site_id", 0);
  in.start = LocalInstant(form->Get("day"), form->Get("start"));
  const auto end = LocalInstant(form->Get("day"), form->Get("end"));
  // An end before the start on the clock is the next day's (an evening that ends after midnight).
  in.end = end != 0 && end <= in.start ? end + 86400 : end;
  in.capacity = number("capacity", 0);
  in.occurrences = number("occurrences", 1);
  auto created = club.Create(ctx.programme.id, ctx.account->id, in);
  if (created) return Response::Redirect("/events/" + std::to_string(created->front().id));
  ViewData data = NewForm(ctx, club, &*form);
  http::AddFieldErrors(data, ctx, created.error());
  return http::Page(ctx, kNewView, std::move(data), "club.new_title", 422);
}

/// After a change: back to the event's page, or its error.
template <typename T>
Response Back(Request& req, Context& ctx, const core::Result<T>& result, long long id,
              const std::string& query) {
  if (!result) return http::ErrorResponse(req, ctx, result.error());
  return Response::Redirect("/events/" + std::to_string(id) + "?" + query);
}

Response SaveAttendance(Request& req, Context& ctx, Club& club, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  auto people = club.Registrations(ctx.programme.id, id);
  if (!people) return http::ErrorResponse(req, ctx, people.error());
  for (const auto& r : *people) {
    if (r.seat != Seat::kRegistered) continue;
    const auto key = "came_" + std::to_string(r.account_id);
    auto done = club.RecordAttendance(ctx.programme.id, id, r.account_id, form->Get(key) == "1");
    if (!done) return http::ErrorResponse(req, ctx, done.error());
  }
  return Response::Redirect("/events/" + std::to_string(id) + "?saved=1");
}

core::CalendarEvent AsCalendarEvent(const ClubEvent& e, const Context& ctx) {
  return {"club-" + std::to_string(e.id) + "@" + ctx.programme.slug + ".sohosolo",
          e.start,
          e.end,
          e.title,
          e.place,
          e.theme,
          e.cancelled,
          e.sequence};
}

void AddStaffPages(http::Router& router, Club& club) {
  router.Add("GET", "/events/new", Access::Staff(), [&club](Request&, Context& ctx) {
    return http::Page(ctx, kNewView, NewForm(ctx, club, nullptr), "club.new_title");
  });
  router.Add("POST", "/events/new", Access::Staff(),
             [&club](Request& req, Context& ctx) { return CreatePage(req, ctx, club); });
  router.Add("POST", "/events/{id}/attendance", Access::Staff(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               return SaveAttendance(req, ctx, club, id);
             }));
  router.Add("POST", "/events/{id}/capacity", Access::Staff(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               auto form = http::Form::Parse(req.body);
               const auto capacity = form ? http::ParseId(form->Get("capacity")) : std::nullopt;
               return Back(req, ctx, club.SetCapacity(ctx.programme.id, id, capacity.value_or(0)),
                           id, "saved=1");
             }));
  router.Add("POST", "/events/{id}/cancel", Access::Staff(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               return Back(req, ctx, club.Cancel(ctx.programme.id, id), id, "saved=1");
             }));
}

}  // namespace

void AddClubPages(http::Router& router, Club& club) {
  AddStaffPages(router, club);  // first: /events/new before /events/{id}
  router.Add("GET", "/events", Access::Public(),
             [&club](Request& req, Context& ctx) { return ListPage(req, ctx, club); });
  router.Add("GET", "/events/{id}", Access::Public(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               return EventPage(req, ctx, club, id);
             }));
  router.Add("POST", "/events/{id}/register", Access::AnyAccount(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               auto joined = club.Register(ctx.programme.id, id, ctx.account->id);
               return Back(req, ctx, joined, id,
                           std::string("done=") + (joined ? StateName(joined->seat) : ""));
             }));
  router.Add("POST", "/events/{id}/unregister", Access::AnyAccount(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               return Back(req, ctx, club.Unregister(ctx.programme.id, id, ctx.account->id), id,
                           "done=cancelled");
             }));
  router.Add("GET", "/events/{id}/calendar.ics", Access::Public(),
             WithId([&club](Request& req, Context& ctx, long long id) {
               auto event = club.Find(ctx.programme.id, id, 0);
               if (!event) return http::ErrorResponse(req, ctx, event.error());
               return Response::Text(core::ToICalendar({AsCalendarEvent(*event, ctx)}, core::Now()),
                                     "text/calendar; charset=utf-8");
             }));
  router.Add("GET", "/calendar/events.ics", Access::Public(), [&club](Request&, Context& ctx) {
    std::vector<core::CalendarEvent> events;
    for (const auto& e : club.Upcoming(ctx.programme.id, 0, true, 500))
      events.push_back(AsCalendarEvent(e, ctx));
    return Response::Text(core::ToICalendar(events, core::Now(), {ctx.programme.name, 360}),
                          "text/calendar; charset=utf-8");
  });
}

}  // namespace sohosolo::community

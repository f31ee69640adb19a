#include "journeys/json.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace sohosolo::journeys::json {

using http::Context;

boost::json::value Instant(const std::optional<core::UnixSeconds>& t) {
  return t ? boost::json::value(core::FormatRfc3339Paris(*t)) : boost::json::value(nullptr);
}

boost::json::object JourneyJson(const Journey& j) {
  boost::json::array ages, villages;
  for (const int a : j.children_ages) ages.emplace_back(a);
  for (const auto& v : j.villages) villages.emplace_back(v);
  boost::json::value advisor = nullptr;
  if (j.advisor_id) advisor = boost::json::object{{"id", *j.advisor_id}, {"name", j.advisor_name}};
  return {{"id", j.id},
          {"stage", j.stage},
          {"stage_at", core::FormatRfc3339Paris(j.stage_at)},
          {"advisor", advisor},
          {"name", j.name},
          {"email", j.email},
          {"phone", j.phone},
          {"household", {{"adults", j.adults}, {"children_ages", ages}}},
          {"residents", j.Residents()},
          {"project",
           {{"status", j.status},
            {"employer", j.employer},
            {"sector", j.sector},
            {"activity", j.activity},
            {"clients_where", j.clients_where},
            {"broadband_needs", j.broadband_needs},
            {"office_needs", j.office_needs}}},
          {"villages", villages},
          {"consent_committees", j.consent_committees},
          {"consent_at", Instant(j.consent_at)},
          {"abandon_reason", j.abandon_reason},
          {"settled_village", j.settled_village},
          {"settled_at", Instant(j.settled_at)},
          {"notes", j.notes},
          {"request_id", j.request_id ? boost::json::value(*j.request_id) : nullptr},
          {"demo", j.demo},
          {"created_at", core::FormatRfc3339Paris(j.created_at)},
          {"updated_at", core::FormatRfc3339Paris(j.updated_at)}};
}

JourneyInput InputOf(const boost::json::object& body, std::vector<core::FieldError>& errors) {
  JourneyInput in;
  const auto text = [&](const char* name, std::optional<std::string>& out) {
    if (body.contains(name)) out = http::StringField(body, name, errors).value_or("");
  };
  text("name", in.name);
  text("email", in.email);
  text("phone", in.phone);
  text("status", in.status);
  text("employer", in.employer);
  text("sector", in.sector);
  text("activity", in.activity);
  text("clients_where", in.clients_where);
  text("broadband_needs", in.broadband_needs);
  text("office_needs", in.office_needs);
  text("notes", in.notes);
  const auto list = [&](const char* name, std::optional<std::string>& out, const char* sep) {
    const auto* v = body.if_contains(name);
    if (!v) return;
    if (v->is_string()) {
      out = std::string(v->as_string());
    } else if (v->is_array()) {
      std::string joined;
      for (const auto& item : v->as_array()) {
        if (item.is_int64())
          joined += std::to_string(item.as_int64()) + sep;
        else if (item.is_string())
          joined += std::string(item.as_string()) + sep;
        else
          errors.push_back({name, std::string("error.journey.") + name});
      }
      out = joined;
    } else {
      errors.push_back({name, std::string("error.journey.") + name});
    }
  };
  list("children_ages", in.children_ages, ",");
  list("villages", in.villages, " ");
  if (const auto* v = body.if_contains("adults")) {
    if (v->is_int64() && v->as_int64() >= 0 && v->as_int64() <= kMaxAdults)
      in.adults = static_cast<int>(v->as_int64());
    else
      errors.push_back({"adults", "error.journey.adults"});
  }
  if (const auto* v = body.if_contains("advisor_id")) {
    if (v->is_null())
      in.advisor_id = 0;
    else if (v->is_int64() && v->as_int64() >= 0)
      in.advisor_id = v->as_int64();
    else
      errors.push_back({"advisor", "error.journey.advisor"});
  }
  if (const auto* v = body.if_contains("consent_committees")) {
    if (v->is_bool())
      in.consent_committees = v->as_bool();
    else
      errors.push_back({"consent_committees", "error.journey.consent"});
  }
  return in;
}

Actor ActorOf(const Context& ctx) {
  return {ctx.account->id, ctx.account->display_name, ctx.IsStaff()};
}

boost::json::object VisitJson(const Visit& v) {
  return {{"id", v.id},
          {"village", v.commune_code},
          {"planned_at", core::FormatRfc3339Paris(v.planned_at)},
          {"done_at", Instant(v.done_at)},
          {"by", v.by_name}};
}

boost::json::object CommitteeFileJson(const CommitteeFile& f) {
  boost::json::array ages, villages, visits, tasks;
  for (const int a : f.children_ages) ages.emplace_back(a);
  for (const auto& v : f.villages) villages.emplace_back(v);
  for (const auto& v : f.visits) visits.push_back(VisitJson(v));
  for (const auto& t : f.tasks) tasks.push_back(TaskJson(t));
  return {{"id", f.id},
          {"stage", f.stage},
          {"household", {{"adults", f.adults}, {"children_ages", ages}}},
          {"residents", f.adults + static_cast<long long>(f.children_ages.size())},
          {"broadband_needs", f.broadband_needs},
          {"office_needs", f.office_needs},
          {"villages", villages},
          {"visits", visits},
          {"tasks", tasks}};
}

boost::json::object TaskJson(const Task& t) {
  boost::json::value assignee = nullptr;
  if (t.assignee_id)
    assignee = boost::json::object{{"id", *t.assignee_id}, {"name", t.assignee_name}};
  return {{"id", t.id},
          {"journey_id", t.journey_id},
          {"journey_name", t.journey_name},
          {"title", t.title},
          {"due_day", t.due_day},
          {"assignee", assignee},
          {"done_at", Instant(t.done_at)}};
}

boost::json::array HistoryJson(const std::vector<HistoryEntry>& history) {
  boost::json::array items;
  for (const auto& h : history)
    items.push_back({{"at", core::FormatRfc3339Paris(h.at)},
                     {"by", h.by_name},
                     {"kind", h.kind},
                     {"from_stage", h.from_stage},
                     {"to_stage", h.to_stage},
                     {"detail", h.detail}});
  return items;
}

/// A file with its tasks, visits and committees' notes (and its history for an export).
boost::json::object FullJson(Journeys& journeys, const Context& ctx, const Journey& j,
                             bool with_history) {
  auto out = JourneyJson(j);
  boost::json::array tasks, visits, notes;
  for (const auto& t : journeys.Tasks(ctx.programme.id, j.id)) tasks.push_back(TaskJson(t));
  for (const auto& v : journeys.Visits(ctx.programme.id, j.id)) visits.push_back(VisitJson(v));
  for (const auto& n : journeys.Notes(ctx.programme.id, j.id))
    notes.push_back({{"by", n.by_name},
                     {"by_committee", n.by_committee},
                     {"body", n.body},
                     {"at", core::FormatRfc3339Paris(n.created_at)}});
  out["tasks"] = tasks;
  out["visits"] = visits;
  out["committee_notes"] = notes;
  if (with_history) out["history"] = HistoryJson(journeys.History(ctx.programme.id, j.id));
  return out;
}

/// RFC 3339 with an offset, or nullopt.
std::optional<core::UnixSeconds> InstantField(const boost::json::object& body, const char* name,
                                              std::vector<core::FieldError>& errors) {
  const auto text = http::StringField(body, name, errors);
  const auto parsed = text ? core::ParseRfc3339(*text) : std::nullopt;
  if (!parsed) {
    errors.push_back({name, "error.journey.visit_at"});
    return std::nullopt;
  }
  return parsed->utc;
}

}  // namespace sohosolo::journeys::json

// The advisors' pages of newcomers' files: the board (files by stage, "my files", search), a new
// file, a file with its forms and history, and a file opened from a request in one click.
#include <fmt/format.h>

#include <boost/url/url.hpp>

#include "core/time.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "journeys/routes.hpp"

namespace sohosolo::journeys {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kBoardView = "src/journeys/views/board.html";
constexpr const char* kFileView = "src/journeys/views/file.html";
constexpr const char* kNewView = "src/journeys/views/new.html";

Actor ActorOf(const Context& ctx) {
  return {ctx.account->id, ctx.account->display_name, ctx.IsStaff()};
}

constexpr const char* kCommitteeView = "src/journeys/views/committee.html";
constexpr const char* kCommitteesView = "src/journeys/views/committees.html";
constexpr const char* kReportView = "src/journeys/views/report.html";
constexpr const char* kOwnView = "src/journeys/views/own.html";

std::string Minute(core::UnixSeconds t) {
  auto s = core::FormatRfc3339Paris(t).substr(0, 16);
  s[10] = ' ';
  return s;
}

ViewData VisitItems(const std::vector<Visit>& visits, long long journey_id) {
  ViewData list{ViewData::type::list};
  for (const auto& v : visits) {
    ViewData item;
    item.set("id", std::to_string(v.id));
    item.set("journey", std::to_string(journey_id));
    item.set("village", v.commune_code);
    item.set("planned", Minute(v.planned_at));
    if (v.done_at) item.set("done", Minute(*v.done_at));
    item.set("by", v.by_name);
    list.push_back(item);
  }
  return list;
}

std::string Day(core::UnixSeconds t) { return core::FormatRfc3339Paris(t).substr(0, 10); }

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string Ages(const std::vector<int>& ages) {
  std::string out;
  for (const int a : ages) out += (out.empty() ? "" : ", ") + std::to_string(a);
  return out;
}

ViewData Card(const Context& ctx, const Journey& j) {
  ViewData c;
  c.set("id", std::to_string(j.id));
  c.set("name", j.name);
  c.set("since", Day(j.stage_at));
  c.set("residents", std::to_string(j.Residents()));
  if (!j.advisor_name.empty()) c.set("advisor", j.advisor_name);
  if (!j.villages.empty()) c.set("villages", Join(j.villages, ", "));
  if (!j.settled_village.empty()) c.set("settled_village", j.settled_village);
  c.set("stage_label", http::T(ctx, "journey.stage." + j.stage));
  c.set("demo", j.demo);
  return c;
}

ViewData Choices(const Context& ctx, const auto& values, const std::string& selected,
                 const std::string& prefix) {
  ViewData list{ViewData::type::list};
  for (const auto& v : values) {
    ViewData item;
    item.set("value", std::string(v));
    item.set("label", http::T(ctx, prefix + v));
    item.set("selected", selected == v);
    list.push_back(item);
  }
  return list;
}

Response Board(Request& req, Context& ctx, Journeys& journeys) {
  ListFilter f;
  f.name_like = req.Query("q").value_or("").substr(0, 100);
  f.village = req.Query("village").value_or("");
  f.limit = 200;
  const bool mine = req.Query("mine").value_or("") == "1";
  if (mine) f.advisor_id = ctx.account->id;
  ViewData data;
  data.set("q", f.name_like);
  data.set("village", f.village);
  data.set("mine", mine);
  auto found = journeys.List(ctx.programme.id, f);
  if (!found) {
    http::AddFieldErrors(data, ctx, found.error());
    return http::Page(ctx, kBoardView, std::move(data), "journey.board_title", 422);
  }
  ViewData columns{ViewData::type::list};
  for (const char* stage : kStages) {
    ViewData column;
    column.set("stage", std::string(stage));
    column.set("label", http::T(ctx, std::string("journey.stage.") + stage));
    ViewData cards{ViewData::type::list};
    int n = 0;
    for (const auto& j : *found)
      if (j.stage == stage) {
        cards.push_back(Card(ctx, j));
        ++n;
      }
    column.set("cards", cards);
    column.set("count", std::to_string(n));
    columns.push_back(column);
  }
  data.set("columns", columns);
  ViewData due{ViewData::type::list};
  for (const auto& t : journeys.DueTasks(ctx.programme.id, core::Now())) {
    ViewData item;
    item.set("journey", std::to_string(t.journey_id));
    item.set("file", t.journey_name);
    item.set("title", t.title);
    item.set("due_day", t.due_day);
    if (!t.assignee_name.empty()) item.set("assignee", t.assignee_name);
    due.push_back(item);
  }
  data.set("has_due", !due.is_empty_list());
  data.set("due", due);
  data.set("has_files", !found->empty());
  return http::Page(ctx, kBoardView, std::move(data), "journey.board_title");
}

ViewData FileData(const Context& ctx, Journeys& journeys, const Journey& j) {
  ViewData d = Card(ctx, j);
  d.set("email", j.email);
  d.set("phone", j.phone);
  d.set("adults", std::to_string(j.adults));
  d.set("children_ages", Ages(j.children_ages));
  d.set("statuses", Choices(ctx, kStatuses, j.status, "profile.status_"));
  d.set("employer", j.employer);
  d.set("sector", j.sector);
  d.set("activity", j.activity);
  d.set("clients_where", j.clients_where);
  d.set("broadband_needs", j.broadband_needs);
  d.set("office_needs", j.office_needs);
  d.set("villages_input", Join(j.villages, " "));
  d.set("consent", j.consent_committees);
  if (j.consent_at) d.set("consent_at", Day(*j.consent_at));
  d.set("notes", j.notes);
  d.set("stage", j.stage);
  ViewData stages{ViewData::type::list};
  for (const char* s : kStages) {
    if (j.stage == s) continue;
    ViewData item;
    item.set("value", std::string(s));
    item.set("label", http::T(ctx, std::string("journey.stage.") + s));
    stages.push_back(item);
  }
  d.set("stages", stages);
  d.set("reasons", Choices(ctx, kAbandonReasons, j.abandon_reason, "journey.reason."));
  if (!j.abandon_reason.empty())
    d.set("abandon_reason", http::T(ctx, "journey.reason." + j.abandon_reason));
  ViewData history{ViewData::type::list};
  for (const auto& h : journeys.History(ctx.programme.id, j.id)) {
    ViewData item;
    item.set("at", core::FormatRfc3339Paris(h.at).substr(0, 16));
    item.set("by", h.by_name);
    if (h.kind == "stage") {
      item.set("what", http::T(ctx, "journey.stage." + h.from_stage) + " → " +
                           http::T(ctx, "journey.stage." + h.to_stage) +
                           (h.detail.empty() ? "" : " (" + h.detail + ")"));
    } else {
      item.set("what", http::T(ctx, "journey.history." + h.kind) +
                           (h.detail.empty() ? "" : " : " + h.detail));
    }
    history.push_back(item);
  }
  d.set("history", history);
  const auto visits = journeys.Visits(ctx.programme.id, j.id);
  d.set("visits", VisitItems(visits, j.id));
  d.set("has_visits", !visits.empty());
  ViewData notes{ViewData::type::list};
  for (const auto& n : journeys.Notes(ctx.programme.id, j.id)) {
    ViewData item;
    item.set("at", Minute(n.created_at));
    item.set("by", n.by_name);
    item.set("committee", n.by_committee);
    item.set("body", n.body);
    notes.push_back(item);
  }
  d.set("has_notes", !notes.is_empty_list());
  d.set("committee_notes", notes);
  ViewData tasks{ViewData::type::list};
  for (const auto& t : journeys.Tasks(ctx.programme.id, j.id)) {
    ViewData item;
    item.set("id", std::to_string(t.id));
    item.set("journey", std::to_string(j.id));
    item.set("title", t.title);
    item.set("due_day", t.due_day);
    if (!t.assignee_name.empty()) item.set("assignee", t.assignee_name);
    item.set("done", t.done_at.has_value());
    tasks.push_back(item);
  }
  d.set("tasks", tasks);
  d.set("has_tasks", !tasks.is_empty_list());
  ViewData assignees{ViewData::type::list};
  {
    ViewData me;
    me.set("id", std::to_string(ctx.account->id));
    me.set("name", ctx.account->display_name);
    assignees.push_back(me);
  }
  for (const auto& m : journeys.Committees(ctx.programme.id)) {
    ViewData item;
    item.set("id", std::to_string(m.account_id));
    item.set("name", m.name + " (" + http::T(ctx, "role.committee") + ")");
    assignees.push_back(item);
  }
  d.set("assignees", assignees);
  ViewData considered{ViewData::type::list};
  for (const auto& v : j.villages) considered.push_back(ViewData(v));
  d.set("considered", considered);
  d.set("can_invite", !j.email.empty() && !journeys.Invited(ctx.programme.id, j.id));
  d.set("invited", journeys.Invited(ctx.programme.id, j.id));
  return d;
}

Response File(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto j = journeys.Find(ctx.programme.id, id);
  if (!j) return http::ErrorResponse(req, ctx, j.error());
  auto data = FileData(ctx, journeys, *j);
  if (req.Query("saved")) data.set("saved", http::T(ctx, "journey.saved"));
  return http::Page(ctx, kFileView, std::move(data), "journey.file_title");
}

JourneyInput FormInput(const http::Form& form) {
  JourneyInput in;
  const auto text = [&form](const char* name, std::optional<std::string>& out) {
    if (form.Has(name)) out = form.Get(name);
  };
  text("name", in.name);
  text("email", in.email);
  text("phone", in.phone);
  text("children_ages", in.children_ages);
  text("status", in.status);
  text("employer", in.employer);
  text("sector", in.sector);
  text("activity", in.activity);
  text("clients_where", in.clients_where);
  text("broadband_needs", in.broadband_needs);
  text("office_needs", in.office_needs);
  text("villages", in.villages);
  text("notes", in.notes);
  if (form.Has("adults")) {
    const auto n = http::ParseId(form.Get("adults"));
    in.adults = n && *n <= kMaxAdults ? static_cast<int>(*n) : -1;
  }
  // The checkbox is absent when unticked: the form says it holds the field.
  if (form.Has("consent_shown")) in.consent_committees = form.Get("consent") == "1";
  return in;
}

Response Save(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  std::optional<StageMove> move;
  if (form->Has("stage"))
    move = StageMove{form->Get("stage"), form->Get("abandon_reason"), form->Get("settled_village")};
  const auto in = FormInput(*form);
  auto changed = journeys.Change(ctx.programme.id, ActorOf(ctx), id, in, move);
  if (changed) return Response::Redirect("/journeys/" + std::to_string(id) + "?saved=1");
  auto j = journeys.Find(ctx.programme.id, id);
  if (!j || changed.error().code != core::ErrorCode::kInvalid)
    return http::ErrorResponse(req, ctx, changed.error());
  auto data = FileData(ctx, journeys, *j);
  http::AddFieldErrors(data, ctx, changed.error());
  return http::Page(ctx, kFileView, std::move(data), "journey.file_title", 422);
}

Response Create(Request& req, Context& ctx, Journeys& journeys) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  auto in = FormInput(*form);
  in.advisor_id = ctx.account->id;  // who opens a file follows it, until another is named
  auto created = journeys.Create(ctx.programme.id, ActorOf(ctx), in);
  if (created) return Response::Redirect("/journeys/" + std::to_string(created->id));
  ViewData data;
  data.set("name", form->Get("name"));
  data.set("email", form->Get("email"));
  data.set("phone", form->Get("phone"));
  data.set("villages_input", form->Get("villages"));
  http::AddFieldErrors(data, ctx, created.error());
  return http::Page(ctx, kNewView, std::move(data), "journey.new_title",
                    http::HttpStatusFor(created.error().code));
}

Response CommitteePage(Request& req, Context& ctx, Journeys& journeys) {
  ViewData files{ViewData::type::list};
  for (const auto& f : journeys.ForCommittee(ctx.programme.id, ctx.account->id)) {
    ViewData item;
    item.set("id", std::to_string(f.id));
    item.set("stage_label", http::T(ctx, "journey.stage." + f.stage));
    item.set("residents", std::to_string(f.adults + f.children_ages.size()));
    item.set("adults", std::to_string(f.adults));
    if (!f.children_ages.empty()) item.set("children_ages", Ages(f.children_ages));
    if (!f.broadband_needs.empty()) item.set("broadband_needs", f.broadband_needs);
    if (!f.office_needs.empty()) item.set("office_needs", f.office_needs);
    item.set("villages", Join(f.villages, ", "));
    ViewData villages{ViewData::type::list};
    for (const auto& v : f.villages) villages.push_back(ViewData(v));
    item.set("village_choices", villages);
    item.set("visits", VisitItems(f.visits, f.id));
    files.push_back(item);
  }
  ViewData data;
  data.set("has_files", !files.is_empty_list());
  data.set("files", files);
  if (req.Query("saved")) data.set("saved", http::T(ctx, "journey.saved"));
  return http::Page(ctx, kCommitteeView, std::move(data), "committee.title");
}

/// Where a visit or note form goes back to: the committee's page, or the file for staff.
std::string Back(const Context& ctx, long long id) {
  return ctx.IsStaff() ? "/journeys/" + std::to_string(id) + "?saved=1" : "/committee?saved=1";
}

/// "2026-12-24" and "14:30" in Paris, or nullopt.
std::optional<core::UnixSeconds> LocalInstant(const std::string& day, const std::string& time) {
  if (day.size() != 10 || time.size() != 5) return std::nullopt;
  const auto midnight = core::ParseRfc3339(day + "T00:00:00Z");
  const auto clock = core::ParseRfc3339("1970-01-01T" + time + ":00Z");
  if (!midnight || !clock) return std::nullopt;
  return core::FromLocal(midnight->utc / 86400, static_cast<int>(clock->utc / 60), "Europe/Paris");
}

Response FormError(Request& req, Context& ctx, const core::Error& error) {
  return http::ErrorResponse(req, ctx, error);
}

Response PlanVisitForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto at = LocalInstant(form->Get("day"), form->Get("time"));
  if (!at) return FormError(req, ctx, core::Invalid({{"planned_at", "error.journey.visit_at"}}));
  auto v = journeys.PlanVisit(ctx.programme.id, ActorOf(ctx), id, form->Get("village"), *at);
  if (!v) return FormError(req, ctx, v.error());
  return Response::Redirect(Back(ctx, id));
}

Response RecordVisitForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  const auto visit = http::ParseId(req.Param("visit"));
  if (!visit) return http::ErrorResponse(req, ctx, core::NotFound());
  auto v = journeys.RecordVisit(ctx.programme.id, ActorOf(ctx), id, *visit);
  if (!v) return FormError(req, ctx, v.error());
  return Response::Redirect(Back(ctx, id));
}

Response NoteForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  auto done = journeys.AddNote(ctx.programme.id, ActorOf(ctx), id, form->Get("body"));
  if (!done) return FormError(req, ctx, done.error());
  return Response::Redirect(Back(ctx, id));
}

Response TaskForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto assignee = http::ParseId(form->Get("assignee")).value_or(0);
  auto task = journeys.AddTask(ctx.programme.id, ActorOf(ctx), id, form->Get("title"),
                               form->Get("due_day"), assignee);
  if (!task) return FormError(req, ctx, task.error());
  return Response::Redirect(Back(ctx, id));
}

Response TaskDoneForm(Request& req, Context& ctx, Journeys& journeys, long long id) {
  const auto task = http::ParseId(req.Param("task"));
  auto form = http::Form::Parse(req.body);
  if (!task || !form) return http::ErrorResponse(req, ctx, core::NotFound());
  auto done =
      journeys.SetTaskDone(ctx.programme.id, ActorOf(ctx), id, *task, form->Get("done") != "0");
  if (!done) return FormError(req, ctx, done.error());
  return Response::Redirect(Back(ctx, id));
}

std::string Percent(double share) {
  return std::to_string(static_cast<int>(share * 100 + 0.5)) + " %";
}

std::string Days(double days) {
  if (days < 0) return "—";
  return std::to_string(static_cast<long long>(days + 0.5));
}

ViewData RowItems(const Context& ctx, const std::vector<ReportRow>& rows,
                  const char* label_prefix) {
  ViewData list{ViewData::type::list};
  for (const auto& row : rows) {
    ViewData item;
    item.set("key", row.key);
    std::string label = row.label.empty() ? row.key : row.label + " (" + row.key + ")";
    if (label_prefix && !row.key.empty())
      label = row.key + " — " + http::T(ctx, label_prefix + row.key);
    if (row.key.empty()) label = "—";
    item.set("label", label);
    item.set("households", std::to_string(row.households));
    item.set("residents", std::to_string(row.residents));
    list.push_back(item);
  }
  return list;
}

Response ReportPage(Request&, Context& ctx, Journeys& journeys) {
  const auto r = journeys.FundersReport(ctx.programme.id);
  ViewData data = FigureCards(ctx, r.totals);
  data.set("by_village", RowItems(ctx, r.by_village, nullptr));
  data.set("by_sector", RowItems(ctx, r.by_sector, "naf."));
  data.set("by_year", RowItems(ctx, r.arrivals_by_year, nullptr));
  ViewData funnel{ViewData::type::list};
  for (const auto& step : r.funnel) {
    ViewData item;
    item.set("label", http::T(ctx, "journey.stage." + step.stage));
    item.set("reached", std::to_string(step.reached));
    item.set("conversion", Percent(step.conversion));
    item.set("median_days", Days(step.median_days));
    funnel.push_back(item);
  }
  data.set("funnel", funnel);
  ViewData retention{ViewData::type::list};
  for (const auto& ret : r.retention) {
    ViewData item;
    item.set("years", std::to_string(ret.years));
    item.set("settled_before", std::to_string(ret.settled_before));
    item.set("still_here", std::to_string(ret.still_here));
    retention.push_back(item);
  }
  data.set("retention", retention);
  return http::Page(ctx, kReportView, std::move(data), "report.title");
}

/// One field of a CSV line: quoted when it holds a separator, a quote or a line break; a
/// leading = + - @ is neutralised (a spreadsheet would run it as a formula).
std::string CsvField(std::string v) {
  if (!v.empty() && std::string("=+-@").find(v[0]) != std::string::npos) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (const char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Response ReportCsv(Request&, Context& ctx, Journeys& journeys) {
  const auto r = journeys.FundersReport(ctx.programme.id);
  std::string csv = "table,key,label,households,residents,reached,conversion,median_days\r\n";
  const auto line = [&csv](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) csv += (i ? "," : "") + CsvField(fields[i]);
    csv += "\r\n";
  };
  line({"totals", "settled_households", "", std::to_string(r.totals.settled_households), "", "", "",
        ""});
  line({"totals", "new_residents", "", "", std::to_string(r.totals.new_residents), "", "", ""});
  line({"totals", "digital_households", "", std::to_string(r.totals.digital_households), "", "", "",
        ""});
  line({"totals", "files_open", "", std::to_string(r.totals.files_open), "", "", "", ""});
  for (const auto& [table, rows] :
       {std::pair{"village", &r.by_village}, std::pair{"sector", &r.by_sector},
        std::pair{"year", &r.arrivals_by_year}})
    for (const auto& row : *rows)
      line({table, row.key, row.label, std::to_string(row.households),
            std::to_string(row.residents), "", "", ""});
  for (const auto& step : r.funnel)
    line({"funnel", step.stage, "", "", "", std::to_string(step.reached),
          fmt::format("{:.3f}", step.conversion),
          step.median_days < 0 ? "" : fmt::format("{:.1f}", step.median_days)});
  for (const auto& ret : r.retention)
    line({"retention", std::to_string(ret.years), "", std::to_string(ret.settled_before), "",
          std::to_string(ret.still_here), "", ""});
  auto response = Response::Text(std::move(csv), "text/csv; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"soho-solo-report.csv\"");
  return response;
}

/// The newcomer's own page: where the file stands among the stages, who follows it, the visits
/// planned. Nothing of the advisors' notes, tasks or history.
Response OwnPage(Request& req, Context& ctx, Journeys& journeys) {
  auto j = journeys.OwnFile(ctx.programme.id, ctx.account->id);
  if (!j) return http::ErrorResponse(req, ctx, j.error());
  ViewData data;
  data.set("name", j->name);
  data.set("since", Day(j->stage_at));
  data.set("abandoned", j->stage == "abandoned");
  if (!j->advisor_name.empty()) data.set("advisor", j->advisor_name);
  const int here = StageIndex(j->stage);
  ViewData steps{ViewData::type::list};
  for (int i = 0; i < StageIndex("abandoned"); ++i) {
    ViewData step;
    step.set("label",
             http::T(ctx, std::string("journey.stage.") + kStages[static_cast<std::size_t>(i)]));
    step.set("done", j->stage != "abandoned" && i < here);
    step.set("current", i == here);
    steps.push_back(step);
  }
  data.set("steps", steps);
  ViewData visits{ViewData::type::list};
  for (const auto& v : journeys.Visits(ctx.programme.id, j->id)) {
    ViewData item;
    item.set("village", v.commune_code);
    item.set("planned", Minute(v.planned_at));
    item.set("done", v.done_at.has_value());
    visits.push_back(item);
  }
  data.set("has_visits", !visits.is_empty_list());
  data.set("visits", visits);
  return http::Page(ctx, kOwnView, std::move(data), "own.title");
}

Response CommitteesPage(Request& req, Context& ctx, Journeys& journeys,
                        const core::Error* error = nullptr) {
  ViewData members{ViewData::type::list};
  for (const auto& m : journeys.Committees(ctx.programme.id)) {
    ViewData item;
    item.set("id", std::to_string(m.account_id));
    item.set("name", m.name);
    item.set("email", m.email);
    item.set("villages", Join(m.villages, " "));
    members.push_back(item);
  }
  ViewData data;
  data.set("has_members", !members.is_empty_list());
  data.set("members", members);
  if (req.Query("saved")) data.set("saved", http::T(ctx, "journey.saved"));
  if (error) http::AddFieldErrors(data, ctx, *error);
  return http::Page(ctx, kCommitteesView, std::move(data), "committees.title",
                    error ? http::HttpStatusFor(error->code) : 200);
}

}  // namespace

void AddJourneyPages(http::Router& router, Journeys& journeys) {
  router.Add("GET", "/journeys", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return Board(req, ctx, journeys); });
  router.Add("GET", "/journeys/new", Access::Staff(), [](Request&, Context& ctx) {
    return http::Page(ctx, kNewView, ViewData{}, "journey.new_title");
  });
  router.Add("POST", "/journeys/new", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return Create(req, ctx, journeys); });
  router.Add("GET", "/journeys/{id}", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return File(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return Save(req, ctx, journeys, id);
             }));
  const auto committee_or_staff =
      Access::Roles({http::Role::kAdvisor, http::Role::kAdmin, http::Role::kCommittee});
  router.Add("GET", "/committee", Access::Roles({http::Role::kCommittee}),
             [&journeys](Request& req, Context& ctx) { return CommitteePage(req, ctx, journeys); });
  router.Add("POST", "/journeys/{id}/visits", committee_or_staff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return PlanVisitForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/visits/{visit}/done", committee_or_staff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return RecordVisitForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/notes", committee_or_staff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return NoteForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/tasks", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return TaskForm(req, ctx, journeys, id);
             }));
  router.Add("POST", "/journeys/{id}/tasks/{task}/done", committee_or_staff,
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               return TaskDoneForm(req, ctx, journeys, id);
             }));
  router.Add("GET", "/my-file", Access::Roles({http::Role::kNewcomer}),
             [&journeys](Request& req, Context& ctx) { return OwnPage(req, ctx, journeys); });
  router.Add("POST", "/journeys/{id}/invite", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               auto invited = journeys.InviteNewcomer(ctx.programme.id, ActorOf(ctx), id,
                                                      ctx.programme.public_url);
               if (!invited) return http::ErrorResponse(req, ctx, invited.error());
               return Response::Redirect("/journeys/" + std::to_string(id) + "?saved=1");
             }));
  router.Add("GET", "/indicators/report", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return ReportPage(req, ctx, journeys); });
  router.Add("GET", "/indicators/report.csv", Access::Staff(),
             [&journeys](Request& req, Context& ctx) { return ReportCsv(req, ctx, journeys); });
  router.Add("GET", "/manage/committees", Access::Staff(), [&journeys](Request& req, Context& ctx) {
    return CommitteesPage(req, ctx, journeys);
  });
  router.Add(
      "POST", "/manage/committees/{id}", Access::Staff(),
      http::WithId([&journeys](Request& req, Context& ctx, long long id) {
        auto form = http::Form::Parse(req.body);
        if (!form)
          return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
        auto set = journeys.SetCommitteeVillages(ctx.programme.id, id, form->Get("villages"));
        if (!set && set.error().code == core::ErrorCode::kInvalid)
          return CommitteesPage(req, ctx, journeys, &set.error());
        if (!set) return http::ErrorResponse(req, ctx, set.error());
        return Response::Redirect("/manage/committees?saved=1");
      }));
  // One click from the advisors' list of requests.
  router.Add("POST", "/demandes/{id}/dossier", Access::Staff(),
             http::WithId([&journeys](Request& req, Context& ctx, long long id) {
               auto created = journeys.CreateFromRequest(ctx.programme.id, ActorOf(ctx), id);
               if (!created) return http::ErrorResponse(req, ctx, created.error());
               return Response::Redirect("/journeys/" + std::to_string(created->id));
             }));
}

http::ViewData FigureCards(const http::Context& ctx, const Indicators& f) {
  ViewData list{ViewData::type::list};
  const auto add = [&](long long value, const char* key) {
    ViewData item;
    item.set("value", std::to_string(value));
    item.set("label", http::T(ctx, std::string("indicator.") + key));
    item.set("definition", http::T(ctx, std::string("indicator.") + key + "_definition"));
    list.push_back(item);
  };
  add(f.settled_households, "settled_households");
  add(f.new_residents, "new_residents");
  add(f.digital_households, "digital_households");
  add(f.files_open, "files_open");
  ViewData out;
  out.set("items", list);
  const auto day = core::FormatRfc3339Paris(f.computed_at).substr(0, 10);
  auto note = http::T(ctx, f.demo ? "indicator.note_demo" : "indicator.note");
  note.replace(note.find("{at}"), 4, day);
  out.set("note", note);
  return out;
}

}  // namespace sohosolo::journeys

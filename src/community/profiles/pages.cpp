// The directory (/members), the skills map (/members/map), the member's own profile (/profile)
// with its photo, and the programme's list of skills (/manage/skills), as HTML pages that work
// without JavaScript.
#include <fmt/format.h>

#include <boost/url/url.hpp>

#include "community/profiles/routes.hpp"
#include "core/text.hpp"
#include "http/multipart.hpp"
#include "http/status.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Choices;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kProfileView = "src/community/profiles/views/profile.html";
constexpr const char* kMembersView = "src/community/profiles/views/members.html";
constexpr const char* kMapView = "src/community/profiles/views/skills_map.html";
constexpr const char* kSkillsView = "src/community/profiles/views/skills.html";

std::vector<std::string> SectorLetters() {
  std::vector<std::string> out;
  for (const char* c = kSectors; *c; ++c) out.emplace_back(1, *c);
  return out;
}

std::string PhotoPath(const Profile& p) {
  return fmt::format("/members/{}/photo?v={}", p.account_id, p.photo_updated_at);
}

/// The programme's skills as checkboxes by category, those the member holds checked; the
/// member's other skills go to `free` (the free-text field).
ViewData SkillGroups(const std::vector<ProgrammeSkill>& list, const std::vector<std::string>& held,
                     std::string& free) {
  ViewData groups{ViewData::type::list};
  ViewData group;
  ViewData items{ViewData::type::list};
  std::string category;
  std::vector<std::string> listed;
  const auto flush = [&] {
    if (category.empty()) return;
    group.set("category", category);
    group.set("skills", items);
    groups.push_back(group);
    group = ViewData{};
    items = ViewData{ViewData::type::list};
  };
  for (const auto& s : list) {
    if (s.category != category) {
      flush();
      category = s.category;
    }
    const auto folded = core::FoldForSearch(s.label);
    listed.push_back(folded);
    ViewData item;
    item.set("label", s.label);
    item.set("id", "skill-" + std::to_string(listed.size()));
    item.set("checked", std::any_of(held.begin(), held.end(), [&](const std::string& h) {
               return core::FoldForSearch(h) == folded;
             }));
    items.push_back(item);
  }
  flush();
  for (const auto& h : held) {
    if (std::find(listed.begin(), listed.end(), core::FoldForSearch(h)) != listed.end()) continue;
    free += (free.empty() ? "" : ", ") + h;
  }
  return groups;
}

/// The form's fields as the member last saw them (stored, or as sent when refused).
ViewData ProfileForm(const Context& ctx, const Profile& p, const std::vector<ProgrammeSkill>& list,
                     const std::vector<std::string>& skills) {
  ViewData data;
  data.set("listed", p.listed);
  data.set("statuses", Choices(ctx, kStatuses, p.status, "profile.status_"));
  data.set("sectors", Choices(ctx, SectorLetters(), p.sector, "naf."));
  std::string free;
  auto groups = SkillGroups(list, skills, free);
  data.set("has_skill_list", !groups.is_empty_list());
  data.set("skill_groups", groups);
  data.set("skills", free);
  data.set("village_code", p.village_code);
  data.set("presentation", p.presentation);
  data.set("website", p.website);
  data.set("languages", p.languages);
  data.set("arrival_month", p.arrival_month);
  data.set("household", p.household);
  if (p.photo_updated_at != 0) data.set("photo_src", PhotoPath(p));
  ViewData fields{ViewData::type::list};
  for (const char* field : kProfileFields) {
    ViewData item;
    item.set("field", field);
    item.set("label", http::T(ctx, std::string("profile.field_") + field));
    ViewData audiences{ViewData::type::list};
    for (const char* audience : kAudiences) {
      ViewData a;
      a.set("field", field);
      a.set("value", audience);
      a.set("label", http::T(ctx, std::string("profile.shown_") + audience));
      a.set("checked", p.ShownTo(field) == audience);
      audiences.push_back(a);
    }
    item.set("audiences", audiences);
    fields.push_back(item);
  }
  data.set("shown", fields);
  return data;
}

ProfileInput InputOf(const http::Form& form) {
  ProfileInput in;
  in.listed = form.Get("listed") == "1";
  in.status = form.Get("status");
  in.sector = form.Get("sector");
  // The programme's skills ticked, then the free ones typed.
  for (const auto& s : form.All("skill")) in.skills += s + "\n";
  in.skills += form.Get("skills");
  in.village_code = form.Get("village_code");
  in.presentation = form.Get("presentation");
  in.website = form.Get("website");
  in.languages = form.Get("languages");
  in.arrival_month = form.Get("arrival_month");
  in.household = form.Get("household");
  for (const char* field : kProfileFields) {
    const auto audience = form.Get(std::string("show_") + field);
    in.shown[field] = audience.empty() ? "members" : audience;
  }
  return in;
}

Response ProfilePage(Request& req, Context& ctx, Directory& directory) {
  const auto mine = directory.Mine(ctx.programme.id, ctx.account->id, ctx.account->display_name);
  ViewData data = ProfileForm(ctx, mine, directory.Skills(ctx.programme.id), mine.skills);
  if (req.Query("saved")) data.set("saved", http::T(ctx, "profile.saved"));
  return http::Page(ctx, kProfileView, std::move(data), "profile.title");
}

/// The profile form again, as it was sent, with the messages of `error`.
Response RefusedProfile(Context& ctx, Directory& directory, const Profile& sent,
                        const std::vector<std::string>& skills, const core::Error& error) {
  ViewData data = ProfileForm(ctx, sent, directory.Skills(ctx.programme.id), skills);
  http::AddFieldErrors(data, ctx, error);
  return http::Page(ctx, kProfileView, std::move(data), "profile.title",
                    http::HttpStatusFor(error.code));
}

Response SaveProfile(Request& req, Context& ctx, Directory& directory) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto input = InputOf(*form);
  auto saved = directory.Save(ctx.programme.id, ctx.account->id, ctx.account->display_name, input);
  if (saved) return Response::Redirect("/profile?saved=1");
  Profile sent = directory.Mine(ctx.programme.id, ctx.account->id, ctx.account->display_name);
  sent.listed = input.listed;
  sent.status = input.status;
  sent.sector = input.sector;
  sent.village_code = input.village_code;
  sent.presentation = input.presentation;
  sent.website = input.website;
  sent.languages = input.languages;
  sent.arrival_month = input.arrival_month;
  sent.household = input.household;
  sent.shown = input.shown;
  std::vector<std::string> skills = form->All("skill");
  skills.push_back(form->Get("skills"));
  return RefusedProfile(ctx, directory, sent, skills, saved.error());
}

/// The photo form posts multipart/form-data: its CSRF token is checked by ReadMultipartForm.
Response UploadPhoto(Request& req, Context& ctx, Directory& directory) {
  auto parts = http::ReadMultipartForm(req, ctx);
  if (!parts) return http::ErrorResponse(req, ctx, parts.error());
  const auto* file = http::FindPart(*parts, "photo");
  auto saved = directory.SetPhoto(ctx.programme.id, ctx.account->id, ctx.account->display_name,
                                  file ? file->body : "", file ? file->content_type : "");
  if (saved) return Response::Redirect("/profile?saved=1");
  const auto mine = directory.Mine(ctx.programme.id, ctx.account->id, ctx.account->display_name);
  return RefusedProfile(ctx, directory, mine, mine.skills, saved.error());
}

Response RemovePhoto(Request& req, Context& ctx, Directory& directory) {
  auto done = directory.DeletePhoto(ctx.programme.id, ctx.account->id);
  if (!done) return http::ErrorResponse(req, ctx, done.error());
  return Response::Redirect("/profile?saved=1");
}

Viewer ViewerOf(const Context& ctx) {
  if (!ctx.account) return Viewer::kPublic;
  return ctx.IsStaff() ? Viewer::kStaff : Viewer::kMember;
}

/// A member's photo, to whom may see it. Its address changes with the photo: cached long, and
/// only privately unless it is public.
Response PhotoOf(Request& req, Context& ctx, Directory& directory) {
  const auto id = http::ParseId(req.Param("id"));
  if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
  const auto viewer = ViewerOf(ctx);
  auto photo = directory.Photo(ctx.programme.id, *id, viewer, ctx.account ? ctx.account->id : 0);
  if (!photo) return http::ErrorResponse(req, ctx, photo.error());
  auto response = Response::Text(std::move(photo->bytes), photo->content_type);
  response.SetHeader("Cache-Control", viewer == Viewer::kPublic ? "public, max-age=86400"
                                                                : "private, max-age=86400");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  return response;
}

std::string MonthText(const Context& ctx, const std::string& month) {
  if (month.size() != 7) return month;
  return http::T(ctx, "month." + std::to_string(std::stoi(month.substr(5)))) + " " +
         month.substr(0, 4);
}

}  // namespace

ViewData ProfileCard(const Context& ctx, const Profile& p) {
  ViewData item;
  item.set("name", p.display_name);
  // Mustache shows a section for any string, even an empty one: only what is there is set.
  const auto set = [&item](const char* key, const std::string& value) {
    if (!value.empty()) item.set(key, value);
  };
  if (!p.status.empty()) set("status", http::T(ctx, "profile.status_" + p.status));
  if (!p.sector.empty()) set("sector", http::T(ctx, "naf." + p.sector));
  ViewData skills{ViewData::type::list};
  for (const auto& s : p.skills) skills.push_back(ViewData(s));
  item.set("skills", skills);
  item.set("has_skills", !p.skills.empty());
  set("village_code", p.village_code);
  set("village_name", p.village_name.empty() ? p.village_code : p.village_name);
  set("presentation", p.presentation);
  set("website", p.website);
  set("languages", p.languages);
  if (!p.arrival_month.empty()) set("arrival", MonthText(ctx, p.arrival_month));
  set("household", p.household);
  if (p.photo_updated_at != 0) set("photo_src", PhotoPath(p));
  return item;
}

namespace {

Response MembersPage(Request& req, Context& ctx, Directory& directory) {
  DirectoryQuery q;
  q.text = req.Query("q").value_or("");
  q.skill = req.Query("skill").value_or("");
  q.sector = req.Query("sector").value_or("");
  q.status = req.Query("status").value_or("");
  q.village_code = req.Query("village").value_or("");
  q.cursor = req.Query("cursor").value_or("");
  ViewData data;
  data.set("q", q.text);
  data.set("skill", q.skill);
  data.set("village", q.village_code);
  data.set("staff", ctx.IsStaff());
  data.set("statuses", Choices(ctx, kStatuses, q.status, "profile.status_"));
  data.set("sectors", Choices(ctx, SectorLetters(), q.sector, "naf."));
  auto page = directory.Search(ctx.programme.id, ctx.IsStaff(), q);
  if (!page) {
    http::AddFieldErrors(data, ctx, page.error());
    return http::Page(ctx, kMembersView, std::move(data), "directory.title", 422);
  }
  ViewData items{ViewData::type::list};
  for (const auto& p : page->items) items.push_back(ProfileCard(ctx, p));
  data.set("has_members", !items.is_empty_list());
  data.set("members", items);
  if (!page->next_cursor.empty()) {
    boost::urls::url next("/members");
    next.params().append({"q", q.text});
    next.params().append({"skill", q.skill});
    next.params().append({"sector", q.sector});
    next.params().append({"status", q.status});
    next.params().append({"village", q.village_code});
    next.params().append({"cursor", page->next_cursor});
    data.set("next", std::string(next.buffer()));
  }
  return http::Page(ctx, kMembersView, std::move(data), "directory.title");
}

/// The skills map: the villages as a table (the page without JavaScript), drawn on a map by
/// skills-map.js from the same figures.
Response SkillsMapPage(Request& req, Context& ctx, Directory& directory) {
  const auto category = req.Query("category").value_or("");
  ViewData data;
  ViewData categories{ViewData::type::list};
  std::string last;
  for (const auto& s : directory.Skills(ctx.programme.id)) {
    if (s.category == last) continue;
    last = s.category;
    ViewData c;
    c.set("value", s.category);
    c.set("selected", s.category == category);
    categories.push_back(c);
  }
  data.set("categories", categories);
  auto points = directory.SkillsMap(ctx.programme.id, ctx.IsStaff(), category);
  if (!points) {
    http::AddFieldErrors(data, ctx, points.error());
    return http::Page(ctx, kMapView, std::move(data), "skills_map.title", 422);
  }
  ViewData rows{ViewData::type::list};
  for (const auto& p : *points) {
    ViewData row;
    row.set("code", p.village_code);
    row.set("name", p.village_name);
    row.set("members", std::to_string(p.members));
    boost::urls::url link("/members");
    link.params().append({"village", p.village_code});
    row.set("href", std::string(link.buffer()));
    rows.push_back(row);
  }
  data.set("has_points", !rows.is_empty_list());
  data.set("points", rows);
  boost::urls::url api("/api/v1/members/map");
  if (!category.empty()) api.params().append({"category", category});
  data.set("api", std::string(api.buffer()));
  return http::Page(ctx, kMapView, std::move(data), "skills_map.title");
}

Response SkillsPage(Request& req, Context& ctx, Directory& directory) {
  ViewData data;
  data.set("skills", directory.SkillsText(ctx.programme.id));
  if (req.Query("saved")) data.set("saved", http::T(ctx, "skills.saved"));
  return http::Page(ctx, kSkillsView, std::move(data), "skills.title");
}

Response SaveSkills(Request& req, Context& ctx, Directory& directory) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  auto done = directory.SetSkills(ctx.programme.id, form->Get("skills"));
  if (done) return Response::Redirect("/manage/skills?saved=1");
  ViewData data;
  data.set("skills", form->Get("skills"));
  data.set("has_errors", true);
  data.set("error_summary", http::T(ctx, done.error().message_key));
  ViewData lines{ViewData::type::list};
  for (const auto& f : done.error().fields) {
    ViewData line;
    line.set("line", f.field.starts_with("line") ? f.field.substr(4) : f.field);
    line.set("message", http::T(ctx, f.message_key));
    lines.push_back(line);
  }
  data.set("line_errors", lines);
  return http::Page(ctx, kSkillsView, std::move(data), "skills.title",
                    http::HttpStatusFor(done.error().code));
}

}  // namespace

void AddDirectoryPages(http::Router& router, Directory& directory) {
  const auto with = [&directory](auto handler) {
    return
        [&directory, handler](Request& req, Context& ctx) { return handler(req, ctx, directory); };
  };
  router.Add("GET", "/members", Access::AnyAccount(), with(MembersPage));
  router.Add("GET", "/members/map", Access::AnyAccount(), with(SkillsMapPage));
  // Public: the service decides, by the profile's choices, who may see each photo.
  router.Add("GET", "/members/{id}/photo", Access::Public(), with(PhotoOf));
  router.Add("GET", "/profile", Access::AnyAccount(), with(ProfilePage));
  router.Add("POST", "/profile", Access::AnyAccount(), with(SaveProfile));
  router.Add("POST", "/profile/photo", Access::AnyAccount(), with(UploadPhoto),
             http::Csrf::kExempt);
  router.Add("POST", "/profile/photo/delete", Access::AnyAccount(), with(RemovePhoto));
  router.Add("GET", "/manage/skills", Access::Staff(), with(SkillsPage));
  router.Add("POST", "/manage/skills", Access::Staff(), with(SaveSkills));
}

}  // namespace sohosolo::community

// The directory (/members) and the member's own profile (/profile), as HTML pages that work
// without JavaScript.
#include <boost/url/url.hpp>

#include "community/profiles/routes.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kProfileView = "src/community/profiles/views/profile.html";
constexpr const char* kMembersView = "src/community/profiles/views/members.html";

ViewData Choices(const Context& ctx, const auto& values, const std::string& selected,
                 const std::string& key_prefix) {
  ViewData list{ViewData::type::list};
  for (const auto& v : values) {
    const std::string value(v);
    ViewData item;
    item.set("value", value);
    item.set("label", http::T(ctx, key_prefix + value));
    item.set("selected", value == selected);
    list.push_back(item);
  }
  return list;
}

std::vector<std::string> SectorLetters() {
  std::vector<std::string> out;
  for (const char* c = kSectors; *c; ++c) out.emplace_back(1, *c);
  return out;
}

/// The form's fields as the member last saw them (stored, or as sent when refused).
ViewData ProfileForm(const Context& ctx, const Profile& p, const std::string& skills_text) {
  ViewData data;
  data.set("listed", p.listed);
  data.set("statuses", Choices(ctx, kStatuses, p.status, "profile.status_"));
  data.set("sectors", Choices(ctx, SectorLetters(), p.sector, "naf."));
  data.set("skills", skills_text);
  data.set("village_code", p.village_code);
  data.set("presentation", p.presentation);
  data.set("website", p.website);
  data.set("languages", p.languages);
  ViewData fields{ViewData::type::list};
  for (const char* field : kProfileFields) {
    ViewData item;
    item.set("field", field);
    item.set("label", http::T(ctx, std::string("profile.field_") + field));
    item.set("advisors", p.ShownTo(field) == "advisors");
    fields.push_back(item);
  }
  data.set("shown", fields);
  return data;
}

std::string SkillsText(const Profile& p) {
  std::string out;
  for (const auto& s : p.skills) out += (out.empty() ? "" : ", ") + s;
  return out;
}

ProfileInput InputOf(const http::Form& form) {
  ProfileInput in;
  in.listed = form.Get("listed") == "1";
  in.status = form.Get("status");
  in.sector = form.Get("sector");
  in.skills = form.Get("skills");
  in.village_code = form.Get("village_code");
  in.presentation = form.Get("presentation");
  in.website = form.Get("website");
  in.languages = form.Get("languages");
  for (const char* field : kProfileFields)
    in.shown[field] = form.Get(std::string("show_") + field) == "advisors" ? "advisors" : "members";
  return in;
}

Response ProfilePage(Request& req, Context& ctx, Directory& directory) {
  const auto mine = directory.Mine(ctx.programme.id, ctx.account->id, ctx.account->display_name);
  ViewData data = ProfileForm(ctx, mine, SkillsText(mine));
  if (req.Query("saved")) data.set("saved", http::T(ctx, "profile.saved"));
  return http::Page(ctx, kProfileView, std::move(data), "profile.title");
}

Response SaveProfile(Request& req, Context& ctx, Directory& directory) {
  auto form = http::Form::Parse(req.body);
  if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
  const auto input = InputOf(*form);
  auto saved = directory.Save(ctx.programme.id, ctx.account->id, ctx.account->display_name, input);
  if (saved) return Response::Redirect("/profile?saved=1");
  // Shown again as sent, with the fields at fault.
  Profile sent;
  sent.listed = input.listed;
  sent.status = input.status;
  sent.sector = input.sector;
  sent.village_code = input.village_code;
  sent.presentation = input.presentation;
  sent.website = input.website;
  sent.languages = input.languages;
  sent.shown = input.shown;
  ViewData data = ProfileForm(ctx, sent, input.skills);
  http::AddFieldErrors(data, ctx, saved.error());
  return http::Page(ctx, kProfileView, std::move(data), "profile.title", 422);
}

Response MembersPage(Request& req, Context& ctx, Directory& directory) {
  DirectoryQuery q;
  q.text = req.Query("q").value_or("");
  q.skill = req.Query("skill").value_or("");
  q.sector = req.Query("sector").value_or("");
  q.status = req.Query("status").value_or("");
  q.cursor = req.Query("cursor").value_or("");
  ViewData data;
  data.set("q", q.text);
  data.set("skill", q.skill);
  data.set("statuses", Choices(ctx, kStatuses, q.status, "profile.status_"));
  data.set("sectors", Choices(ctx, SectorLetters(), q.sector, "naf."));
  auto page = directory.Search(ctx.programme.id, ctx.IsStaff(), q);
  if (!page) {
    http::AddFieldErrors(data, ctx, page.error());
    return http::Page(ctx, kMembersView, std::move(data), "directory.title", 422);
  }
  ViewData items{ViewData::type::list};
  for (const auto& p : page->items) {
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
    set("presentation", p.presentation);
    set("website", p.website);
    set("languages", p.languages);
    items.push_back(item);
  }
  data.set("has_members", !items.is_empty_list());
  data.set("members", items);
  if (!page->next_cursor.empty()) {
    boost::urls::url next("/members");
    next.params().append({"q", q.text});
    next.params().append({"skill", q.skill});
    next.params().append({"sector", q.sector});
    next.params().append({"status", q.status});
    next.params().append({"cursor", page->next_cursor});
    data.set("next", std::string(next.buffer()));
  }
  return http::Page(ctx, kMembersView, std::move(data), "directory.title");
}

}  // namespace

void AddDirectoryPages(http::Router& router, Directory& directory) {
  router.Add("GET", "/members", Access::AnyAccount(),
             [&directory](Request& req, Context& ctx) { return MembersPage(req, ctx, directory); });
  router.Add("GET", "/profile", Access::AnyAccount(),
             [&directory](Request& req, Context& ctx) { return ProfilePage(req, ctx, directory); });
  router.Add("POST", "/profile", Access::AnyAccount(),
             [&directory](Request& req, Context& ctx) { return SaveProfile(req, ctx, directory); });
}

}  // namespace sohosolo::community

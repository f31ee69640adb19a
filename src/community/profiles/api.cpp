// The directory's JSON API. Members and staff only (401 anonymous); each profile carries the
// fields the asker may see and nothing else.
#include <boost/json.hpp>

#include "community/profiles/routes.hpp"
#include "core/text.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"

namespace sohosolo::community {

namespace {

using http::Access;
using http::Context;
using http::Request;
using http::Response;

boost::json::object ProfileJson(const Profile& p) {
  boost::json::array skills;
  for (const auto& s : p.skills) skills.emplace_back(s);
  return {
      {"account_id", p.account_id},
      {"display_name", p.display_name},
      {"status", p.status},
      {"sector", p.sector},
      {"skills", skills},
      {"village_code", p.village_code},
      {"village_name", p.village_name},
      {"presentation", p.presentation},
      {"website", p.website},
      {"languages", p.languages},
      {"arrival_month", p.arrival_month},
      {"photo_url", p.photo_updated_at == 0
                        ? boost::json::value(nullptr)
                        : boost::json::value("/members/" + std::to_string(p.account_id) +
                                             "/photo?v=" + std::to_string(p.photo_updated_at))}};
}

/// The member's own profile: every field, whether it is listed and whom each field is shown to.
boost::json::object OwnProfileJson(const Profile& p) {
  auto out = ProfileJson(p);
  out["listed"] = p.listed;
  out["household"] = p.household;
  boost::json::object shown;
  for (const char* field : kProfileFields) shown[field] = p.ShownTo(field);
  out["shown"] = shown;
  return out;
}

/// A JSON body as a ProfileInput; type errors are added to `errors`.
ProfileInput InputOf(const boost::json::object& body, std::vector<core::FieldError>& errors) {
  ProfileInput in;
  if (const auto* listed = body.if_contains("listed")) {
    if (listed->is_bool())
      in.listed = listed->as_bool();
    else
      errors.push_back({"listed", "error.profile.listed"});
  }
  const auto text = [&](const char* name) {
    return http::StringField(body, name, errors).value_or("");
  };
  in.status = text("status");
  in.sector = text("sector");
  in.village_code = text("village_code");
  in.presentation = text("presentation");
  in.website = text("website");
  in.languages = text("languages");
  in.arrival_month = text("arrival_month");
  in.household = text("household");
  if (const auto* skills = body.if_contains("skills")) {
    if (!skills->is_array()) errors.push_back({"skills", "error.profile.skill"});
    for (const auto& s : skills->is_array() ? skills->as_array() : boost::json::array{}) {
      if (!s.is_string() || s.as_string().find(',') != boost::json::string::npos) {
        errors.push_back({"skills", "error.profile.skill"});
        break;
      }
      in.skills += std::string(s.as_string()) + "\n";
    }
  }
  if (const auto* shown = body.if_contains("shown")) {
    if (!shown->is_object()) errors.push_back({"shown", "error.profile.shown"});
    for (const auto& [field, audience] :
         shown->is_object() ? shown->as_object() : boost::json::object{}) {
      if (!audience.is_string()) {
        errors.push_back({"shown", "error.profile.shown"});
        break;
      }
      in.shown[std::string(field)] = std::string(audience.as_string());
    }
  }
  return in;
}

Response Members(Request& req, Context& ctx, Directory& directory) {
  DirectoryQuery q;
  q.text = req.Query("q").value_or("");
  q.skill = req.Query("skill").value_or("");
  q.sector = req.Query("sector").value_or("");
  q.status = req.Query("status").value_or("");
  q.village_code = req.Query("village").value_or("");
  q.cursor = req.Query("cursor").value_or("");
  if (const auto limit = req.Query("limit")) {
    const auto n = http::ParseId(*limit);
    q.limit = n && *n <= 1000 ? static_cast<int>(*n) : 0;
  }
  auto page = directory.Search(ctx.programme.id, ctx.IsStaff(), q);
  if (!page) return http::Problem(ctx, page.error());
  boost::json::array items;
  for (const auto& p : page->items) items.push_back(ProfileJson(p));
  boost::json::object out{{"items", items}};
  out["next_cursor"] = page->next_cursor.empty() ? boost::json::value(nullptr)
                                                 : boost::json::value(page->next_cursor);
  return Response::Json(out);
}

Response SkillsMap(Request& req, Context& ctx, Directory& directory) {
  auto points =
      directory.SkillsMap(ctx.programme.id, ctx.IsStaff(), req.Query("category").value_or(""));
  if (!points) return http::Problem(ctx, points.error());
  boost::json::array items;
  for (const auto& p : *points)
    items.push_back({{"village_code", p.village_code},
                     {"village_name", p.village_name},
                     {"lon", p.lon},
                     {"lat", p.lat},
                     {"members", p.members}});
  return Response::Json(boost::json::object{{"items", items}});
}

boost::json::object SkillsJson(const std::vector<ProgrammeSkill>& skills) {
  boost::json::array items;
  for (const auto& s : skills) {
    if (items.empty() || items.back().as_object().at("category").as_string() != s.category)
      items.push_back({{"category", s.category}, {"skills", boost::json::array{}}});
    items.back().as_object()["skills"].as_array().emplace_back(s.label);
  }
  return {{"items", items}};
}

}  // namespace

void AddDirectoryApi(http::Router& router, Directory& directory) {
  router.Add("GET", "/api/v1/members", Access::AnyAccount(),
             [&directory](Request& req, Context& ctx) { return Members(req, ctx, directory); });
  router.Add("GET", "/api/v1/members/map", Access::AnyAccount(),
             [&directory](Request& req, Context& ctx) { return SkillsMap(req, ctx, directory); });
  router.Add("GET", "/api/v1/skills", Access::AnyAccount(), [&directory](Request&, Context& ctx) {
    return Response::Json(SkillsJson(directory.Skills(ctx.programme.id)));
  });
  // The list as its text form: {"text": "Category : skill, skill\n..."}.
  router.Add("PUT", "/api/v1/skills", Access::Staff(), [&directory](Request& req, Context& ctx) {
    auto body = http::JsonObjectBody(req);
    if (!body) return http::Problem(ctx, body.error());
    std::vector<core::FieldError> errors;
    const auto text = http::StringField(*body, "text", errors);
    if (!errors.empty() || !text)
      return http::Problem(ctx, core::Invalid({{"text", "error.skills.text"}}));
    auto done = directory.SetSkills(ctx.programme.id, *text);
    if (!done) return http::Problem(ctx, done.error());
    return Response::Json(SkillsJson(directory.Skills(ctx.programme.id)));
  });
  // The photo is the request body itself (image/jpeg or image/png), not a form.
  router.Add("PUT", "/api/v1/me/profile/photo", Access::AnyAccount(),
             [&directory](Request& req, Context& ctx) {
               const auto type = req.Header("Content-Type").value_or("");
               auto saved = directory.SetPhoto(
                   ctx.programme.id, ctx.account->id, ctx.account->display_name, req.body,
                   std::string(core::Trim(type.substr(0, type.find(';')))));
               if (!saved) return http::Problem(ctx, saved.error());
               return Response::Json(OwnProfileJson(
                   directory.Mine(ctx.programme.id, ctx.account->id, ctx.account->display_name)));
             });
  router.Add("DELETE", "/api/v1/me/profile/photo", Access::AnyAccount(),
             [&directory](Request&, Context& ctx) {
               auto done = directory.DeletePhoto(ctx.programme.id, ctx.account->id);
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             });
  router.Add("GET", "/api/v1/me/profile", Access::AnyAccount(),
             [&directory](Request&, Context& ctx) {
               return Response::Json(OwnProfileJson(
                   directory.Mine(ctx.programme.id, ctx.account->id, ctx.account->display_name)));
             });
  router.Add(
      "PUT", "/api/v1/me/profile", Access::AnyAccount(), [&directory](Request& req, Context& ctx) {
        auto body = http::JsonObjectBody(req);
        if (!body) return http::Problem(ctx, body.error());
        std::vector<core::FieldError> errors;
        const auto input = InputOf(*body, errors);
        if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
        auto saved =
            directory.Save(ctx.programme.id, ctx.account->id, ctx.account->display_name, input);
        if (!saved) return http::Problem(ctx, saved.error());
        return Response::Json(OwnProfileJson(*saved));
      });
}

}  // namespace sohosolo::community

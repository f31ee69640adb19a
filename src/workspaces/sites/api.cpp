#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/text.hpp"
#include "http/json_body.hpp"
#include "http/views.hpp"
#include "workspaces/sites/hosts.hpp"
#include "workspaces/sites/json.hpp"
#include "workspaces/sites/routes.hpp"

namespace sohosolo::workspaces {

namespace {

using core::FieldError;
using http::Access;
using http::Context;
using http::Request;
using http::Response;

const Access kRunsSites = Access::RunsSites();

}  // namespace

namespace {

boost::json::object HostsJson(long long site_id, const std::vector<HostAccount>& hosts) {
  boost::json::array items;
  for (const auto& h : hosts) {
    items.push_back(
        {{"account_id", h.account_id}, {"display_name", h.display_name}, {"email", h.email}});
  }
  return {{"site_id", site_id}, {"hosts", items}};
}

/// Reads typed members of a JSON body, collecting one error per bad field.
class Reader {
 public:
  explicit Reader(const boost::json::object& body) : body_(body) {}
  std::vector<FieldError>& errors() { return errors_; }

  void String(const char* name, std::optional<std::string>& out) {
    const auto* v = body_.if_contains(name);
    if (!v) return;
    if (!v->is_string()) return Error(name, "error.field.not_string");
    out = std::string(v->as_string());
  }
  void Int(const boost::json::object& from, const char* name, std::optional<int>& out) {
    const auto* v = from.if_contains(name);
    if (!v) return;
    if (!v->is_int64() || v->as_int64() < -1000000 || v->as_int64() > 1000000)
      return Error(name, "error.field.integer");
    out = static_cast<int>(v->as_int64());
  }
  void Bool(const char* name, std::optional<bool>& out) { Bool(body_, name, out); }
  void Bool(const boost::json::object& from, const char* name, std::optional<bool>& out) {
    const auto* v = from.if_contains(name);
    if (!v) return;
    if (!v->is_bool()) return Error(name, "error.field.boolean");
    out = v->as_bool();
  }
  /// A number, or null to clear it.
  void Number(const char* name, std::optional<std::optional<double>>& out) {
    const auto* v = body_.if_contains(name);
    if (!v) return;
    if (v->is_null()) {
      out = std::optional<double>{};
      return;
    }
    if (!v->is_number()) return Error(name, "error.field.number");
    out = v->to_number<double>();
  }
  /// An array of strings, or one comma-separated string.
  void List(const char* name, std::optional<std::vector<std::string>>& out) {
    const auto* v = body_.if_contains(name);
    if (!v) return;
    if (v->is_string()) {
      out = SplitEquipment(std::string(v->as_string()));
      return;
    }
    if (!v->is_array()) return Error(name, "error.siteadmin.equipment");
    std::vector<std::string> items;
    for (const auto& item : v->as_array()) {
      if (!item.is_string()) return Error(name, "error.siteadmin.equipment");
      items.emplace_back(item.as_string());
    }
    out = std::move(items);
  }
  void Hours(const char* name, std::optional<std::vector<OpeningInterval>>& out) {
    const auto* v = body_.if_contains(name);
    if (!v) return;
    if (!v->is_array()) return Error(name, "error.siteadmin.hours");
    std::vector<OpeningInterval> hours;
    for (const auto& item : v->as_array()) {
      const auto* o = item.if_object();
      const auto* day = o ? o->if_contains("weekday") : nullptr;
      const auto* opens = o ? o->if_contains("opens") : nullptr;
      const auto* closes = o ? o->if_contains("closes") : nullptr;
      if (!day || !day->is_int64() || !opens || !opens->is_string() || !closes ||
          !closes->is_string()) {
        return Error(name, "error.siteadmin.hours");
      }
      const auto o_min = ParseClock(std::string(opens->as_string()));
      const auto c_min = ParseClock(std::string(closes->as_string()));
      if (!o_min || !c_min || day->as_int64() < 1 || day->as_int64() > 7)
        return Error(name, "error.siteadmin.hours");
      hours.push_back({static_cast<int>(day->as_int64()), *o_min, *c_min});
    }
    out = std::move(hours);
  }
  /// `changes` when every member read was fine, else the invalid-input error naming each field.
  template <typename Changes>
  core::Result<Changes> Checked(Changes changes) {
    if (!errors_.empty()) return core::Invalid(std::move(errors_), kInvalidSite);
    return changes;
  }
  /// Members outside `known` are refused (a typo must not be silently ignored); `ignored` are
  /// read-only members of the answer, so that a GET can be sent back.
  void Only(std::initializer_list<const char*> known, std::initializer_list<const char*> ignored) {
    for (const auto& member : body_) {
      const auto& key = member.key();
      const auto is = [&key](const char* k) { return key == k; };
      if (std::none_of(known.begin(), known.end(), is) &&
          std::none_of(ignored.begin(), ignored.end(), is)) {
        errors_.push_back({std::string(key), "error.field.unknown"});
      }
    }
  }

 private:
  void Error(const char* name, const char* key) { errors_.push_back({name, key}); }
  const boost::json::object& body_;
  std::vector<FieldError> errors_;
};

/// The site changes a JSON request body asks for.
core::Result<SiteChanges> ReadSite(const Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body) return body.error();
  Reader r(*body);
  SiteChanges c;
  r.Only({"name", "kind", "commune_code", "address", "description", "contact", "time_zone",
          "latitude", "longitude", "equipment", "opening_hours"},
         {"id", "demo_data", "resources", "equipment_list", "photo_url"});
  for (const auto& [name, field] : {std::pair{"name", &c.name},
                                    {"kind", &c.kind},
                                    {"commune_code", &c.commune_code},
                                    {"address", &c.address},
                                    {"description", &c.description},
                                    {"contact", &c.contact},
                                    {"time_zone", &c.time_zone}}) {
    r.String(name, *field);
  }
  r.Number("latitude", c.latitude);
  r.Number("longitude", c.longitude);
  r.List("equipment", c.equipment);
  r.Hours("opening_hours", c.hours);
  return r.Checked(std::move(c));
}

/// The resource changes a JSON request body asks for.
core::Result<ResourceChanges> ReadResource(const Request& req) {
  auto parsed = http::JsonObjectBody(req);
  if (!parsed) return parsed.error();
  const auto& body = *parsed;
  Reader r(body);
  ResourceChanges c;
  r.Only({"kind", "name", "capacity", "equipment", "bookable", "rules"},
         {"id", "site_id", "equipment_list"});
  r.String("kind", c.kind);
  r.String("name", c.name);
  r.Int(body, "capacity", c.capacity);
  r.List("equipment", c.equipment);
  r.Bool("bookable", c.bookable);
  if (const auto* rules = body.if_contains("rules")) {
    if (!rules->is_object()) {
      r.errors().push_back({"rules", "error.siteadmin.rules"});
    } else {
      const auto& o = rules->as_object();
      r.Int(o, "min_minutes", c.min_minutes);
      r.Int(o, "max_minutes", c.max_minutes);
      r.Int(o, "step_minutes", c.step_minutes);
      r.Int(o, "horizon_days", c.horizon_days);
      r.Int(o, "notice_minutes", c.notice_minutes);
      r.Int(o, "buffer_minutes", c.buffer_minutes);
      r.Bool(o, "requires_approval", c.requires_approval);
    }
  }
  return r.Checked(std::move(c));
}

/// The `account_ids` array of integers a JSON request body carries.
core::Result<std::vector<long long>> ReadAccountIds(const Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body) return body.error();
  const auto* ids = body->if_contains("account_ids");
  if (!ids || !ids->is_array())
    return core::Invalid({{"account_ids", "error.siteadmin.account_ids"}}, kInvalidSite);
  std::vector<long long> accounts;
  for (const auto& v : ids->as_array()) {
    if (!v.is_int64())
      return core::Invalid({{"account_ids", "error.siteadmin.account_ids"}}, kInvalidSite);
    accounts.push_back(v.as_int64());
  }
  return accounts;
}

/// Creating and editing sites and their resources.
void AddSiteEditRoutes(http::Router& router, Service& service, SiteAdmin& admin) {
  router.Add(
      "POST", "/api/v1/sites", Access::Staff(), [&service, &admin](Request& req, Context& ctx) {
        const auto actor = ActorFor(service, ctx);
        auto changes = ReadSite(req);
        if (!changes) return http::Problem(ctx, changes.error());
        auto created = admin.CreateSite(ctx.programme.id, actor, *changes);
        if (!created) return http::Problem(ctx, created.error());
        auto response = Response::Json(SiteJson(created->site, created->photo_updated_at), 201);
        response.SetHeader("Location", "/api/v1/sites/" + std::to_string(created->site.site.id));
        return response;
      });
  router.Add("PATCH", "/api/v1/sites/{id}", kRunsSites,
             [&service, &admin](Request& req, Context& ctx) {
               const auto actor = ActorFor(service, ctx);
               auto id = http::ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               // Who may edit is settled before what was sent: a refused editor learns nothing of
               // the rules.
               if (auto allowed = admin.GetSite(ctx.programme.id, actor, *id); !allowed) {
                 return http::Problem(ctx, allowed.error());
               }
               auto changes = ReadSite(req);
               if (!changes) return http::Problem(ctx, changes.error());
               auto updated = admin.UpdateSite(ctx.programme.id, actor, *id, *changes);
               if (!updated) return http::Problem(ctx, updated.error());
               return Response::Json(SiteJson(updated->site, updated->photo_updated_at));
             });
  router.Add("POST", "/api/v1/sites/{id}/resources", kRunsSites,
             [&service, &admin](Request& req, Context& ctx) {
               const auto actor = ActorFor(service, ctx);
               auto id = http::ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               if (auto allowed = admin.GetSite(ctx.programme.id, actor, *id); !allowed) {
                 return http::Problem(ctx, allowed.error());
               }
               auto changes = ReadResource(req);
               if (!changes) return http::Problem(ctx, changes.error());
               auto created = admin.CreateResource(ctx.programme.id, actor, *id, *changes);
               if (!created) return http::Problem(ctx, created.error());
               auto response = Response::Json(ResourceJson(*created), 201);
               response.SetHeader("Location", "/api/v1/resources/" + std::to_string(created->id));
               return response;
             });
  router.Add("PATCH", "/api/v1/resources/{id}", kRunsSites,
             [&service, &admin](Request& req, Context& ctx) {
               const auto actor = ActorFor(service, ctx);
               auto id = http::ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               if (auto allowed = admin.GetResource(ctx.programme.id, actor, *id); !allowed) {
                 return http::Problem(ctx, allowed.error());
               }
               auto changes = ReadResource(req);
               if (!changes) return http::Problem(ctx, changes.error());
               auto updated = admin.UpdateResource(ctx.programme.id, actor, *id, *changes);
               if (!updated) return http::Problem(ctx, updated.error());
               return Response::Json(ResourceJson(*updated));
             });
}

void AddPhotoRoutes(http::Router& router, Service& service, SiteAdmin& admin) {
  // The photo is the request body itself (image/jpeg or image/png), not a form.
  router.Add("PUT", "/api/v1/sites/{id}/photo", kRunsSites,
             [&service, &admin](Request& req, Context& ctx) {
               const auto actor = ActorFor(service, ctx);
               auto id = http::ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               const auto type = req.Header("Content-Type").value_or("");
               auto done = admin.SetPhoto(ctx.programme.id, actor, *id, req.body,
                                          std::string(core::Trim(type.substr(0, type.find(';')))));
               if (!done) return http::Problem(ctx, done.error());
               auto profile = admin.GetSite(ctx.programme.id, actor, *id);
               if (!profile) return http::Problem(ctx, profile.error());
               return Response::Json(SiteJson(profile->site, profile->photo_updated_at));
             });
  router.Add("DELETE", "/api/v1/sites/{id}/photo", kRunsSites,
             [&service, &admin](Request& req, Context& ctx) {
               const auto actor = ActorFor(service, ctx);
               auto id = http::ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto done = admin.DeletePhoto(ctx.programme.id, actor, *id);
               if (!done) return http::Problem(ctx, done.error());
               return Response::NoContent();
             });
  // Public, like the site itself. The address changes with the photo, so it may be cached long.
  router.Add("GET", "/sites/{id}/photo", Access::Public(), [&admin](Request& req, Context& ctx) {
    auto id = http::ParseId(req.Param("id"));
    auto photo = id ? admin.GetPhoto(ctx.programme.id, *id) : std::nullopt;
    if (!photo) return http::ErrorResponse(req, ctx, core::NotFound());
    auto response = Response::Text(std::move(photo->bytes), photo->content_type);
    response.SetHeader("Cache-Control", "public, max-age=86400");
    return response;
  });
}

/// Who hosts a site: read and set by the programme's staff.
void AddHostRoutes(http::Router& router, Service& service, SiteAdmin& admin) {
  router.Add("GET", "/api/v1/sites/{id}/hosts", Access::Staff(),
             [&service, &admin](Request& req, Context& ctx) {
               const auto actor = ActorFor(service, ctx);
               auto id = http::ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto hosts = admin.Hosts(ctx.programme.id, actor, *id);
               if (!hosts) return http::Problem(ctx, hosts.error());
               return Response::Json(HostsJson(*id, *hosts));
             });
  router.Add("PUT", "/api/v1/sites/{id}/hosts", Access::Staff(),
             [&service, &admin](Request& req, Context& ctx) {
               const auto actor = ActorFor(service, ctx);
               auto id = http::ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto accounts = ReadAccountIds(req);
               if (!accounts) return http::Problem(ctx, accounts.error());
               auto hosts = admin.SetHosts(ctx.programme.id, actor, *id, *accounts);
               if (!hosts) return http::Problem(ctx, hosts.error());
               return Response::Json(HostsJson(*id, *hosts));
             });
}

}  // namespace

void AddSiteAdminRoutes(http::Router& router, Service& service, SiteAdmin& admin) {
  AddSiteEditRoutes(router, service, admin);
  AddPhotoRoutes(router, service, admin);
  AddHostRoutes(router, service, admin);
}

}  // namespace sohosolo::workspaces

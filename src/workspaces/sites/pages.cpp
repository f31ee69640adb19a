#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "http/bind.hpp"
#include "http/multipart.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "workspaces/sites/access.hpp"
#include "workspaces/sites/forms.hpp"
#include "workspaces/sites/hosts.hpp"
#include "workspaces/sites/json.hpp"
#include "workspaces/sites/routes.hpp"

namespace sohosolo::workspaces {

namespace {

using core::FieldError;

core::Error SiteInvalid(std::vector<FieldError> errors) {
  return core::Invalid(std::move(errors), "error.siteadmin.invalid");
}

using http::Access;
using http::Context;
using http::Form;
using http::Request;
using http::Response;
using http::ViewData;

const Access kRunsSites = Access::RunsSites();

class AdminPages {
 public:
  AdminPages(Service& service, SiteAdmin& admin) : service_(service), admin_(admin) {}

  Response List(Request& req, Context& ctx) {
    const auto actor = ActorFor(service_, ctx);
    ViewData sites{ViewData::type::list};
    for (const auto& s : admin_.ManagedSites(ctx.programme.id, actor)) {
      ViewData site;
      site.set("id", std::to_string(s.site.id));
      site.set("name", s.site.name);
      site.set("kind", http::T(ctx, "sites.kind_" + s.site.kind));
      ViewData resources{ViewData::type::list};
      for (const auto& r : s.resources) {
        ViewData item;
        item.set("id", std::to_string(r.id));
        item.set("name", r.name);
        item.set("kind", http::T(ctx, "sites.resource_" + r.kind));
        item.set("bookable", r.bookable);
        resources.push_back(item);
      }
      site.set("resources", resources);
      sites.push_back(site);
    }
    ViewData data;
    data.set("sites", sites);
    data.set("has_sites", !sites.is_empty_list());
    data.set("staff", actor.staff);
    if (auto saved = req.Query("saved")) data.set("saved", true);
    return http::Page(ctx, "src/workspaces/sites/views/site_manage.html", std::move(data),
                      "siteadmin.title");
  }

  Response NewSiteForm(Request&, Context& ctx) {
    Site blank;
    blank.kind = "telecentre";
    return SiteForm(ctx, SiteFormValues(blank), std::nullopt, {}, 200);
  }

  Response EditSiteForm(Request& req, Context& ctx) {
    auto id = http::ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto profile = admin_.GetSite(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!profile) return http::ErrorResponse(req, ctx, profile.error());
    return SiteForm(ctx, SiteFormValues(profile->site.site), *id, {}, 200,
                    profile->photo_updated_at);
  }

  Response SaveSite(Request& req, Context& ctx) {
    auto form = Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    std::optional<long long> id;
    if (!req.Param("id").empty()) {
      id = http::ParseId(req.Param("id"));
      if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    }
    const auto actor = ActorFor(service_, ctx);
    // Who may edit is settled before what was sent: a refused editor learns nothing of the rules.
    std::optional<core::UnixSeconds> photo;
    if (id) {
      auto profile = admin_.GetSite(ctx.programme.id, actor, *id);
      if (!profile) return http::ErrorResponse(req, ctx, profile.error());
      photo = profile->photo_updated_at;
    }
    const auto values = PostedSite(*form);
    std::vector<FieldError> errors;
    auto changes = SiteFromForm(values, errors);
    if (!errors.empty())
      return SiteForm(ctx, values, id, SiteInvalid(std::move(errors)), 422, photo);
    auto saved = id ? admin_.UpdateSite(ctx.programme.id, actor, *id, changes)
                    : admin_.CreateSite(ctx.programme.id, actor, changes);
    if (!saved && saved.error().code == core::ErrorCode::kInvalid) {
      return SiteForm(ctx, values, id, saved.error(), http::HttpStatusFor(saved.error().code),
                      photo);
    }
    if (!saved) return http::ErrorResponse(req, ctx, saved.error());
    return Response::Redirect("/manage/sites?saved=" + std::to_string(saved->site.site.id));
  }

  /// The photo form posts multipart/form-data, which the pipeline's CSRF check cannot read:
  /// the route is exempt from it and the token is checked here, from the form's own field.
  Response UploadPhoto(Request& req, Context& ctx) {
    auto id = http::ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    // Whoever does not run the site is refused before their body is even read.
    if (!ManagesSite(ActorFor(service_, ctx), *id)) {
      return http::ErrorResponse(req, ctx, core::ErrorCode::kForbidden, "error.forbidden");
    }
    auto parts = http::ReadMultipartForm(req, ctx);
    if (!parts) return http::ErrorResponse(req, ctx, parts.error());
    const auto* file = http::FindPart(*parts, "photo");
    const auto actor = ActorFor(service_, ctx);
    auto done = !file || file->body.empty()
                    ? core::Status(core::Error{core::ErrorCode::kInvalid,
                                               "error.siteadmin.invalid",
                                               {{"photo", "error.siteadmin.photo_missing"}},
                                               {}})
                    : admin_.SetPhoto(ctx.programme.id, actor, *id, file->body, file->content_type);
    if (done) return Response::Redirect("/manage/sites?saved=" + std::to_string(*id));
    const auto code = done.error().code;
    if (code != core::ErrorCode::kInvalid && code != core::ErrorCode::kTooLarge) {
      return http::ErrorResponse(req, ctx, done.error());
    }
    auto profile = admin_.GetSite(ctx.programme.id, actor, *id);
    if (!profile) return http::ErrorResponse(req, ctx, profile.error());
    return SiteForm(ctx, SiteFormValues(profile->site.site), *id, done.error(),
                    http::HttpStatusFor(code), profile->photo_updated_at);
  }

  Response RemovePhoto(Request& req, Context& ctx) {
    auto id = http::ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto done = admin_.DeletePhoto(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!done) return http::ErrorResponse(req, ctx, done.error());
    return Response::Redirect("/manage/sites?saved=" + std::to_string(*id));
  }

  Response NewResourceForm(Request& req, Context& ctx) {
    auto site = SiteOf(req, ctx);
    if (!site) return http::ErrorResponse(req, ctx, site.error());
    return ResourceForm(ctx, ResourceFormValues(Resource{}), *site, std::nullopt, {}, 200);
  }

  Response EditResourceForm(Request& req, Context& ctx) {
    auto id = http::ParseId(req.Param("resource"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto resource = admin_.GetResource(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!resource) return http::ErrorResponse(req, ctx, resource.error());
    auto site = admin_.GetSite(ctx.programme.id, ActorFor(service_, ctx), resource->site_id);
    if (!site) return http::ErrorResponse(req, ctx, site.error());
    return ResourceForm(ctx, ResourceFormValues(*resource), site->site.site, *id, {}, 200);
  }

  Response SaveResource(Request& req, Context& ctx) {
    auto form = Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    const auto actor = ActorFor(service_, ctx);
    std::optional<long long> id;
    Site site;
    if (req.path_params.contains("resource")) {
      id = http::ParseId(req.Param("resource"));
      if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
      auto existing = admin_.GetResource(ctx.programme.id, actor, *id);
      if (!existing) return http::ErrorResponse(req, ctx, existing.error());
      auto profile = admin_.GetSite(ctx.programme.id, actor, existing->site_id);
      if (!profile) return http::ErrorResponse(req, ctx, profile.error());
      site = profile->site.site;
    } else {
      auto found = SiteOf(req, ctx);
      if (!found) return http::ErrorResponse(req, ctx, found.error());
      site = *found;
    }
    const auto values = PostedResource(*form);
    std::vector<FieldError> errors;
    auto changes = ResourceFromForm(values, errors);
    if (!errors.empty())
      return ResourceForm(ctx, values, site, id, SiteInvalid(std::move(errors)), 422);
    auto saved = id ? admin_.UpdateResource(ctx.programme.id, actor, *id, changes)
                    : admin_.CreateResource(ctx.programme.id, actor, site.id, changes);
    if (!saved && saved.error().code == core::ErrorCode::kInvalid) {
      return ResourceForm(ctx, values, site, id, saved.error(),
                          http::HttpStatusFor(saved.error().code));
    }
    if (!saved) return http::ErrorResponse(req, ctx, saved.error());
    return Response::Redirect("/manage/sites?saved=" + std::to_string(site.id));
  }

  Response HostsForm(Request& req, Context& ctx) {
    auto id = http::ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto hosts = admin_.Hosts(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!hosts) return http::ErrorResponse(req, ctx, hosts.error());
    return RenderHosts(ctx, *id, *hosts, req.Query("saved").has_value());
  }

  Response SaveHosts(Request& req, Context& ctx) {
    auto id = http::ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto form = Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    std::vector<long long> chosen;
    for (const auto& candidate : admin_.Candidates(ctx.programme.id)) {
      if (form->Has("host_" + std::to_string(candidate.account_id)))
        chosen.push_back(candidate.account_id);
    }
    auto hosts = admin_.SetHosts(ctx.programme.id, ActorFor(service_, ctx), *id, chosen);
    if (!hosts) return http::ErrorResponse(req, ctx, hosts.error());
    return Response::Redirect("/manage/sites/" + std::to_string(*id) + "/hosts?saved=1");
  }

 private:
  core::Result<Site> SiteOf(Request& req, Context& ctx) {
    auto id = http::ParseId(req.Param("id"));
    if (!id) return core::NotFound();
    auto profile = admin_.GetSite(ctx.programme.id, ActorFor(service_, ctx), *id);
    if (!profile) return profile.error();
    return profile->site.site;
  }

  Response SiteForm(const Context& ctx, const FormValues& values, std::optional<long long> id,
                    const std::optional<core::Error>& error, int status,
                    std::optional<core::UnixSeconds> photo = std::nullopt) {
    ViewData data;
    if (photo && id) data.set("photo_src", PhotoPath(*id, *photo));
    data.set("form", FormData(values));
    data.set("action",
             id ? "/manage/sites/" + std::to_string(*id) : std::string("/manage/sites/new"));
    if (id) data.set("site_id", std::to_string(*id));
    ViewData days{ViewData::type::list};
    for (int day = 1; day <= 7; ++day) {
      const auto field = "hours_" + std::to_string(day);
      ViewData item;
      item.set("field", field);
      item.set("day", http::T(ctx, "day." + std::to_string(day)));
      item.set("value", values.at(field));
      if (error) {
        for (const auto& f : error->fields) {
          if (f.field == field) item.set("error", http::T(ctx, f.message_key));
        }
      }
      days.push_back(item);
    }
    data.set("days", days);
    if (error) http::AddFieldErrors(data, ctx, *error);
    return http::Page(ctx, "src/workspaces/sites/views/site_edit.html", std::move(data),
                      id ? "siteadmin.edit_site" : "siteadmin.new_site", status);
  }

  Response ResourceForm(const Context& ctx, const FormValues& values, const Site& site,
                        std::optional<long long> id, const std::optional<core::Error>& error,
                        int status) {
    ViewData data;
    data.set("form", FormData(values));
    data.set("site_id", std::to_string(site.id));
    data.set("site_name", site.name);
    data.set("action", id ? "/manage/resources/" + std::to_string(*id)
                          : "/manage/sites/" + std::to_string(site.id) + "/resources/new");
    if (error) http::AddFieldErrors(data, ctx, *error);
    return http::Page(ctx, "src/workspaces/sites/views/resource_edit.html", std::move(data),
                      id ? "siteadmin.edit_resource" : "siteadmin.new_resource", status);
  }

  Response RenderHosts(const Context& ctx, long long site_id, const std::vector<HostAccount>& hosts,
                       bool saved) {
    ViewData candidates{ViewData::type::list};
    for (const auto& c : admin_.Candidates(ctx.programme.id)) {
      ViewData item;
      item.set("id", std::to_string(c.account_id));
      item.set("name", c.display_name);
      item.set("email", c.email);
      const bool on = std::any_of(hosts.begin(), hosts.end(),
                                  [&](const auto& h) { return h.account_id == c.account_id; });
      item.set("checked", on);
      candidates.push_back(item);
    }
    ViewData data;
    data.set("site_id", std::to_string(site_id));
    data.set("candidates", candidates);
    data.set("has_candidates", !candidates.is_empty_list());
    data.set("saved", saved);
    return http::Page(ctx, "src/workspaces/sites/views/site_hosts.html", std::move(data),
                      "siteadmin.hosts_title");
  }

  Service& service_;
  SiteAdmin& admin_;
};

}  // namespace

void AddSiteAdminPages(http::Router& router, Service& service, SiteAdmin& admin) {
  auto pages = std::make_shared<AdminPages>(service, admin);
  const auto bind = http::MethodBinder(pages);
  router.Add("GET", "/manage/sites", kRunsSites, bind(&AdminPages::List));
  router.Add("GET", "/manage/sites/new", Access::Staff(), bind(&AdminPages::NewSiteForm));
  router.Add("POST", "/manage/sites/new", Access::Staff(), bind(&AdminPages::SaveSite));
  router.Add("GET", "/manage/sites/{id}", kRunsSites, bind(&AdminPages::EditSiteForm));
  router.Add("POST", "/manage/sites/{id}", kRunsSites, bind(&AdminPages::SaveSite));
  router.Add("POST", "/manage/sites/{id}/photo", kRunsSites, bind(&AdminPages::UploadPhoto),
             http::Csrf::kExempt);
  router.Add("POST", "/manage/sites/{id}/photo/delete", kRunsSites, bind(&AdminPages::RemovePhoto));
  router.Add("GET", "/manage/sites/{id}/resources/new", kRunsSites,
             bind(&AdminPages::NewResourceForm));
  router.Add("POST", "/manage/sites/{id}/resources/new", kRunsSites,
             bind(&AdminPages::SaveResource));
  router.Add("GET", "/manage/resources/{resource}", kRunsSites,
             bind(&AdminPages::EditResourceForm));
  router.Add("POST", "/manage/resources/{resource}", kRunsSites, bind(&AdminPages::SaveResource));
  router.Add("GET", "/manage/sites/{id}/hosts", Access::Staff(), bind(&AdminPages::HostsForm));
  router.Add("POST", "/manage/sites/{id}/hosts", Access::Staff(), bind(&AdminPages::SaveHosts));
}

}  // namespace sohosolo::workspaces

// Pages of a village (visitors), its editing page (advisors) and the exchanges page: parse the
// form, call the service, render; a refused form is shown again with its messages.
#include "territory/communes/pages.hpp"

#include <fmt/format.h>

#include <boost/url.hpp>

#include "http/views.hpp"
#include "territory/villages/pages_common.hpp"
#include "territory/villages/routes.hpp"

namespace sohosolo::territory {

namespace {

using core::ErrorCode;
using http::Access;
using http::Context;
using http::Request;
using http::Response;
using http::ViewData;

constexpr const char* kListView = "src/territory/villages/views/villages.html";
constexpr const char* kVillageView = "src/territory/villages/views/village.html";
constexpr const char* kEditView = "src/territory/villages/views/village_edit.html";

struct PartPage {
  const char* segment;
  VillagePart part;
};
constexpr PartPage kPartPages[] = {{"committee", VillagePart::kCommittee},
                                   {"services", VillagePart::kServices},
                                   {"listings", VillagePart::kListings}};

std::string Euros(const Context& ctx, long long eur) {
  return FormatNumber(static_cast<double>(eur), 0, ctx.lang) + " €";
}

ViewData MemberData(const CommitteeMember& m) {
  ViewData out;
  out.set("id", std::to_string(m.id));
  out.set("name", m.name);
  out.set("role", m.role);
  out.set("contact", m.contact);
  out.set("demo", m.is_demo);
  return out;
}

ViewData ServiceData(const Context& ctx, const NearbyService& s) {
  ViewData out;
  out.set("id", std::to_string(s.id));
  out.set("kind", s.kind);
  out.set("kind_label", http::T(ctx, "village.service." + s.kind));
  out.set("name", s.name);
  out.set("distance_km", FormatNumber(s.distance_km, 1, ctx.lang));
  out.set("distance_input", fmt::format("{:.1f}", s.distance_km));
  out.set("in_village", s.distance_km <= kInVillageKm);
  out.set("lon", s.position ? fmt::format("{:.5f}", s.position->lon) : "");
  out.set("lat", s.position ? fmt::format("{:.5f}", s.position->lat) : "");
  out.set("demo", s.is_demo);
  for (const auto* kind : kServiceKinds) out.set(std::string("is_") + kind, s.kind == kind);
  return out;
}

ViewData ListingData(const Context& ctx, const Listing& l) {
  ViewData out;
  out.set("id", std::to_string(l.id));
  out.set("kind", l.kind);
  out.set("kind_label", http::T(ctx, "village.listing." + l.kind));
  out.set("title", l.title);
  out.set("description", l.description);
  if (l.price_eur)
    out.set("price", Fill(ctx, l.kind == "home_rent" ? "village.price_rent" : "village.price_sale",
                          fmt::arg("price", Euros(ctx, *l.price_eur))));
  if (l.rooms) out.set("rooms", Fill(ctx, "village.rooms", fmt::arg("rooms", *l.rooms)));
  if (l.surface_m2) out.set("surface", FormatNumber(*l.surface_m2, 0, ctx.lang) + " m²");
  out.set("price_input", l.price_eur ? std::to_string(*l.price_eur) : "");
  out.set("rooms_input", l.rooms ? std::to_string(*l.rooms) : "");
  out.set("surface_input", l.surface_m2 ? fmt::format("{}", *l.surface_m2) : "");
  out.set("available", l.available);
  out.set("demo", l.is_demo);
  for (const auto* kind : kListingKinds) out.set(std::string("is_") + kind, l.kind == kind);
  return out;
}

/// The expected connection in one sentence, with the figures behind it.
void ConnectivityData(const Context& ctx, const VillageView& v, ViewData& data) {
  if (!v.connectivity) {
    data.set("no_estimate", http::T(ctx, "village.no_estimate"));
    return;
  }
  const auto& e = v.connectivity->estimate;
  data.set("sentence", ConnectivitySentence(ctx, v.facts.name, e));
  data.set("band", RateBand(e.line_class, e.adsl2plus_mbps));
  data.set("exchange_detail",
           Fill(ctx, "village.exchange_detail",
                fmt::arg("exchange", e.exchange.name.empty() ? e.exchange.code : e.exchange.name),
                fmt::arg("km", FormatNumber(e.distance_km, 1, ctx.lang))));
}

/// A refused form of the editing page and what was typed in it, shown again in its row.
struct Typed {
  std::string form;  ///< "listings-12", "committee-new", ...
  const EditInput* input = nullptr;
};

/// Puts the typed values over a row's stored ones when that row's form was refused: each pair
/// is (form field, view key).
ViewData Overlay(ViewData row, const Typed& typed, const std::string& form,
                 std::initializer_list<std::pair<const char*, const char*>> fields) {
  if (!typed.input || typed.form != form) return row;
  for (const auto& [field, key] : fields)
    if (const auto it = typed.input->find(field); it != typed.input->end())
      row.set(key, it->second);
  if (const auto it = typed.input->find("kind"); it != typed.input->end()) {
    for (const auto* kind : kServiceKinds) row.set(std::string("is_") + kind, it->second == kind);
    for (const auto* kind : kListingKinds) row.set(std::string("is_") + kind, it->second == kind);
  }
  if (const auto it = typed.input->find("available"); it != typed.input->end())
    row.set("available", it->second != "false");
  return row;
}

/// Everything both village pages show.
ViewData VillageData(const Context& ctx, const VillageView& v, const Typed& typed = {}) {
  ViewData data;
  const auto& f = v.facts;
  data.set("code", f.code);
  data.set("name", f.name);
  data.set("role", v.detail.role);
  data.set("role_label", http::T(ctx, "village.role." + v.detail.role));
  data.set("is_village", v.detail.role != "none");
  data.set("population", f.population
                             ? FormatNumber(static_cast<double>(*f.population), 0, ctx.lang)
                             : std::string("?"));
  data.set("welcome_committee", v.detail.welcome_committee);
  ConnectivityData(ctx, v, data);
  if (f.workspace_km) {
    data.set("workspace", Fill(ctx, "village.workspace", fmt::arg("name", f.workspace_name),
                               fmt::arg("km", FormatNumber(*f.workspace_km, 1, ctx.lang))));
  }
  ViewData committee{ViewData::type::list}, services{ViewData::type::list},
      available{ViewData::type::list}, taken{ViewData::type::list}, all{ViewData::type::list};
  bool demo = false;
  for (const auto& m : v.detail.committee) {
    committee.push_back(Overlay(MemberData(m), typed, "committee-" + std::to_string(m.id),
                                {{"name", "name"}, {"role", "role"}, {"contact", "contact"}}));
    demo = demo || m.is_demo;
  }
  for (const auto& s : v.detail.services) {
    services.push_back(Overlay(
        ServiceData(ctx, s), typed, "services-" + std::to_string(s.id),
        {{"name", "name"}, {"distance_km", "distance_input"}, {"lon", "lon"}, {"lat", "lat"}}));
    demo = demo || s.is_demo;
  }
  for (const auto& l : v.detail.listings) {
    (l.available ? available : taken).push_back(ListingData(ctx, l));
    all.push_back(Overlay(ListingData(ctx, l), typed, "listings-" + std::to_string(l.id),
                          {{"title", "title"},
                           {"description", "description"},
                           {"price_eur", "price_input"},
                           {"surface_m2", "surface_input"},
                           {"rooms", "rooms_input"}}));
    demo = demo || l.is_demo;
  }
  data.set("has_committee", !committee.is_empty_list());
  data.set("committee", committee);
  data.set("has_services", !services.is_empty_list());
  data.set("services", services);
  data.set("has_available", !available.is_empty_list());
  data.set("available", available);
  data.set("has_taken", !taken.is_empty_list());
  data.set("taken", taken);
  data.set("listings", all);
  data.set("demo", demo || v.detail.welcome_committee.find("démonstration") != std::string::npos);
  data.set("is_staff", ctx.IsStaff());
  const std::string code = boost::urls::encode(f.code, boost::urls::unreserved_chars);
  data.set("href", "/villages/" + code);
  data.set("edit_href", "/villages/" + code + "/modifier");
  data.set("accompany_href", "/accompagnement?village=" + code);
  return data;
}

Response VillagesPage(VillageService& service, Context& ctx) {
  ViewData rows{ViewData::type::list};
  for (const auto& v : service.Villages(ctx.programme.id)) {
    ViewData row;
    row.set("name", v.name.empty() ? v.code : v.name);
    row.set("href", "/villages/" + boost::urls::encode(v.code, boost::urls::unreserved_chars));
    row.set("role", http::T(ctx, "village.role." + v.role));
    row.set("population", v.population
                              ? FormatNumber(static_cast<double>(*v.population), 0, ctx.lang)
                              : std::string("?"));
    if (v.line_class) {
      row.set("rate", RateText(ctx, *v.line_class, v.adsl2plus_mbps.value_or(0)));
      row.set("band", RateBand(*v.line_class, v.adsl2plus_mbps.value_or(0)));
    }
    row.set("workspace", v.workspace_km ? FormatNumber(*v.workspace_km, 1, ctx.lang) + " km" : "?");
    row.set("listings", std::to_string(v.listings.size()));
    rows.push_back(std::move(row));
  }
  ViewData data;
  data.set("has_villages", !rows.is_empty_list());
  data.set("villages", rows);
  data.set("is_staff", ctx.IsStaff());
  return http::Page(ctx, kListView, std::move(data), "villages.title");
}

Response VillagePage(VillageService& service, const VillageResidents& residents, Request& req,
                     Context& ctx) {
  auto view = service.View(ctx.programme.id, req.Param("code"));
  if (!view) return http::ErrorResponse(req, ctx, view.error());
  auto data = VillageData(ctx, *view);
  if (residents) {
    auto people = residents(ctx, view->facts.code);
    data.set("has_residents", !people.is_empty_list());
    data.set("residents", std::move(people));
  }
  data.set("page_title", view->facts.name);
  return http::Page(ctx, kVillageView, std::move(data), "village.title");
}

/// The editing page; after a refused form, its messages and the values typed.
Response EditPage(VillageService& service, Request& req, Context& ctx,
                  const core::Error* error = nullptr, const std::string& failed_form = "",
                  const EditInput& typed = {}) {
  auto view = service.View(ctx.programme.id, req.Param("code"));
  if (!view) return http::ErrorResponse(req, ctx, view.error());
  auto data = VillageData(ctx, *view, Typed{failed_form, error ? &typed : nullptr});
  for (const auto* role : {"host", "associated", "none"})
    data.set(std::string("role_is_") + role, view->detail.role == role);
  if (error) AddRefusedForm(data, ctx, *error, failed_form, typed, "typed_" + failed_form);
  return http::Page(ctx, kEditView, std::move(data), "village.edit_title", error ? 422 : 200);
}

Response Back(const Request& req, const std::string& anchor) {
  return Response::Redirect("/villages/" +
                            boost::urls::encode(req.Param("code"), boost::urls::unreserved_chars) +
                            "/modifier#" + anchor);
}

/// Runs one change from the editing page: back to the page on success, the page with the
/// messages (422) when refused; unknown villages and rows are a 404 page.
template <typename Change>
Response Edit(VillageService& service, Request& req, Context& ctx, const std::string& form,
              Change change) {
  auto input = FormInput(req);
  if (!input) return http::ErrorResponse(req, ctx, ErrorCode::kMalformed, "error.bad_form");
  const core::Status done = change(*input);
  if (done) return Back(req, form);
  if (done.error().code != ErrorCode::kInvalid) return http::ErrorResponse(req, ctx, done.error());
  return EditPage(service, req, ctx, &done.error(), form, *input);
}

void AddPartPages(http::Router& router, VillageService& service, const PartPage& p) {
  const std::string base = std::string("/villages/{code}/modifier/") + p.segment;
  const VillagePart part = p.part;
  const std::string segment = p.segment;
  router.Add("POST", base, Access::Staff(), [&service, part, segment](Request& req, Context& ctx) {
    return Edit(service, req, ctx, segment + "-new", [&](const EditInput& input) -> core::Status {
      auto id = service.AddItem(ctx.programme.id, req.Param("code"), part, input);
      if (!id) return id.error();
      return core::Ok();
    });
  });
  router.Add("POST", base + "/{id}", Access::Staff(),
             [&service, part, segment](Request& req, Context& ctx) {
               const auto id = http::ParseId(req.Param("id"));
               if (!id)
                 return http::ErrorResponse(req, ctx, ErrorCode::kNotFound, "error.not_found");
               return Edit(service, req, ctx, segment + "-" + req.Param("id"),
                           [&](const EditInput& input) {
                             return service.UpdateItem(ctx.programme.id, req.Param("code"), part,
                                                       *id, input);
                           });
             });
  router.Add("POST", base + "/{id}/supprimer", Access::Staff(),
             [&service, part, segment](Request& req, Context& ctx) {
               const auto id = http::ParseId(req.Param("id"));
               if (!id)
                 return http::ErrorResponse(req, ctx, ErrorCode::kNotFound, "error.not_found");
               return Edit(service, req, ctx, segment, [&](const EditInput&) {
                 return service.DeleteItem(ctx.programme.id, req.Param("code"), part, *id);
               });
             });
}

}  // namespace

void AddVillagePages(http::Router& router, const VillageModules& m) {
  VillageService& villages = m.villages;
  router.Add("GET", "/villages", Access::Public(),
             [&villages](Request&, Context& ctx) { return VillagesPage(villages, ctx); });
  // The staff's jump to any commune's editing page (a commune becomes a village there).
  router.Add("GET", "/villages/modifier", Access::Staff(), [](Request& req, Context&) {
    const auto code = req.Query("code").value_or("");
    // Without a code there is no village to edit: back to the list that holds the form, not to
    // "/villages//modifier", which leads here again and again.
    if (code.empty()) return Response::Redirect("/villages");
    return Response::Redirect(
        "/villages/" + boost::urls::encode(code, boost::urls::unreserved_chars) + "/modifier");
  });
  router.Add("GET", "/villages/{code}", Access::Public(),
             [&villages, residents = m.residents](Request& req, Context& ctx) {
               return VillagePage(villages, residents, req, ctx);
             });
  router.Add("GET", "/villages/{code}/modifier", Access::Staff(),
             [&villages](Request& req, Context& ctx) { return EditPage(villages, req, ctx); });
  router.Add("POST", "/villages/{code}/modifier", Access::Staff(),
             [&villages](Request& req, Context& ctx) {
               return Edit(villages, req, ctx, "role", [&](const EditInput& input) {
                 return villages.Update(ctx.programme.id, req.Param("code"), input);
               });
             });
  for (const auto& part : kPartPages) AddPartPages(router, villages, part);
  AddExchangePages(router, m.exchanges);
  AddAccompanyPages(router, m.requests, m.villages);
}

}  // namespace sohosolo::territory

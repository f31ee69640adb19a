// Pages of desk rentals and invoices: contracts (staff create and end them), the invoices list
// with the generation button, a printable invoice, its PDF, and the seller's identity (admins).
#include "http/bind.hpp"
#include "http/status.hpp"
#include "http/views.hpp"
#include "workspaces/rentals/billing.hpp"
#include "workspaces/rentals/invoice_pdf.hpp"
#include "workspaces/rentals/invoice_text.hpp"
#include "workspaces/rentals/routes.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::ParseId;
using http::Request;
using http::Response;
using http::Role;
using http::ViewData;

/// A form's integer; -1 when absent or not a number, so the service names the field.
long long FormInt(const http::Form& form, const char* name) {
  const auto id = ParseId(form.Get(name));
  return id ? *id : -1;
}

/// "12,50" or "12.50" or "12" euros -> cents; -1 when not an amount.
long long FormCents(const std::string& text) {
  std::string t = text;
  std::replace(t.begin(), t.end(), ',', '.');
  const auto dot = t.find('.');
  const auto units = ParseId(t.substr(0, dot));
  if (!units || *units > 100'000'000) return -1;
  if (dot == std::string::npos) return *units * 100;
  std::string decimals = t.substr(dot + 1);
  if (decimals.empty() || decimals.size() > 2) return -1;
  if (decimals.size() == 1) decimals += "0";
  const auto cents = ParseId(decimals);
  return cents ? *units * 100 + *cents : -1;
}

ViewData Text(const InvoiceText& text) {
  ViewData data;
  const auto list = [](const std::vector<std::string>& lines) {
    ViewData out{ViewData::type::list};
    for (const auto& line : lines) out.push_back(ViewData("line", line));
    return out;
  };
  data.set("title", text.title);
  if (!text.demo_notice.empty()) data.set("demo_notice", text.demo_notice);
  data.set("seller", list(text.seller));
  data.set("buyer", list(text.buyer));
  data.set("dates", list(text.dates));
  data.set("line_heading", text.line_heading);
  data.set("amount_heading", text.amount_heading);
  data.set("line", text.line);
  data.set("line_amount", text.line_amount);
  ViewData totals{ViewData::type::list};
  for (const auto& [label, amount] : text.totals) {
    ViewData item;
    item.set("label", label);
    item.set("amount", amount);
    totals.push_back(item);
  }
  data.set("totals", totals);
  data.set("mentions", list(text.mentions));
  return data;
}

class RentalPages {
 public:
  RentalPages(RentalService& rentals, InvoiceService& invoices)
      : rentals_(rentals), invoices_(invoices) {}

  Response Rentals(Request& req, Context& ctx) { return RenderRentals(req, ctx, {}, 200); }

  Response RenderRentals(Request&, Context& ctx, ViewData data, int status) {
    const auto actor = RentalActor(ctx);
    const auto today = core::ToLocal(core::Now(), "Europe/Paris").days;
    ViewData items{ViewData::type::list};
    for (const auto& c : rentals_.Contracts(ctx.programme.id, actor)) {
      ViewData item;
      item.set("id", std::to_string(c.id));
      item.set("holder", c.holder_name);
      item.set("desk", c.resource_name + " — " + c.site_name);
      item.set("start", FormatDayFrench(c.start_day));
      item.set("end", c.end_day ? FormatDayFrench(*c.end_day) : "—");
      item.set("price", FormatEuros(c.monthly_price_cents));
      item.set("vat", FormatRate(c.vat_rate_bp));
      const auto state = ContractState(c, today);
      item.set("state", http::T(ctx, "rentals.state_" + state));
      item.set("notice", std::to_string(c.notice.value) + " " +
                             http::T(ctx, "rentals.notice_" + c.notice.unit));
      item.set("demo", c.is_demo);
      item.set("can_end", actor.staff && c.status == "active");
      items.push_back(item);
    }
    data.set("contracts", items);
    data.set("has_contracts", !items.is_empty_list());
    if (actor.staff) {
      ViewData form;
      const auto choices = [](const std::vector<std::pair<long long, std::string>>& all) {
        ViewData out{ViewData::type::list};
        for (const auto& [id, label] : all) {
          ViewData item;
          item.set("id", std::to_string(id));
          item.set("label", label);
          out.push_back(item);
        }
        return out;
      };
      form.set("members", choices(rentals_.MemberChoices(ctx.programme.id)));
      form.set("desks", choices(rentals_.DeskChoices(ctx.programme.id)));
      data.set("staff", form);
    }
    return http::Page(ctx, "src/workspaces/rentals/views/rentals.html", std::move(data),
                      "rentals.title", status);
  }

  Response CreateRental(Request& req, Context& ctx) {
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    ContractRequest r;
    r.account_id = FormInt(*form, "account_id");
    r.resource_id = FormInt(*form, "resource_id");
    r.start_date = form->Get("start_date");
    r.end_date = form->Get("end_date");
    r.notice.value = static_cast<int>(FormInt(*form, "notice_value"));
    r.notice.unit = form->Get("notice_unit");
    r.monthly_price_cents = FormCents(form->Get("monthly_price"));
    r.vat_rate_bp =
        form->Get("vat_rate").empty() ? 2000 : static_cast<int>(FormCents(form->Get("vat_rate")));
    r.buyer_name = form->Get("buyer_name");
    r.buyer_address = form->Get("buyer_address");
    std::vector<Booking> in_the_way;
    auto contract = rentals_.Create(ctx.programme.id, RentalActor(ctx), r, &in_the_way);
    if (contract) return Response::Redirect("/rentals?created=" + std::to_string(contract->id));
    ViewData data;
    http::AddFieldErrors(data, ctx, contract.error());
    ViewData blocked{ViewData::type::list};
    for (const auto& b : in_the_way)
      blocked.push_back(ViewData("when", core::FormatLocal(b.period.start, ctx.lang)));
    data.set("blocked", blocked);
    for (const char* field : {"start_date", "end_date", "notice_value", "monthly_price", "vat_rate",
                              "buyer_name", "buyer_address"}) {
      data.set(std::string("sent_") + field, form->Get(field));
    }
    return RenderRentals(req, ctx, std::move(data), http::HttpStatusFor(contract.error().code));
  }

  Response EndRental(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    auto contract = rentals_.End(ctx.programme.id, RentalActor(ctx), *id, form->Get("end_date"));
    if (contract) return Response::Redirect("/rentals");
    ViewData data;
    http::AddFieldErrors(data, ctx, contract.error());
    return RenderRentals(req, ctx, std::move(data), http::HttpStatusFor(contract.error().code));
  }

  Response Invoices(Request& req, Context& ctx) { return RenderInvoices(req, ctx, {}, 200); }

  Response RenderInvoices(Request& req, Context& ctx, ViewData data, int status) {
    const auto actor = RentalActor(ctx);
    ViewData items{ViewData::type::list};
    for (const auto& d : invoices_.List(ctx.programme.id, actor)) {
      ViewData item;
      item.set("id", std::to_string(d.invoice.id));
      item.set("number", d.invoice.number);
      item.set("kind", http::T(ctx, "invoice.kind_" + d.invoice.kind));
      item.set("buyer", d.invoice.buyer_name);
      item.set("month", d.invoice.month);
      item.set("issue", FormatDayFrench(d.invoice.issue_day));
      item.set("total", FormatEuros(d.invoice.total_incl_cents));
      item.set("status",
               d.payment_status == "n/a" ? "" : http::T(ctx, "invoice.status_" + d.payment_status));
      item.set("demo", d.invoice.is_demo);
      items.push_back(item);
    }
    data.set("invoices", items);
    data.set("has_invoices", !items.is_empty_list());
    if (actor.staff) {
      ViewData staff;
      if (ctx.Has(Role::kAdmin)) staff.set("admin", true);
      staff.set("month", MonthOf(core::ToLocal(core::Now(), "Europe/Paris").days).Text());
      data.set("staff", staff);
    }
    if (auto generated = req.Query("generated")) data.set("generated", *generated);
    return http::Page(ctx, "src/workspaces/rentals/views/invoices.html", std::move(data),
                      "invoice.list_title", status);
  }

  Response Generate(Request& req, Context& ctx) {
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    auto report = invoices_.Generate(ctx.programme.id, ctx.account->id, form->Get("month"));
    if (report)
      return Response::Redirect("/invoices?generated=" + std::to_string(report->created.size()));
    ViewData data;
    http::AddFieldErrors(data, ctx, report.error());
    return RenderInvoices(req, ctx, std::move(data), http::HttpStatusFor(report.error().code));
  }

  /// /invoices/12 (the printable page) or /invoices/12.pdf.
  Response Invoice(Request& req, Context& ctx) { return RenderInvoice(req, ctx, {}, 200); }

  Response RenderInvoice(Request& req, Context& ctx, ViewData data, int status) {
    std::string ref = req.Param("ref");
    const bool pdf = ref.ends_with(".pdf");
    if (pdf) ref.resize(ref.size() - 4);
    auto id = ParseId(ref);
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto details = invoices_.Get(ctx.programme.id, RentalActor(ctx), *id);
    if (!details) return http::ErrorResponse(req, ctx, details.error());
    const auto text = TextOf(details->invoice, ctx.lang);
    if (pdf) {
      auto response = Response::Text(InvoicePdf(text), "application/pdf");
      response.SetHeader("Content-Disposition",
                         "inline; filename=\"" + details->invoice.number + ".pdf\"");
      return response;
    }
    data.set("doc", Text(text));
    data.set("id", std::to_string(details->invoice.id));
    data.set("is_invoice", details->invoice.kind == "invoice");
    data.set("status", details->payment_status == "n/a"
                           ? ""
                           : http::T(ctx, "invoice.status_" + details->payment_status));
    data.set("paid", FormatEuros(details->paid_cents));
    data.set("balance", FormatEuros(details->balance_cents));
    ViewData payments{ViewData::type::list};
    for (const auto& p : details->payments) {
      ViewData item;
      item.set("date", FormatDayFrench(p.paid_day));
      item.set("method", http::T(ctx, "invoice.method_" + p.method));
      item.set("amount", FormatEuros(p.amount_cents));
      payments.push_back(item);
    }
    data.set("payments", payments);
    ViewData related{ViewData::type::list};
    for (const auto& cn : details->credit_notes) {
      ViewData item;
      item.set("id", std::to_string(cn.id));
      item.set("number", cn.number);
      related.push_back(item);
    }
    if (details->corrected) {
      ViewData item;
      item.set("id", std::to_string(details->corrected->id));
      item.set("number", details->corrected->number);
      related.push_back(item);
    }
    data.set("related", related);
    data.set("can_manage", RentalActor(ctx).staff && details->invoice.kind == "invoice");
    data.set("today", FormatDay(core::ToLocal(core::Now(), "Europe/Paris").days));
    return http::Page(ctx, "src/workspaces/rentals/views/invoice.html", std::move(data),
                      "invoice.page_title", status);
  }

  Response Pay(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    PaymentRequest p{form->Get("date"), form->Get("method"), FormCents(form->Get("amount"))};
    auto done = invoices_.RecordPayment(ctx.programme.id, RentalActor(ctx), *id, p);
    if (done) return Response::Redirect("/invoices/" + std::to_string(*id));
    ViewData data;
    http::AddFieldErrors(data, ctx, done.error());
    req.path_params["ref"] = std::to_string(*id);
    return RenderInvoice(req, ctx, std::move(data), http::HttpStatusFor(done.error().code));
  }

  Response Credit(Request& req, Context& ctx) {
    auto id = ParseId(req.Param("id"));
    if (!id) return http::ErrorResponse(req, ctx, core::NotFound());
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    CreditNoteRequest c{form->Get("reason"), std::nullopt};
    if (!form->Get("amount").empty()) c.amount_excl_cents = FormCents(form->Get("amount"));
    auto done = invoices_.IssueCreditNote(ctx.programme.id, RentalActor(ctx), *id, c);
    if (done) return Response::Redirect("/invoices/" + std::to_string(done->invoice.id));
    ViewData data;
    http::AddFieldErrors(data, ctx, done.error());
    req.path_params["ref"] = std::to_string(*id);
    return RenderInvoice(req, ctx, std::move(data), http::HttpStatusFor(done.error().code));
  }

  Response Settings(Request& req, Context& ctx) {
    return RenderSettings(req, ctx, {}, invoices_.Settings(ctx.programme.id), 200);
  }

  Response RenderSettings(Request&, Context& ctx, ViewData data, std::optional<InvoiceSettings> s,
                          int status) {
    if (s) {
      data.set("seller_name", s->seller_name);
      data.set("seller_address", s->seller_address);
      data.set("siret", s->siret);
      data.set("vat_number", s->vat_number);
      data.set("payment_terms_days", std::to_string(s->payment_terms_days));
      data.set("late_penalty_rate", s->late_penalty_rate);
      data.set("demo", s->is_demo);
    } else {
      data.set("payment_terms_days", "30");
      data.set("late_penalty_rate", http::T(ctx, "invoice.default_penalty_rate"));
    }
    return http::Page(ctx, "src/workspaces/rentals/views/invoice_settings.html", std::move(data),
                      "invoice.settings_title", status);
  }

  Response SaveSettings(Request& req, Context& ctx) {
    auto form = http::Form::Parse(req.body);
    if (!form) return http::ErrorResponse(req, ctx, core::ErrorCode::kMalformed, "error.bad_form");
    InvoiceSettings s{form->Get("seller_name"),
                      form->Get("seller_address"),
                      form->Get("siret"),
                      form->Get("vat_number"),
                      static_cast<int>(FormInt(*form, "payment_terms_days")),
                      form->Get("late_penalty_rate"),
                      false};
    auto saved = invoices_.SaveSettings(ctx.programme.id, ctx.account->id, s);
    if (saved) return Response::Redirect("/admin/invoicing?saved=1");
    ViewData data;
    http::AddFieldErrors(data, ctx, saved.error());
    return RenderSettings(req, ctx, std::move(data), s, http::HttpStatusFor(saved.error().code));
  }

 private:
  RentalService& rentals_;
  InvoiceService& invoices_;
};

}  // namespace

void AddRentalPages(http::Router& router, RentalService& rentals, InvoiceService& invoices) {
  auto pages = std::make_shared<RentalPages>(rentals, invoices);
  const auto bind = http::MethodBinder(pages);
  router.Add("GET", "/rentals", Access::AnyAccount(), bind(&RentalPages::Rentals));
  router.Add("POST", "/rentals", Access::Staff(), bind(&RentalPages::CreateRental));
  router.Add("POST", "/rentals/{id}/end", Access::Staff(), bind(&RentalPages::EndRental));
  router.Add("GET", "/invoices", Access::AnyAccount(), bind(&RentalPages::Invoices));
  router.Add("POST", "/invoices/generate", Access::Staff(), bind(&RentalPages::Generate));
  router.Add("GET", "/invoices/{ref}", Access::AnyAccount(), bind(&RentalPages::Invoice));
  router.Add("POST", "/invoices/{id}/payments", Access::Staff(), bind(&RentalPages::Pay));
  router.Add("POST", "/invoices/{id}/credit-note", Access::Staff(), bind(&RentalPages::Credit));
  router.Add("GET", "/admin/invoicing", Access::AdminOnly(), bind(&RentalPages::Settings));
  router.Add("POST", "/admin/invoicing", Access::AdminOnly(), bind(&RentalPages::SaveSettings));
}

}  // namespace sohosolo::workspaces

#include "http/json_body.hpp"
#include "http/views.hpp"
#include "workspaces/rentals/billing.hpp"
#include "workspaces/rentals/routes.hpp"

namespace sohosolo::workspaces {

namespace {

using http::Access;
using http::Context;
using http::ParseId;
using http::Request;
using http::Response;
using http::Role;

/// An integer member: nullopt when absent (or an error added when of another type).
std::optional<long long> IntField(const boost::json::object& body, const char* name,
                                  std::vector<core::FieldError>& errors) {
  const auto* value = body.if_contains(name);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_int64()) {
    errors.push_back({name, "error.field.integer"});
    return std::nullopt;
  }
  return value->as_int64();
}

boost::json::value Nullable(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : nullptr;
}

/// The body of a POST that may be empty (then an empty object).
core::Result<boost::json::object> OptionalBody(const Request& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return boost::json::object{};
  return http::JsonObjectBody(req);
}

core::Result<ContractRequest> ParseContract(const boost::json::object& body) {
  std::vector<core::FieldError> errors;
  ContractRequest r;
  const auto account = IntField(body, "account_id", errors);
  const auto resource = IntField(body, "resource_id", errors);
  const auto price = IntField(body, "monthly_price_cents", errors);
  const auto vat = IntField(body, "vat_rate_bp", errors);
  const auto notice = IntField(body, "notice_value", errors);
  if (!account && !body.contains("account_id"))
    errors.push_back({"account_id", "error.field.required"});
  if (!resource && !body.contains("resource_id"))
    errors.push_back({"resource_id", "error.field.required"});
  if (!price && !body.contains("monthly_price_cents"))
    errors.push_back({"monthly_price_cents", "error.field.required"});
  r.start_date = http::StringField(body, "start_date", errors).value_or("");
  if (!body.contains("start_date")) errors.push_back({"start_date", "error.field.required"});
  r.end_date = http::StringField(body, "end_date", errors).value_or("");
  r.notice.unit = http::StringField(body, "notice_unit", errors).value_or("months");
  r.buyer_name = http::StringField(body, "buyer_name", errors).value_or("");
  r.buyer_address = http::StringField(body, "buyer_address", errors).value_or("");
  if (!errors.empty()) return core::Invalid(std::move(errors));
  r.account_id = account.value_or(0);
  r.resource_id = resource.value_or(0);
  r.monthly_price_cents = price.value_or(0);
  // Out-of-range integers are kept out of int and caught by the service's checks.
  r.vat_rate_bp = static_cast<int>(std::clamp<long long>(vat.value_or(2000), -1, 100000));
  r.notice.value = static_cast<int>(std::clamp<long long>(notice.value_or(1), -1, 100000));
  return r;
}

boost::json::object BookingRef(const Booking& b) {
  return {{"id", b.id},
          {"account_id", b.account_id},
          {"start", core::FormatRfc3339Paris(b.period.start)},
          {"end", core::FormatRfc3339Paris(b.period.end)}};
}

boost::json::object SettingsJson(const InvoiceSettings& s) {
  return {{"seller_name", s.seller_name},
          {"seller_address", s.seller_address},
          {"siret", s.siret},
          {"vat_number", s.vat_number},
          {"payment_terms_days", s.payment_terms_days},
          {"late_penalty_rate", s.late_penalty_rate},
          {"demo_data", s.is_demo}};
}

void AddContractRoutes(http::Router& router, RentalService& rentals) {
  router.Add("GET", "/api/v1/rentals", Access::AnyAccount(), [&rentals](Request&, Context& ctx) {
    boost::json::array items;
    for (const auto& c : rentals.Contracts(ctx.programme.id, RentalActor(ctx)))
      items.push_back(ContractJson(c));
    return Response::Json(boost::json::object{{"items", items}});
  });
  router.Add("GET", "/api/v1/rentals/{id}", Access::AnyAccount(),
             [&rentals](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto contract = rentals.Get(ctx.programme.id, RentalActor(ctx), *id);
               if (!contract) return http::Problem(ctx, contract.error());
               return Response::Json(ContractJson(*contract));
             });
  router.Add("POST", "/api/v1/rentals", Access::Staff(), [&rentals](Request& req, Context& ctx) {
    auto body = http::JsonObjectBody(req);
    if (!body) return http::Problem(ctx, body.error());
    auto request = ParseContract(*body);
    if (!request) return http::Problem(ctx, request.error());
    std::vector<Booking> in_the_way;
    auto contract = rentals.Create(ctx.programme.id, RentalActor(ctx), *request, &in_the_way);
    if (!contract) {
      boost::json::array bookings;
      for (const auto& b : in_the_way) bookings.push_back(BookingRef(b));
      if (bookings.empty()) return http::Problem(ctx, contract.error());
      return http::Problem(ctx, contract.error(), {{"bookings", bookings}});
    }
    auto response = Response::Json(ContractJson(*contract), 201);
    response.SetHeader("Location", "/api/v1/rentals/" + std::to_string(contract->id));
    return response;
  });
  router.Add("POST", "/api/v1/rentals/{id}/end", Access::Staff(),
             [&rentals](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto body = OptionalBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               const auto end_date = http::StringField(*body, "end_date", errors).value_or("");
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto contract = rentals.End(ctx.programme.id, RentalActor(ctx), *id, end_date);
               if (!contract) return http::Problem(ctx, contract.error());
               return Response::Json(ContractJson(*contract));
             });
}

/// Invoices as their holder or the staff read them.
void AddInvoiceReadRoutes(http::Router& router, InvoiceService& invoices) {
  router.Add("GET", "/api/v1/invoices", Access::AnyAccount(), [&invoices](Request&, Context& ctx) {
    boost::json::array items;
    for (const auto& d : invoices.List(ctx.programme.id, RentalActor(ctx)))
      items.push_back(InvoiceJson(d));
    return Response::Json(boost::json::object{{"items", items}});
  });
  router.Add("GET", "/api/v1/invoices/{id}", Access::AnyAccount(),
             [&invoices](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto details = invoices.Get(ctx.programme.id, RentalActor(ctx), *id);
               if (!details) return http::Problem(ctx, details.error());
               return Response::Json(InvoiceJson(*details));
             });
}

/// What the staff do to invoices: issue a month's, record payments, credit.
void AddInvoiceStaffRoutes(http::Router& router, InvoiceService& invoices) {
  router.Add("POST", "/api/v1/invoices/generate", Access::Staff(),
             [&invoices](Request& req, Context& ctx) {
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               const auto month = http::StringField(*body, "month", errors);
               if (!month && errors.empty()) errors.push_back({"month", "error.field.required"});
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               auto report = invoices.Generate(ctx.programme.id, ctx.account->id, *month);
               if (!report) return http::Problem(ctx, report.error());
               boost::json::array created;
               for (const auto& i : report->created)
                 created.push_back({{"id", i.id}, {"number", i.number}});
               return Response::Json(
                   boost::json::object{{"month", report->month},
                                       {"created", created},
                                       {"already_invoiced", report->already_invoiced}},
                   report->created.empty() ? 200 : 201);
             });
  router.Add("POST", "/api/v1/invoices/{id}/payments", Access::Staff(),
             [&invoices](Request& req, Context& ctx) {
               auto id = ParseId(req.Param("id"));
               if (!id) return http::Problem(ctx, core::NotFound());
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               PaymentRequest payment;
               payment.date = http::StringField(*body, "date", errors).value_or("");
               payment.method = http::StringField(*body, "method", errors).value_or("");
               const auto amount = IntField(*body, "amount_cents", errors);
               if (!amount && errors.empty())
                 errors.push_back({"amount_cents", "error.field.required"});
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               payment.amount_cents = *amount;
               auto details =
                   invoices.RecordPayment(ctx.programme.id, RentalActor(ctx), *id, payment);
               if (!details) return http::Problem(ctx, details.error());
               return Response::Json(InvoiceJson(*details), 201);
             });
  router.Add(
      "POST", "/api/v1/invoices/{id}/credit-note", Access::Staff(),
      [&invoices](Request& req, Context& ctx) {
        auto id = ParseId(req.Param("id"));
        if (!id) return http::Problem(ctx, core::NotFound());
        auto body = http::JsonObjectBody(req);
        if (!body) return http::Problem(ctx, body.error());
        std::vector<core::FieldError> errors;
        CreditNoteRequest credit;
        credit.reason = http::StringField(*body, "reason", errors).value_or("");
        credit.amount_excl_cents = IntField(*body, "amount_excl_cents", errors);
        if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
        auto details = invoices.IssueCreditNote(ctx.programme.id, RentalActor(ctx), *id, credit);
        if (!details) return http::Problem(ctx, details.error());
        auto response = Response::Json(InvoiceJson(*details), 201);
        response.SetHeader("Location", "/api/v1/invoices/" + std::to_string(details->invoice.id));
        return response;
      });
}

/// The seller's details printed on every invoice.
void AddInvoiceSettingsRoutes(http::Router& router, InvoiceService& invoices) {
  router.Add("GET", "/api/v1/invoice-settings", Access::Staff(),
             [&invoices](Request&, Context& ctx) {
               auto settings = invoices.Settings(ctx.programme.id);
               if (!settings)
                 return http::Problem(
                     ctx, core::Error::Of(core::ErrorCode::kNotFound, "error.invoice.no_settings"));
               return Response::Json(SettingsJson(*settings));
             });
  router.Add("PUT", "/api/v1/invoice-settings", Access::AdminOnly(),
             [&invoices](Request& req, Context& ctx) {
               auto body = http::JsonObjectBody(req);
               if (!body) return http::Problem(ctx, body.error());
               std::vector<core::FieldError> errors;
               InvoiceSettings s;
               s.seller_name = http::StringField(*body, "seller_name", errors).value_or("");
               s.seller_address = http::StringField(*body, "seller_address", errors).value_or("");
               s.siret = http::StringField(*body, "siret", errors).value_or("");
               s.vat_number = http::StringField(*body, "vat_number", errors).value_or("");
               s.late_penalty_rate =
                   http::StringField(*body, "late_penalty_rate", errors).value_or("");
               const auto terms = IntField(*body, "payment_terms_days", errors);
               if (!errors.empty()) return http::Problem(ctx, core::Invalid(std::move(errors)));
               s.payment_terms_days =
                   static_cast<int>(std::clamp<long long>(terms.value_or(30), -1, 1000));
               auto saved = invoices.SaveSettings(ctx.programme.id, ctx.account->id, s);
               if (!saved) return http::Problem(ctx, saved.error());
               return Response::Json(SettingsJson(*saved));
             });
}

}  // namespace

Actor RentalActor(const Context& ctx) {
  return {ctx.account->id, ctx.IsStaff(), ctx.Has(Role::kSiteHost)};
}

boost::json::object ContractJson(const RentalContract& c) {
  const auto today = core::ToLocal(core::Now(), "Europe/Paris").days;
  return {{"id", c.id},
          {"account_id", c.account_id},
          {"holder_name", c.holder_name},
          {"resource_id", c.resource_id},
          {"resource_name", c.resource_name},
          {"site_id", c.site_id},
          {"site_name", c.site_name},
          {"start_date", FormatDay(c.start_day)},
          {"end_date", Nullable(c.end_day ? std::optional(FormatDay(*c.end_day)) : std::nullopt)},
          {"notice_value", c.notice.value},
          {"notice_unit", c.notice.unit},
          {"monthly_price_cents", c.monthly_price_cents},
          {"vat_rate_bp", c.vat_rate_bp},
          {"status", c.status},
          {"state", ContractState(c, today)},
          {"buyer_name", c.buyer_name},
          {"buyer_address", c.buyer_address},
          {"terminated_at",
           Nullable(c.terminated_at ? std::optional(core::FormatRfc3339Utc(*c.terminated_at))
                                    : std::nullopt)},
          {"demo_data", c.is_demo}};
}

boost::json::object InvoiceJson(const InvoiceDetails& d) {
  const auto& i = d.invoice;
  boost::json::array credit_notes, payments;
  for (const auto& cn : d.credit_notes) {
    credit_notes.push_back(
        {{"id", cn.id}, {"number", cn.number}, {"total_incl_cents", cn.total_incl_cents}});
  }
  for (const auto& p : d.payments) {
    payments.push_back({{"id", p.id},
                        {"date", FormatDay(p.paid_day)},
                        {"method", p.method},
                        {"amount_cents", p.amount_cents}});
  }
  boost::json::object out{
      {"id", i.id},
      {"kind", i.kind},
      {"number", i.number},
      {"month", i.month},
      {"issue_date", FormatDay(i.issue_day)},
      {"due_date", FormatDay(i.due_day)},
      {"seller",
       {{"name", i.seller.seller_name},
        {"address", i.seller.seller_address},
        {"siret", i.seller.siret},
        {"vat_number", i.seller.vat_number}}},
      {"buyer", {{"name", i.buyer_name}, {"address", i.buyer_address}}},
      {"lines", boost::json::array{{{"description", i.line_description},
                                    {"days", i.line_days},
                                    {"month_days", i.line_month_days},
                                    {"monthly_price_cents", i.monthly_price_cents},
                                    {"amount_excl_cents", i.total_excl_cents}}}},
      {"total_excl_cents", i.total_excl_cents},
      {"vat_rate_bp", i.vat_rate_bp},
      {"vat_cents", i.vat_cents},
      {"total_incl_cents", i.total_incl_cents},
      {"reason", i.reason},
      {"credit_notes", credit_notes},
      {"payments", payments},
      {"paid_cents", d.paid_cents},
      {"balance_cents", d.balance_cents},
      {"payment_status", d.payment_status},
      {"demo_data", i.is_demo},
      {"html", "/invoices/" + std::to_string(i.id)},
      {"pdf", "/invoices/" + std::to_string(i.id) + ".pdf"}};
  out["contract_id"] = i.contract_id ? boost::json::value(*i.contract_id) : nullptr;
  out["account_id"] = i.account_id ? boost::json::value(*i.account_id) : nullptr;
  out["corrects"] = d.corrected ? boost::json::value(boost::json::object{
                                      {"id", d.corrected->id}, {"number", d.corrected->number}})
                                : nullptr;
  return out;
}

void AddRentalRoutes(http::Router& router, RentalService& rentals, InvoiceService& invoices) {
  AddContractRoutes(router, rentals);
  AddInvoiceReadRoutes(router, invoices);
  AddInvoiceStaffRoutes(router, invoices);
  AddInvoiceSettingsRoutes(router, invoices);
}

}  // namespace sohosolo::workspaces

#include "workspaces/rentals/invoices.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "workspaces/rentals/billing.hpp"
#include "workspaces/rentals/store.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

/// The programme's invoices are dated in its own zone.
constexpr const char* kInvoiceZone = "Europe/Paris";

Day Today() { return core::ToLocal(core::Now(), kInvoiceZone).days; }

void Replace(std::string& text, const std::string& what, const std::string& with) {
  for (auto pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + with.size())) {
    text.replace(pos, what.size(), with);
  }
}

/// Stored in French: an invoice issued in France is written in French, whatever the reader's
/// interface language.
std::string RentalLine(const RentalContract& c, const Month& month, int days) {
  std::string text = core::Catalogue::Get().Translate("fr", "invoice.line_rental");
  const Day from = std::max(c.start_day, month.first_day());
  const Day to = c.end_day ? std::min(*c.end_day, month.last_day()) : month.last_day();
  Replace(text, "{desk}", c.resource_name);
  Replace(text, "{site}", c.site_name);
  Replace(text, "{from}", FormatDayFrench(from));
  Replace(text, "{to}", FormatDayFrench(to));
  Replace(text, "{days}", std::to_string(days));
  Replace(text, "{month_days}", std::to_string(month.days()));
  return text;
}

/// What is owed, paid and credited on an invoice, from its credit notes and payments.
InvoiceDetails Summarise(Invoice invoice, std::vector<Invoice> credit_notes,
                         std::vector<Payment> payments) {
  InvoiceDetails d;
  d.credit_notes = std::move(credit_notes);
  d.payments = std::move(payments);
  for (const auto& cn : d.credit_notes) d.credited_incl_cents -= cn.total_incl_cents;
  for (const auto& p : d.payments) d.paid_cents += p.amount_cents;
  const long long owed = invoice.total_incl_cents - d.credited_incl_cents;
  d.balance_cents = owed - d.paid_cents;
  d.payment_status = PaymentStatus(owed, d.paid_cents);
  d.invoice = std::move(invoice);
  return d;
}

InvoiceDetails Detail(RentalStore& store, Invoice invoice) {
  if (invoice.kind == "credit_note") {
    InvoiceDetails d;
    if (invoice.corrects_id) d.corrected = store.FindInvoice(*invoice.corrects_id);
    d.payment_status = "n/a";
    d.invoice = std::move(invoice);
    return d;
  }
  auto credit_notes = store.CreditNotesOf(invoice.id);
  auto payments = store.PaymentsOf(invoice.id);
  return Summarise(std::move(invoice), std::move(credit_notes), std::move(payments));
}

bool AllDigitsOf(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string WithoutSpaces(std::string text) {
  std::erase_if(text, [](unsigned char c) { return c == ' '; });
  return text;
}

/// Issues one invoice in its own transaction; false when it was there already.
bool IssueInvoice(db::Lease& lease, core::ProgrammeId p, long long by, const RentalContract& c,
                  const Month& month, int days, const InvoiceSettings& seller,
                  GenerationReport& report) {
  RentalStore store(lease, p);
  const Day today = Today();
  const int year = MonthOf(today).year;
  db::Transaction tx(lease, db::TxMode::kWrite);
  // The counter row is locked first: a concurrent run waits here until ours commits, then sees
  // our invoice below and gives its number back by rolling back.
  const int sequence = store.NextSequence(year);
  if (store.InvoiceExists(c.id, month.Text())) return false;
  Invoice i;
  i.kind = "invoice";
  i.year = year;
  i.sequence = sequence;
  i.number = InvoiceNumber(year, sequence);
  i.contract_id = c.id;
  i.account_id = c.account_id;
  i.month = month.Text();
  i.issue_day = today;
  i.due_day = today + seller.payment_terms_days;
  i.seller = seller;
  i.buyer_name = c.buyer_name;
  i.buyer_address = c.buyer_address;
  i.line_description = RentalLine(c, month, days);
  i.line_days = days;
  i.line_month_days = month.days();
  i.monthly_price_cents = c.monthly_price_cents;
  i.total_excl_cents = ProRata(c.monthly_price_cents, days, month.days());
  i.vat_rate_bp = c.vat_rate_bp;
  i.vat_cents = VatOf(i.total_excl_cents, c.vat_rate_bp);
  i.total_incl_cents = i.total_excl_cents + i.vat_cents;
  i.is_demo = c.is_demo || seller.is_demo;
  // Another process may have stored this contract's month between our check and our insert:
  // then our transaction, number included, is rolled back.
  const auto id = store.InsertInvoice(i, by);
  if (!id) return false;
  i.id = *id;
  tx.Commit();
  report.created.push_back(i);
  return true;
}

}  // namespace

core::Result<GenerationReport> InvoiceService::Generate(
    core::ProgrammeId p, long long by, const std::string& text,
    const std::function<void(std::size_t done, std::size_t total)>& progress) {
  const auto month = ParseMonth(text);
  if (!month)
    return Error{
        ErrorCode::kInvalid, "error.invoice.invalid", {{"month", "error.invoice.month"}}, {}};
  const Month current = MonthOf(Today());
  if (month->year * 12 + month->month > current.year * 12 + current.month) {
    return Error{ErrorCode::kInvalid,
                 "error.invoice.invalid",
                 {{"month", "error.invoice.month_future"}},
                 {}};
  }
  auto lease = pool_.Acquire();
  RentalStore store(lease, p);
  const auto seller = store.Settings();
  if (!seller) return Error::Of(ErrorCode::kConflict, "error.invoice.no_settings");
  GenerationReport report{month->Text(), {}, 0};
  const auto contracts = store.ContractsBetween(month->first_day(), month->last_day());
  for (std::size_t i = 0; i < contracts.size(); ++i) {
    const auto& c = contracts[i];
    const int days = ContractDaysIn(*month, c.start_day, c.end_day);
    // Most reruns stop at InvoiceExists, without taking the write lock.
    if (days > 0 && (store.InvoiceExists(c.id, month->Text()) ||
                     !IssueInvoice(lease, p, by, c, *month, days, *seller, report))) {
      ++report.already_invoiced;
    }
    if (progress) progress(i + 1, contracts.size());
  }
  return report;
}

std::vector<InvoiceDetails> InvoiceService::List(core::ProgrammeId p, const Actor& actor) {
  auto lease = pool_.Acquire();
  RentalStore store(lease, p);
  const auto whose = actor.staff ? std::nullopt : std::optional(actor.account_id);
  // Two queries for the whole list, not three per invoice: a credit note has the account of
  // the invoice it corrects, so both are in the same list.
  const auto invoices = store.Invoices(whose);
  std::map<long long, std::vector<Payment>> payments;
  for (auto& pay : store.Payments(whose)) payments[pay.invoice_id].push_back(std::move(pay));
  std::map<long long, std::vector<Invoice>> credit_notes;
  std::map<long long, const Invoice*> by_id;
  for (const auto& i : invoices) {
    by_id[i.id] = &i;
    if (i.corrects_id) credit_notes[*i.corrects_id].push_back(i);
  }
  std::vector<InvoiceDetails> out;
  for (const auto& i : invoices) {
    if (i.kind != "credit_note") {
      auto& notes = credit_notes[i.id];
      std::sort(notes.begin(), notes.end(), [](const Invoice& a, const Invoice& b) {
        return std::pair(a.year, a.sequence) < std::pair(b.year, b.sequence);
      });
      out.push_back(Summarise(i, std::move(notes), std::move(payments[i.id])));
      continue;
    }
    InvoiceDetails d;
    d.invoice = i;
    d.payment_status = "n/a";
    if (i.corrects_id && by_id.contains(*i.corrects_id)) d.corrected = *by_id[*i.corrects_id];
    out.push_back(std::move(d));
  }
  return out;
}

core::Result<InvoiceDetails> InvoiceService::Get(core::ProgrammeId p, const Actor& actor,
                                                 long long id) {
  auto lease = pool_.Acquire();
  RentalStore store(lease, p);
  auto invoice = store.FindInvoice(id);
  if (!invoice || (!actor.staff && invoice->account_id != actor.account_id)) {
    return core::NotFound();
  }
  return Detail(store, std::move(*invoice));
}

core::Result<InvoiceDetails> InvoiceService::RecordPayment(core::ProgrammeId p, const Actor& actor,
                                                           long long id,
                                                           const PaymentRequest& request) {
  if (!actor.staff) return core::Forbidden();
  std::vector<core::FieldError> errors;
  const auto day = ParseIsoDay(request.date);
  if (!day) errors.push_back({"date", "error.field.date"});
  if (day && *day > Today()) errors.push_back({"date", "error.invoice.payment_in_future"});
  static const std::vector<std::string> kMethods = {"transfer", "direct_debit", "card", "cheque",
                                                    "cash"};
  if (std::find(kMethods.begin(), kMethods.end(), request.method) == kMethods.end()) {
    errors.push_back({"method", "error.invoice.payment_method"});
  }
  if (request.amount_cents <= 0) errors.push_back({"amount_cents", "error.invoice.amount"});
  if (!errors.empty()) return Error{ErrorCode::kInvalid, "error.invoice.invalid", errors, {}};
  auto lease = pool_.Acquire();
  RentalStore store(lease, p);
  db::Transaction tx(lease, db::TxMode::kWrite);
  store.LockInvoice(id);
  auto invoice = store.FindInvoice(id);
  if (!invoice) return core::NotFound();
  if (invoice->kind != "invoice")
    return Error::Of(ErrorCode::kConflict, "error.invoice.payment_on_credit_note");
  const auto before = Detail(store, *invoice);
  if (request.amount_cents > before.balance_cents) {
    return Error{ErrorCode::kInvalid,
                 "error.invoice.invalid",
                 {{"amount_cents", "error.invoice.overpayment"}},
                 {}};
  }
  store.InsertPayment({0, id, *day, request.method, request.amount_cents, 0}, actor.account_id);
  auto after = Detail(store, std::move(*invoice));
  tx.Commit();
  return after;
}

core::Result<InvoiceDetails> InvoiceService::IssueCreditNote(core::ProgrammeId p,
                                                             const Actor& actor, long long id,
                                                             const CreditNoteRequest& request) {
  if (!actor.staff) return core::Forbidden();
  const auto reason_length = core::Utf8Length(request.reason);
  if (reason_length == 0 || reason_length > 500) {
    return Error{ErrorCode::kInvalid,
                 "error.invoice.invalid",
                 {{"reason", reason_length == 0 ? "error.field.required" : "error.field.too_long"}},
                 {}};
  }
  auto lease = pool_.Acquire();
  RentalStore store(lease, p);
  db::Transaction tx(lease, db::TxMode::kWrite);
  store.LockInvoice(id);
  const auto invoice = store.FindInvoice(id);
  if (!invoice) return core::NotFound();
  if (invoice->kind != "invoice")
    return Error::Of(ErrorCode::kConflict, "error.invoice.credit_of_credit_note");
  long long remaining_excl = invoice->total_excl_cents, remaining_vat = invoice->vat_cents;
  for (const auto& cn : store.CreditNotesOf(id)) {
    remaining_excl += cn.total_excl_cents;
    remaining_vat += cn.vat_cents;
  }
  if (remaining_excl <= 0) return Error::Of(ErrorCode::kConflict, "error.invoice.fully_credited");
  const long long amount = request.amount_excl_cents.value_or(remaining_excl);
  if (amount <= 0 || amount > remaining_excl) {
    return Error{ErrorCode::kInvalid,
                 "error.invoice.invalid",
                 {{"amount_excl_cents", "error.invoice.credit_amount"}},
                 {}};
  }
  const Day today = Today();
  Invoice cn = *invoice;
  cn.kind = "credit_note";
  cn.year = MonthOf(today).year;
  cn.sequence = store.NextSequence(cn.year);
  cn.number = InvoiceNumber(cn.year, cn.sequence);
  cn.corrects_id = invoice->id;
  cn.issue_day = today;
  cn.due_day = today;
  cn.line_description = core::Catalogue::Get().Translate("fr", "invoice.line_credit") + " " +
                        invoice->number + " — " + request.reason;
  cn.line_days = 0;
  cn.line_month_days = 0;
  cn.total_excl_cents = -amount;
  // Crediting all that is left cancels the VAT exactly; a part has its own VAT, rounded once.
  cn.vat_cents = amount == remaining_excl ? -remaining_vat : VatOf(-amount, invoice->vat_rate_bp);
  cn.total_incl_cents = cn.total_excl_cents + cn.vat_cents;
  cn.reason = request.reason;
  // A credit note has no (contract, month) of its own: nothing can refuse it.
  cn.id = store.InsertInvoice(cn, actor.account_id).value();
  auto out = Detail(store, cn);
  tx.Commit();
  return out;
}

std::optional<InvoiceSettings> InvoiceService::Settings(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  return RentalStore(lease, p).Settings();
}

core::Result<InvoiceSettings> InvoiceService::SaveSettings(core::ProgrammeId p, long long by,
                                                           const InvoiceSettings& settings) {
  std::vector<core::FieldError> errors;
  const auto text = [&errors](const std::string& value, const char* field, std::size_t max) {
    const auto length = core::Utf8Length(value);
    if (length == 0) errors.push_back({field, "error.field.required"});
    if (length > max) errors.push_back({field, "error.field.too_long"});
  };
  text(settings.seller_name, "seller_name", 200);
  text(settings.seller_address, "seller_address", 500);
  text(settings.late_penalty_rate, "late_penalty_rate", 300);
  const auto siret = WithoutSpaces(settings.siret);
  if (siret.size() != 14 || !AllDigitsOf(siret)) errors.push_back({"siret", "error.invoice.siret"});
  const auto vat = WithoutSpaces(settings.vat_number);
  if (vat.size() != 13 || !vat.starts_with("FR") || !AllDigitsOf(vat.substr(4))) {
    errors.push_back({"vat_number", "error.invoice.vat_number"});
  }
  if (settings.payment_terms_days < 0 || settings.payment_terms_days > 60) {
    errors.push_back({"payment_terms_days", "error.invoice.payment_terms"});
  }
  if (!errors.empty()) return Error{ErrorCode::kInvalid, "error.invoice.invalid", errors, {}};
  auto lease = pool_.Acquire();
  RentalStore store(lease, p);
  db::Transaction tx(lease, db::TxMode::kWrite);
  store.SaveSettings(settings, core::Now(), by);
  tx.Commit();
  return settings;
}

}  // namespace sohosolo::workspaces

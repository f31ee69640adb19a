#include "workspaces/rentals/invoice_text.hpp"

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "workspaces/rentals/billing.hpp"

namespace sohosolo::workspaces {

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  for (auto part : core::Split(text, '\n')) {
    std::string line(part);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

}  // namespace

InvoiceText TextOf(const Invoice& i, const std::string& lang) {
  const auto& cat = core::Catalogue::Get();
  const auto t = [&](const char* key) { return cat.Translate(lang, key); };
  const bool credit = i.kind == "credit_note";
  InvoiceText out;
  out.title = t(credit ? "invoice.credit_note_title" : "invoice.invoice_title") + " " + i.number;
  if (i.is_demo) out.demo_notice = t("invoice.demo_notice");
  out.seller.push_back(i.seller.seller_name);
  for (auto& line : Lines(i.seller.seller_address)) out.seller.push_back(line);
  out.seller.push_back(t("invoice.siret") + " " + i.seller.siret);
  out.seller.push_back(t("invoice.vat_number") + " " + i.seller.vat_number);
  out.buyer.push_back(t("invoice.buyer") + " " + i.buyer_name);
  for (auto& line : Lines(i.buyer_address)) out.buyer.push_back(line);
  out.dates.push_back(t("invoice.issue_date") + " " + FormatDayFrench(i.issue_day));
  out.dates.push_back(t("invoice.period") + " " + i.month);
  if (!credit) out.dates.push_back(t("invoice.due_date") + " " + FormatDayFrench(i.due_day));
  out.line_heading = t("invoice.description");
  out.amount_heading = t("invoice.amount_excl");
  out.line = i.line_description;
  out.line_amount = FormatEuros(i.total_excl_cents);
  out.totals = {{t("invoice.total_excl"), FormatEuros(i.total_excl_cents)},
                {t("invoice.vat") + " " + FormatRate(i.vat_rate_bp), FormatEuros(i.vat_cents)},
                {t("invoice.total_incl"), FormatEuros(i.total_incl_cents)}};
  if (credit) {
    out.mentions.push_back(t("invoice.credit_mention"));
    return out;
  }
  std::string terms = t("invoice.payment_terms");
  auto pos = terms.find("{due}");
  if (pos != std::string::npos) terms.replace(pos, 5, FormatDayFrench(i.due_day));
  out.mentions.push_back(terms);
  std::string penalty = t("invoice.late_penalty");
  pos = penalty.find("{rate}");
  if (pos != std::string::npos) penalty.replace(pos, 6, i.seller.late_penalty_rate);
  out.mentions.push_back(penalty);
  out.mentions.push_back(t("invoice.recovery_indemnity"));
  return out;
}

}  // namespace sohosolo::workspaces

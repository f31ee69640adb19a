#include "territory/accompaniment/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "outbox/service.hpp"
#include "territory/villages/store.hpp"

namespace sohosolo::territory {

namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;

constexpr std::size_t kMaxEmailChars = 254;
constexpr std::size_t kMaxPhoneChars = 30;
constexpr std::size_t kMaxNeedsChars = 1000;
constexpr long long kHourSeconds = 3600;

std::string Field(const EditInput& input, const char* name) {
  const auto it = input.find(name);
  return it == input.end() ? std::string() : std::string(core::Trim(it->second));
}

/// Something@something.something, no spaces: the address is for a person to write back to.
bool LooksLikeEmail(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return false;
  const auto dot = email.find('.', at);
  return dot != std::string::npos && dot > at + 1 && dot + 1 < email.size() &&
         email.find_first_of(" \t\r\n<>") == std::string::npos;
}

bool LooksLikePhone(const std::string& phone) {
  return std::all_of(phone.begin(), phone.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '.' || c == '-' || c == '(' ||
           c == ')';
  });
}

std::string Mail(const std::string& key, const AccompanimentRequest& r, const std::string& village,
                 const std::string& lang) {
  return fmt::format(fmt::runtime(core::Catalogue::Get().Translate(lang, key)),
                     fmt::arg("name", r.name), fmt::arg("email", r.email),
                     fmt::arg("phone", r.phone.empty() ? "-" : r.phone),
                     fmt::arg("village", village.empty() ? "-" : village),
                     fmt::arg("message", r.message), fmt::arg("needs", r.needs));
}

}  // namespace

std::vector<FieldError> ValidateRequest(const AccompanimentRequest& r) {
  std::vector<FieldError> errors;
  if (r.name.empty()) errors.push_back({"name", "error.field.required"});
  if (core::Utf8Length(r.name) > kMaxNameChars)
    errors.push_back({"name", "error.village.too_long"});
  // The name goes into the advisors' mail subject: one line, so that no mail header can be
  // slipped in behind it.
  if (std::any_of(r.name.begin(), r.name.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    errors.push_back({"name", "error.field.one_line"});
  if (r.email.empty()) {
    errors.push_back({"email", "error.field.required"});
  } else if (r.email.size() > kMaxEmailChars || !LooksLikeEmail(r.email)) {
    errors.push_back({"email", "error.accompany.bad_email"});
  }
  if (r.phone.size() > kMaxPhoneChars || !LooksLikePhone(r.phone))
    errors.push_back({"phone", "error.accompany.bad_phone"});
  if (r.message.empty()) errors.push_back({"message", "error.field.required"});
  if (core::Utf8Length(r.message) > kMaxDescriptionChars)
    errors.push_back({"message", "error.village.too_long"});
  if (r.needs.size() > kMaxNeedsChars) errors.push_back({"needs", "error.village.too_long"});
  return errors;
}

core::Result<long long> AccompanyService::Submit(core::ProgrammeId p, const EditInput& input,
                                                 const std::string& client_address) {
  AccompanimentRequest r;
  r.name = Field(input, "name");
  r.email = Field(input, "email");
  r.phone = Field(input, "phone");
  r.message = Field(input, "message");
  r.needs = Field(input, "needs");
  r.commune_code = Field(input, "village");
  r.client_address = client_address;
  r.created_at = core::Now();
  auto errors = ValidateRequest(r);
  // Robots fill every field; people never see this one. Refused like any bad input, so the
  // robot learns nothing more than a person who made a mistake would.
  if (!Field(input, kHoneypotField).empty())
    errors.push_back({kHoneypotField, "error.accompany.rejected"});
  std::string village_name;
  if (!r.commune_code.empty()) {
    auto commune = territory_.GetCommune(p, r.commune_code);
    if (!commune) errors.push_back({"village", "error.accompany.bad_village"});
    if (commune) village_name = commune->summary.name + " (" + r.commune_code + ")";
  }
  if (!errors.empty()) return core::Invalid(std::move(errors));
  const auto advisors = advisors_ ? advisors_(p) : std::vector<AdvisorAddress>{};

  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  VillageStore store(lease, p);
  if (store.CountRequestsFrom(client_address, r.created_at - kHourSeconds) >= kMaxRequestsPerHour)
    return Error{ErrorCode::kRateLimited, "error.accompany.too_many", {}, kHourSeconds};
  const long long id = store.InsertRequest(r);
  for (const auto& advisor : advisors) {
    outbox::Queue(
        lease, p,
        {advisor.email, Mail("mail.accompany.subject", r, village_name, advisor.language),
         Mail("mail.accompany.body", r, village_name, advisor.language), "accompaniment_request"});
  }
  tx.Commit();
  return id;
}

std::optional<AccompanimentRequest> AccompanyService::Find(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  return VillageStore(lease, p).Request(id);
}

std::vector<AccompanimentRequest> AccompanyService::List(core::ProgrammeId p, int limit,
                                                         long long before_id,
                                                         const std::string& status) {
  auto lease = pool_.Acquire();
  return VillageStore(lease, p).Requests(limit, before_id, status);
}

core::Status AccompanyService::MarkHandled(core::ProgrammeId p, long long id, long long account_id,
                                           const std::string& account_name) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  VillageStore store(lease, p);
  if (!store.MarkHandled(id, account_id, account_name, core::Now())) {
    const bool known = store.Request(id).has_value();
    return Error::Of(known ? ErrorCode::kConflict : ErrorCode::kNotFound,
                     known ? "error.accompany.already_handled" : "error.not_found");
  }
  tx.Commit();
  return core::Ok();
}

}  // namespace sohosolo::territory

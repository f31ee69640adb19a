#include "workspaces/rentals/service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "workspaces/rentals/billing.hpp"
#include "workspaces/rentals/hold.hpp"
#include "workspaces/rentals/store.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

/// An open-ended contract reaches this far (UTC seconds) for overlap checks.
constexpr core::UnixSeconds kFarFuture = 4'000'000'000LL;

Day Today(const std::string& zone) { return core::ToLocal(core::Now(), zone).days; }

DayRange RangeOf(const RentalContract& c) { return {c.start_day, c.end_day}; }

/// The local days a booking touches.
DayRange DaysOf(const Period& period, const std::string& zone) {
  return {core::ToLocal(period.start, zone).days, core::ToLocal(period.end - 1, zone).days};
}

/// Whether `account_id` holds one of `contracts` during `days`.
bool Holds(const std::vector<RentalContract>& contracts, long long account_id,
           const DayRange& days) {
  return std::any_of(contracts.begin(), contracts.end(), [&](const RentalContract& c) {
    return c.account_id == account_id && RangeOf(c).Overlaps(days);
  });
}

/// The most contracts on one day of `days`.
int Concurrent(const std::vector<RentalContract>& contracts, const DayRange& days) {
  std::vector<DayRange> ranges;
  for (const auto& c : contracts) ranges.push_back(RangeOf(c));
  return MaxConcurrent(ranges, days);
}

/// True when the contracts fill the desk's capacity on a day of `days`, so a non-holder is refused.
bool Full(const std::vector<RentalContract>& contracts, int capacity, const DayRange& days) {
  return Concurrent(contracts, days) >= capacity;
}

std::vector<core::FieldError> Validate(const ContractRequest& r, std::optional<Day> start,
                                       std::optional<Day> end) {
  std::vector<core::FieldError> errors;
  if (!start) errors.push_back({"start_date", "error.field.date"});
  if (!r.end_date.empty() && !end) errors.push_back({"end_date", "error.field.date"});
  if (start && end && *end < *start)
    errors.push_back({"end_date", "error.rental.end_before_start"});
  if (r.notice.unit != "days" && r.notice.unit != "months")
    errors.push_back({"notice_unit", "error.rental.notice_unit"});
  const int notice_max = r.notice.unit == "days" ? 366 : 24;
  if (r.notice.value < 0 || r.notice.value > notice_max)
    errors.push_back({"notice_value", "error.rental.notice_value"});
  if (r.monthly_price_cents <= 0 || r.monthly_price_cents > 10'000'000) {
    errors.push_back({"monthly_price_cents", "error.rental.price"});
  }
  if (r.vat_rate_bp < 0 || r.vat_rate_bp > 10000)
    errors.push_back({"vat_rate_bp", "error.rental.vat_rate"});
  if (core::Utf8Length(r.buyer_name) > 200)
    errors.push_back({"buyer_name", "error.field.too_long"});
  if (core::Utf8Length(r.buyer_address) > 500)
    errors.push_back({"buyer_address", "error.field.too_long"});
  return errors;
}

}  // namespace

std::string ContractState(const RentalContract& c, Day today) {
  if (c.end_day && *c.end_day < today) return "ended";
  if (c.status == "terminated" || c.end_day) return "ending";
  return "active";
}

core::Status CheckDeskHold(db::Lease& lease, core::ProgrammeId programme, const Site& site,
                           const Resource& resource, long long account_id, const Period& period) {
  if (resource.kind != "desk") return core::Ok();
  RentalStore store(lease, programme);
  store.LockResource(resource.id, false);
  const auto days = DaysOf(period, site.time_zone);
  const auto contracts = store.ContractsOverlapping(resource.id, days.first, days.last);
  if (contracts.empty() || Holds(contracts, account_id, days)) return core::Ok();
  if (!Full(contracts, resource.capacity, days)) return core::Ok();
  return Error::Of(ErrorCode::kConflict, "error.rental.desk_under_contract");
}

std::vector<Day> HeldDays(db::Lease& lease, core::ProgrammeId programme, const Site& site,
                          const Resource& resource, long long account_id, Day first_day,
                          Day last_day) {
  std::vector<Day> out;
  if (resource.kind != "desk" || last_day < first_day) return out;
  const auto contracts =
      RentalStore(lease, programme).ContractsOverlapping(resource.id, first_day, last_day);
  if (contracts.empty()) return out;
  for (Day day = first_day; day <= last_day; ++day) {
    const DayRange one{day, day};
    if (!Holds(contracts, account_id, one) && Full(contracts, resource.capacity, one))
      out.push_back(day);
  }
  return out;
}

std::vector<RentalContract> RentalService::Contracts(core::ProgrammeId p, const Actor& actor) {
  auto lease = pool_.Acquire();
  return RentalStore(lease, p).Contracts(actor.staff ? std::nullopt
                                                     : std::optional(actor.account_id));
}

std::vector<std::pair<long long, std::string>> RentalService::MemberChoices(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  std::vector<std::pair<long long, std::string>> out;
  for (auto& c : RentalStore(lease, p).Members()) out.emplace_back(c.id, std::move(c.label));
  return out;
}

std::vector<std::pair<long long, std::string>> RentalService::DeskChoices(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  std::vector<std::pair<long long, std::string>> out;
  for (auto& c : RentalStore(lease, p).Desks()) out.emplace_back(c.id, std::move(c.label));
  return out;
}

core::Result<RentalContract> RentalService::Get(core::ProgrammeId p, const Actor& actor,
                                                long long id) {
  auto lease = pool_.Acquire();
  auto contract = RentalStore(lease, p).FindContract(id);
  if (!contract || (!actor.staff && contract->account_id != actor.account_id)) {
    return core::NotFound();
  }
  return *contract;
}

core::Result<RentalContract> RentalService::Create(core::ProgrammeId p, const Actor& actor,
                                                   const ContractRequest& request,
                                                   std::vector<Booking>* in_the_way) {
  if (!actor.staff) return core::Forbidden();
  const auto start = ParseIsoDay(request.start_date);
  const auto end = request.end_date.empty() ? std::nullopt : ParseIsoDay(request.end_date);
  auto errors = Validate(request, start, end);
  auto lease = pool_.Acquire();
  RentalStore store(lease, p);
  const auto holder = store.MemberName(request.account_id);
  if (!holder) errors.push_back({"account_id", "error.rental.unknown_account"});
  const auto desk = store.FindResourceInfo(request.resource_id);
  if (!desk) errors.push_back({"resource_id", "error.rental.unknown_resource"});
  if (desk && desk->kind != "desk") errors.push_back({"resource_id", "error.rental.not_a_desk"});
  if (!errors.empty()) return Error{ErrorCode::kInvalid, "error.rental.invalid", errors, {}};

  RentalContract c;
  c.account_id = request.account_id;
  c.resource_id = request.resource_id;
  c.start_day = *start;
  c.end_day = end;
  c.notice = request.notice;
  c.monthly_price_cents = request.monthly_price_cents;
  c.vat_rate_bp = request.vat_rate_bp;
  c.buyer_name = request.buyer_name.empty() ? *holder : request.buyer_name;
  c.buyer_address = request.buyer_address;
  c.is_demo = request.is_demo;

  db::Transaction tx(lease, db::TxMode::kWrite);
  // Bookings of this desk wait for this lock (shared), so none can slip in between the checks
  // below and the insert.
  store.LockResource(c.resource_id, true);
  auto contracts = store.ContractsOverlapping(c.resource_id, c.start_day, c.end_day);
  contracts.push_back(c);
  if (Concurrent(contracts, RangeOf(c)) > desk->capacity) {
    return Error::Of(ErrorCode::kConflict, "error.rental.desk_taken");
  }
  // Future bookings of other people on days the contracts would fill the desk.
  const auto from = std::max(core::Now(), core::FromLocal(c.start_day, 0, desk->time_zone));
  const auto to = c.end_day ? core::FromLocal(*c.end_day + 1, 0, desk->time_zone) : kFarFuture;
  std::vector<Booking> blocked;
  for (const auto& b : store.BookingsBetween(c.resource_id, from, to)) {
    const auto days = DaysOf(b.period, desk->time_zone);
    if (!Holds(contracts, b.account_id, days) && Full(contracts, desk->capacity, days))
      blocked.push_back(b);
  }
  if (!blocked.empty()) {
    if (in_the_way) *in_the_way = std::move(blocked);
    return Error::Of(ErrorCode::kConflict, "error.rental.bookings_in_the_way");
  }
  const auto id = store.InsertContract(c, actor.account_id);
  tx.Commit();
  return *store.FindContract(id);
}

core::Result<RentalContract> RentalService::End(core::ProgrammeId p, const Actor& actor,
                                                long long id, const std::string& end_date) {
  if (!actor.staff) return core::Forbidden();
  auto lease = pool_.Acquire();
  RentalStore store(lease, p);
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto contract = store.FindContract(id);
  if (!contract) return core::NotFound();
  if (contract->status != "active")
    return Error::Of(ErrorCode::kConflict, "error.rental.already_terminated");
  const auto info = store.FindResourceInfo(contract->resource_id);
  const Day earliest =
      std::max(NoticeEnd(Today(info ? info->time_zone : "Europe/Paris"), contract->notice),
               contract->start_day);
  Day last = earliest;
  if (!end_date.empty()) {
    const auto asked = ParseIsoDay(end_date);
    if (!asked)
      return Error{
          ErrorCode::kInvalid, "error.rental.invalid", {{"end_date", "error.field.date"}}, {}};
    if (*asked < earliest) {
      return Error{ErrorCode::kInvalid,
                   "error.rental.invalid",
                   {{"end_date", "error.rental.notice_too_short"}},
                   {}};
    }
    last = *asked;
  }
  // A fixed end before the notice runs out stays the end.
  if (contract->end_day && *contract->end_day < last) {
    if (!end_date.empty() && *contract->end_day < ParseIsoDay(end_date).value_or(0)) {
      return Error{ErrorCode::kInvalid,
                   "error.rental.invalid",
                   {{"end_date", "error.rental.after_fixed_end"}},
                   {}};
    }
    last = *contract->end_day;
  }
  if (!store.Terminate(id, last, core::Now(), actor.account_id)) {
    return Error::Of(ErrorCode::kConflict, "error.rental.already_terminated");
  }
  tx.Commit();
  return *store.FindContract(id);
}

}  // namespace sohosolo::workspaces

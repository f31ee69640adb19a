#include "workspaces/bookings/recurrence.hpp"

namespace sohosolo::workspaces {

namespace {

core::Error Invalid(const std::string& field, const std::string& key) {
  return core::Invalid({{field, key}}, "error.booking.recurrence");
}

}  // namespace

core::Result<std::vector<Period>> ExpandWeekly(const Period& first, const Recurrence& r,
                                               const std::string& zone) {
  if (r.interval_weeks < 1 || r.interval_weeks > 52)
    return Invalid("recurrence.interval", "error.booking.recurrence_interval");
  if (r.until_day.has_value() == r.count.has_value())
    return Invalid("recurrence", "error.booking.recurrence_end");
  if (r.count && *r.count < 1) return Invalid("recurrence.count", "error.booking.recurrence_count");
  const auto start = core::ToLocal(first.start, zone);
  const auto end = core::ToLocal(first.end, zone);
  // A booking lies within one local day, so its end is a minute of the same day (or midnight).
  const int end_minute = end.days == start.days ? end.minute : 1440;
  if (r.until_day && *r.until_day < start.days)
    return Invalid("recurrence.until", "error.booking.recurrence_until");
  const long long step = 7LL * r.interval_weeks;
  const long long total = r.count ? *r.count : (*r.until_day - start.days) / step + 1;
  if (total > kMaxOccurrences) {
    return core::Error{
        core::ErrorCode::kInvalid,
        "error.booking.recurrence_too_many",
        {{r.count ? "recurrence.count" : "recurrence.until", "error.booking.recurrence_too_many"}},
        {}};
  }
  std::vector<Period> out;
  for (long long i = 0; i < total; ++i) {
    const long long day = start.days + i * step;
    out.push_back(
        {core::FromLocal(day, start.minute, zone), core::FromLocal(day, end_minute, zone)});
  }
  return out;
}

}  // namespace sohosolo::workspaces

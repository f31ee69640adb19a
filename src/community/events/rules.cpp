// The club's pure rules: seats, the waitlist's order of promotion, monthly series.
#include <date/date.h>

#include <algorithm>

#include "community/events/model.hpp"

namespace sohosolo::community {

const char* StateName(Seat seat) {
  switch (seat) {
    case Seat::kRegistered:
      return "registered";
    case Seat::kWaitlisted:
      return "waitlisted";
    case Seat::kCancelled:
      return "cancelled";
    case Seat::kNone:
      break;
  }
  return "";
}

Seat ParseSeat(const std::string& word) {
  if (word == "registered") return Seat::kRegistered;
  if (word == "waitlisted") return Seat::kWaitlisted;
  if (word == "cancelled") return Seat::kCancelled;
  return Seat::kNone;
}

Seat SeatFor(int registered, int capacity) {
  return registered < capacity ? Seat::kRegistered : Seat::kWaitlisted;
}

int FreeSeats(int registered, int capacity) { return std::max(0, capacity - registered); }

std::vector<Period> MonthlyOccurrences(const Period& first, int count, const std::string& zone) {
  using namespace date;
  const auto start = core::ToLocal(first.start, zone);
  const auto end = core::ToLocal(first.end, zone);
  const long long span_days = end.days - start.days;
  const year_month_day ymd{sys_days{days{start.days}}};
  const weekday wd{sys_days{days{start.days}}};
  const unsigned week = (static_cast<unsigned>(ymd.day()) - 1) / 7 + 1;  // 1..5
  std::vector<Period> out{first};
  for (int k = 1; k < count; ++k) {
    const year_month ym = ymd.year() / ymd.month() + months{k};
    const sys_days day =
        week >= 5 ? sys_days{ym / weekday_last{wd}} : sys_days{ym / weekday_indexed{wd, week}};
    const long long d = day.time_since_epoch().count();
    out.push_back(
        {core::FromLocal(d, start.minute, zone), core::FromLocal(d + span_days, end.minute, zone)});
  }
  return out;
}

}  // namespace sohosolo::community

#include "workspaces/demo_bookings.hpp"

#include <algorithm>
#include <cstdint>

#include "workspaces/bookings/store.hpp"
#include "workspaces/sites/store.hpp"
#include "workspaces/stats/stats.hpp"

namespace sohosolo::workspaces {

namespace {

constexpr int kPastDays = 28;
constexpr int kFutureDays = 14;
constexpr core::UnixSeconds kSlot = 30 * 60;

/// A small fixed generator (64-bit LCG, Knuth's constants): the demo must be the same every time,
/// which std::uniform_int_distribution does not promise across standard libraries.
class Dice {
 public:
  explicit Dice(std::uint64_t seed) : state_(seed) {}
  /// 0 .. n-1
  int Roll(int n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state_ >> 33) % static_cast<std::uint64_t>(n));
  }

 private:
  std::uint64_t state_;
};

/// One booking of 1 to 3 hours within an open period, on 30-minute steps.
Period Slot(const Period& open, Dice& dice) {
  const auto slots = static_cast<int>((open.end - open.start) / kSlot);
  if (slots < 2) return {};
  const int length = std::min(slots, 2 + dice.Roll(5));
  const int start = dice.Roll(slots - length + 1);
  return {open.start + start * kSlot, open.start + (start + length) * kSlot};
}

}  // namespace

int SeedDemoBookings(db::Pool& pool, core::ProgrammeId p, const DemoActivity& activity,
                     core::UnixSeconds now) {
  if (activity.members.empty()) return 0;
  auto lease = pool.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  SiteAdminStore admin(lease, p);
  Dice dice(20080901);  // the programme's first year
  int written = 0;
  for (const auto& site : store.Sites()) {
    if (activity.host_account && std::find(activity.hosted.begin(), activity.hosted.end(),
                                           site.name) != activity.hosted.end()) {
      admin.ReplaceHosts(site.id, {activity.host_account}, activity.host_account, now);
    }
    const auto busy = std::find_if(activity.busy_sites.begin(), activity.busy_sites.end(),
                                   [&](const auto& b) { return b.first == site.name; });
    if (busy == activity.busy_sites.end()) continue;
    const auto today = core::ToLocal(now, site.time_zone).days;
    for (const auto& resource : store.Resources(site.id)) {
      if (busy->second && resource.kind == "meeting_room") continue;
      // Coworking desks are rented by the month (the demo's contracts); occasional bookings of
      // them would stand in the way of contracts.
      if (resource.kind == "desk") continue;
      // Today is left alone: its bookings would meet the no-show sweep half-way.
      for (long long day = today - kPastDays; day <= today + kFutureDays; ++day) {
        if (day == today) continue;
        for (const auto& open : OpenPeriods(site, day)) {
          if (dice.Roll(100) >= (resource.kind == "meeting_room" ? 20 : 30)) continue;
          Booking b;
          b.resource_id = resource.id;
          b.account_id = activity.members[dice.Roll(static_cast<int>(activity.members.size()))];
          b.period = Slot(open, dice);
          if (b.period.end <= b.period.start) continue;
          b.note = "Réservation de démonstration";
          b.created_at = std::min(b.period.start - (1 + dice.Roll(10)) * 86400LL, now - 7200);
          const int fate = dice.Roll(100);
          if (fate < 8) {
            b.status = BookingStatus::kCancelled;
            b.sequence = 1;
            b.cancelled_at = b.created_at + 3600;
          } else if (fate < 16 && day < today) {
            b.status = BookingStatus::kNoShow;
            b.sequence = 1;
          } else if (day < today) {
            b.checked_in_at = b.period.start + dice.Roll(10) * 60;
          }
          store.InsertDemoBooking(b);
          ++written;
        }
      }
    }
  }
  tx.Commit();
  return written;
}

}  // namespace sohosolo::workspaces

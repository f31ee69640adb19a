#include "workspaces/bookings/service.hpp"

#include <algorithm>
#include <map>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "workspaces/bookings/checkin.hpp"
#include "workspaces/bookings/store.hpp"
#include "workspaces/calendar/feed_tokens.hpp"
#include "workspaces/calendar/feeds.hpp"
#include "workspaces/rentals/hold.hpp"
#include "workspaces/sites/access.hpp"

namespace sohosolo::workspaces {

namespace {

using core::Error;
using core::ErrorCode;

/// How far back the no-show sweep looks (see Service::ReleaseNoShows).
constexpr core::UnixSeconds kNoShowSweepSeconds = 7 * 86400LL;

/// The summary of a booking refused for its rules.
constexpr const char* kRules = "error.booking.rules";

}  // namespace

std::vector<SiteWithResources> Service::Sites(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  // Two queries for the whole list, not one per site.
  std::map<long long, std::vector<Resource>> by_site;
  for (auto& r : store.AllResources()) by_site[r.site_id].push_back(std::move(r));
  std::vector<SiteWithResources> out;
  for (auto& site : store.Sites()) {
    auto resources = std::move(by_site[site.id]);
    out.push_back({std::move(site), std::move(resources)});
  }
  return out;
}

core::Result<SiteWithResources> Service::GetSite(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  auto site = store.FindSite(id);
  if (!site) return core::NotFound();
  return SiteWithResources{*site, store.Resources(id)};
}

std::vector<Booking> Service::BookingsOf(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  const auto now = core::Now();
  return Store(lease, p).BookingsOfAccount(account_id, {now - 366 * 86400LL, now + 366 * 86400LL});
}

std::vector<Booking> Service::BookingsStarting(core::ProgrammeId p, long long site_id,
                                               core::UnixSeconds from, core::UnixSeconds to) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  return Store(lease, p).BookingsStarting(site_id, from, to);
}

core::Result<Service::BookingDetails> Service::GetBooking(core::ProgrammeId p, const Actor& actor,
                                                          long long booking_id) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  const auto booking = store.FindBooking(booking_id);
  if (!booking) return core::NotFound();
  const auto resource = store.FindResource(booking->resource_id);
  if (!resource) return core::NotFound();
  if (booking->account_id != actor.account_id && !ManagesSite(actor, resource->site_id)) {
    return core::NotFound();
  }
  const auto site = store.FindSite(resource->site_id);
  if (!site) return core::NotFound();
  return BookingDetails{*booking, *resource, *site};
}

core::Status Service::Cancel(core::ProgrammeId p, const Actor& actor, long long booking_id,
                             CancelScope scope, const std::string& reason) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto booking = store.FindBooking(booking_id);
  if (!booking) return core::NotFound();
  const auto resource = store.FindResource(booking->resource_id);
  if (!resource) return core::NotFound();
  const bool own = booking->account_id == actor.account_id;
  const bool manager = ManagesSite(actor, resource->site_id);
  if (!own && !manager) return core::NotFound();
  const auto why = std::string(core::Trim(reason));
  if (core::Utf8Length(reason) > 500)
    return core::Invalid({{"reason", "error.field.too_long"}}, kRules);
  // Someone else's booking: its member is told why.
  if (!own && why.empty())
    return core::Invalid({{"reason", "error.booking.reason_required"}}, kRules);
  if (!booking->Holds()) return Error::Of(ErrorCode::kConflict, "error.booking.already_cancelled");
  // Members cancel until the start; the people who run the site at any time.
  const auto now = core::Now();
  if (!manager && booking->period.start <= now)
    return Error::Of(ErrorCode::kForbidden, "error.booking.started");
  db::Transaction tx(lease, Store::ResourceBookingsLock(resource->id));
  std::vector<Booking> targets{*booking};
  if (scope == CancelScope::kFollowing && booking->series_id)
    targets = store.SeriesFrom(*booking->series_id, booking->period.start);
  bool any = false;
  for (const auto& target : targets) {
    if (!store.Cancel(target.id, now, actor.account_id, why)) continue;
    any = true;
    PromoteWaitlist(lease, p, *resource,
                    {target.period.start, std::max(target.period.end, target.blocked_end)});
    if (!own) Tell(lease, p, target, "cancelled", why);
  }
  if (!any) return Error::Of(ErrorCode::kConflict, "error.booking.already_cancelled");
  tx.Commit();
  return core::Ok();
}

long long Service::CreateSite(core::ProgrammeId p, const Site& site,
                              const std::vector<Resource>& resources) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  const auto id = store.CreateSite(site);
  for (auto r : resources) {
    r.site_id = id;
    store.CreateResource(r);
  }
  tx.Commit();
  return id;
}

// No-shows are a stored status, set here, rather than one computed when listing: a released
// booking must stop holding its slot, and PostgreSQL's exclusion constraint (like the SQLite
// overlap check) only lets go of rows whose status is no longer 'confirmed'. There is no
// background job: every call that reads bookings (availability, lists, a booking, feeds,
// check-in, a new booking) sweeps first, so nobody sees a no-show still holding its slot. A read
// through a partial index comes first, so the write lock is taken only when there is something to
// release. Only bookings that started within the last week are swept: older ones predate check-in
// (or were swept already), and guessing about them would only distort the statistics.
void Service::ReleaseNoShows(db::Lease& lease, core::ProgrammeId p) {
  const auto now = core::Now();
  const auto cutoff = NoShowCutoff(now, check_in_);
  const auto since = now - kNoShowSweepSeconds;
  Store store(lease, p);
  if (!store.HasSweepDue(cutoff, since, now)) return;
  db::Transaction tx(lease, db::TxMode::kWrite);
  for (const auto resource_id : store.ResourcesWithNoShowsDue(cutoff, since))
    store.LockResourceBookings(resource_id);
  // Entries for slots that have begun lapse; freed no-show slots go to whoever still waits.
  store.LapseWaitlist(now);
  if (store.ReleaseNoShows(cutoff, since, now) > 0) {
    for (const auto& b : store.ReleasedNoShows(now)) {
      if (auto resource = store.FindResource(b.resource_id)) {
        PromoteWaitlist(lease, p, *resource,
                        {b.period.start, std::max(b.period.end, b.blocked_end)});
      }
    }
  }
  tx.Commit();
}

core::Status Service::ReinstateNoShow(db::Lease& lease, core::ProgrammeId p, const Actor& actor,
                                      const Booking& booking, const Resource& resource,
                                      core::UnixSeconds now) {
  Store store(lease, p);
  // The site host says the member came after all: the booking takes its slot back, unless
  // someone booked it after the release.
  if (store.FirstOverlap(
          booking.resource_id,
          {booking.period.start, std::max(booking.period.end, booking.blocked_end)})) {
    return Error::Of(ErrorCode::kConflict, "error.booking.released_slot_taken");
  }
  // The slot may also have gone to a rental contract since the release: the desk hold is
  // checked as when booking, for the booking's member.
  const auto site = store.FindSite(resource.site_id);
  if (!site) return core::NotFound();
  if (auto held = CheckDeskHold(lease, p, *site, resource, booking.account_id, booking.period);
      !held) {
    return held.error();
  }
  switch (store.Reinstate(booking.id, now, actor.account_id)) {
    case Store::Reinstated::kDone:
      return core::Ok();
    case Store::Reinstated::kNotReleased:
      return Error::Of(ErrorCode::kConflict, "error.booking.already_checked_in");
    case Store::Reinstated::kSlotTaken:
      break;
  }
  return Error::Of(ErrorCode::kConflict, "error.booking.released_slot_taken");
}

core::Result<Booking> Service::CheckIn(core::ProgrammeId p, const Actor& actor,
                                       long long booking_id) {
  auto lease = pool_.Acquire();
  ReleaseNoShows(lease, p);
  Store store(lease, p);
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto booking = store.FindBooking(booking_id);
  if (!booking) return core::NotFound();
  // The people who run the booking's site check anyone in; members their own bookings.
  const auto resource = store.FindResource(booking->resource_id);
  const bool staff = resource && ManagesSite(actor, resource->site_id);
  if (!staff && booking->account_id != actor.account_id) return core::NotFound();
  // A released no-show may be reinstated: that changes the resource's bookings.
  store.LockResourceBookings(booking->resource_id);
  const auto now = core::Now();
  if (auto ok =
          CheckInAllowed(*booking, staff ? CheckInBy::kStaff : CheckInBy::kMember, now, check_in_);
      !ok) {
    return ok.error();
  }
  if (booking->status == BookingStatus::kNoShow) {
    if (!resource) return core::NotFound();
    if (auto done = ReinstateNoShow(lease, p, actor, *booking, *resource, now); !done)
      return done.error();
  } else if (!store.CheckIn(booking_id, now, actor.account_id)) {
    // Someone checked it in (or it was cancelled) between our read and our write.
    return Error::Of(ErrorCode::kConflict, "error.booking.already_checked_in");
  }
  tx.Commit();
  return *store.FindBooking(booking_id);
}

core::Result<Service::Feed> Service::GetFeed(core::ProgrammeId p, FeedKind kind,
                                             const std::string& token) {
  if (token.empty()) return core::NotFound();
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto owner = store.FeedOwner(kind, core::HashToken(token));
  if (!owner) return core::NotFound();
  ReleaseNoShows(lease, p);
  Feed feed{kind, "", {}};
  if (kind == FeedKind::kResource) {
    const auto resource = store.FindResource(*owner);
    const auto site = resource ? store.FindSite(resource->site_id) : std::nullopt;
    if (!resource || !site) return core::NotFound();
    feed.owner_name = resource->name + " — " + site->name;
  }
  std::map<long long, std::optional<Resource>> resources;
  std::map<long long, std::optional<Site>> sites;
  const auto now = core::Now();
  for (auto& b :
       store.FeedBookings(kind, *owner, now - kFeedHistorySeconds, now - kFeedCancelledSeconds)) {
    auto r = resources.find(b.resource_id);
    if (r == resources.end())
      r = resources.emplace(b.resource_id, store.FindResource(b.resource_id)).first;
    if (!r->second) continue;
    auto s = sites.find(r->second->site_id);
    if (s == sites.end())
      s = sites.emplace(r->second->site_id, store.FindSite(r->second->site_id)).first;
    if (!s->second) continue;
    feed.entries.push_back({std::move(b), *r->second, *s->second});
  }
  return feed;
}

core::Result<std::string> Service::RegenerateFeed(core::ProgrammeId p, const Actor& actor,
                                                  FeedKind kind, long long owner_id) {
  // Members hold the feed of their own bookings; resource feeds belong to the people who run sites.
  if (kind == FeedKind::kMember && owner_id != actor.account_id) return core::Forbidden();
  if (kind == FeedKind::kResource && !actor.staff && !actor.site_host) {
    return core::Forbidden();
  }
  auto lease = pool_.Acquire();
  Store store(lease, p);
  if (kind == FeedKind::kResource) {
    const auto resource = store.FindResource(owner_id);
    if (!resource) return core::NotFound();
    if (!ManagesSite(actor, resource->site_id)) return core::Forbidden();
  }
  const auto secret = FeedSecret(lease);
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto state = store.FeedStateOf(kind, owner_id);
  const int generation = (state ? state->generation : 0) + 1;
  const auto token = DeriveFeedToken(secret, p.value, kind, owner_id, generation);
  // Two regenerations of one feed at once (PostgreSQL): the other one won, ask again.
  if (!store.ReplaceFeed(kind, owner_id, core::HashToken(token), core::Now(), actor.account_id,
                         generation)) {
    return Error::Of(ErrorCode::kConflict, "error.calendar.regenerate_race");
  }
  tx.Commit();
  feeds_.Invalidate();
  return token;
}

namespace {

/// The address of the feed in `state`: its token when it is the derived one.
Service::FeedAddress AddressOf(const Store::FeedState& state, const std::string& token) {
  Service::FeedAddress out{std::nullopt, state.created_at};
  // A token made before tokens were derived was random: it still works, but cannot be shown.
  if (core::EqualConstantTime(core::HashToken(token), state.token_hash)) out.token = token;
  return out;
}

}  // namespace

std::optional<Service::FeedAddress> Service::CurrentFeed(core::ProgrammeId p, FeedKind kind,
                                                         long long owner_id) {
  const FeedKey key{p.value, static_cast<int>(kind), owner_id};
  if (auto kept = feeds_.Find(key)) return kept;
  const auto generation = feeds_.Generation();
  auto lease = pool_.Acquire();
  const auto state = Store(lease, p).FeedStateOf(kind, owner_id);
  if (!state) return std::nullopt;  // not kept: the member's is made on first asking
  auto address = AddressOf(
      *state, DeriveFeedToken(FeedSecret(lease), p.value, kind, owner_id, state->generation));
  feeds_.Keep(key, address, generation);
  return address;
}

std::optional<Service::FeedAddress> Service::MemberFeed(core::ProgrammeId p, long long account_id) {
  if (auto current = CurrentFeed(p, FeedKind::kMember, account_id)) return current;
  {
    auto lease = pool_.Acquire();
    Store store(lease, p);
    const auto secret = FeedSecret(lease);
    db::Transaction tx(lease, db::TxMode::kWrite);
    if (!store.FeedStateOf(FeedKind::kMember, account_id)) {
      const auto token = DeriveFeedToken(secret, p.value, FeedKind::kMember, account_id, 1);
      // Made at the same moment by another request (PostgreSQL): theirs stands, read below.
      if (store.ReplaceFeed(FeedKind::kMember, account_id, core::HashToken(token), core::Now(),
                            account_id, 1))
        tx.Commit();
    }
  }  // the lease goes back before reading again (a pool may hold one connection)
  return CurrentFeed(p, FeedKind::kMember, account_id);
}

std::string Service::FeedSecret(db::Lease& lease) {
  std::lock_guard lock(secret_mutex_);
  if (!feed_secret_.empty()) return feed_secret_;
  Store store(lease, core::ProgrammeId{0});
  auto hex = store.ServerSecret("calendar_feeds");
  if (!hex) {
    db::Transaction tx(lease, db::TxMode::kWrite);
    store.AddServerSecret("calendar_feeds", NewServerSecret());
    tx.Commit();
    hex = store.ServerSecret("calendar_feeds");
  }
  feed_secret_ = SecretBytes(hex.value_or(""));
  if (feed_secret_.empty())
    throw std::runtime_error("server_secrets: the calendar_feeds secret is not 32 bytes of hex");
  return feed_secret_;
}

}  // namespace sohosolo::workspaces

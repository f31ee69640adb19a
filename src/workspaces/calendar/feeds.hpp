#pragma once

#include <string>

#include "core/ical.hpp"
#include "workspaces/model.hpp"

namespace sohosolo::workspaces {

using core::CalendarEvent;
using core::CalendarInfo;
using core::ToICalendar;

/// How far back feeds go: calendars keep what they already have, a feed need not repeat history.
inline constexpr core::UnixSeconds kFeedHistorySeconds = 90 * 86400LL;
/// Cancelled bookings stay in feeds (STATUS:CANCELLED) this long after their cancellation, so
/// that every subscribed calendar sees the change before the event disappears from the feed.
inline constexpr core::UnixSeconds kFeedCancelledSeconds = 30 * 86400LL;

/// The UID of a booking in its member's calendar, stable for the booking's life: the same in the
/// feed and in the booking's own .ics, so a calendar that has both keeps one event.
std::string MemberEventUid(const Booking& booking, const std::string& programme_slug);

/// A member's booking as an event: resource and site, the site's address, the member's note.
/// Cancelled and released (no-show) bookings are STATUS:CANCELLED with their bumped SEQUENCE.
CalendarEvent MemberEvent(const Booking& booking, const Resource& resource, const Site& site,
                          const std::string& programme_slug);

/// A booking of a resource as a busy period: `busy_label` as summary, never the member's name or
/// note. Its UID differs from the member's event, as both feeds may land in one calendar.
CalendarEvent BusyEvent(const Booking& booking, const Resource& resource, const Site& site,
                        const std::string& programme_slug, const std::string& busy_label);

/// The path of a feed: /calendar/member/TOKEN.ics or /calendar/resource/TOKEN.ics.
std::string FeedPath(FeedKind kind, const std::string& token);

/// The token of a feed path's last segment ("TOKEN.ics"), or empty when it is not one.
std::string FeedTokenOf(const std::string& file);

}  // namespace sohosolo::workspaces

#pragma once
// The columns and row buffers of the bookings store, shared by its files (store.cpp,
// store_feeds.cpp, store_waitlist.cpp) and by nothing else.

#include <soci/soci.h>

#include <string>
#include <utility>

#include "db/rows.hpp"
#include "workspaces/bookings/status_soci.hpp"
#include "workspaces/bookings/store.hpp"

namespace sohosolo::workspaces::store_rows {

/// No occasional booking, with its buffer, is longer than this (it lies within one day's opening
/// hours, the buffer is at most 4 hours).
constexpr long long kMaxBookingSeconds = 86400 + 4 * 3600;
/// Statuses that hold a slot: what the overlap check and PostgreSQL's exclusion constraint cover.
constexpr const char* kHolding = "status IN ('confirmed', 'pending')";
constexpr const char* kBookingColumns =
    "id, resource_id, account_id, start_at, end_at, note, status, created_at, sequence, "
    "cancelled_at, checked_in_at, "
    "COALESCE(blocked_end, end_at), series_id, booked_by, quota_override_by, "
    "quota_override_reason, status_reason";

/// The column of calendar_feeds (and bookings) that names a feed's owner.
inline const char* FeedOwnerColumn(FeedKind kind) {
  return kind == FeedKind::kMember ? "account_id" : "resource_id";
}

/// Row buffers bound once to a statement, copied out per fetched row.
struct BookingRow {
  Booking b;
  long long cancelled_at = 0, checked_in_at = 0, series_id = 0, booked_by = 0, override_by = 0;
  std::string override_reason;
  soci::indicator cancelled_ind = soci::i_null, checked_in_ind = soci::i_null,
                  series_ind = soci::i_null, booked_by_ind = soci::i_null,
                  override_by_ind = soci::i_null, override_reason_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(b.id));
    st.exchange(soci::into(b.resource_id));
    st.exchange(soci::into(b.account_id));
    st.exchange(soci::into(b.period.start));
    st.exchange(soci::into(b.period.end));
    st.exchange(soci::into(b.note));
    st.exchange(soci::into(b.status));
    st.exchange(soci::into(b.created_at));
    st.exchange(soci::into(b.sequence));
    st.exchange(soci::into(cancelled_at, cancelled_ind));
    st.exchange(soci::into(checked_in_at, checked_in_ind));
    st.exchange(soci::into(b.blocked_end));
    st.exchange(soci::into(series_id, series_ind));
    st.exchange(soci::into(booked_by, booked_by_ind));
    st.exchange(soci::into(override_by, override_by_ind));
    st.exchange(soci::into(override_reason, override_reason_ind));
    st.exchange(soci::into(b.status_reason));
  }
  Booking Get() const {
    Booking out = b;
    out.series_id = db::Optional(series_id, series_ind);
    out.booked_by = db::Optional(booked_by, booked_by_ind);
    out.quota_override_by = db::Optional(override_by, override_by_ind);
    out.quota_override_reason = override_reason_ind == soci::i_ok ? override_reason : "";
    out.cancelled_at = db::Optional(cancelled_at, cancelled_ind);
    out.checked_in_at = db::Optional(checked_in_at, checked_in_ind);
    return out;
  }
};

/// What availability needs of a booking: when it holds the resource, and whether it does.
struct SpanRow {
  Booking b;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(b.id));
    st.exchange(soci::into(b.resource_id));
    st.exchange(soci::into(b.period.start));
    st.exchange(soci::into(b.period.end));
    st.exchange(soci::into(b.blocked_end));
    st.exchange(soci::into(b.status));
  }
  Booking Get() const { return b; }
};

/// A booking and its member's display name.
struct NamedBookingRow {
  BookingRow row;
  std::string name;
  void Bind(soci::statement& st) {
    row.Bind(st);
    st.exchange(soci::into(name));
  }
  std::pair<Booking, std::string> Get() const { return {row.Get(), name}; }
};

}  // namespace sohosolo::workspaces::store_rows

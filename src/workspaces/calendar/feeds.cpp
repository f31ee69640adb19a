#include "workspaces/calendar/feeds.hpp"

namespace sohosolo::workspaces {

namespace {

std::string Location(const Site& site) {
  return site.name + (site.address.empty() ? "" : ", " + site.address);
}

}  // namespace

std::string MemberEventUid(const Booking& booking, const std::string& programme_slug) {
  return "booking-" + std::to_string(booking.id) + "@" + programme_slug + ".sohosolo";
}

CalendarEvent MemberEvent(const Booking& booking, const Resource& resource, const Site& site,
                          const std::string& programme_slug) {
  return {MemberEventUid(booking, programme_slug), booking.period.start, booking.period.end,
          resource.name + " — " + site.name, Location(site), booking.note,
          !booking.Holds(),  // A pending request holds its slot: shown; declined, cancelled or
                             // released: not.
          booking.sequence};
}

CalendarEvent BusyEvent(const Booking& booking, const Resource& resource, const Site& site,
                        const std::string& programme_slug, const std::string& busy_label) {
  return {"busy-" + std::to_string(booking.id) + "@" + programme_slug + ".sohosolo",
          booking.period.start, booking.period.end, busy_label,
          resource.name + " — " + Location(site), "",
          !booking.Holds(),  // A pending request holds its slot: shown; declined, cancelled or
                             // released: not.
          booking.sequence};
}

std::string FeedPath(FeedKind kind, const std::string& token) {
  return std::string(kind == FeedKind::kMember ? "/calendar/member/" : "/calendar/resource/") +
         token + ".ics";
}

std::string FeedTokenOf(const std::string& file) {
  constexpr std::string_view kSuffix = ".ics";
  if (file.size() <= kSuffix.size() || !file.ends_with(kSuffix)) return "";
  auto token = file.substr(0, file.size() - kSuffix.size());
  // Tokens are URL-safe base64; anything else cannot be one (and is not worth a query).
  const bool plain =
      token.size() <= 128 && token.find_first_not_of(
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                 "0123456789-_") == std::string::npos;
  return plain ? token : "";
}

}  // namespace sohosolo::workspaces

#include "workspaces/calendar/feeds.hpp"

#include <gtest/gtest.h>

namespace sohosolo::workspaces {

namespace {

Site Marciac() {
  Site s;
  s.name = "Télécentre de Marciac";
  s.address = "1 place de l'Hôtel de ville, Marciac";
  return s;
}

Resource Room() {
  Resource r;
  r.id = 3;
  r.name = "Salle de réunion";
  return r;
}

Booking MemberBooking() {
  Booking b;
  b.id = 42;
  b.resource_id = 3;
  b.period = {1796119200, 1796122800};
  b.note = "Rendez-vous avec Mme Dupont; dossier confidentiel";
  return b;
}

/// Every content line of an iCalendar text, unfolded (RFC 5545 3.1).
std::vector<std::string> Unfold(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\r\n", start);
    auto line = text.substr(start, end - start);
    if (!line.empty() && line[0] == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    start = end + 2;
  }
  return lines;
}

bool Has(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST(WorkspacesFeeds, MemberEventsKeepTheirUidAndSayWhenCancelledOrReleased) {
  auto b = MemberBooking();
  const auto confirmed = MemberEvent(b, Room(), Marciac(), "gers");
  EXPECT_EQ(confirmed.uid, "booking-42@gers.sohosolo");
  EXPECT_EQ(confirmed.uid, MemberEventUid(b, "gers"));
  EXPECT_FALSE(confirmed.cancelled);
  EXPECT_EQ(confirmed.summary, "Salle de réunion — Télécentre de Marciac");
  EXPECT_EQ(confirmed.description, b.note);
  b.status = BookingStatus::kCancelled;
  b.sequence = 1;
  const auto cancelled = MemberEvent(b, Room(), Marciac(), "gers");
  EXPECT_EQ(cancelled.uid, confirmed.uid);
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(cancelled.sequence, 1);
  b.status = BookingStatus::kNoShow;
  EXPECT_TRUE(MemberEvent(b, Room(), Marciac(), "gers").cancelled);
}

TEST(WorkspacesFeeds, BusyEventsNameNobodyAndDifferFromTheMembersUid) {
  const auto b = MemberBooking();
  const auto busy = BusyEvent(b, Room(), Marciac(), "gers", "Réservé");
  EXPECT_EQ(busy.summary, "Réservé");
  EXPECT_TRUE(busy.description.empty());
  EXPECT_NE(busy.uid, MemberEventUid(b, "gers"));
  const auto text =
      ToICalendar({busy}, 1796000000, {"Salle de réunion — Télécentre de Marciac", 60});
  EXPECT_EQ(text.find("Dupont"), std::string::npos);
  EXPECT_EQ(text.find("confidentiel"), std::string::npos);
}

TEST(WorkspacesFeeds, FeedCalendarsAreNamedFoldedAndUseCrlf) {
  auto b = MemberBooking();
  b.note = std::string(120, 'n') + " é à ü";
  const auto text = ToICalendar({MemberEvent(b, Room(), Marciac(), "gers")}, 1796000000,
                                {"Mes réservations, Gers", 60});
  for (std::size_t pos = 0; (pos = text.find('\n', pos)) != std::string::npos; ++pos) {
    ASSERT_GT(pos, 0u);
    EXPECT_EQ(text[pos - 1], '\r');
  }
  std::size_t start = 0;
  for (auto end = text.find("\r\n"); end != std::string::npos;
       start = end + 2, end = text.find("\r\n", start)) {
    EXPECT_LE(end - start, 75u);
  }
  const auto lines = Unfold(text);
  EXPECT_TRUE(Has(lines, "X-WR-CALNAME:Mes réservations\\, Gers"));
  EXPECT_TRUE(Has(lines, "NAME:Mes réservations\\, Gers"));
  EXPECT_TRUE(Has(lines, "REFRESH-INTERVAL;VALUE=DURATION:PT60M"));
  EXPECT_TRUE(Has(lines, "DESCRIPTION:" + b.note));
  EXPECT_TRUE(Has(lines, "DTSTAMP:20261130T005320Z"));
  EXPECT_TRUE(Has(lines, "DTSTART:20261201T100000Z"));
}

TEST(WorkspacesFeeds, PathsAndTokens) {
  EXPECT_EQ(FeedPath(FeedKind::kMember, "abc_-9"), "/calendar/member/abc_-9.ics");
  EXPECT_EQ(FeedPath(FeedKind::kResource, "abc"), "/calendar/resource/abc.ics");
  EXPECT_EQ(FeedTokenOf("abc_-9.ics"), "abc_-9");
  EXPECT_EQ(FeedTokenOf("abc"), "");
  EXPECT_EQ(FeedTokenOf(".ics"), "");
  EXPECT_EQ(FeedTokenOf("a%20b.ics"), "");
  EXPECT_EQ(FeedTokenOf(std::string(200, 'a') + ".ics"), "");
}

}  // namespace sohosolo::workspaces

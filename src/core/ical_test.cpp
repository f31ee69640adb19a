#include "core/ical.hpp"

#include <gtest/gtest.h>

namespace sohosolo::core {

TEST(ICalendar, EscapesFoldsAndUsesUtc) {
  EXPECT_EQ(EscapeText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  const std::string long_line = "SUMMARY:" + std::string(70, 'x') + "éé";
  const auto folded = FoldLine(long_line);
  // 75 octets, CRLF, a space, then the rest; the two-byte é is never cut in half.
  EXPECT_EQ(folded.substr(0, 75), long_line.substr(0, 75));
  EXPECT_EQ(folded.substr(75, 3), "\r\n ");
  EXPECT_EQ(folded.substr(0, 78).find("\r\n "), 75u);
  const auto cal = ToICalendar(
      {{"booking-7@gers", 1796119200, 1796122800, "Salle, Marciac", "", "", false, 0}}, 1796000000);
  EXPECT_NE(cal.find("DTSTART:20261201T100000Z\r\n"), std::string::npos);
  EXPECT_NE(cal.find("DTEND:20261201T110000Z\r\n"), std::string::npos);
  EXPECT_NE(cal.find("SUMMARY:Salle\\, Marciac\r\n"), std::string::npos);
  EXPECT_NE(cal.find("UID:booking-7@gers\r\n"), std::string::npos);
  EXPECT_NE(cal.find("STATUS:CONFIRMED"), std::string::npos);
  EXPECT_EQ(cal.substr(cal.size() - 15), "END:VCALENDAR\r\n");
}

}  // namespace sohosolo::core

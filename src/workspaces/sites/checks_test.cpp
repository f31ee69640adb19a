#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "http/multipart.hpp"
#include "workspaces/sites/hosts.hpp"
#include "workspaces/sites/service.hpp"
#include "workspaces/stats/service.hpp"

namespace sohosolo::workspaces {

namespace {

Site ValidSite() {
  Site site;
  site.name = "Télécentre de Marciac";
  site.kind = "telecentre";
  site.commune_code = "32233";
  site.hours = {{1, 510, 750}, {1, 810, 1080}};
  return site;
}

std::vector<std::string> Keys(const std::vector<core::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.message_key);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST(WorkspacesSiteAdmin, AValidSitePasses) { EXPECT_EQ(Keys(CheckSite(ValidSite())), Strings{}); }

TEST(WorkspacesSiteAdmin, EachBadSiteFieldIsNamed) {
  auto site = ValidSite();
  site.name = "  ";
  site.kind = "hotel";
  site.commune_code = "3223";
  site.latitude = 95;
  site.time_zone = "Europe/Gers";
  EXPECT_EQ(Keys(CheckSite(site)),
            (Strings{"name:error.field.required", "kind:error.siteadmin.kind",
                     "commune_code:error.siteadmin.commune_code",
                     "longitude:error.siteadmin.position_pair", "latitude:error.siteadmin.latitude",
                     "time_zone:error.siteadmin.time_zone"}));
  site = ValidSite();
  site.commune_code = "2A004";  // Corsica's codes hold a letter
  site.latitude = 43.5;
  site.longitude = 181;
  EXPECT_EQ(Keys(CheckSite(site)), Strings{"longitude:error.siteadmin.longitude"});
}

TEST(WorkspacesSiteAdmin, OpeningHoursMustNotOverlapNorRunBackwards) {
  auto site = ValidSite();
  site.hours = {{1, 510, 750}, {1, 700, 900}};
  EXPECT_EQ(Keys(CheckSite(site)), Strings{"opening_hours:error.siteadmin.hours_overlap"});
  site.hours = {{2, 600, 600}};
  EXPECT_EQ(Keys(CheckSite(site)), Strings{"opening_hours:error.siteadmin.hours"});
  site.hours = {{8, 600, 700}};
  EXPECT_EQ(Keys(CheckSite(site)), Strings{"opening_hours:error.siteadmin.hours"});
  // Back-to-back ranges and a range to midnight are fine.
  site.hours = {{3, 480, 720}, {3, 720, 1440}};
  EXPECT_EQ(Keys(CheckSite(site)), Strings{});
}

TEST(WorkspacesSiteAdmin, DayRangesAsFormsWriteThem) {
  const auto ranges = ParseDayRanges(2, " 08:30-12:30, 13:30-24:00 ");
  ASSERT_TRUE(ranges);
  ASSERT_EQ(ranges->size(), 2u);
  EXPECT_EQ((*ranges)[0].weekday, 2);
  EXPECT_EQ((*ranges)[0].opens, 510);
  EXPECT_EQ((*ranges)[1].closes, 1440);
  EXPECT_EQ(FormatDayRanges(*ranges, 2), "08:30-12:30, 13:30-24:00");
  EXPECT_TRUE(ParseDayRanges(1, "")->empty());
  EXPECT_FALSE(ParseDayRanges(1, "8h-12h"));
  EXPECT_FALSE(ParseDayRanges(1, "08:30-24:30"));
  EXPECT_FALSE(ParseDayRanges(1, "08:60-09:00"));
}

TEST(WorkspacesSiteAdmin, ResourceRulesAreChecked) {
  Resource r;
  r.kind = "desk";
  r.name = "Poste 1";
  EXPECT_EQ(Keys(CheckResource(r)), Strings{});
  r.kind = "sofa";
  r.capacity = 0;
  r.rules = {45, 30, 20, 0, -5};
  EXPECT_EQ(Keys(CheckResource(r)),
            (Strings{"kind:error.siteadmin.resource_kind", "capacity:error.siteadmin.capacity",
                     "step_minutes:error.siteadmin.step", "horizon_days:error.siteadmin.horizon",
                     "notice_minutes:error.siteadmin.notice"}));
  r = Resource{};
  r.kind = "office";
  r.name = "Bureau";
  r.rules = {45, 90, 15, 60, 0};
  EXPECT_EQ(Keys(CheckResource(r)), Strings{});
  r.rules = {40, 30, 15, 60, 0};  // not a multiple of the step, and max below min
  EXPECT_EQ(Keys(CheckResource(r)), (Strings{"min_minutes:error.siteadmin.min_minutes",
                                             "max_minutes:error.siteadmin.max_minutes"}));
}

TEST(WorkspacesSiteAdmin, EquipmentIsACommaSeparatedList) {
  EXPECT_EQ(JoinEquipment({" WiFi ", "", "Imprimante"}), "WiFi, Imprimante");
  EXPECT_EQ(SplitEquipment("WiFi,  Imprimante ,"), (Strings{"WiFi", "Imprimante"}));
}

TEST(WorkspacesSiteAdmin, PhotosAreKnownByTheirSignature) {
  EXPECT_EQ(core::ImageType(std::string("\xFF\xD8\xFF\xE0rest", 8)), "image/jpeg");
  EXPECT_EQ(core::ImageType(std::string("\x89PNG\r\n\x1A\n....", 12)), "image/png");
  EXPECT_EQ(core::ImageType("GIF89a"), "");
  EXPECT_EQ(core::ImageType("<svg"), "");
}

TEST(WorkspacesSiteAdmin, ManagesSiteGivesStaffEverySiteAndHostsTheirs) {
  Actor staff{1, true, false, {}};
  Actor host{2, false, true, {4, 7}};
  Actor member{3, false, false, {4}};
  EXPECT_TRUE(ManagesSite(staff, 99));
  EXPECT_TRUE(ManagesSite(host, 7));
  EXPECT_FALSE(ManagesSite(host, 5));
  // A row left from a withdrawn role grants nothing.
  EXPECT_FALSE(ManagesSite(member, 4));
}

TEST(WorkspacesMultipart, ReadsFieldsAndFiles) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a "
      "b.png\"\r\nContent-Type: image/png\r\n\r\n"
      "\x89PNG\r\n--not-the-end\r\n"
      "--XyZ--\r\n";
  const auto parts = http::ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "_csrf");
  EXPECT_EQ((*parts)[0].body, "tok");
  EXPECT_EQ((*parts)[1].filename, "a b.png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[1].body, "\x89PNG\r\n--not-the-end");
  EXPECT_FALSE(http::ParseMultipart("multipart/form-data", body));
  EXPECT_FALSE(
      http::ParseMultipart("multipart/form-data; boundary=XyZ", "--XyZ\r\nno headers end"));
  EXPECT_FALSE(http::ParseMultipart("application/x-www-form-urlencoded", body));
}

TEST(WorkspacesStatsCsv, FieldsAreQuotedAsRfc4180Says) {
  EXPECT_EQ(CsvField("Bureau 1"), "Bureau 1");
  EXPECT_EQ(CsvField("Salle \"Armagnac\", étage"), "\"Salle \"\"Armagnac\"\", étage\"");
  EXPECT_EQ(CsvField("deux\nlignes"), "\"deux\nlignes\"");
}

TEST(WorkspacesStatsCsv, OneRowPerTotalWeekAndMonthWithCrlf) {
  StatsReport report;
  report.from_day = 20395;  // 2025-11-03, a Monday
  report.to_day = 20401;
  SiteStats s;
  s.site.id = 5;
  s.site.name = "Espace, \"test\"";
  s.from_day = report.from_day;
  s.to_day = report.to_day;
  s.total.booked_hours = 3;
  s.total.open_hours = 42.5;
  s.total.members = 2;
  s.weeks.push_back({"2025-W45", report.from_day, report.to_day, s.total});
  s.months.push_back({"2025-11", report.from_day, report.to_day, s.total});
  report.sites.push_back(s);
  const auto csv = StatsCsv(report);
  EXPECT_EQ(
      csv,
      "site_id,site,resource_id,resource,granularity,period,from,to,booked_hours,open_hours,"
      "occupancy_percent,"
      "bookings,members,no_shows,cancellations\r\n"
      "5,\"Espace, "
      "\"\"test\"\"\",,,total,2025-11-03/"
      "2025-11-09,2025-11-03,2025-11-09,3.00,42.50,7.06,0,2,0,0\r\n"
      "5,\"Espace, \"\"test\"\"\",,,week,2025-W45,2025-11-03,2025-11-09,3.00,42.50,7.06,0,2,0,0\r\n"
      "5,\"Espace, "
      "\"\"test\"\"\",,,month,2025-11,2025-11-03,2025-11-09,3.00,42.50,7.06,0,2,0,0\r\n");
}

}  // namespace sohosolo::workspaces

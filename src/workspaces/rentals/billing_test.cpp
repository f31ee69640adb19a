#include "workspaces/rentals/billing.hpp"

#include <gtest/gtest.h>

namespace sohosolo::workspaces {
namespace {

Day D(const char* text) { return *ParseIsoDay(text); }

TEST(Billing, MonthsKnowTheirDays) {
  EXPECT_EQ(ParseMonth("2027-02")->days(), 28);
  EXPECT_EQ(ParseMonth("2028-02")->days(), 29);
  EXPECT_EQ(ParseMonth("2027-04")->days(), 30);
  EXPECT_EQ(ParseMonth("2027-12")->days(), 31);
  EXPECT_EQ(FormatDay(ParseMonth("2027-03")->first_day()), "2027-03-01");
  EXPECT_EQ(FormatDay(ParseMonth("2027-03")->last_day()), "2027-03-31");
  for (const char* bad :
       {"2027-13", "2027-00", "27-03", "2027-3", "1999-12", "2027-03-01", "abcd-ef", ""}) {
    EXPECT_FALSE(ParseMonth(bad)) << bad;
  }
  EXPECT_FALSE(ParseIsoDay("2027-02-29"));
  EXPECT_TRUE(ParseIsoDay("2028-02-29"));
}

TEST(Billing, ContractDaysInAMonth) {
  const auto march = *ParseMonth("2027-03");
  EXPECT_EQ(ContractDaysIn(march, D("2027-01-10"), std::nullopt), 31);
  EXPECT_EQ(ContractDaysIn(march, D("2027-03-15"), std::nullopt), 17);  // 15..31
  EXPECT_EQ(ContractDaysIn(march, D("2027-03-15"), D("2027-03-15")), 1);
  EXPECT_EQ(ContractDaysIn(march, D("2027-02-01"), D("2027-03-10")), 10);
  EXPECT_EQ(ContractDaysIn(march, D("2027-04-01"), std::nullopt), 0);
  EXPECT_EQ(ContractDaysIn(march, D("2027-01-01"), D("2027-02-28")), 0);
}

TEST(Billing, ProRataRoundsHalfUpToTheCent) {
  EXPECT_EQ(ProRata(18000, 31, 31), 18000);  // a full month is the price, whatever the month
  EXPECT_EQ(ProRata(18000, 28, 28), 18000);
  EXPECT_EQ(ProRata(18000, 17, 31), 9871);  // 9870.97
  EXPECT_EQ(ProRata(10000, 1, 30), 333);    // 333.33
  EXPECT_EQ(ProRata(10000, 15, 30), 5000);
  EXPECT_EQ(ProRata(1, 1, 2), 1);           // 0.5 rounds up
  EXPECT_EQ(ProRata(15000, 10, 31), 4839);  // 4838.71
}

TEST(Billing, VatOncePerInvoice) {
  EXPECT_EQ(VatOf(18000, 2000), 3600);
  EXPECT_EQ(VatOf(9871, 2000), 1974);  // 1974.2
  EXPECT_EQ(VatOf(9873, 2000), 1975);  // 1974.6
  EXPECT_EQ(VatOf(1000, 550), 55);
  EXPECT_EQ(VatOf(25, 2000), 5);
  EXPECT_EQ(VatOf(-9873, 2000), -1975);  // a credit note rounds like the invoice
  EXPECT_EQ(VatOf(12345, 0), 0);
}

TEST(Billing, NumbersAndAmountsAsPrinted) {
  EXPECT_EQ(InvoiceNumber(2027, 42), "2027-000042");
  EXPECT_EQ(InvoiceNumber(2027, 1), "2027-000001");
  EXPECT_EQ(FormatEuros(11845), "118,45\u00a0€");
  EXPECT_EQ(FormatEuros(123456789), "1\u202f234\u202f567,89\u00a0€");
  EXPECT_EQ(FormatEuros(-2160), "−21,60\u00a0€");
  EXPECT_EQ(FormatEuros(5), "0,05\u00a0€");
  EXPECT_EQ(FormatRate(2000), "20\u00a0%");
  EXPECT_EQ(FormatRate(550), "5,5\u00a0%");
  EXPECT_EQ(FormatRate(210), "2,1\u00a0%");
}

TEST(Billing, NoticeEnds) {
  EXPECT_EQ(FormatDay(NoticeEnd(D("2027-03-15"), {1, "months"})), "2027-04-15");
  EXPECT_EQ(FormatDay(NoticeEnd(D("2027-01-31"), {1, "months"})), "2027-02-28");  // clamped
  EXPECT_EQ(FormatDay(NoticeEnd(D("2027-11-30"), {3, "months"})), "2028-02-29");
  EXPECT_EQ(FormatDay(NoticeEnd(D("2027-03-15"), {30, "days"})), "2027-04-14");
  EXPECT_EQ(FormatDay(NoticeEnd(D("2027-03-15"), {0, "days"})), "2027-03-15");
}

TEST(Billing, ConcurrentContractsOfAPool) {
  const std::vector<DayRange> ranges = {{D("2027-01-01"), D("2027-03-31")},
                                        {D("2027-03-01"), std::nullopt},
                                        {D("2027-04-01"), D("2027-04-30")}};
  EXPECT_EQ(MaxConcurrent(ranges, {D("2027-01-01"), D("2027-02-28")}), 1);
  EXPECT_EQ(MaxConcurrent(ranges, {D("2027-03-15"), D("2027-03-15")}), 2);
  // Back to back (one ends the 31st, the next starts the 1st) never counts twice.
  EXPECT_EQ(MaxConcurrent(ranges, {D("2027-04-01"), std::nullopt}), 2);
  EXPECT_EQ(MaxConcurrent({{D("2027-01-01"), D("2027-03-31")}, {D("2027-04-01"), std::nullopt}},
                          {D("2026-01-01"), std::nullopt}),
            1);
  EXPECT_EQ(MaxConcurrent(ranges, {D("2026-01-01"), D("2026-12-31")}), 0);
}

TEST(Billing, PaymentStatus) {
  EXPECT_EQ(PaymentStatus(21600, 0), "unpaid");
  EXPECT_EQ(PaymentStatus(21600, 1000), "partially_paid");
  EXPECT_EQ(PaymentStatus(21600, 21600), "paid");
  EXPECT_EQ(PaymentStatus(0, 0), "cancelled");
}

}  // namespace
}  // namespace sohosolo::workspaces

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workspaces/rentals/model.hpp"

namespace sohosolo::workspaces {

/// A calendar month.
struct Month {
  int year = 0;
  int month = 0;  ///< 1..12
  Day first_day() const;
  Day last_day() const;
  int days() const;
  std::string Text() const;  ///< "2027-03"
};

/// "2027-03" -> Month; nullopt for anything else (years 2000 to 2099).
std::optional<Month> ParseMonth(const std::string& text);
/// The month a day falls in.
Month MonthOf(Day day);

/// "2027-03-01" -> days since 1970-01-01; nullopt when not a real date of that form.
std::optional<Day> ParseIsoDay(const std::string& text);
std::string FormatDay(Day day);        ///< "2027-03-01"
std::string FormatDayFrench(Day day);  ///< "01/03/2027"

/// `a * num / den` rounded half up (all non-negative); used for pro rata and VAT.
long long MulDivRound(long long a, long long num, long long den);

/// Days of a contract [start, end] (end empty: open) inside `month`; 0 when none.
int ContractDaysIn(const Month& month, Day start, std::optional<Day> end);

/// The monthly price, pro rata of the days under contract: round(price * days / days_in_month)
/// in cents, half up. A full month is exactly the price.
long long ProRata(long long monthly_price_cents, int days, int month_days);

/// VAT of a total (excluding VAT) at `rate_bp`, rounded half up to the cent, once per invoice.
long long VatOf(long long total_excl_cents, int rate_bp);

/// "2027-000042": the year and the sequence on six digits.
std::string InvoiceNumber(int year, int sequence);

/// "1 234,56 €" (French: narrow no-break space for thousands, comma for decimals); negative
/// amounts get a minus sign.
std::string FormatEuros(long long cents);
/// "20 %" / "5,5 %".
std::string FormatRate(int rate_bp);

/// The last day of a contract ended with notice given on `today`: today plus the notice (months
/// keep the day of the month, clamped to the month's last day).
Day NoticeEnd(Day today, const Notice& notice);

/// A range of days [first, last]; last empty: open-ended.
struct DayRange {
  Day first = 0;
  std::optional<Day> last;
  bool Overlaps(const DayRange& o) const;
};

/// The largest number of `ranges` covering one same day within `window`.
int MaxConcurrent(const std::vector<DayRange>& ranges, const DayRange& window);

/// paid | partially_paid | unpaid | cancelled, from what is owed and what was paid.
std::string PaymentStatus(long long owed_cents, long long paid_cents);

}  // namespace sohosolo::workspaces

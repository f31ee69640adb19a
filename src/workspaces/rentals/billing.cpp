#include "workspaces/rentals/billing.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace sohosolo::workspaces {

namespace {

date::year_month_day Ymd(Day day) { return date::year_month_day{date::sys_days{date::days{day}}}; }

Day DayOf(const date::year_month_day& ymd) {
  return date::sys_days{ymd}.time_since_epoch().count();
}

bool AllDigits(const std::string& text, std::size_t from, std::size_t count) {
  return std::all_of(text.begin() + from, text.begin() + from + count,
                     [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Day Month::first_day() const { return DayOf(date::year{year} / date::month(month) / 1); }

Day Month::last_day() const {
  return date::sys_days{
      date::year_month_day_last{date::year{year}, date::month_day_last{date::month(month)}}}
      .time_since_epoch()
      .count();
}

int Month::days() const { return static_cast<int>(last_day() - first_day() + 1); }

std::string Month::Text() const { return fmt::format("{:04}-{:02}", year, month); }

std::optional<Month> ParseMonth(const std::string& text) {
  if (text.size() != 7 || text[4] != '-' || !AllDigits(text, 0, 4) || !AllDigits(text, 5, 2))
    return std::nullopt;
  const Month m{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2))};
  if (m.year < 2000 || m.year > 2099 || m.month < 1 || m.month > 12) return std::nullopt;
  return m;
}

Month MonthOf(Day day) {
  const auto ymd = Ymd(day);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month()))};
}

std::optional<Day> ParseIsoDay(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text, 0, 4) ||
      !AllDigits(text, 5, 2) || !AllDigits(text, 8, 2)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{std::stoi(text.substr(0, 4))},
                                 date::month(static_cast<unsigned>(std::stoi(text.substr(5, 2)))),
                                 date::day(static_cast<unsigned>(std::stoi(text.substr(8, 2))))};
  if (!ymd.ok()) return std::nullopt;
  return DayOf(ymd);
}

std::string FormatDay(Day day) { return date::format("%F", date::sys_days{date::days{day}}); }

std::string FormatDayFrench(Day day) {
  return date::format("%d/%m/%Y", date::sys_days{date::days{day}});
}

long long MulDivRound(long long a, long long num, long long den) {
  return (2 * a * num + den) / (2 * den);
}

int ContractDaysIn(const Month& month, Day start, std::optional<Day> end) {
  const Day from = std::max(start, month.first_day());
  const Day to = end ? std::min(*end, month.last_day()) : month.last_day();
  return to < from ? 0 : static_cast<int>(to - from + 1);
}

long long ProRata(long long monthly_price_cents, int days, int month_days) {
  if (days >= month_days) return monthly_price_cents;
  return MulDivRound(monthly_price_cents, days, month_days);
}

long long VatOf(long long total_excl_cents, int rate_bp) {
  // Credit notes are negative: round their magnitude the same way as an invoice's.
  if (total_excl_cents < 0) return -MulDivRound(-total_excl_cents, rate_bp, 10000);
  return MulDivRound(total_excl_cents, rate_bp, 10000);
}

std::string InvoiceNumber(int year, int sequence) {
  return fmt::format("{:04}-{:06}", year, sequence);
}

std::string FormatEuros(long long cents) {
  const bool negative = cents < 0;
  const unsigned long long abs = negative ? -static_cast<unsigned long long>(cents) : cents;
  std::string units = std::to_string(abs / 100);
  std::string grouped;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += "\u202f";
    grouped += units[i];
  }
  return fmt::format("{}{},{:02}\u00a0€", negative ? "−" : "", grouped, abs % 100);
}

std::string FormatRate(int rate_bp) {
  if (rate_bp % 100 == 0) return fmt::format("{}\u00a0%", rate_bp / 100);
  std::string decimals = fmt::format("{:02}", rate_bp % 100);
  if (decimals.back() == '0') decimals.pop_back();
  return fmt::format("{},{}\u00a0%", rate_bp / 100, decimals);
}

Day NoticeEnd(Day today, const Notice& notice) {
  if (notice.unit == "days") return today + notice.value;
  const auto ymd = Ymd(today);
  const auto target = date::year_month{ymd.year(), ymd.month()} + date::months{notice.value};
  const auto last = date::year_month_day_last{target.year(), date::month_day_last{target.month()}};
  const auto day = std::min(ymd.day(), last.day());
  return DayOf(date::year_month_day{target.year(), target.month(), day});
}

bool DayRange::Overlaps(const DayRange& o) const {
  const bool this_before = last && *last < o.first;
  const bool other_before = o.last && *o.last < first;
  return !this_before && !other_before;
}

int MaxConcurrent(const std::vector<DayRange>& ranges, const DayRange& window) {
  // Sweep: +1 on each range's first day (clamped to the window), -1 the day after its last.
  std::map<Day, int> steps;
  for (const auto& r : ranges) {
    if (!r.Overlaps(window)) continue;
    steps[std::max(r.first, window.first)] += 1;
    if (r.last) steps[*r.last + 1] -= 1;
  }
  int current = 0, best = 0;
  for (const auto& [day, delta] : steps) {
    current += delta;
    if (!window.last || day <= *window.last) best = std::max(best, current);
  }
  return best;
}

std::string PaymentStatus(long long owed_cents, long long paid_cents) {
  if (owed_cents <= 0 && paid_cents == 0) return "cancelled";
  if (paid_cents >= owed_cents) return "paid";
  if (paid_cents > 0) return "partially_paid";
  return "unpaid";
}

}  // namespace sohosolo::workspaces

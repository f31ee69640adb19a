// What an amendment's form must hold before a version is generated.
#include <algorithm>

#include "core/text.hpp"
#include "journeys/amendments/model.hpp"
#include "journeys/model.hpp"

namespace sohosolo::journeys {

namespace {

constexpr std::size_t kMaxLineChars = 300;
constexpr std::size_t kMaxLinesChars = 2000;

}  // namespace

const std::array<AmendmentText, 12> kAmendmentTexts = {{
    {"employer_name", &AmendmentFields::employer_name, true, false},
    {"employer_address", &AmendmentFields::employer_address, true, false},
    {"employer_representative", &AmendmentFields::employer_representative, true, false},
    {"employee_name", &AmendmentFields::employee_name, true, false},
    {"employee_job", &AmendmentFields::employee_job, true, false},
    {"agreement", &AmendmentFields::agreement, false, false},
    {"start_day", &AmendmentFields::start_day, true, false},
    {"home_address", &AmendmentFields::home_address, false, false},
    {"contact_hours", &AmendmentFields::contact_hours, true, false},
    {"equipment", &AmendmentFields::equipment, true, true},
    {"costs", &AmendmentFields::costs, true, true},
    {"monitoring", &AmendmentFields::monitoring, false, true},
}};

std::vector<core::FieldError> CheckAmendment(const AmendmentFields& f) {
  std::vector<core::FieldError> errors;
  for (const auto& t : kAmendmentTexts) {
    const std::string& value = f.*t.member;
    if (value.empty()) {
      if (t.required) errors.push_back({t.key, "error.amendment.required"});
      continue;
    }
    const auto lines = t.lines ? core::Lines::kMany : core::Lines::kOne;
    if (core::Utf8Length(value) > (t.lines ? kMaxLinesChars : kMaxLineChars) ||
        core::HasControlCharacters(value, lines))
      errors.push_back({t.key, "error.amendment.text"});
  }
  if (!f.start_day.empty() && !IsDay(f.start_day))
    errors.push_back({"start_day", "error.amendment.start_day"});
  if (f.home_address.empty() && f.site_id == 0)
    errors.push_back({"home_address", "error.amendment.place"});
  const bool days_ok = !f.days.empty() && f.days.size() <= kWorkDays.size() &&
                       std::all_of(f.days.begin(), f.days.end(), [](const std::string& d) {
                         return std::find(kWorkDays.begin(), kWorkDays.end(), d) != kWorkDays.end();
                       });
  if (!days_ok) errors.push_back({"days", "error.amendment.days"});
  if (f.adaptation_months < 0 || f.adaptation_months > kMaxAdaptationMonths)
    errors.push_back({"adaptation_months", "error.amendment.adaptation"});
  if (f.notice_days < 0 || f.notice_days > kMaxNoticeDays)
    errors.push_back({"notice_days", "error.amendment.notice"});
  return errors;
}

}  // namespace sohosolo::journeys

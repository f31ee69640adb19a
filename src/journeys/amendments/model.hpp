#pragma once
// The telework amendment of a salaried newcomer's employment contract: the fields of its form,
// the versions kept on the file, the checks and the document's clauses (clauses.cpp, following
// Code du travail L1222-9 to L1222-11 and the national agreements of 2005 and 2020; sources in
// docs/journeys.md). Plain data, no db, no http.

#include <array>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "documents/document.hpp"

namespace sohosolo::journeys {

/// The days of the week a teleworker may work away from the employer's premises.
inline constexpr std::array<const char*, 6> kWorkDays = {"mon", "tue", "wed", "thu", "fri", "sat"};
inline constexpr int kMaxAdaptationMonths = 12;
inline constexpr int kMaxNoticeDays = 180;
/// A file keeps at most this many versions of its amendment.
inline constexpr int kMaxAmendmentVersions = 100;

struct AmendmentFields {
  std::string employer_name, employer_address, employer_representative;
  std::string employee_name, employee_job;
  std::string agreement;  ///< The collective agreement or charter; empty: agreed between them.
  std::string start_day;  ///< YYYY-MM-DD
  std::string home_address;
  long long site_id = 0;  ///< One of the programme's telecentres or coworking spaces; 0: none.
  std::string site;       ///< That site's name and address, as the document writes them.
  std::vector<std::string> days;  ///< kWorkDays
  std::string contact_hours;
  std::string equipment;
  std::string costs;
  std::string monitoring;  ///< The means of control the employer uses, if any.
  int adaptation_months = 3;
  int notice_days = 30;
};

/// One version of a file's amendment, as generated.
struct Amendment {
  long long journey_id = 0;
  int version = 0;
  AmendmentFields fields;
  std::string by_name;
  core::UnixSeconds created_at = 0;
};

/// A text field of the form: its key (form, JSON, error), its member, whether it must be given
/// and whether it may hold several lines.
struct AmendmentText {
  const char* key;
  std::string AmendmentFields::*member;
  bool required;
  bool lines;
};
extern const std::array<AmendmentText, 12> kAmendmentTexts;

/// Every field at fault, each named (`employer_name`, `days`...), with its catalogue key.
/// A place of work is needed: the home address, a site, or both.
std::vector<core::FieldError> CheckAmendment(const AmendmentFields& fields);

/// The amendment as a document (French: the contract's language), for ODT and PDF alike.
documents::Document AmendmentDocument(const Amendment& amendment);

}  // namespace sohosolo::journeys

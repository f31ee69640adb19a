// An amendment's fields as JSON: how versions are stored and how the API reads and shows them.
#include <boost/json.hpp>

#include "journeys/amendments/store.hpp"

namespace sohosolo::journeys {

boost::json::object AmendmentFieldsJson(const AmendmentFields& f) {
  boost::json::object out;
  for (const auto& t : kAmendmentTexts) out[t.key] = f.*t.member;
  out["site_id"] = f.site_id;
  out["site"] = f.site;
  boost::json::array days;
  for (const auto& d : f.days) days.push_back(boost::json::string(d));
  out["days"] = days;
  out["adaptation_months"] = f.adaptation_months;
  out["notice_days"] = f.notice_days;
  return out;
}

namespace {

void IntField(const boost::json::object& body, const char* name, long long& out,
              std::vector<core::FieldError>& errors) {
  const auto* v = body.if_contains(name);
  if (!v || v->is_null()) return;
  if (!v->is_int64()) {
    errors.push_back({name, "error.amendment.number"});
    return;
  }
  out = v->as_int64();
}

int Bounded(long long value) { return value < -1 || value > 100000 ? -1 : static_cast<int>(value); }

}  // namespace

AmendmentFields AmendmentFieldsOf(const boost::json::object& body,
                                  std::vector<core::FieldError>& errors) {
  AmendmentFields f;
  for (const auto& t : kAmendmentTexts) {
    const auto* v = body.if_contains(t.key);
    if (!v || v->is_null()) continue;
    if (!v->is_string()) {
      errors.push_back({t.key, "error.amendment.text"});
      continue;
    }
    f.*t.member = std::string(v->as_string());
  }
  if (const auto* site = body.if_contains("site"); site && site->is_string())
    f.site = std::string(site->as_string());
  IntField(body, "site_id", f.site_id, errors);
  long long months = f.adaptation_months, notice = f.notice_days;
  IntField(body, "adaptation_months", months, errors);
  IntField(body, "notice_days", notice, errors);
  f.adaptation_months = Bounded(months);
  f.notice_days = Bounded(notice);
  if (const auto* days = body.if_contains("days"); days && !days->is_null()) {
    if (!days->is_array()) {
      errors.push_back({"days", "error.amendment.days"});
      return f;
    }
    for (const auto& d : days->as_array()) {
      if (!d.is_string()) {
        errors.push_back({"days", "error.amendment.days"});
        break;
      }
      f.days.emplace_back(d.as_string());
    }
  }
  return f;
}

}  // namespace sohosolo::journeys

#pragma once
// The row buffer of a file and its columns, shared by the store's files (store*.cpp).

#include <string>

#include "core/text.hpp"
#include "db/rows.hpp"
#include "journeys/model.hpp"

namespace sohosolo::journeys::detail {

constexpr const char* kColumns =
    "j.id, j.request_id, j.name, j.email, j.phone, j.adults, j.children_ages, j.status, "
    "j.employer, j.sector, j.activity, j.clients_where, j.broadband_needs, j.office_needs, "
    "j.villages, j.advisor_id, COALESCE(a.display_name, ''), j.consent_committees, j.consent_at, "
    "j.stage, j.stage_at, j.abandon_reason, j.settled_village, j.settled_at, j.notes, j.demo, "
    "j.created_at, j.updated_at";
constexpr const char* kFrom = " FROM journeys j LEFT JOIN accounts a ON a.id = j.advisor_id";

struct JourneyRow {
  Journey j;
  long long request_id = 0, advisor_id = 0, consent_at = 0, settled_at = 0;
  soci::indicator request_ind = soci::i_null, advisor_ind = soci::i_null,
                  consent_ind = soci::i_null, settled_ind = soci::i_null;
  int consent = 0, demo = 0;
  std::string children, villages;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(j.id));
    st.exchange(soci::into(request_id, request_ind));
    st.exchange(soci::into(j.name));
    st.exchange(soci::into(j.email));
    st.exchange(soci::into(j.phone));
    st.exchange(soci::into(j.adults));
    st.exchange(soci::into(children));
    st.exchange(soci::into(j.status));
    st.exchange(soci::into(j.employer));
    st.exchange(soci::into(j.sector));
    st.exchange(soci::into(j.activity));
    st.exchange(soci::into(j.clients_where));
    st.exchange(soci::into(j.broadband_needs));
    st.exchange(soci::into(j.office_needs));
    st.exchange(soci::into(villages));
    st.exchange(soci::into(advisor_id, advisor_ind));
    st.exchange(soci::into(j.advisor_name));
    st.exchange(soci::into(consent));
    st.exchange(soci::into(consent_at, consent_ind));
    st.exchange(soci::into(j.stage));
    st.exchange(soci::into(j.stage_at));
    st.exchange(soci::into(j.abandon_reason));
    st.exchange(soci::into(j.settled_village));
    st.exchange(soci::into(settled_at, settled_ind));
    st.exchange(soci::into(j.notes));
    st.exchange(soci::into(demo));
    st.exchange(soci::into(j.created_at));
    st.exchange(soci::into(j.updated_at));
  }
  Journey Get() const {
    Journey out = j;
    out.request_id = db::Optional(request_id, request_ind);
    out.advisor_id = db::Optional(advisor_id, advisor_ind);
    out.consent_at = db::Optional(consent_at, consent_ind);
    out.settled_at = db::Optional(settled_at, settled_ind);
    out.consent_committees = consent != 0;
    out.demo = demo != 0;
    out.children_ages.clear();
    for (auto part : core::Split(children, ','))
      if (!part.empty()) out.children_ages.push_back(std::stoi(std::string(part)));
    out.villages.clear();
    for (auto part : core::Split(villages, ' '))
      if (!part.empty()) out.villages.emplace_back(part);
    return out;
  }
};

}  // namespace sohosolo::journeys::detail

#pragma once

// JSON of a village in detail, shared by the village API and the finder.
#include <boost/json.hpp>

#include "territory/villages/model.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::territory {

boost::json::object MemberJson(const CommitteeMember& m);
boost::json::object ServiceJson(const NearbyService& s);
boost::json::object ListingJson(const Listing& l);
boost::json::object RequestJson(const AccompanimentRequest& r);
/// The village's detail with its facts (rate, nearest workspace) and rows.
boost::json::object VillageViewJson(const VillageView& v);

}  // namespace sohosolo::territory

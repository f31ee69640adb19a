#pragma once

#include <vector>

#include "core/ids.hpp"
#include "territory/villages/service.hpp"

namespace sohosolo::app {

/// A demo host village and the services it was given.
struct DemoHost {
  const char* commune_code;
  bool school;
  bool doctor;
  double train_station_km;
};

/// Adds a committee, services and a few listings, all flagged as demo data, to each host.
void SeedVillageDetails(territory::VillageService& villages, core::ProgrammeId p,
                        const std::vector<DemoHost>& hosts);

}  // namespace sohosolo::app

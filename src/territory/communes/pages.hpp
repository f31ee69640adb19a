#pragma once

#include <string>
#include <string_view>

#include "http/router.hpp"
#include "territory/communes/service.hpp"
#include "territory/geo/model.hpp"

namespace sohosolo::territory {

/// The territory's public pages: the communes table (GET /communes, searchable and paginated),
/// one commune's expected connection (GET /communes/{code}) and the map (GET /map). The map page
/// gives its figures and tables without JavaScript; web/static/map.js draws the map over them.
void AddPages(http::Router& router, Service& service);

/// `value` as `lang` writes numbers, with `decimals` digits after the decimal separator and
/// thousands grouped: "6 300,65" in French (narrow no-break space, decimal comma, as CLDR has
/// it), "6,300.65" in English.
std::string FormatNumber(double value, int decimals, std::string_view lang);

/// A share (0.623) as a percentage: "62,3 %" in French, "62.3%" in English.
std::string FormatPercent(double share, std::string_view lang, int decimals = 1);

/// "At <commune>" to begin a sentence: in French "À Eauze", with the article contracted for
/// "Le Houga" ("Au Houga") and "Les ..." ("Aux ..."); in English "In Eauze".
std::string AtCommune(std::string_view name, std::string_view lang);

/// The colour band of an expected connection, shared by the tables (swatches), the map and its
/// legend through the CSS classes band-0 to band-5: 0 no ADSL, 1 READSL only, then ADSL2+ under
/// 2 Mbit/s, 2 to 8, 8 to 15, and 15 Mbit/s or more (2 and 8 are the coverage thresholds the
/// map page reports). web/static/map.js applies the same bounds.
std::string RateBand(LineClass line_class, double adsl2plus_mbps);

/// The plain-language answer at a commune: what a line should give there, why it gives nothing,
/// or (partial exchange list) why nobody can say.
std::string ConnectivitySentence(const http::Context& ctx, const std::string& name,
                                 const ConnectivityEstimate& e);

}  // namespace sohosolo::territory

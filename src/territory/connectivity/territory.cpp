// The Territory class of coverage.hpp: communes projected once, their union computed once.
#include <algorithm>
#include <stdexcept>

#include "territory/connectivity/coverage.hpp"
#include "territory/connectivity/territory_impl.hpp"

namespace sohosolo::territory {

namespace {

Box BoxOf(const std::vector<std::vector<Xy>>& rings) {
  Box box{1e300, 1e300, -1e300, -1e300};
  for (const auto& ring : rings) {
    for (const auto& p : ring) {
      box.min_x = std::min(box.min_x, p.x);
      box.min_y = std::min(box.min_y, p.y);
      box.max_x = std::max(box.max_x, p.x);
      box.max_y = std::max(box.max_y, p.y);
    }
  }
  return box;
}

Box Merge(Box a, const Box& b) {
  return {std::min(a.min_x, b.min_x), std::min(a.min_y, b.min_y), std::max(a.max_x, b.max_x),
          std::max(a.max_y, b.max_y)};
}

// Projects one commune's polygons; returns its GEOS shape and appends its rings to `all_rings`.
geos::Geom Project(Territory::Impl& t, const Commune& commune,
                   std::vector<std::vector<Xy>>& all_rings) {
  std::vector<geos::Geom> parts;
  for (const auto& polygon : commune.polygons) {
    std::vector<std::vector<Xy>> rings;
    for (const auto& ring : polygon.rings) {
      auto& xy = rings.emplace_back();
      for (const auto& p : ring) xy.push_back({p.lon, p.lat});
      t.to_laea.Forward(xy);
      all_rings.push_back(xy);
    }
    parts.push_back(geos::MakePolygon(t.ctx, rings));
  }
  return geos::MakeCollection(t.ctx, GEOS_MULTIPOLYGON, std::move(parts));
}

}  // namespace

Territory::Territory(std::vector<Commune> communes) : impl_(std::make_unique<Impl>()) {
  auto& t = *impl_;
  t.communes = std::move(communes);
  if (t.communes.empty()) throw std::invalid_argument("a territory needs at least one commune");
  std::vector<geos::Geom> copies;
  for (const auto& commune : t.communes) {
    if (commune.polygons.empty()) {
      throw std::invalid_argument("commune " + commune.code +
                                  " has no polygon: an area needs polygons");
    }
    auto& rings = t.rings.emplace_back();
    t.shapes.push_back(Project(t, commune, rings));
    t.shape_km2.push_back(geos::Area(t.ctx, t.shapes.back().get()) / 1e6);
    t.boxes.push_back(BoxOf(rings));
    t.outline_box = t.shapes.size() == 1 ? t.boxes.back() : Merge(t.outline_box, t.boxes.back());
    copies.push_back(geos::Own(t.ctx, GEOSGeom_clone_r(t.ctx.get(), t.shapes.back().get())));
  }
  const auto all = geos::MakeCollection(t.ctx, GEOS_GEOMETRYCOLLECTION, std::move(copies));
  t.outline = geos::Own(t.ctx, GEOSUnaryUnion_r(t.ctx.get(), all.get()));
  t.outline_prepared = geos::Prepare(t.ctx, t.outline.get());
  t.area_km2 = geos::Area(t.ctx, t.outline.get()) / 1e6;
  double length = 0;
  GEOSLength_r(t.ctx.get(), t.outline.get(), &length);
  t.outline_km = length / 1000;
}

Territory::~Territory() = default;
Territory::Territory(Territory&&) noexcept = default;
Territory& Territory::operator=(Territory&&) noexcept = default;

const std::vector<Commune>& Territory::communes() const { return impl_->communes; }
double Territory::AreaKm2() const { return impl_->area_km2; }
double Territory::OutlineKm() const { return impl_->outline_km; }

bool Territory::Contains(LonLat p) const {
  const auto& t = *impl_;
  const Xy xy = t.to_laea.Forward({p.lon, p.lat});
  const auto point = geos::Own(t.ctx, GEOSGeom_createPointFromXY_r(t.ctx.get(), xy.x, xy.y));
  return GEOSPreparedContains_r(t.ctx.get(), t.outline_prepared.get(), point.get()) == 1;
}

void MarkInTerritory(const Territory& territory, std::vector<Exchange>& exchanges) {
  for (auto& exchange : exchanges)
    exchange.in_territory = territory.Contains({exchange.lon, exchange.lat});
}

}  // namespace sohosolo::territory

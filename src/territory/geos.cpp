#include "territory/geos.hpp"

#include <stdexcept>

namespace sohosolo::territory::geos {

namespace {

static_assert(sizeof(Xy) == 2 * sizeof(double), "Xy must be two packed doubles for GEOS buffers");

void KeepMessage(const char* message, void* userdata) {
  *static_cast<std::string*>(userdata) = message ? message : "";
}

}  // namespace

Context::Context() : handle_(GEOS_init_r()) {
  if (!handle_) throw std::runtime_error("GEOS: cannot create a context");
  GEOSContext_setErrorMessageHandler_r(handle_, KeepMessage, last_error_.get());
}

Context::~Context() { GEOS_finish_r(handle_); }

Geom Own(const Context& ctx, GEOSGeometry* g) {
  if (!g) throw std::runtime_error("GEOS: " + ctx.LastError());
  return Geom(g, GeomDeleter{ctx.get()});
}

Prepared Prepare(const Context& ctx, const GEOSGeometry* g) {
  const auto* prepared = GEOSPrepare_r(ctx.get(), g);
  if (!prepared) throw std::runtime_error("GEOS: " + ctx.LastError());
  return Prepared(prepared, PreparedDeleter{ctx.get()});
}

Geom MakePolygon(const Context& ctx, const std::vector<std::vector<Xy>>& rings) {
  if (rings.empty()) throw std::invalid_argument("MakePolygon: no ring");
  auto h = ctx.get();
  std::vector<GEOSGeometry*> made;
  for (const auto& ring : rings) {
    // Xy is two packed doubles, the layout copyFromBuffer reads.
    auto* seq = GEOSCoordSeq_copyFromBuffer_r(h, &ring.front().x, ring.size(), 0, 0);
    auto* linear_ring = seq ? GEOSGeom_createLinearRing_r(h, seq) : nullptr;
    if (!linear_ring) {
      for (auto* g : made) GEOSGeom_destroy_r(h, g);
      throw std::runtime_error("GEOS: " + ctx.LastError());
    }
    made.push_back(linear_ring);
  }
  auto* holes = made.size() > 1 ? made.data() + 1 : nullptr;
  return Own(ctx, GEOSGeom_createPolygon_r(h, made.front(), holes,
                                           static_cast<unsigned>(made.size() - 1)));
}

Geom MakeCollection(const Context& ctx, int type, std::vector<Geom> parts) {
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (auto& part : parts) raw.push_back(part.release());
  return Own(ctx, GEOSGeom_createCollection_r(ctx.get(), type, raw.data(),
                                              static_cast<unsigned>(raw.size())));
}

double Area(const Context& ctx, const GEOSGeometry* g) {
  double area = 0;
  if (!GEOSArea_r(ctx.get(), g, &area)) throw std::runtime_error("GEOS: " + ctx.LastError());
  return area;
}

}  // namespace sohosolo::territory::geos

#include "territory/geo/geos.hpp"

#include <algorithm>
#include <cstdint>
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

Index::Index(const Context& ctx, const GEOSGeometry* collection)
    : ctx_(ctx), collection_(collection), tree_(GEOSSTRtree_create_r(ctx.get(), 10)) {
  if (!tree_) throw std::runtime_error("GEOS: " + ctx.LastError());
  const int parts = GEOSGetNumGeometries_r(ctx.get(), collection);
  // Items are positions plus one: GEOS may treat a null item as absent.
  for (int i = 0; i < parts; ++i) {
    GEOSSTRtree_insert_r(ctx.get(), tree_, GEOSGetGeometryN_r(ctx.get(), collection, i),
                         reinterpret_cast<void*>(static_cast<std::uintptr_t>(i) + 1));
  }
}

Index::~Index() { GEOSSTRtree_destroy_r(ctx_.get(), tree_); }

std::vector<int> Index::Near(const GEOSGeometry* g) const {
  std::vector<int> out;
  GEOSSTRtree_query_r(
      ctx_.get(), tree_, g,
      [](void* item, void* userdata) {
        static_cast<std::vector<int>*>(userdata)->push_back(
            static_cast<int>(reinterpret_cast<std::uintptr_t>(item) - 1));
      },
      &out);
  // Sorted, so that the union is built in the same order whatever the tree's layout.
  std::sort(out.begin(), out.end());
  return out;
}

Geom Index::UnionNear(const GEOSGeometry* g) const {
  const auto near = Near(g);
  if (near.empty()) return nullptr;
  const auto h = ctx_.get();
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  if (!GEOSGeom_getXMin_r(h, g, &min_x) || !GEOSGeom_getYMin_r(h, g, &min_y) ||
      !GEOSGeom_getXMax_r(h, g, &max_x) || !GEOSGeom_getYMax_r(h, g, &max_y))
    throw std::runtime_error("GEOS: " + ctx_.LastError());
  // Each part clipped to `g`'s envelope first: a disc of 128 vertices keeps the few that matter
  // there, and the union over `g` is unchanged.
  std::vector<Geom> parts;
  parts.reserve(near.size());
  for (const int i : near) {
    parts.push_back(Own(ctx_, GEOSClipByRect_r(h, GEOSGetGeometryN_r(h, collection_, i), min_x,
                                               min_y, max_x, max_y)));
  }
  if (parts.size() == 1) return std::move(parts.front());
  const auto all = MakeCollection(ctx_, GEOS_GEOMETRYCOLLECTION, std::move(parts));
  return Own(ctx_, GEOSUnaryUnion_r(h, all.get()));
}

}  // namespace sohosolo::territory::geos

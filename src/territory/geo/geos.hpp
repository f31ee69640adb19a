#pragma once

// Only the reentrant (_r) GEOS functions: each object owns its context, so threads never share one.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <memory>
#include <string>
#include <vector>

#include "territory/geo/geo.hpp"

namespace sohosolo::territory::geos {

/// A GEOS context handle with its error message. Not thread-safe: one per object or thread.
class Context {
 public:
  Context();
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  GEOSContextHandle_t get() const { return handle_; }
  /// The last error GEOS reported in this context.
  const std::string& LastError() const { return *last_error_; }

 private:
  GEOSContextHandle_t handle_;
  // On the heap so that GEOS's callback keeps a stable address.
  std::unique_ptr<std::string> last_error_ = std::make_unique<std::string>();
};

struct GeomDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(handle, g); }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(handle, g); }
};
using Prepared = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

/// Takes ownership of a GEOS result; a null result means GEOS failed, which on geometry we have
/// validated is a bug or an exhausted machine: throws std::runtime_error with GEOS's message.
Geom Own(const Context& ctx, GEOSGeometry* g);
Prepared Prepare(const Context& ctx, const GEOSGeometry* g);

/// A polygon from rings (exterior first) given as closed point lists.
Geom MakePolygon(const Context& ctx, const std::vector<std::vector<Xy>>& rings);
/// A multipolygon (or any collection) owning `parts`.
Geom MakeCollection(const Context& ctx, int type, std::vector<Geom> parts);

/// Area of a planar geometry in the units of its coordinates, squared.
double Area(const Context& ctx, const GEOSGeometry* g);

/// The parts of a collection found by envelope, through a GEOS STRtree: a commune then meets the
/// few discs around it instead of the union of thousands. The collection must outlive the index.
class Index {
 public:
  Index(const Context& ctx, const GEOSGeometry* collection);
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  /// Positions in the collection (increasing) of the parts whose envelope meets `g`'s.
  std::vector<int> Near(const GEOSGeometry* g) const;
  /// The union of the parts near `g`: what the union of the whole collection is over `g`'s
  /// envelope, at the cost of a few parts. Null when no part is near.
  Geom UnionNear(const GEOSGeometry* g) const;

 private:
  const Context& ctx_;
  const GEOSGeometry* collection_;
  GEOSSTRtree* tree_;
};

}  // namespace sohosolo::territory::geos

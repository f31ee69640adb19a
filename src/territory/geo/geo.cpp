#include "territory/geo/geo.hpp"

#include <proj.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace sohosolo::territory {

namespace {

const char* Code(Crs crs) {
  switch (crs) {
    case Crs::kWgs84:
      return "EPSG:4326";
    case Crs::kLambert93:
      return "EPSG:2154";
    case Crs::kLaea3035:
      return "EPSG:3035";
  }
  return "EPSG:4326";
}

}  // namespace

Projector::Projector(Crs from, Crs to) : context_(proj_context_create()) {
  if (!context_) throw std::runtime_error("PROJ: cannot create a context");
  // PROJ logs to stderr by default; failures are reported through exceptions instead.
  proj_log_level(context_, PJ_LOG_NONE);
  PJ* raw = proj_create_crs_to_crs(context_, Code(from), Code(to), nullptr);
  // EPSG:4326 is latitude-first; normalising makes it (lon, lat) like GeoJSON.
  pj_ = raw ? proj_normalize_for_visualization(context_, raw) : nullptr;
  if (raw) proj_destroy(raw);
  if (!pj_) {
    const std::string reason = proj_context_errno_string(context_, proj_context_errno(context_));
    proj_context_destroy(context_);
    throw std::runtime_error(std::string("PROJ: cannot transform ") + Code(from) + " to " +
                             Code(to) + ": " + reason);
  }
}

Projector::~Projector() {
  if (pj_) proj_destroy(pj_);
  if (context_) proj_context_destroy(context_);
}

Projector::Projector(Projector&& other) noexcept
    : context_(std::exchange(other.context_, nullptr)), pj_(std::exchange(other.pj_, nullptr)) {}

Projector& Projector::operator=(Projector&& other) noexcept {
  std::swap(context_, other.context_);
  std::swap(pj_, other.pj_);
  return *this;
}

Xy Projector::Forward(Xy p) const {
  Transform({&p, 1}, PJ_FWD);
  return p;
}

Xy Projector::Inverse(Xy p) const {
  Transform({&p, 1}, PJ_INV);
  return p;
}

void Projector::Forward(std::span<Xy> points) const { Transform(points, PJ_FWD); }
void Projector::Inverse(std::span<Xy> points) const { Transform(points, PJ_INV); }

void Projector::Transform(std::span<Xy> points, int direction) const {
  if (points.empty()) return;
  // Points PROJ cannot transform come back as HUGE_VAL; inputs are validated lon/lat, so callers
  // do not meet them in practice.
  proj_trans_generic(pj_, static_cast<PJ_DIRECTION>(direction), &points[0].x, sizeof(Xy),
                     points.size(), &points[0].y, sizeof(Xy), points.size(), nullptr, 0, 0, nullptr,
                     0, 0);
}

}  // namespace sohosolo::territory

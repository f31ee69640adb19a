// Service's snapshots: the programme's data and parameters loaded once per import or change of
// parameters, then shared by the requests until the next one; and the parameters' own import.
#include <memory>
#include <stdexcept>
#include <string>

#include "core/time.hpp"
#include "territory/communes/service_impl.hpp"
#include "territory/communes/store.hpp"
#include "territory/connectivity/reference.hpp"

namespace sohosolo::territory {

using core::Error;
using core::ErrorCode;

Service::Service(db::Pool& pool) : pool_(pool) {}
Service::~Service() = default;

namespace {

/// The programme's parameters as stored; the defaults when it has none. A stored document was
/// validated when it was loaded: one that no longer parses (edited by hand) is an
/// infrastructure fault.
ProgrammeParameters LoadParameters(Store& store) {
  const auto stored = store.Parameters();
  if (!stored) return DefaultProgrammeParameters();
  auto parsed = ParseProgrammeParametersJson(
      stored->document, stored->source + ", revision " + std::to_string(stored->revision));
  if (!parsed) throw std::runtime_error("stored territory parameters are invalid");
  return std::move(*parsed);
}

}  // namespace

std::shared_ptr<Service::Snapshot> Service::Current(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto fresh = [&](long long version, long long revision) -> std::shared_ptr<Snapshot> {
    std::lock_guard lock(cache_mutex_);
    const auto it = cache_.find(p.value);
    return it != cache_.end() && it->second->version == version &&
                   it->second->parameters_revision == revision
               ? it->second
               : nullptr;
  };
  if (auto cached = fresh(store.Version(), store.ParametersRevision())) return cached;

  std::lock_guard loading(load_mutex_);
  // Read the versions before the rows: an import committed in between makes the snapshot look
  // older than it is, which costs one more load, never a stale answer.
  const long long version = store.Version();
  const long long revision = store.ParametersRevision();
  if (auto cached = fresh(version, revision)) return cached;
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->version = version;
  snapshot->parameters_revision = revision;
  snapshot->params = LoadParameters(store);
  snapshot->communes = store.Communes(true);
  snapshot->exchanges = store.Exchanges();
  for (std::size_t i = 0; i < snapshot->communes.size(); ++i) {
    snapshot->by_code.emplace(snapshot->communes[i].code, i);
    if (!snapshot->communes[i].geometry) ++snapshot->without_outline;
  }
  for (const auto& e : snapshot->exchanges) snapshot->exchange_models.push_back(e.exchange);
  std::lock_guard lock(cache_mutex_);
  cache_[p.value] = snapshot;
  return snapshot;
}

core::Result<ProgrammeParameters> Service::ImportParameters(core::ProgrammeId p,
                                                            std::string_view text,
                                                            const std::string& source) {
  if (text.size() > kMaxParametersBytes)
    return Error::Of(ErrorCode::kTooLarge, "error.territory.too_large");
  auto parsed = ParseProgrammeParametersJson(text, source);
  if (!parsed) return parsed.error();
  {
    // Released before Parameters() takes a connection of its own (the pool may hold one).
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    Store store(lease, p);
    store.LockImports();
    store.SaveParameters(std::string(text), source, core::Now());
    tx.Commit();
  }
  return Parameters(p);
}

ProgrammeParameters Service::Parameters(core::ProgrammeId p) { return Current(p)->params; }

}  // namespace sohosolo::territory

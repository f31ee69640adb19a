#include "journeys/documents/service.hpp"

#include "core/text.hpp"
#include "journeys/documents/store.hpp"
#include "journeys/store.hpp"

namespace sohosolo::journeys {

core::Result<FileDocument> Documents::Add(core::ProgrammeId p, const Actor& actor,
                                          long long journey_id, const std::string& name,
                                          std::string bytes, bool shared) {
  if (!actor.staff) return core::NotFound();
  if (auto j = journeys_.Find(p, journey_id); !j) return j.error();
  std::vector<core::FieldError> errors;
  FileDocument d;
  d.journey_id = journey_id;
  d.name = std::string(core::Trim(name));
  if (d.name.empty() || core::Utf8Length(d.name) > kMaxDocumentNameChars ||
      core::HasControlCharacters(d.name, core::Lines::kOne))
    errors.push_back({"name", "error.document.name"});
  if (bytes.empty())
    errors.push_back({"file", "error.document.empty"});
  else if (bytes.size() > kMaxDocumentBytes)
    errors.push_back({"file", "error.document.too_large"});
  else if ((d.content_type = DocumentType(bytes)).empty())
    errors.push_back({"file", "error.document.type"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  d.size = static_cast<long long>(bytes.size());
  d.bytes = std::move(bytes);
  d.shared = shared;
  d.by_name = actor.name;
  d.created_at = core::Now();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  JourneyStore files(lease, p);
  files.Lock(journey_id);  // the count below holds until the insert
  DocumentStore store(lease);
  if (store.Count(journey_id) >= kMaxDocumentsPerFile)
    return core::Error::Of(core::ErrorCode::kConflict, "error.document.too_many");
  d.id = store.Insert(d, actor.account_id);
  files.AddHistory(journey_id, {d.created_at, actor.name, "edited", "", "", "document " + d.name},
                   actor.account_id);
  tx.Commit();
  d.bytes.clear();
  return d;
}

core::Result<std::vector<FileDocument>> Documents::List(core::ProgrammeId p, long long journey_id) {
  if (auto j = journeys_.Find(p, journey_id); !j) return j.error();
  auto lease = pool_.Acquire();
  return DocumentStore(lease).List(journey_id, false);
}

core::Result<FileDocument> Documents::Get(core::ProgrammeId p, long long journey_id, long long id) {
  if (auto j = journeys_.Find(p, journey_id); !j) return j.error();
  auto lease = pool_.Acquire();
  auto found = DocumentStore(lease).Get(journey_id, id);
  if (!found) return core::NotFound();
  return std::move(*found);
}

core::Status Documents::Delete(core::ProgrammeId p, const Actor& actor, long long journey_id,
                               long long id) {
  if (!actor.staff) return core::NotFound();
  if (auto j = journeys_.Find(p, journey_id); !j) return j.error();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  DocumentStore store(lease);
  const auto found = store.Find(journey_id, id);  // its name for the history, not its bytes
  if (!found || !store.Delete(journey_id, id)) return core::NotFound();
  JourneyStore(lease, p).AddHistory(
      journey_id, {core::Now(), actor.name, "edited", "", "", "document deleted " + found->name},
      actor.account_id);
  tx.Commit();
  return core::Ok();
}

std::vector<FileDocument> Documents::SharedWith(core::ProgrammeId p, long long account_id) {
  auto own = journeys_.OwnFile(p, account_id);
  if (!own) return {};
  auto lease = pool_.Acquire();
  return DocumentStore(lease).List(own->id, true);
}

core::Result<FileDocument> Documents::GetShared(core::ProgrammeId p, long long account_id,
                                                long long id) {
  auto own = journeys_.OwnFile(p, account_id);
  if (!own) return core::NotFound();
  auto lease = pool_.Acquire();
  auto found = DocumentStore(lease).Get(own->id, id);
  if (!found || !found->shared) return core::NotFound();
  return std::move(*found);
}

}  // namespace sohosolo::journeys

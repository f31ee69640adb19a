#pragma once
// SQL of files' documents (table journey_documents; the bytes as base64 text, as photos are).

#include <optional>
#include <vector>

#include "db/database.hpp"
#include "journeys/documents/model.hpp"

namespace sohosolo::journeys {

class DocumentStore {
 public:
  explicit DocumentStore(db::Lease& lease) : lease_(lease) {}
  long long Insert(const FileDocument& d, long long by);
  /// Without bytes; `shared_only` for the newcomer's list.
  std::vector<FileDocument> List(long long journey_id, bool shared_only);
  /// Without bytes.
  std::optional<FileDocument> Find(long long journey_id, long long id);
  /// With its bytes.
  std::optional<FileDocument> Get(long long journey_id, long long id);
  bool Delete(long long journey_id, long long id);
  int Count(long long journey_id);

 private:
  db::Lease& lease_;
};

}  // namespace sohosolo::journeys

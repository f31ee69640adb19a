#include "journeys/documents/store.hpp"

#include <stdexcept>

#include "core/crypto.hpp"
#include "db/rows.hpp"

namespace sohosolo::journeys {

namespace {

constexpr const char* kColumns =
    "SELECT id, journey_id, name, content_type, size, shared, uploaded_by_name, created_at "
    "FROM journey_documents WHERE journey_id = :j";

struct DocumentRow {
  FileDocument d;
  int shared = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(d.id));
    st.exchange(soci::into(d.journey_id));
    st.exchange(soci::into(d.name));
    st.exchange(soci::into(d.content_type));
    st.exchange(soci::into(d.size));
    st.exchange(soci::into(shared));
    st.exchange(soci::into(d.by_name));
    st.exchange(soci::into(d.created_at));
  }
  FileDocument Get() const {
    FileDocument out = d;
    out.shared = shared != 0;
    return out;
  }
};

}  // namespace

long long DocumentStore::Insert(const FileDocument& d, long long by) {
  const std::string data = core::ToBase64(d.bytes);
  const int shared = d.shared ? 1 : 0;
  db::NullableId author(by);
  long long id = 0;
  lease_.sql() << "INSERT INTO journey_documents (journey_id, name, content_type, size, "
                  "data_base64, shared, uploaded_by, uploaded_by_name, created_at) VALUES (:j, "
                  ":n, :t, :s, :d, :h, :b, :bn, :c) RETURNING id",
      soci::use(d.journey_id), soci::use(d.name), soci::use(d.content_type), soci::use(d.size),
      soci::use(data), soci::use(shared), soci::use(author.id, author.ind), soci::use(d.by_name),
      soci::use(d.created_at), soci::into(id);
  return id;
}

std::vector<FileDocument> DocumentStore::List(long long journey_id, bool shared_only) {
  return db::Fetch<DocumentRow>(
      lease_.sql(),
      std::string(kColumns) + (shared_only ? " AND shared = 1" : "") + " ORDER BY id DESC",
      soci::use(journey_id));
}

std::optional<FileDocument> DocumentStore::Find(long long journey_id, long long id) {
  return db::First(db::Fetch<DocumentRow>(lease_.sql(), std::string(kColumns) + " AND id = :i",
                                          soci::use(journey_id), soci::use(id)));
}

std::optional<FileDocument> DocumentStore::Get(long long journey_id, long long id) {
  auto found = Find(journey_id, id);
  if (!found) return std::nullopt;
  std::string encoded;
  lease_.sql() << "SELECT data_base64 FROM journey_documents WHERE id = :i", soci::use(id),
      soci::into(encoded);
  auto bytes = core::FromBase64(encoded);
  if (!bytes) throw std::runtime_error("journey_documents: stored bytes are not base64");
  found->bytes = std::move(*bytes);
  return found;
}

bool DocumentStore::Delete(long long journey_id, long long id) {
  auto st =
      db::ExecOnce(lease_.sql(), "DELETE FROM journey_documents WHERE journey_id = :j AND id = :i",
                   soci::use(journey_id), soci::use(id));
  return st.get_affected_rows() > 0;
}

int DocumentStore::Count(long long journey_id) {
  int n = 0;
  lease_.sql() << "SELECT COUNT(*) FROM journey_documents WHERE journey_id = :j",
      soci::use(journey_id), soci::into(n);
  return n;
}

}  // namespace sohosolo::journeys

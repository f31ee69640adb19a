#include "portal/store.hpp"

#include "core/time.hpp"
#include "db/rows.hpp"

namespace sohosolo::portal {

std::optional<http::Programme> ProgrammeStore::FindBySlug(const std::string& slug) {
  long long id = 0;
  http::Programme p;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT id, slug, name, description, public_url FROM programmes "
                        "WHERE slug = :s",
                        soci::use(slug), soci::into(id), soci::into(p.slug), soci::into(p.name),
                        soci::into(p.description), soci::into(p.public_url));
  if (!st.fetch()) return std::nullopt;
  p.id = core::ProgrammeId(id);
  return p;
}

std::vector<http::Programme> ProgrammeStore::All() {
  std::vector<http::Programme> out;
  long long id = 0;
  http::Programme p;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT id, slug, name, description, public_url FROM programmes "
                        "ORDER BY id",
                        soci::into(id), soci::into(p.slug), soci::into(p.name),
                        soci::into(p.description), soci::into(p.public_url));
  while (st.fetch()) {
    p.id = core::ProgrammeId(id);
    out.push_back(p);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ProgrammeStore::Hosts() {
  std::vector<std::pair<std::string, std::string>> out;
  std::string host, slug;
  auto st = db::RunOnce(lease_.sql(),
                        "SELECT h.host, p.slug FROM programme_hosts h JOIN programmes p ON "
                        "p.id = h.programme_id",
                        soci::into(host), soci::into(slug));
  while (st.fetch()) out.emplace_back(host, slug);
  return out;
}

long long ProgrammeStore::Create(const std::string& slug, const std::string& name,
                                 const std::string& description) {
  long long id = 0;
  const long long now = core::Now();
  auto st = db::ExecOnce(lease_.sql(),
                         "INSERT INTO programmes (slug, name, description, created_at) VALUES "
                         "(:s, :n, :d, :t) RETURNING id",
                         soci::use(slug), soci::use(name), soci::use(description), soci::use(now),
                         soci::into(id));
  return id;
}

bool ProgrammeStore::SetPublicUrl(const std::string& slug, const std::string& url) {
  auto st = db::ExecOnce(lease_.sql(), "UPDATE programmes SET public_url = :u WHERE slug = :s",
                         soci::use(url), soci::use(slug));
  return st.get_affected_rows() > 0;
}

void ProgrammeStore::AddHost(const std::string& host, long long programme_id) {
  db::ExecOnce(lease_.sql(), "INSERT INTO programme_hosts (host, programme_id) VALUES (:h, :p)",
               soci::use(host), soci::use(programme_id));
}

}  // namespace sohosolo::portal

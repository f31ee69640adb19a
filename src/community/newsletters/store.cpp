#include "community/newsletters/store.hpp"

#include "core/text.hpp"
#include "db/rows.hpp"

namespace sohosolo::community {

namespace {

constexpr const char* kColumns =
    "id, subject, markdown, segment_kind, segment_value, public, state, "
    "COALESCE(scheduled_at, 0), COALESCE(sent_at, 0), recipients, demo, created_at, updated_at";

struct NewsletterRow {
  Newsletter n;
  int is_public = 0, demo = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(n.id));
    st.exchange(soci::into(n.subject));
    st.exchange(soci::into(n.markdown));
    st.exchange(soci::into(n.segment_kind));
    st.exchange(soci::into(n.segment_value));
    st.exchange(soci::into(is_public));
    st.exchange(soci::into(n.state));
    st.exchange(soci::into(n.scheduled_at));
    st.exchange(soci::into(n.sent_at));
    st.exchange(soci::into(n.recipients));
    st.exchange(soci::into(demo));
    st.exchange(soci::into(n.created_at));
    st.exchange(soci::into(n.updated_at));
  }
  Newsletter Get() const {
    Newsletter out = n;
    out.is_public = is_public != 0;
    out.demo = demo != 0;
    return out;
  }
};

struct RecipientRow {
  Recipient r;
  std::string skills;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(r.email));
    st.exchange(soci::into(r.key));
    st.exchange(soci::into(r.language));
    st.exchange(soci::into(skills));
  }
  std::pair<Recipient, std::string> Get() const { return {r, skills}; }
};

/// Members of the programme with their profile's fields (empty without a profile).
constexpr const char* kMembers =
    "SELECT a.email, a.email_key, a.language, COALESCE(mp.skills, '') FROM accounts a "
    "JOIN account_roles ar ON ar.account_id = a.id AND ar.programme_id = :p AND "
    "ar.role = 'member' LEFT JOIN member_profiles mp ON mp.account_id = a.id AND "
    "mp.programme_id = ar.programme_id ";

}  // namespace

long long NewsletterStore::Insert(const Newsletter& n, long long author_id, core::UnixSeconds now) {
  long long id = 0;
  int is_public = n.is_public ? 1 : 0, demo = n.demo ? 1 : 0;
  db::NullableId by(author_id);
  lease_.sql() << "INSERT INTO newsletters (programme_id, subject, markdown, segment_kind, "
                  "segment_value, public, demo, created_by, created_at, updated_at) VALUES (:p, "
                  ":s, :m, :k, :v, :pu, :d, :b, :c, :u) RETURNING id",
      soci::use(programme_.value), soci::use(n.subject), soci::use(n.markdown),
      soci::use(n.segment_kind), soci::use(n.segment_value), soci::use(is_public), soci::use(demo),
      soci::use(by.id, by.ind), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

void NewsletterStore::Update(const Newsletter& n, core::UnixSeconds now) {
  int is_public = n.is_public ? 1 : 0;
  lease_.sql() << "UPDATE newsletters SET subject = :s, markdown = :m, segment_kind = :k, "
                  "segment_value = :v, public = :pu, updated_at = :u WHERE programme_id = :p AND "
                  "id = :i",
      soci::use(n.subject), soci::use(n.markdown), soci::use(n.segment_kind),
      soci::use(n.segment_value), soci::use(is_public), soci::use(now), soci::use(programme_.value),
      soci::use(n.id);
}

std::optional<Newsletter> NewsletterStore::Find(long long id) {
  return db::First(db::Fetch<NewsletterRow>(
      lease_.sql(),
      std::string("SELECT ") + kColumns + " FROM newsletters WHERE programme_id = :p AND id = :i",
      soci::use(programme_.value), soci::use(id)));
}

std::vector<Newsletter> NewsletterStore::List(bool public_only, bool with_drafts, int limit) {
  std::string where = with_drafts ? "" : " AND state = 'sent'";
  if (public_only) where += " AND public = 1";
  return db::Fetch<NewsletterRow>(
      lease_.sql(),
      std::string("SELECT ") + kColumns + " FROM newsletters WHERE programme_id = :p" + where +
          " ORDER BY CASE state WHEN 'sent' THEN 1 ELSE 0 END, COALESCE(sent_at, updated_at) "
          "DESC, id DESC LIMIT :l",
      soci::use(programme_.value), soci::use(limit));
}

bool NewsletterStore::MarkSent(long long id, core::UnixSeconds now) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE newsletters SET state = 'sent', sent_at = :n, "
                         "scheduled_at = NULL WHERE programme_id = :p AND id = :i AND "
                         "state IN ('draft', 'scheduled')",
                         soci::use(now), soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() == 1;
}

void NewsletterStore::SetRecipients(long long id, long long recipients) {
  lease_.sql() << "UPDATE newsletters SET recipients = :r WHERE programme_id = :p AND id = :i",
      soci::use(recipients), soci::use(programme_.value), soci::use(id);
}

bool NewsletterStore::Schedule(long long id, core::UnixSeconds at) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE newsletters SET state = 'scheduled', scheduled_at = :a "
                         "WHERE programme_id = :p AND id = :i AND state IN ('draft', "
                         "'scheduled')",
                         soci::use(at), soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() == 1;
}

std::vector<std::pair<long long, long long>> NewsletterStore::Due(db::Lease& lease,
                                                                  core::UnixSeconds now) {
  std::vector<long long> programmes(100), ids(100);
  lease.sql() << "SELECT programme_id, id FROM newsletters WHERE state = 'scheduled' AND "
                 "scheduled_at <= :n ORDER BY scheduled_at, id LIMIT 100",
      soci::use(now), soci::into(programmes), soci::into(ids);
  std::vector<std::pair<long long, long long>> out;
  for (std::size_t i = 0; i < ids.size(); ++i) out.emplace_back(programmes[i], ids[i]);
  return out;
}

std::vector<Recipient> NewsletterStore::Segment(const std::string& kind, const std::string& value) {
  std::vector<std::pair<Recipient, std::string>> rows;
  auto& sql = lease_.sql();
  if (kind == "members" || kind == "skill") {
    rows = db::Fetch<RecipientRow>(sql, kMembers, soci::use(programme_.value));
  } else if (kind == "village") {
    rows = db::Fetch<RecipientRow>(sql, std::string(kMembers) + "WHERE mp.village_code = :v",
                                   soci::use(programme_.value), soci::use(value));
  } else if (kind == "status") {
    rows = db::Fetch<RecipientRow>(sql, std::string(kMembers) + "WHERE mp.status = :v",
                                   soci::use(programme_.value), soci::use(value));
  } else if (kind == "event") {
    long long event = std::stoll(value);
    rows = db::Fetch<RecipientRow>(
        sql,
        std::string(kMembers) +
            "WHERE EXISTS (SELECT 1 FROM club_registrations r JOIN club_events e ON e.id = "
            "r.event_id WHERE r.account_id = a.id AND r.state = 'registered' AND e.id = :e AND "
            "e.programme_id = ar.programme_id)",
        soci::use(programme_.value), soci::use(event));
  } else if (kind == "subscribers") {
    rows = db::Fetch<RecipientRow>(
        sql,
        "SELECT email, email_key, language, '' FROM newsletter_subscribers WHERE programme_id = "
        ":p AND state = 'confirmed'",
        soci::use(programme_.value));
  }
  std::vector<Recipient> out;
  out.reserve(rows.size());
  const auto skill = core::FoldForSearch(value);
  for (auto& [r, skills] : rows) {
    if (kind == "skill") {
      bool has = false;
      for (auto part : core::Split(skills, '\n')) has = has || core::FoldForSearch(part) == skill;
      if (!has) continue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::set<std::string> NewsletterStore::OptedOut() {
  std::set<std::string> out;
  std::string key;
  auto st =
      db::RunOnce(lease_.sql(), "SELECT email_key FROM newsletter_optouts WHERE programme_id = :p",
                  soci::use(programme_.value), soci::into(key));
  while (st.fetch()) out.insert(key);
  return out;
}

bool NewsletterStore::IsOptedOut(const std::string& key) {
  long long count = 0;
  lease_.sql() << "SELECT COUNT(*) FROM newsletter_optouts WHERE programme_id = :p AND "
                  "email_key = :k",
      soci::use(programme_.value), soci::use(key), soci::into(count);
  return count > 0;
}

std::optional<std::pair<long long, std::string>> NewsletterStore::ByUnsubscribeHash(
    db::Lease& lease, const std::string& hash) {
  long long programme = 0;
  std::string key;
  lease.sql() << "SELECT n.programme_id, r.email_key FROM newsletter_recipients r JOIN "
                 "newsletters n ON n.id = r.newsletter_id WHERE r.unsubscribe_hash = :h",
      soci::use(hash), soci::into(programme), soci::into(key);
  if (!lease.sql().got_data()) return std::nullopt;
  return std::pair{programme, key};
}

void NewsletterStore::OptOut(const std::string& key, core::UnixSeconds now) {
  lease_.sql() << "INSERT INTO newsletter_optouts (programme_id, email_key, created_at) VALUES "
                  "(:p, :k, :n) ON CONFLICT (programme_id, email_key) DO NOTHING",
      soci::use(programme_.value), soci::use(key), soci::use(now);
}

void NewsletterStore::OptIn(const std::string& key) {
  lease_.sql() << "DELETE FROM newsletter_optouts WHERE programme_id = :p AND email_key = :k",
      soci::use(programme_.value), soci::use(key);
}

std::optional<Subscriber> NewsletterStore::FindSubscriber(const std::string& key) {
  Subscriber s;
  lease_.sql() << "SELECT id, email, state, COALESCE(confirm_expires_at, 0), language FROM "
                  "newsletter_subscribers WHERE programme_id = :p AND email_key = :k",
      soci::use(programme_.value), soci::use(key), soci::into(s.id), soci::into(s.email),
      soci::into(s.state), soci::into(s.confirm_expires_at), soci::into(s.language);
  if (!lease_.sql().got_data()) return std::nullopt;
  return s;
}

void NewsletterStore::PutPending(const std::string& email, const std::string& key,
                                 const std::string& hash, core::UnixSeconds expires_at,
                                 const std::string& language, core::UnixSeconds now) {
  lease_.sql() << "INSERT INTO newsletter_subscribers (programme_id, email, email_key, state, "
                  "confirm_hash, confirm_expires_at, language, created_at) VALUES (:p, :e, :k, "
                  "'pending', :h, :x, :l, :n) ON CONFLICT (programme_id, email_key) DO UPDATE "
                  "SET confirm_hash = excluded.confirm_hash, confirm_expires_at = "
                  "excluded.confirm_expires_at",
      soci::use(programme_.value), soci::use(email), soci::use(key), soci::use(hash),
      soci::use(expires_at), soci::use(language), soci::use(now);
}

std::optional<std::pair<long long, std::string>> NewsletterStore::PendingByHash(
    db::Lease& lease, const std::string& hash, core::UnixSeconds now) {
  long long programme = 0;
  std::string key;
  lease.sql() << "SELECT programme_id, email_key FROM newsletter_subscribers WHERE confirm_hash "
                 "= :h AND state = 'pending' AND confirm_expires_at > :n",
      soci::use(hash), soci::use(now), soci::into(programme), soci::into(key);
  if (!lease.sql().got_data()) return std::nullopt;
  return std::pair{programme, key};
}

void NewsletterStore::Confirm(const std::string& key, core::UnixSeconds now) {
  lease_.sql() << "UPDATE newsletter_subscribers SET state = 'confirmed', confirmed_at = :n, "
                  "confirm_hash = NULL, confirm_expires_at = NULL WHERE programme_id = :p AND "
                  "email_key = :k",
      soci::use(now), soci::use(programme_.value), soci::use(key);
}

}  // namespace sohosolo::community

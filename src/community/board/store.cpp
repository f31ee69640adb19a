#include "community/board/store.hpp"

#include "db/rows.hpp"

namespace sohosolo::community {

namespace {

constexpr const char* kPostSelect =
    "SELECT p.id, p.account_id, a.display_name, p.kind, p.category, p.title, p.body, "
    "p.expires_at, p.state, p.moderation_note, p.demo, p.created_at FROM board_posts p JOIN "
    "accounts a ON a.id = p.account_id WHERE p.programme_id = :p ";

struct PostRow {
  Post p;
  int demo = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(p.id));
    st.exchange(soci::into(p.author_id));
    st.exchange(soci::into(p.author_name));
    st.exchange(soci::into(p.kind));
    st.exchange(soci::into(p.category));
    st.exchange(soci::into(p.title));
    st.exchange(soci::into(p.body));
    st.exchange(soci::into(p.expires_at));
    st.exchange(soci::into(p.state));
    st.exchange(soci::into(p.moderation_note));
    st.exchange(soci::into(demo));
    st.exchange(soci::into(p.created_at));
  }
  Post Get() const {
    Post out = p;
    out.demo = demo != 0;
    return out;
  }
};

constexpr const char* kMessageSelect =
    "SELECT m.id, m.post_id, m.from_account, f.display_name, m.to_account, t.display_name, "
    "m.body, m.created_at FROM board_messages m JOIN accounts f ON f.id = m.from_account JOIN "
    "accounts t ON t.id = m.to_account ";

struct MessageRow {
  BoardMessage m;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(m.id));
    st.exchange(soci::into(m.post_id));
    st.exchange(soci::into(m.from_id));
    st.exchange(soci::into(m.from_name));
    st.exchange(soci::into(m.to_id));
    st.exchange(soci::into(m.to_name));
    st.exchange(soci::into(m.body));
    st.exchange(soci::into(m.created_at));
  }
  BoardMessage Get() const { return m; }
};

}  // namespace

long long BoardStore::Insert(const Post& post, core::UnixSeconds now) {
  long long id = 0;
  int demo = post.demo ? 1 : 0;
  lease_.sql() << "INSERT INTO board_posts (programme_id, account_id, kind, category, title, "
                  "body, expires_at, state, demo, created_at) VALUES (:p, :a, :k, :c, :t, :b, "
                  ":e, :s, :d, :n) RETURNING id",
      soci::use(programme_.value), soci::use(post.author_id), soci::use(post.kind),
      soci::use(post.category), soci::use(post.title), soci::use(post.body),
      soci::use(post.expires_at), soci::use(post.state), soci::use(demo), soci::use(now),
      soci::into(id);
  return id;
}

std::optional<Post> BoardStore::Find(long long id) {
  return db::First(db::Fetch<PostRow>(lease_.sql(), std::string(kPostSelect) + "AND p.id = :i",
                                      soci::use(programme_.value), soci::use(id)));
}

std::vector<Post> BoardStore::Published(core::UnixSeconds now, const std::string& kind,
                                        const std::string& category, int limit) {
  // Empty filters match everything: ":k = ''" keeps one statement for every combination.
  return db::Fetch<PostRow>(
      lease_.sql(),
      std::string(kPostSelect) +
          "AND p.state = 'published' AND p.expires_at > :n AND (:k = '' OR p.kind = :k2) AND "
          "(:c = '' OR p.category = :c2) ORDER BY p.created_at DESC, p.id DESC LIMIT :l",
      soci::use(programme_.value), soci::use(now), soci::use(kind), soci::use(kind),
      soci::use(category), soci::use(category), soci::use(limit));
}

std::vector<Post> BoardStore::Pending(int limit) {
  return db::Fetch<PostRow>(
      lease_.sql(),
      std::string(kPostSelect) + "AND p.state = 'pending' ORDER BY p.created_at, p.id LIMIT :l",
      soci::use(programme_.value), soci::use(limit));
}

std::vector<Post> BoardStore::ByAuthor(long long author_id, int limit) {
  return db::Fetch<PostRow>(
      lease_.sql(),
      std::string(kPostSelect) +
          "AND p.account_id = :a ORDER BY p.created_at DESC, p.id DESC LIMIT :l",
      soci::use(programme_.value), soci::use(author_id), soci::use(limit));
}

bool BoardStore::Moderate(long long id, const std::string& state, const std::string& note,
                          long long moderator_id, core::UnixSeconds now) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE board_posts SET state = :s, moderation_note = :m, "
                         "moderated_by = :b, moderated_at = :n WHERE programme_id = :p AND "
                         "id = :i AND state = 'pending'",
                         soci::use(state), soci::use(note), soci::use(moderator_id), soci::use(now),
                         soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() == 1;
}

bool BoardStore::Withdraw(long long id) {
  auto st = db::ExecOnce(lease_.sql(),
                         "UPDATE board_posts SET state = 'withdrawn' WHERE programme_id = "
                         ":p AND id = :i AND state IN ('pending', 'published')",
                         soci::use(programme_.value), soci::use(id));
  return st.get_affected_rows() == 1;
}

void BoardStore::AddMessage(long long post_id, long long from, long long to,
                            const std::string& body, core::UnixSeconds now) {
  lease_.sql() << "INSERT INTO board_messages (post_id, from_account, to_account, body, "
                  "created_at) VALUES (:p, :f, :t, :b, :n)",
      soci::use(post_id), soci::use(from), soci::use(to), soci::use(body), soci::use(now);
}

std::vector<BoardMessage> BoardStore::Messages(long long post_id, long long party) {
  return db::Fetch<MessageRow>(
      lease_.sql(),
      std::string(kMessageSelect) +
          "WHERE m.post_id = :p AND (:x = 0 OR m.from_account = :x2 OR m.to_account = :x3) "
          "ORDER BY m.id",
      soci::use(post_id), soci::use(party), soci::use(party), soci::use(party));
}

std::vector<BoardMessage> BoardStore::MessagesOf(long long account_id) {
  return db::Fetch<MessageRow>(
      lease_.sql(),
      std::string(kMessageSelect) +
          "JOIN board_posts p ON p.id = m.post_id WHERE p.programme_id = :p AND "
          "(m.from_account = :a OR m.to_account = :a2) ORDER BY m.id",
      soci::use(programme_.value), soci::use(account_id), soci::use(account_id));
}

long long BoardStore::SentSince(long long account_id, core::UnixSeconds since) {
  long long count = 0;
  lease_.sql() << "SELECT COUNT(*) FROM board_messages m JOIN board_posts p ON p.id = m.post_id "
                  "WHERE p.programme_id = :p AND m.from_account = :a AND m.created_at >= :s",
      soci::use(programme_.value), soci::use(account_id), soci::use(since), soci::into(count);
  return count;
}

bool BoardStore::WroteAbout(long long post_id, long long account_id) {
  long long count = 0;
  lease_.sql() << "SELECT COUNT(*) FROM board_messages WHERE post_id = :p AND from_account = :a",
      soci::use(post_id), soci::use(account_id), soci::into(count);
  return count > 0;
}

std::optional<Correspondent> BoardStore::FindCorrespondent(long long account_id) {
  Correspondent c;
  lease_.sql() << "SELECT id, display_name, email, language FROM accounts WHERE id = :a",
      soci::use(account_id), soci::into(c.id), soci::into(c.name), soci::into(c.email),
      soci::into(c.language);
  if (!lease_.sql().got_data()) return std::nullopt;
  return c;
}

}  // namespace sohosolo::community

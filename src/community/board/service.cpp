#include "community/board/service.hpp"

#include <algorithm>

#include "community/board/store.hpp"
#include "community/events/model.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "outbox/service.hpp"

namespace sohosolo::community {

namespace {

using core::OneOf;

using core::ErrorCode;
using core::FieldError;

const std::string& T(const std::string& lang, const std::string& key) {
  return core::Catalogue::Get().Translate(lang == "en" ? "en" : "fr", key);
}

/// The end of local day `text` (YYYY-MM-DD) in the programme's zone, or 0.
core::UnixSeconds EndOfDay(const std::string& text) {
  const auto parsed = text.size() == 10 ? core::ParseRfc3339(text + "T00:00:00Z") : std::nullopt;
  if (!parsed || parsed->utc < 0) return 0;
  return core::FromLocal(parsed->utc / 86400 + 1, 0, kClubZone);
}

bool Visible(const Post& post, const BoardViewer& viewer, core::UnixSeconds now) {
  if (viewer.staff || post.author_id == viewer.account_id) return true;
  return post.state == "published" && post.expires_at > now;
}

void TellAuthor(db::Lease& lease, core::ProgrammeId p, const Correspondent& to, const Post& post,
                const std::string& kind, const std::string& extra) {
  auto body = T(to.language, "mail.board_" + kind + ".body") + "\n\n" + post.title + "\n";
  if (!extra.empty()) body += "\n" + extra + "\n";
  outbox::Queue(
      lease, p,
      {to.email, T(to.language, "mail.board_" + kind + ".subject"), body, "board_" + kind});
}

}  // namespace

core::Result<Post> Board::Create(core::ProgrammeId p, const BoardViewer& author,
                                 const PostInput& in) {
  std::vector<FieldError> errors;
  Post post;
  post.author_id = author.account_id;
  post.kind = in.kind;
  if (!OneOf(post.kind, kPostKinds)) errors.push_back({"kind", "error.board.kind"});
  post.category = in.category;
  if (!OneOf(post.category, kPostCategories))
    errors.push_back({"category", "error.board.category"});
  post.title = std::string(core::Trim(in.title));
  if (post.title.empty() || core::Utf8Length(post.title) > kMaxPostTitleChars ||
      core::HasControlCharacters(post.title, core::Lines::kOne))
    errors.push_back({"title", "error.board.title"});
  post.body = std::string(core::Trim(in.body));
  if (post.body.empty() || core::Utf8Length(post.body) > kMaxPostBodyChars ||
      core::HasControlCharacters(post.body, core::Lines::kMany))
    errors.push_back({"body", "error.board.body"});
  const auto now = core::Now();
  post.expires_at =
      in.expires_on.empty() ? now + kDefaultPostDays * 86400LL : EndOfDay(in.expires_on);
  if (post.expires_at <= now || post.expires_at > now + (kMaxPostDays + 1) * 86400LL)
    errors.push_back({"expires_on", "error.board.expires_on"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  post.state = author.staff ? "published" : "pending";
  post.demo = in.demo;
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  BoardStore store(lease, p);
  const auto id = store.Insert(post, now);
  auto created = *store.Find(id);
  tx.Commit();
  return created;
}

std::vector<Post> Board::Published(core::ProgrammeId p, const std::string& kind,
                                   const std::string& category) {
  auto lease = pool_.Acquire();
  return BoardStore(lease, p).Published(core::Now(), OneOf(kind, kPostKinds) ? kind : "",
                                        OneOf(category, kPostCategories) ? category : "", 200);
}

std::vector<Post> Board::Pending(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  return BoardStore(lease, p).Pending(200);
}

std::vector<Post> Board::Mine(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  return BoardStore(lease, p).ByAuthor(account_id, 200);
}

std::vector<BoardMessage> Board::MessagesOf(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  return BoardStore(lease, p).MessagesOf(account_id);
}

core::Result<PostPage> Board::Find(core::ProgrammeId p, long long id, const BoardViewer& viewer) {
  auto lease = pool_.Acquire();
  BoardStore store(lease, p);
  auto post = store.Find(id);
  if (!post || !Visible(*post, viewer, core::Now())) return core::NotFound();
  // The author reads every exchange about the post; anyone else, staff included, their own.
  const auto party = post->author_id == viewer.account_id ? 0 : viewer.account_id;
  return PostPage{*post, store.Messages(id, party)};
}

core::Result<Post> Board::Moderate(core::ProgrammeId p, long long id, const BoardViewer& moderator,
                                   bool publish, const std::string& note) {
  const auto reason = std::string(core::Trim(note));
  if (core::Utf8Length(reason) > 500 || core::HasControlCharacters(reason, core::Lines::kMany))
    return core::Invalid({{"note", "error.board.note"}});
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  BoardStore store(lease, p);
  const auto post = store.Find(id);
  if (!post) return core::NotFound();
  if (!store.Moderate(id, publish ? "published" : "rejected", reason, moderator.account_id,
                      core::Now()))
    return core::Error::Of(ErrorCode::kConflict, "error.board.not_pending");
  if (const auto author = store.FindCorrespondent(post->author_id))
    TellAuthor(lease, p, *author, *post, publish ? "published" : "rejected", reason);
  auto after = *store.Find(id);
  tx.Commit();
  return after;
}

core::Status Board::Withdraw(core::ProgrammeId p, long long id, const BoardViewer& viewer) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  BoardStore store(lease, p);
  const auto post = store.Find(id);
  if (!post || !Visible(*post, viewer, core::Now())) return core::NotFound();
  if (post->author_id != viewer.account_id && !viewer.staff) return core::Forbidden();
  if (!store.Withdraw(id)) return core::Error::Of(ErrorCode::kConflict, "error.board.closed");
  tx.Commit();
  return core::Ok();
}

core::Result<BoardMessage> Board::Write(core::ProgrammeId p, long long id, const BoardViewer& from,
                                        long long to, const std::string& body,
                                        const std::string& base_url) {
  const auto text = std::string(core::Trim(body));
  if (text.empty() || core::Utf8Length(text) > kMaxMessageChars ||
      core::HasControlCharacters(text, core::Lines::kMany))
    return core::Invalid({{"body", "error.board.message"}});
  const auto now = core::Now();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  BoardStore store(lease, p);
  const auto post = store.Find(id);
  if (!post || !Visible(*post, from, now)) return core::NotFound();
  if (post->state != "published" || post->expires_at <= now)
    return core::Error::Of(ErrorCode::kConflict, "error.board.closed");
  long long recipient = post->author_id;
  if (from.account_id == post->author_id) {
    // The author answers someone who wrote about the post, and nobody else.
    if (to == 0 || !store.WroteAbout(id, to)) return core::Invalid({{"to", "error.board.to"}});
    recipient = to;
  }
  if (store.SentSince(from.account_id, now - 3600) >= kMessagesPerHour)
    return core::Error::Of(ErrorCode::kRateLimited, "error.board.too_many");
  store.AddMessage(id, from.account_id, recipient, text, now);
  const auto sender = store.FindCorrespondent(from.account_id);
  const auto target = store.FindCorrespondent(recipient);
  if (sender && target) {
    const auto& lang = target->language;
    outbox::Queue(lease, p,
                  {target->email, T(lang, "mail.board_message.subject") + " " + post->title,
                   sender->name + " " + T(lang, "mail.board_message.body") + "\n\n" + text +
                       "\n\n" + T(lang, "mail.board_message.answer") + " " + base_url + "/board/" +
                       std::to_string(id) + "\n",
                   "board_message"});
  }
  auto messages = store.Messages(id, from.account_id);
  tx.Commit();
  return messages.back();
}

}  // namespace sohosolo::community

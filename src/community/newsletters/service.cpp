#include "community/newsletters/service.hpp"

#include <algorithm>
#include <cstring>
#include <kainjow/mustache.hpp>
#include <map>
#include <set>

#include "community/newsletters/markdown.hpp"
#include "community/newsletters/store.hpp"
#include "community/profiles/model.hpp"
#include "core/crypto.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "outbox/service.hpp"

namespace sohosolo::community {

namespace {

using core::OneOf;

using core::ErrorCode;
using core::FieldError;

/// Where each recipient's own unsubscribe address goes in a composed mail.
constexpr const char* kUnsubscribeMark = "@@unsubscribe@@";
/// A new confirmation link for a pending subscription is mailed at most this often.
constexpr core::UnixSeconds kConfirmResendSeconds = 15 * 60;

// The HTML mail: the rendered Markdown in a plain, narrow page that mail clients show alike.
constexpr const char* kMailTemplate =
    "<!DOCTYPE html>\n<html lang=\"{{lang}}\"><head><meta charset=\"utf-8\"><meta "
    "name=\"viewport\" content=\"width=device-width\"><title>{{subject}}</title></head>\n"
    "<body style=\"margin:0;padding:16px;background:#f6f4ef;font-family:Georgia,serif;"
    "color:#222\"><div style=\"max-width:640px;margin:auto;background:#fff;padding:24px\">\n"
    "<p style=\"font-size:13px;color:#666\">{{programme}}{{#test}} · {{test}}{{/test}}</p>\n"
    "{{{content}}}\n<hr style=\"border:0;border-top:1px solid #ddd\">\n"
    "<p style=\"font-size:13px;color:#666\">{{footer}} <a href=\"{{archive}}\">{{archive_label}}"
    "</a> · <a href=\"{{unsubscribe}}\">{{unsubscribe_label}}</a></p>\n</div></body></html>\n";

const std::string& T(const std::string& lang, const std::string& key) {
  return core::Catalogue::Get().Translate(lang, key);
}

}  // namespace

std::string NewsletterKey(const std::string& email) { return core::AsciiLower(core::Trim(email)); }

std::string MaskAddress(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0) return "***";
  return email.substr(0, 1) + "***" + email.substr(at);
}

core::Result<Newsletter> Letters::Check(core::ProgrammeId p, const NewsletterInput& in) {
  std::vector<FieldError> errors;
  Newsletter n;
  n.subject = std::string(core::Trim(in.subject));
  if (n.subject.empty() || core::Utf8Length(n.subject) > kMaxSubjectChars ||
      core::HasControlCharacters(n.subject, core::Lines::kOne))
    errors.push_back({"subject", "error.newsletter.subject"});
  n.markdown = in.markdown;
  if (core::Trim(n.markdown).empty() || n.markdown.size() > kMaxMarkdownBytes ||
      core::HasControlCharacters(n.markdown, core::Lines::kMany))
    errors.push_back({"markdown", "error.newsletter.markdown"});
  n.segment_kind = in.segment_kind;
  n.segment_value = std::string(core::Trim(in.segment_value));
  const auto& kind = n.segment_kind;
  const auto& value = n.segment_value;
  bool value_ok = true;
  if (!OneOf(kind, kSegments)) {
    errors.push_back({"segment_kind", "error.newsletter.segment_kind"});
  } else if (kind == "village") {
    value_ok = core::IsCommuneCode(value);
  } else if (kind == "status") {
    value_ok = OneOf(value, kStatuses);
  } else if (kind == "skill") {
    value_ok = !core::FoldForSearch(value).empty() && value.size() <= 100 &&
               !core::HasControlCharacters(value, core::Lines::kOne);
  } else if (kind == "event") {
    const bool digits =
        !value.empty() && value.size() <= 18 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    value_ok = digits && club_.Find(p, std::stoll(value), 0).ok();
  } else {
    n.segment_value.clear();  // members, subscribers: no value
  }
  if (!value_ok) errors.push_back({"segment_value", "error.newsletter.segment_" + kind});
  n.is_public = in.is_public;
  n.demo = in.demo;
  if (!errors.empty()) return core::Invalid(std::move(errors));
  return n;
}

core::Result<Newsletter> Letters::Create(core::ProgrammeId p, long long author_id,
                                         const NewsletterInput& input) {
  auto n = Check(p, input);
  if (!n) return n.error();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  NewsletterStore store(lease, p);
  const auto id = store.Insert(*n, author_id, core::Now());
  auto created = *store.Find(id);
  tx.Commit();
  return created;
}

core::Result<Newsletter> Letters::Update(core::ProgrammeId p, long long id,
                                         const NewsletterInput& input) {
  auto n = Check(p, input);
  if (!n) return n.error();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  NewsletterStore store(lease, p);
  const auto found = store.Find(id);
  if (!found) return core::NotFound();
  if (found->state == "sent")
    return core::Error::Of(ErrorCode::kConflict, "error.newsletter.already_sent");
  n->id = id;
  store.Update(*n, core::Now());
  auto after = *store.Find(id);
  tx.Commit();
  return after;
}

core::Result<Newsletter> Letters::Find(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  auto found = NewsletterStore(lease, p).Find(id);
  if (!found) return core::NotFound();
  return *found;
}

std::vector<Newsletter> Letters::Archive(core::ProgrammeId p, bool member, bool staff) {
  auto lease = pool_.Acquire();
  return NewsletterStore(lease, p).List(!member && !staff, staff, 200);
}

core::Result<Progress> Letters::ProgressOf(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  const auto n = NewsletterStore(lease, p).Find(id);
  if (!n) return core::NotFound();
  const auto batch = outbox::Progress(lease, p, n->Batch());
  return Progress{n->recipients, batch.sent, batch.failed, batch.left};
}

NewsletterMail Letters::Compose(const Newsletter& n, const std::string& lang,
                                const std::string& unsubscribe_url,
                                const std::string& base_url) const {
  const auto archive = base_url + "/newsletters/" + std::to_string(n.id);
  NewsletterMail out;
  out.text = n.markdown + "\n\n-- \n" + T(lang, "newsletter.mail_footer") + "\n" +
             T(lang, "newsletter.mail_archive") + " " + archive + "\n" +
             T(lang, "newsletter.mail_unsubscribe") + " " + unsubscribe_url + "\n";
  kainjow::mustache::mustache page{kMailTemplate};
  kainjow::mustache::data data;
  data.set("lang", lang);
  data.set("subject", n.subject);
  data.set("programme", T(lang, "newsletter.mail_from_programme"));
  data.set("content", MarkdownToHtml(n.markdown));
  data.set("footer", T(lang, "newsletter.mail_footer"));
  data.set("archive", archive);
  data.set("archive_label", T(lang, "newsletter.mail_archive_link"));
  data.set("unsubscribe", unsubscribe_url);
  data.set("unsubscribe_label", T(lang, "newsletter.mail_unsubscribe_link"));
  out.html = page.render(data);
  return out;
}

core::Status Letters::TestSend(core::ProgrammeId p, long long id, const std::string& email,
                               const std::string& lang, const std::string& base_url) {
  auto n = Find(p, id);
  if (!n) return n.error();
  // A test carries no working unsubscribe link: it points at the archive page instead.
  const auto mail = Compose(*n, lang, base_url + "/newsletters", base_url);
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  outbox::Queue(lease, p,
                {email, "[" + T(lang, "newsletter.test_mark") + "] " + n->subject, mail.text,
                 "newsletter_test"},
                {mail.html, "", ""});
  tx.Commit();
  return core::Ok();
}

core::Result<Newsletter> Letters::Send(core::ProgrammeId p, long long id,
                                       const std::string& base_url) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  NewsletterStore store(lease, p);
  const auto n = store.Find(id);
  if (!n) return core::NotFound();
  const auto now = core::Now();
  // Claimed first: a second sender (another process, a double click) finds it sent already.
  if (!store.MarkSent(id, now))
    return core::Error::Of(ErrorCode::kConflict, "error.newsletter.already_sent");
  const auto opted_out = store.OptedOut();
  std::set<std::string> seen;
  std::map<std::string, NewsletterMail> by_language;  // composed once per language
  long long count = 0;
  // Hundreds of rows per statement: one round trip each, not one per recipient.
  outbox::QueueMany mails(lease, p);
  db::BulkInsert recipients(lease, "newsletter_recipients",
                            {"newsletter_id", "email_key", "unsubscribe_hash"});
  for (const auto& r : store.Segment(n->segment_kind, n->segment_value)) {
    if (r.key.empty() || opted_out.contains(r.key) || !seen.insert(r.key).second) continue;
    const auto lang = r.language == "en" ? std::string("en") : std::string("fr");
    auto composed = by_language.find(lang);
    if (composed == by_language.end())
      composed = by_language.emplace(lang, Compose(*n, lang, kUnsubscribeMark, base_url)).first;
    const auto token = core::RandomToken(18);
    recipients.Int(id).Text(r.key).Text(core::HashToken(token));
    recipients.EndRow();
    const auto url = base_url + "/newsletter/unsubscribe/" + token;
    auto text = composed->second.text;
    auto html = composed->second.html;
    text.replace(text.rfind(kUnsubscribeMark), std::strlen(kUnsubscribeMark), url);
    html.replace(html.rfind(kUnsubscribeMark), std::strlen(kUnsubscribeMark), url);
    mails.Add({r.email, n->subject, std::move(text), "newsletter"},
              {std::move(html), url, n->Batch()});
    ++count;
  }
  recipients.Flush();
  mails.Flush();
  store.SetRecipients(id, count);
  auto after = *store.Find(id);
  tx.Commit();
  return after;
}

core::Result<Newsletter> Letters::Schedule(core::ProgrammeId p, long long id,
                                           core::UnixSeconds at) {
  const auto now = core::Now();
  if (at <= now || at > now + kMaxScheduleSeconds)
    return core::Invalid({{"at", "error.newsletter.at"}});
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  NewsletterStore store(lease, p);
  if (!store.Find(id)) return core::NotFound();
  if (!store.Schedule(id, at))
    return core::Error::Of(ErrorCode::kConflict, "error.newsletter.already_sent");
  auto after = *store.Find(id);
  tx.Commit();
  return after;
}

core::Result<long long> Letters::RetryFailed(core::ProgrammeId p, long long id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto n = NewsletterStore(lease, p).Find(id);
  if (!n) return core::NotFound();
  const auto count = outbox::RequeueBatch(lease, p, n->Batch());
  tx.Commit();
  return count;
}

int Letters::SendDue(core::UnixSeconds now, const PublicUrl& public_url) {
  std::vector<std::pair<long long, long long>> due;
  {
    auto lease = pool_.Acquire();
    due = NewsletterStore::Due(lease, now);
  }
  int sent = 0;
  for (const auto& [programme, id] : due) {
    const core::ProgrammeId p(programme);
    const auto base = public_url(p);
    if (base.empty()) continue;  // no address for the links: it waits (docs/community.md)
    if (Send(p, id, base)) ++sent;
  }
  return sent;
}

core::Status Letters::Subscribe(core::ProgrammeId p, const std::string& email,
                                const std::string& lang, const std::string& base_url) {
  const auto address = std::string(core::Trim(email));
  if (!outbox::IsDeliverableAddress(address))
    return core::Invalid({{"email", "error.newsletter.email"}});
  const auto key = NewsletterKey(address);
  const auto now = core::Now();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  NewsletterStore store(lease, p);
  const auto found = store.FindSubscriber(key);
  if (found && found->state == "confirmed") {
    store.OptIn(key);  // subscribing again after unsubscribing: they asked for it
    tx.Commit();
    return core::Ok();
  }
  // A pending address gets a new link, but not more often than every quarter of an hour: the
  // form cannot be used to flood someone's mailbox.
  if (found && found->confirm_expires_at - kConfirmSeconds + kConfirmResendSeconds > now)
    return core::Ok();
  const auto token = core::RandomToken(24);
  const auto language = lang == "en" ? std::string("en") : std::string("fr");
  store.PutPending(address, key, core::HashToken(token), now + kConfirmSeconds, language, now);
  outbox::Queue(lease, p,
                {address, T(language, "mail.newsletter_confirm.subject"),
                 T(language, "mail.newsletter_confirm.body") + "\n\n" + base_url +
                     "/newsletter/confirm/" + token + "\n",
                 "newsletter_confirm"});
  tx.Commit();
  return core::Ok();
}

core::Status Letters::Confirm(core::ProgrammeId p, const std::string& token) {
  if (token.empty() || token.size() > 100) return core::NotFound();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto now = core::Now();
  const auto found = NewsletterStore::PendingByHash(lease, core::HashToken(token), now);
  if (!found || found->first != p.value) return core::NotFound();
  NewsletterStore store(lease, p);
  store.Confirm(found->second, now);
  store.OptIn(found->second);
  tx.Commit();
  return core::Ok();
}

core::Result<std::string> Letters::UnsubscribeAddress(core::ProgrammeId p,
                                                      const std::string& token) {
  if (token.empty() || token.size() > 100) return core::NotFound();
  auto lease = pool_.Acquire();
  const auto found = NewsletterStore::ByUnsubscribeHash(lease, core::HashToken(token));
  if (!found || found->first != p.value) return core::NotFound();
  return MaskAddress(found->second);
}

core::Status Letters::Unsubscribe(core::ProgrammeId p, const std::string& token) {
  if (token.empty() || token.size() > 100) return core::NotFound();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  const auto found = NewsletterStore::ByUnsubscribeHash(lease, core::HashToken(token));
  if (!found || found->first != p.value) return core::NotFound();
  NewsletterStore(lease, p).OptOut(found->second, core::Now());
  tx.Commit();
  return core::Ok();
}

bool Letters::Receives(core::ProgrammeId p, const std::string& email) {
  auto lease = pool_.Acquire();
  return !NewsletterStore(lease, p).IsOptedOut(NewsletterKey(email));
}

void Letters::SetReceives(core::ProgrammeId p, const std::string& email, bool receives) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  NewsletterStore store(lease, p);
  if (receives)
    store.OptIn(NewsletterKey(email));
  else
    store.OptOut(NewsletterKey(email), core::Now());
  tx.Commit();
}

}  // namespace sohosolo::community

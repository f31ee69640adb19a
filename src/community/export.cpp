#include "community/export.hpp"

#include "core/crypto.hpp"

namespace sohosolo::community {

namespace {

std::string Instant(core::UnixSeconds t) { return core::FormatRfc3339Utc(t); }

boost::json::object ProfileJson(const Profile& p) {
  boost::json::array skills;
  for (const auto& s : p.skills) skills.emplace_back(s);
  boost::json::object shown;
  for (const char* field : kProfileFields) shown[field] = p.ShownTo(field);
  return {{"listed", p.listed},
          {"status", p.status},
          {"sector", p.sector},
          {"skills", skills},
          {"village_code", p.village_code},
          {"presentation", p.presentation},
          {"website", p.website},
          {"languages", p.languages},
          {"arrival_month", p.arrival_month},
          {"household", p.household},
          {"shown", shown}};
}

}  // namespace

void AddExport(const Modules& m, core::ProgrammeId p, long long account_id,
               boost::json::object& out) {
  const auto* account = out.if_contains("account");
  const std::string name =
      account && account->is_object() && account->as_object().contains("display_name")
          ? std::string(account->at("display_name").as_string())
          : "";
  const std::string email =
      account && account->is_object() && account->as_object().contains("email")
          ? std::string(account->at("email").as_string())
          : "";
  auto profile = ProfileJson(m.directory.Mine(p, account_id, name));
  // The photo itself, not an address: an export is read without the site.
  if (auto photo = m.directory.Photo(p, account_id, Viewer::kMember, account_id))
    profile["photo"] = {{"content_type", photo->content_type},
                        {"base64", core::ToBase64(photo->bytes)}};
  out["profile"] = std::move(profile);
  boost::json::array seats;
  for (const auto& [event, registration] : m.club.SeatsOf(p, account_id)) {
    boost::json::object item{{"event_id", event.id},
                             {"title", event.title},
                             {"start", Instant(event.start)},
                             {"status", StateName(registration.seat)},
                             {"since", Instant(registration.queued_at)}};
    item["attended"] = registration.attended ? boost::json::value(*registration.attended) : nullptr;
    seats.push_back(item);
  }
  out["club_registrations"] = seats;
  boost::json::array posts;
  for (const auto& post : m.board.Mine(p, account_id))
    posts.push_back({{"id", post.id},
                     {"kind", post.kind},
                     {"category", post.category},
                     {"title", post.title},
                     {"body", post.body},
                     {"state", post.state},
                     {"expires_at", Instant(post.expires_at)},
                     {"created_at", Instant(post.created_at)}});
  out["board_posts"] = posts;
  boost::json::array messages;
  for (const auto& msg : m.board.MessagesOf(p, account_id))
    messages.push_back({{"post_id", msg.post_id},
                        {"from", msg.from_name},
                        {"to", msg.to_name},
                        {"body", msg.body},
                        {"sent_at", Instant(msg.created_at)}});
  out["board_messages"] = messages;
  out["newsletters"] = {{"receives", email.empty() || m.letters.Receives(p, email)}};
}

}  // namespace sohosolo::community

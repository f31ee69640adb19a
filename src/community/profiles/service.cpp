#include "community/profiles/service.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cstring>

#include "community/profiles/store.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"

namespace sohosolo::community {

namespace {

using core::OneOf;

using core::FieldError;

bool IsSector(const std::string& s) {
  return s.size() == 1 && std::strchr(kSectors, s[0]) != nullptr;
}

bool IsWebsite(const std::string& s) {
  if (s.size() > kMaxWebsiteChars || core::HasControlCharacters(s, core::Lines::kOne)) return false;
  const auto url = boost::urls::parse_absolute_uri(s);
  return url && (url->scheme() == "https" || url->scheme() == "http") && !url->host().empty() &&
         !url->has_userinfo();
}

/// Skills as a member typed them: split at commas and line breaks, trimmed, duplicates (by
/// their folded form) dropped.
std::vector<std::string> SplitSkills(const std::string& text, std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  std::vector<std::string> seen;
  std::string normal = text;
  std::replace(normal.begin(), normal.end(), '\n', ',');
  for (auto part : core::Split(normal, ',')) {
    const std::string skill(core::Trim(part));
    if (skill.empty()) continue;
    const auto folded = core::FoldForSearch(skill);
    if (core::Utf8Length(skill) > kMaxSkillChars || folded.empty() ||
        core::HasControlCharacters(skill, core::Lines::kOne)) {
      errors.push_back({"skills", "error.profile.skill"});
      return {};
    }
    if (std::find(seen.begin(), seen.end(), folded) != seen.end()) continue;
    seen.push_back(folded);
    out.push_back(skill);
  }
  if (out.size() > kMaxSkills) errors.push_back({"skills", "error.profile.skills_count"});
  return out;
}

void CheckText(const std::string& value, const char* field, std::size_t max, core::Lines lines,
               std::vector<FieldError>& errors) {
  if (core::Utf8Length(value) > max || core::HasControlCharacters(value, lines))
    errors.push_back({field, std::string("error.profile.") + field});
}

std::string Words(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts)
    for (const auto& w : core::FoldedWords(part)) out += (out.empty() ? "" : " ") + w;
  return out;
}

/// One filter token per value a field holds ("sectorj", "skillcomptabilite", "village32147").
std::vector<std::pair<const char*, std::string>> Facets(const Profile& p) {
  std::vector<std::pair<const char*, std::string>> out;
  if (!p.status.empty()) out.emplace_back("status", "status" + p.status);
  if (!p.sector.empty()) out.emplace_back("sector", "sector" + core::AsciiLower(p.sector));
  for (const auto& s : p.skills) out.emplace_back("skills", "skill" + core::FoldForSearch(s));
  if (!p.village_code.empty())
    out.emplace_back("village", "village" + core::AsciiLower(p.village_code));
  return out;
}

/// The folded texts the directory searches: the name, then each field in the audience's text.
SearchTexts TextsOf(const Profile& p) {
  SearchTexts t;
  t.name_key = core::FoldForSearch(p.display_name);
  std::vector<std::string> members{p.display_name};
  std::vector<std::string> staff{p.display_name};
  std::string skills;
  for (const auto& s : p.skills) skills += s + " ";
  const std::pair<const char*, std::string> fields[] = {{"skills", skills},
                                                        {"presentation", p.presentation},
                                                        {"languages", p.languages},
                                                        {"website", p.website}};
  for (const auto& [field, text] : fields) {
    staff.push_back(text);
    if (p.Shows(field, Viewer::kMember)) members.push_back(text);
  }
  t.members = Words(members);
  t.staff = Words(staff);
  for (const auto& [field, token] : Facets(p)) {
    t.facets_staff += (t.facets_staff.empty() ? "" : " ") + token;
    if (p.Shows(field, Viewer::kMember))
      t.facets_members += (t.facets_members.empty() ? "" : " ") + token;
  }
  return t;
}

/// "YYYY-MM" from 1900-01 to 2199-12.
bool IsMonth(const std::string& s) {
  if (s.size() != 7 || s[4] != '-') return false;
  for (const auto i : {0, 1, 2, 3, 5, 6})
    if (s[i] < '0' || s[i] > '9') return false;
  const int year = std::stoi(s.substr(0, 4));
  const int month = std::stoi(s.substr(5, 2));
  return year >= 1900 && year < 2200 && month >= 1 && month <= 12;
}

std::optional<DirectoryAfter> ParseCursor(const std::string& cursor) {
  // "<name_key>~<id>": name keys are folded letters and digits.
  const auto tilde = cursor.rfind('~');
  if (tilde == std::string::npos || cursor.size() > 300) return std::nullopt;
  const auto key = cursor.substr(0, tilde);
  const auto id = cursor.substr(tilde + 1);
  if (core::FoldForSearch(key) != key || id.empty() || id.size() > 18 ||
      !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return DirectoryAfter{key, std::stoll(id)};
}

}  // namespace

const std::string& Profile::ShownTo(const std::string& field) const {
  static const std::string kMembers = "members";
  const auto it = shown.find(field);
  return it == shown.end() ? kMembers : it->second;
}

bool Profile::Shows(const std::string& field, Viewer viewer) const {
  const auto& audience = ShownTo(field);
  switch (viewer) {
    case Viewer::kStaff:
      return true;
    case Viewer::kMember:
      return audience != "advisors";
    case Viewer::kPublic:
      return audience == "public";
  }
  return false;
}

Profile Profile::SeenBy(Viewer viewer) const {
  if (viewer == Viewer::kStaff) return *this;
  Profile out = *this;
  const auto hidden = [&](const char* field) { return !Shows(field, viewer); };
  if (hidden("status")) out.status.clear();
  if (hidden("sector")) out.sector.clear();
  if (hidden("skills")) out.skills.clear();
  if (hidden("village")) {
    out.village_code.clear();
    out.village_name.clear();
  }
  if (hidden("presentation")) out.presentation.clear();
  if (hidden("website")) out.website.clear();
  if (hidden("languages")) out.languages.clear();
  if (hidden("arrival")) out.arrival_month.clear();
  if (hidden("photo")) out.photo_updated_at = 0;
  out.household.clear();  // the advisors' only
  out.shown.clear();      // whom the member shows what to is theirs to know
  return out;
}

core::Result<Profile> CheckProfile(const ProfileInput& in) {
  std::vector<FieldError> errors;
  Profile p;
  p.listed = in.listed;
  p.status = std::string(core::Trim(in.status));
  if (!p.status.empty() && !OneOf(p.status, kStatuses))
    errors.push_back({"status", "error.profile.status"});
  p.sector = std::string(core::Trim(in.sector));
  if (!p.sector.empty() && !IsSector(p.sector))
    errors.push_back({"sector", "error.profile.sector"});
  p.skills = SplitSkills(in.skills, errors);
  p.village_code = std::string(core::Trim(in.village_code));
  if (!p.village_code.empty() && !core::IsCommuneCode(p.village_code))
    errors.push_back({"village", "error.profile.village"});
  p.presentation = std::string(core::Trim(in.presentation));
  CheckText(p.presentation, "presentation", kMaxPresentationChars, core::Lines::kMany, errors);
  p.website = std::string(core::Trim(in.website));
  if (!p.website.empty() && !IsWebsite(p.website))
    errors.push_back({"website", "error.profile.website"});
  p.languages = std::string(core::Trim(in.languages));
  CheckText(p.languages, "languages", kMaxLanguagesChars, core::Lines::kOne, errors);
  p.arrival_month = std::string(core::Trim(in.arrival_month));
  if (!p.arrival_month.empty() && !IsMonth(p.arrival_month))
    errors.push_back({"arrival", "error.profile.arrival"});
  p.household = std::string(core::Trim(in.household));
  CheckText(p.household, "household", kMaxHouseholdChars, core::Lines::kMany, errors);
  for (const auto& [field, audience] : in.shown) {
    if (!OneOf(field, kProfileFields) || !OneOf(audience, kAudiences)) {
      errors.push_back({"shown", "error.profile.shown"});
      break;
    }
    p.shown[field] = audience;
  }
  if (!errors.empty()) return core::Invalid(std::move(errors));
  return p;
}

Profile Directory::Mine(core::ProgrammeId p, long long account_id,
                        const std::string& display_name) {
  auto lease = pool_.Acquire();
  if (auto found = ProfileStore(lease, p).Find(account_id)) return *found;
  Profile empty;
  empty.account_id = account_id;
  empty.display_name = display_name;
  return empty;
}

core::Result<Profile> Directory::Save(core::ProgrammeId p, long long account_id,
                                      const std::string& display_name, const ProfileInput& input) {
  auto profile = CheckProfile(input);
  if (!profile) return profile.error();
  profile->account_id = account_id;
  profile->display_name = display_name;
  profile->updated_at = core::Now();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  ProfileStore store(lease, p);
  store.Save(*profile, TextsOf(*profile), profile->updated_at);
  auto saved = store.Find(account_id);  // with what is kept beside it: photo, commune's name
  tx.Commit();
  return *saved;
}

core::Result<DirectoryPage> Directory::Search(core::ProgrammeId p, bool staff,
                                              const DirectoryQuery& q) {
  std::vector<FieldError> errors;
  StoreQuery sq;
  sq.words = core::FoldedWords(q.text);
  if (sq.words.size() > 8 || q.text.size() > 200) errors.push_back({"q", "error.directory.q"});
  for (auto& w : sq.words) w.resize(std::min<std::size_t>(w.size(), 40));
  const auto skill = core::FoldForSearch(q.skill);
  if (q.skill.size() > 100 || (!q.skill.empty() && skill.empty()))
    errors.push_back({"skill", "error.profile.skill"});
  else if (!skill.empty())
    sq.facets.push_back("skill" + skill);
  if (!q.sector.empty() && !IsSector(q.sector))
    errors.push_back({"sector", "error.profile.sector"});
  else if (!q.sector.empty())
    sq.facets.push_back("sector" + core::AsciiLower(q.sector));
  if (!q.status.empty() && !OneOf(q.status, kStatuses))
    errors.push_back({"status", "error.profile.status"});
  else if (!q.status.empty())
    sq.facets.push_back("status" + q.status);
  if (!q.village_code.empty() && !core::IsCommuneCode(q.village_code))
    errors.push_back({"village", "error.profile.village"});
  else if (!q.village_code.empty())
    sq.facets.push_back("village" + core::AsciiLower(q.village_code));
  if (!q.cursor.empty()) {
    sq.after = ParseCursor(q.cursor);
    if (!sq.after) errors.push_back({"cursor", "error.directory.cursor"});
  }
  if (q.limit < 1 || q.limit > 100) errors.push_back({"limit", "error.directory.limit"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  sq.limit = q.limit + 1;  // one more tells whether there is a next page
  auto lease = pool_.Acquire();
  auto rows = ProfileStore(lease, p).Search(sq, staff);
  DirectoryPage page;
  const bool more = rows.size() > static_cast<std::size_t>(q.limit);
  if (more) rows.resize(static_cast<std::size_t>(q.limit));
  for (const auto& r : rows)
    page.items.push_back(r.profile.SeenBy(staff ? Viewer::kStaff : Viewer::kMember));
  if (more)
    page.next_cursor =
        rows.back().position.name_key + "~" + std::to_string(rows.back().position.id);
  return page;
}

void Directory::Rename(long long account_id, const std::string& display_name) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  for (const auto p : ProfileStore::ProgrammesOf(lease, account_id)) {
    ProfileStore store(lease, p);
    auto profile = store.Find(account_id);
    if (!profile) continue;
    profile->display_name = display_name;
    store.Save(*profile, TextsOf(*profile), core::Now());
  }
  tx.Commit();
}

core::Result<Profile> Directory::SetPhoto(core::ProgrammeId p, long long account_id,
                                          const std::string& display_name, const std::string& bytes,
                                          const std::string& declared_type) {
  if (bytes.empty()) return core::Invalid({{"photo", "error.profile.photo_missing"}});
  if (bytes.size() > kMaxProfilePhotoBytes) {
    return core::Error{core::ErrorCode::kTooLarge,
                       "error.profile.photo_too_large",
                       {{"photo", "error.profile.photo_too_large"}},
                       {}};
  }
  const auto type = core::ImageType(bytes);
  // The signature decides; a declared type that contradicts it is a mistake worth telling.
  if (type.empty() || (!declared_type.empty() && declared_type != type))
    return core::Invalid({{"photo", "error.profile.photo_type"}});
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  ProfileStore store(lease, p);
  auto profile = store.Find(account_id);
  if (!profile) {
    // A photo before anything else: an empty, unlisted profile holds it.
    profile = Profile{};
    profile->account_id = account_id;
    profile->display_name = display_name;
    store.Save(*profile, TextsOf(*profile), core::Now());
  }
  profile->photo_updated_at = core::Now();
  store.SavePhoto(account_id, type, bytes, profile->photo_updated_at);
  tx.Commit();
  return *profile;
}

core::Status Directory::DeletePhoto(core::ProgrammeId p, long long account_id) {
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  if (!ProfileStore(lease, p).DeletePhoto(account_id)) return core::NotFound();
  tx.Commit();
  return core::Ok();
}

core::Result<ProfilePhoto> Directory::Photo(core::ProgrammeId p, long long account_id,
                                            Viewer viewer, long long viewer_account) {
  auto lease = pool_.Acquire();
  ProfileStore store(lease, p);
  const auto profile = store.Find(account_id);
  // Whether the photo exists is not told to whom may not see it.
  const bool own = viewer_account == account_id;
  if (!profile ||
      (!own && viewer != Viewer::kStaff && (!profile->listed || !profile->Shows("photo", viewer))))
    return core::NotFound();
  auto photo = store.FindPhoto(account_id);
  if (!photo) return core::NotFound();
  return std::move(*photo);
}

std::vector<Profile> Directory::AtVillage(core::ProgrammeId p, const std::string& village_code) {
  auto lease = pool_.Acquire();
  std::vector<Profile> out;
  for (const auto& profile : ProfileStore(lease, p).AtVillage(village_code, kMaxVillageProfiles))
    out.push_back(profile.SeenBy(Viewer::kPublic));
  return out;
}

}  // namespace sohosolo::community

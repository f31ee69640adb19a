// The programme's list of skills by category, and the skills map.
#include <algorithm>

#include "community/profiles/service.hpp"
#include "community/profiles/store.hpp"
#include "core/text.hpp"

namespace sohosolo::community {

namespace {

using core::FieldError;

/// The programme's list of skills from its text form: one line per category, "Category: skill,
/// skill". Each faulty line is named as the field "lineN".
core::Result<std::vector<ProgrammeSkill>> ParseSkillList(const std::string& text) {
  std::vector<ProgrammeSkill> out;
  std::vector<std::string> seen;
  std::vector<FieldError> errors;
  int line_number = 0;
  for (auto raw : core::Split(text, '\n')) {
    ++line_number;
    const auto line = core::Trim(raw);
    if (line.empty()) continue;
    const auto colon = line.find(':');
    const std::string category(colon == std::string_view::npos ? ""
                                                               : core::Trim(line.substr(0, colon)));
    if (category.empty() || core::Utf8Length(category) > kMaxSkillChars ||
        core::HasControlCharacters(category, core::Lines::kOne)) {
      errors.push_back({"line" + std::to_string(line_number), "error.skills.category"});
      continue;
    }
    for (auto part : core::Split(line.substr(colon + 1), ',')) {
      const std::string label(core::Trim(part));
      if (label.empty()) continue;
      const auto folded = core::FoldForSearch(label);
      if (folded.empty() || core::Utf8Length(label) > kMaxSkillChars ||
          core::HasControlCharacters(label, core::Lines::kOne)) {
        errors.push_back({"line" + std::to_string(line_number), "error.skills.label"});
        break;
      }
      if (std::find(seen.begin(), seen.end(), folded) != seen.end()) {
        errors.push_back({"line" + std::to_string(line_number), "error.skills.twice"});
        break;
      }
      seen.push_back(folded);
      out.push_back({category, label});
    }
  }
  if (out.size() > kMaxProgrammeSkills) errors.push_back({"skills", "error.skills.count"});
  if (!errors.empty()) return core::Invalid(std::move(errors));
  return out;
}

}  // namespace

std::vector<ProgrammeSkill> Directory::Skills(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  return ProfileStore(lease, p).Skills();
}

std::string Directory::SkillsText(core::ProgrammeId p) {
  std::string out;
  std::string category;
  for (const auto& s : Skills(p)) {
    if (s.category != category || out.empty()) {
      out += (out.empty() ? "" : "\n") + s.category + " : " + s.label;
      category = s.category;
    } else {
      out += ", " + s.label;
    }
  }
  return out;
}

core::Status Directory::SetSkills(core::ProgrammeId p, const std::string& text) {
  auto skills = ParseSkillList(text);
  if (!skills) return skills.error();
  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  ProfileStore(lease, p).ReplaceSkills(*skills);
  tx.Commit();
  return core::Ok();
}

core::Result<std::vector<SkillsMapPoint>> Directory::SkillsMap(core::ProgrammeId p, bool staff,
                                                               const std::string& category) {
  auto lease = pool_.Acquire();
  ProfileStore store(lease, p);
  std::vector<std::string> tokens;
  if (!category.empty()) {
    for (const auto& s : store.Skills())
      if (s.category == category) tokens.push_back("skill" + core::FoldForSearch(s.label));
    if (tokens.empty()) return core::Invalid({{"category", "error.skills.no_category"}});
  }
  return store.SkillsMap(tokens, staff);
}

}  // namespace sohosolo::community

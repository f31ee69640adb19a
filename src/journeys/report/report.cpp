#include "journeys/report/report.hpp"

#include <algorithm>

#include "journeys/service.hpp"

namespace sohosolo::journeys {

namespace {

constexpr long long kYear = 365 * 86400 + 6 * 3600;  // a Julian year: leap days included

double Median(std::vector<double> v) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::vector<ReportRow> Rows(const std::map<std::string, ReportRow>& by_key) {
  std::vector<ReportRow> out;
  for (const auto& [key, row] : by_key) out.push_back(row);
  return out;
}

/// Each file's moves in time order.
std::map<long long, std::vector<StageMoveAt>> MovesByFile(const std::vector<StageMoveAt>& moves) {
  std::map<long long, std::vector<StageMoveAt>> per_file;
  for (const auto& m : moves) per_file[m.journey_id].push_back(m);
  for (auto& [id, list] : per_file)
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
  return per_file;
}

/// The funnel from first contact to settled; a file starts at first contact when it is created.
std::vector<FunnelStep> Funnel(const std::vector<Journey>& files,
                               std::map<long long, std::vector<StageMoveAt>>& per_file) {
  std::vector<FunnelStep> out;
  const int settled_index = StageIndex("settled");
  std::vector<long long> reached(static_cast<std::size_t>(settled_index + 1), 0);
  std::vector<std::vector<double>> days(static_cast<std::size_t>(settled_index + 1));
  for (const auto& j : files) {
    const auto& list = per_file[j.id];
    // The furthest stage of the path to settled this file reached (follow-ups count as settled).
    int furthest = 0;
    for (const auto& m : list) {
      const int i = StageIndex(m.to_stage);
      if (i >= 0 && m.to_stage != "abandoned")
        furthest = std::max(furthest, std::min(i, settled_index));
    }
    for (int i = 0; i <= furthest; ++i) ++reached[static_cast<std::size_t>(i)];
    // Time at each stage: from entering it to the next move.
    std::string stage = "first_contact";
    core::UnixSeconds since = j.created_at;
    for (const auto& m : list) {
      const int i = StageIndex(stage);
      if (i >= 0 && i < settled_index)
        days[static_cast<std::size_t>(i)].push_back(static_cast<double>(m.at - since) / 86400);
      stage = m.to_stage;
      since = m.at;
    }
  }
  for (int i = 0; i <= settled_index; ++i) {
    FunnelStep step;
    step.stage = kStages[static_cast<std::size_t>(i)];
    step.reached = reached[static_cast<std::size_t>(i)];
    const auto before = i == 0 ? step.reached : reached[static_cast<std::size_t>(i - 1)];
    step.conversion =
        before > 0 ? static_cast<double>(step.reached) / static_cast<double>(before) : 0;
    step.median_days = i < settled_index ? Median(days[static_cast<std::size_t>(i)]) : -1;
    out.push_back(step);
  }

  return out;
}

/// Households that first settled at least 1, 2 and 5 years ago, and those still settled.
std::vector<Retention> Retain(const std::vector<Journey>& files,
                              std::map<long long, std::vector<StageMoveAt>>& per_file,
                              core::UnixSeconds now) {
  std::vector<Retention> out;
  for (const int years_ago : {1, 2, 5}) {
    Retention ret;
    ret.years = years_ago;
    for (const auto& j : files) {
      core::UnixSeconds first = 0;
      for (const auto& m : per_file[j.id])
        if (m.to_stage == "settled") {
          first = m.at;
          break;
        }
      if (first == 0 || first > now - years_ago * kYear) continue;
      ++ret.settled_before;
      if (IsSettled(j.stage)) ++ret.still_here;
    }
    out.push_back(ret);
  }
  return out;
}

}  // namespace

Report BuildReport(const std::vector<Journey>& files, const std::vector<StageMoveAt>& moves,
                   const std::map<std::string, std::string>& village_names, core::UnixSeconds now) {
  Report r;
  std::vector<Journey> settled;
  for (const auto& j : files)
    if (IsSettled(j.stage)) settled.push_back(j);
  r.totals = CountSettled(settled);
  for (const auto& j : files)
    if (!IsSettled(j.stage) && j.stage != "abandoned") ++r.totals.files_open;
  r.totals.computed_at = now;

  std::map<std::string, ReportRow> villages, sectors, years;
  for (const auto& j : settled) {
    auto& v = villages[j.settled_village];
    v.key = j.settled_village;
    const auto name = village_names.find(j.settled_village);
    v.label = name == village_names.end() ? "" : name->second;
    ++v.households;
    v.residents += j.Residents();
    auto& s = sectors[j.sector];
    s.key = j.sector;
    ++s.households;
    s.residents += j.Residents();
    if (j.settled_at) {
      const auto year = core::FormatRfc3339Paris(*j.settled_at).substr(0, 4);
      auto& y = years[year];
      y.key = year;
      ++y.households;
      y.residents += j.Residents();
    }
  }
  r.by_village = Rows(villages);
  r.by_sector = Rows(sectors);
  r.arrivals_by_year = Rows(years);

  auto per_file = MovesByFile(moves);
  r.funnel = Funnel(files, per_file);
  r.retention = Retain(files, per_file, now);
  return r;
}

}  // namespace sohosolo::journeys

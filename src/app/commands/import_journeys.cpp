// `sohosolo import journeys FILE.csv`: a programme moving from its spreadsheets brings its
// households and their stages, all or nothing, each rejected row named with its line.
#include <iostream>

#include "app/app.hpp"
#include "app/commands/command_files.hpp"
#include "journeys/service.hpp"
#include "territory/geo/csv.hpp"

namespace sohosolo::app {

namespace {

/// The columns a file may have; "name" is required, the others optional.
constexpr const char* kColumns[] = {
    "name",     "email",   "phone",    "adults",        "children_ages",   "status",
    "employer", "sector",  "activity", "clients_where", "broadband_needs", "office_needs",
    "villages", "consent", "stage",    "stage_day",     "settled_village", "abandon_reason",
    "notes"};

}  // namespace

int ImportJourneys(db::Pool& pool, const http::Programme& programme, const std::string& path,
                   const std::string& text) {
  auto table = territory::ParseCsv(text);
  if (!table) {
    PrintRejected(path, table.error());
    std::cerr << "sohosolo: nothing was imported; the database is unchanged\n";
    return kExitInvalid;
  }
  std::vector<core::FieldError> errors;
  for (const auto& column : table->header)
    if (std::none_of(std::begin(kColumns), std::end(kColumns),
                     [&](const char* c) { return column == c; }))
      errors.push_back({"column " + column, "error.journey.import_column"});
  if (!table->Column("name")) errors.push_back({"column name", "error.field.required"});
  if (!errors.empty()) {
    PrintRejected(path, core::Invalid(std::move(errors), "error.journey.import"));
    std::cerr << "sohosolo: nothing was imported; the database is unchanged\n";
    return kExitInvalid;
  }
  std::vector<journeys::ImportedFile> files;
  for (const auto& row : table->rows) {
    const auto cell = [&](const char* name) -> std::optional<std::string> {
      const auto i = table->Column(name);
      if (!i) return std::nullopt;
      return row.cells[*i];
    };
    journeys::ImportedFile f;
    f.line = row.line;
    auto& in = f.input;
    in.name = cell("name");
    for (const auto& [name, field] : {std::pair{"email", &in.email},
                                      {"phone", &in.phone},
                                      {"children_ages", &in.children_ages},
                                      {"status", &in.status},
                                      {"employer", &in.employer},
                                      {"sector", &in.sector},
                                      {"activity", &in.activity},
                                      {"clients_where", &in.clients_where},
                                      {"broadband_needs", &in.broadband_needs},
                                      {"office_needs", &in.office_needs},
                                      {"villages", &in.villages},
                                      {"notes", &in.notes}})
      if (auto v = cell(name)) *field = *v;
    if (auto adults = cell("adults"); adults && !adults->empty()) {
      const auto n = http::ParseId(*adults);
      in.adults = n && *n <= journeys::kMaxAdults ? static_cast<int>(*n) : -1;
    }
    if (auto consent = cell("consent"); consent && !consent->empty())
      in.consent_committees = *consent == "yes" || *consent == "oui" || *consent == "1";
    if (auto stage = cell("stage"); stage && !stage->empty()) f.stage = *stage;
    f.stage_day = cell("stage_day").value_or("");
    f.settled_village = cell("settled_village").value_or("");
    f.abandon_reason = cell("abandon_reason").value_or("");
    files.push_back(std::move(f));
  }
  journeys::Journeys service(pool, {});
  auto imported = service.Import(programme.id, {0, "import", true}, files);
  if (!imported) {
    PrintRejected(path, imported.error());
    std::cerr << "sohosolo: nothing was imported; the database is unchanged\n";
    return kExitInvalid;
  }
  std::cout << path << ": " << *imported << " files imported into programme " << programme.slug
            << "\n";
  return kExitOk;
}

}  // namespace sohosolo::app

// Service's imports of communes and exchanges: every row checked before any is stored, then
// upserted in one transaction with the exchanges placed inside or outside the outline.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <utility>

#include "core/text.hpp"
#include "core/time.hpp"
#include "territory/communes/import_extras.hpp"
#include "territory/communes/service_impl.hpp"
#include "territory/communes/store.hpp"
#include "territory/connectivity/coverage.hpp"
#include "territory/geo/geo.hpp"

namespace sohosolo::territory {

using communes_internal::Extras;
using communes_internal::GeometryText;
using communes_internal::kMaxCodeBytes;
using communes_internal::kMaxNameBytes;
using communes_internal::ReadExtras;
using communes_internal::ToModels;
using core::Error;
using core::ErrorCode;
using core::FieldError;

FileFormat GuessFormat(std::string_view path, std::string_view text) {
  const auto ext = core::AsciiLower(std::filesystem::path(path).extension().string());
  if (ext == ".geojson" || ext == ".json") return FileFormat::kGeoJson;
  if (ext == ".csv") return FileFormat::kCsv;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  text = core::Trim(text);
  return !text.empty() && (text.front() == '{' || text.front() == '[') ? FileFormat::kGeoJson
                                                                       : FileFormat::kCsv;
}

namespace {

/// Limits the model's parsers do not check: codes and names must fit in a page and a URL.
void CheckTexts(const std::string& where, const std::string& code, const std::string& name,
                std::vector<FieldError>& errors) {
  const bool code_ok =
      code.size() <= kMaxCodeBytes && std::none_of(code.begin(), code.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == '\x7f';
      });
  if (!code_ok)
    errors.push_back(
        {where + " (" + code.substr(0, kMaxCodeBytes) + ")", "error.territory.bad_code"});
  if (name.size() > kMaxNameBytes)
    errors.push_back({where + " (" + code + ")", "error.territory.name_too_long"});
}

/// A parser's refusal with the extra attributes' problems added, so one run reports them all.
Error Rejected(Error error, const Extras& extras) {
  if (error.fields.empty() || extras.errors.empty()) return error;
  error.fields.insert(error.fields.end(), extras.errors.begin(), extras.errors.end());
  return error;
}

Error RejectedRows(FileFormat format, std::vector<FieldError> errors) {
  return Error{ErrorCode::kInvalid,
               format == FileFormat::kCsv ? "error.csv.rejected" : "error.territory.rejected",
               std::move(errors),
               {}};
}

std::optional<Error> CheckInput(std::string_view text, FileFormat format) {
  if (text.size() > kMaxImportBytes)
    return Error::Of(ErrorCode::kTooLarge, "error.territory.too_large");
  // Boost.JSON checks UTF-8 itself; CSV cells are taken as they are, so check here.
  if (format == FileFormat::kCsv && !core::IsValidUtf8(text))
    return Error::Of(ErrorCode::kMalformed, "error.territory.not_utf8");
  return std::nullopt;
}

/// What both imports do before building their rows: the size and encoding checks, the format's
/// parser, and the extra attributes read beside it, every problem of both reported at once.
template <class Row>
core::Result<std::pair<std::vector<Row>, Extras>> ParseForImport(
    std::string_view text, FileFormat format, bool exchanges,
    core::Result<std::vector<Row>> (*geojson)(std::string_view),
    core::Result<std::vector<Row>> (*csv)(std::string_view)) {
  if (auto refused = CheckInput(text, format)) return *refused;
  auto parsed = format == FileFormat::kGeoJson ? geojson(text) : csv(text);
  auto extras = ReadExtras(text, format, exchanges);
  if (!parsed) return Rejected(parsed.error(), extras);
  if (extras.where.size() != parsed->size())
    return Error::Of(ErrorCode::kInternal, "error.internal");
  return std::pair{std::move(*parsed), std::move(extras)};
}

/// The union of the stored communes, or null when there is none or a commune has no outline.
std::unique_ptr<Territory> StoredTerritory(Store& store) {
  const auto records = store.Communes(true);
  const bool outline = !records.empty() && std::all_of(records.begin(), records.end(),
                                                       [](const auto& r) { return r.geometry; });
  if (!outline) return nullptr;
  return std::make_unique<Territory>(ToModels(records));
}

/// Marks the stored exchanges inside or outside `territory` (when there is one) and counts them.
void RefreshInTerritory(Store& store, const Territory* territory, ImportReport& report) {
  std::vector<Exchange> exchanges;
  for (const auto& e : store.Exchanges()) exchanges.push_back(e.exchange);
  report.has_outline = territory != nullptr;
  if (territory && !exchanges.empty()) {
    MarkInTerritory(*territory, exchanges);
    store.SetInTerritory(exchanges);
  }
  for (const auto& e : exchanges)
    ++(e.in_territory ? report.exchanges_inside : report.exchanges_outside);
}

}  // namespace

core::Result<ImportReport> Service::ImportCommunes(core::ProgrammeId p, std::string_view text,
                                                   FileFormat format, const std::string& source) {
  auto input = ParseForImport<Commune>(text, format, false, ParseCommunesGeoJson, ParseCommunesCsv);
  if (!input) return input.error();
  auto& [parsed, extras] = *input;

  std::vector<FieldError> errors = extras.errors;
  std::vector<CommuneRecord> records;
  records.reserve(parsed.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    auto& c = parsed[i];
    CheckTexts(extras.where[i], c.code, c.name, errors);
    CommuneRecord r{c.code,     c.name,  FoldForSearch(c.name), c.population, extras.postcodes[i],
                    c.area_km2, c.point, std::nullopt};
    if (!c.polygons.empty()) r.geometry = GeometryText(c.polygons);
    records.push_back(std::move(r));
  }
  if (!errors.empty()) return RejectedRows(format, std::move(errors));

  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  store.LockImports();
  const long long now = core::Now();
  const auto counts = store.UpsertCommunes(records, now);
  ImportReport report{records.size(), counts.inserted, counts.updated, counts.unchanged};
  // Building the outline costs ~100 ms for a département: only when there are exchanges to place.
  const auto territory = store.Exchanges().empty() ? nullptr : StoredTerritory(store);
  RefreshInTerritory(store, territory.get(), report);
  store.RecordImport("communes", source, records.size(), counts, now);
  tx.Commit();
  return report;
}

core::Result<ImportReport> Service::ImportExchanges(core::ProgrammeId p, std::string_view text,
                                                    FileFormat format, const std::string& source) {
  auto input =
      ParseForImport<Exchange>(text, format, true, ParseExchangesGeoJson, ParseExchangesCsv);
  if (!input) return input.error();
  auto& [parsed, extras] = *input;

  std::vector<FieldError> errors = extras.errors;
  std::vector<ExchangeRecord> records;
  records.reserve(parsed.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    auto& e = parsed[i];
    CheckTexts(extras.where[i], e.code, e.name, errors);
    records.push_back({e, extras.lines[i], extras.technologies[i]});
  }
  if (!errors.empty()) return RejectedRows(format, std::move(errors));

  auto lease = pool_.Acquire();
  db::Transaction tx(lease, db::TxMode::kWrite);
  Store store(lease, p);
  store.LockImports();
  const long long now = core::Now();
  // Inside or outside is decided by the stored outline when there is one, before comparing
  // with the stored rows, so that a re-import of the same file changes nothing.
  const auto territory = StoredTerritory(store);
  if (territory) {
    std::vector<Exchange> models;
    for (const auto& r : records) models.push_back(r.exchange);
    MarkInTerritory(*territory, models);
    for (std::size_t i = 0; i < records.size(); ++i)
      records[i].exchange.in_territory = models[i].in_territory;
  }
  const auto counts = store.UpsertExchanges(records, now);
  ImportReport report{records.size(), counts.inserted, counts.updated, counts.unchanged};
  RefreshInTerritory(store, nullptr, report);
  report.has_outline = territory != nullptr;
  store.RecordImport("exchanges", source, records.size(), counts, now);
  tx.Commit();
  return report;
}

}  // namespace sohosolo::territory

#include "territory/communes/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <unordered_map>

#include "core/text.hpp"
#include "core/time.hpp"
#include "territory/communes/store.hpp"
#include "territory/connectivity/connectivity.hpp"
#include "territory/connectivity/reference.hpp"
#include "territory/geo/csv.hpp"
#include "territory/geo/geo.hpp"

namespace sohosolo::territory {

namespace json = boost::json;
using core::Error;
using core::ErrorCode;
using core::FieldError;

namespace {

constexpr std::size_t kMaxCodeBytes = 64;
constexpr std::size_t kMaxNameBytes = 200;
constexpr int kMaxPageSize = 100;
constexpr double kMaxThresholdMbps = 1000;
/// Coverage answers kept per programme snapshot (each holds one entry per commune).
constexpr std::size_t kCoverageCacheSize = 32;

// ---------------------------------------------------------------------------------------------
// Accent folding

struct Fold {
  char32_t first;
  char32_t last;
  const char* ascii;
};

// Latin-1 Supplement and Latin Extended-A: every letter French, Occitan, Basque and their
// neighbours write, with its base letters. Code points not listed are dropped when they are
// punctuation or symbols (below U+0180, and General Punctuation), kept otherwise.
constexpr Fold kFolds[] = {
    {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},   {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},   {0xD0, 0xD0, "d"},    {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},   {0xD9, 0xDC, "u"},    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},  {0xE0, 0xE5, "a"},    {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},   {0xEC, 0xEF, "i"},    {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},   {0xF8, 0xF8, "o"},    {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},  {0xFF, 0xFF, "y"},    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},  {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},  {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"}, {0x176, 0x178, "y"},  {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

/// Decodes one UTF-8 sequence at `i`; returns U+FFFD for a malformed one (and skips one byte).
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || (extra > 0 && i + extra >= s.size())) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = NextCodePoint(text, i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
      continue;
    }
    const auto* fold = std::find_if(std::begin(kFolds), std::end(kFolds),
                                    [cp](const Fold& f) { return cp >= f.first && cp <= f.last; });
    if (fold != std::end(kFolds)) {
      out += fold->ascii;
      continue;
    }
    // Symbols, spaces and combining accents (text in decomposed form) carry no letter.
    const bool mark = cp < 0x180 || (cp >= 0x300 && cp <= 0x36F) ||
                      (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFFFD || cp == 0xFEFF;
    if (!mark) out.append(text.substr(start, i - start));
  }
  return out;
}

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

// ---------------------------------------------------------------------------------------------
// Attributes the model's parsers do not keep (postal codes, line counts, technologies), read
// from the same file. Entry i belongs to feature or data row i, which is also the parsers'
// element i whenever they accept the whole file.

struct Extras {
  std::vector<std::string> where;  ///< "feature N" or "line N", to report problems.
  std::vector<std::string> postcodes;
  std::vector<std::optional<std::int64_t>> lines;
  std::vector<std::string> technologies;
  std::vector<FieldError> errors;
};

/// Words of a cell or property ("32290 32291", "32290,32291" or a JSON array), space-joined.
std::string Words(std::string_view text) {
  std::string out;
  for (auto word : core::Split(text, ' ')) {
    for (auto part : core::Split(word, ',')) {
      for (auto piece : core::Split(part, ';')) {
        piece = core::Trim(piece);
        if (piece.empty()) continue;
        if (!out.empty()) out += ' ';
        out += piece;
      }
    }
  }
  return out;
}

std::string WordsOf(const json::value* value) {
  if (!value) return {};
  if (value->is_string()) return Words(value->as_string());
  std::string out;
  if (!value->is_array()) return out;
  for (const auto& item : value->as_array()) {
    if (!item.is_string()) continue;
    const auto words = Words(item.as_string());
    if (words.empty()) continue;
    if (!out.empty()) out += ' ';
    out += words;
  }
  return out;
}

/// Lower-case, de-duplicated technologies ("copper", "adsl2plus", ...).
std::string Technologies(std::initializer_list<std::string> sources) {
  std::vector<std::string> seen;
  for (const auto& source : sources) {
    for (auto word : core::Split(source, ' ')) {
      if (word.empty()) continue;
      auto lower = core::AsciiLower(word);
      if (std::find(seen.begin(), seen.end(), lower) == seen.end())
        seen.push_back(std::move(lower));
    }
  }
  std::string out;
  for (const auto& t : seen) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

bool AlphanumericWords(std::string_view words) {
  return std::all_of(words.begin(), words.end(), [](char c) {
    return c == ' ' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

/// A line count: absent or null is unknown, else a non-negative integer.
bool ReadLines(const json::value* value, std::optional<std::int64_t>& out) {
  if (!value || value->is_null()) return true;
  if (value->is_int64() && value->as_int64() >= 0) out = value->as_int64();
  if (value->is_uint64()) out = static_cast<std::int64_t>(value->as_uint64());
  return out.has_value();
}

bool ReadLines(std::string_view cell, std::optional<std::int64_t>& out) {
  cell = core::Trim(cell);
  if (cell.empty()) return true;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc() || ptr != cell.data() + cell.size() || value < 0) return false;
  out = value;
  return true;
}

/// The features' properties, or nothing when the document is not a FeatureCollection (the
/// model's parser reports that).
std::vector<const json::object*> FeatureProperties(const json::value& root) {
  std::vector<const json::object*> out;
  const auto* object = root.if_object();
  const auto* features = object ? object->if_contains("features") : nullptr;
  if (!features || !features->is_array()) return out;
  for (const auto& feature : features->as_array()) {
    const auto* f = feature.if_object();
    const auto* props = f ? f->if_contains("properties") : nullptr;
    out.push_back(props && props->is_object() ? &props->as_object() : nullptr);
  }
  return out;
}

void AddGeoJsonExtras(std::string_view text, bool exchanges, Extras& extras) {
  json::error_code ec;
  const auto root = json::parse(text, ec);
  if (ec) return;
  const auto properties = FeatureProperties(root);
  for (std::size_t i = 0; i < properties.size(); ++i) {
    const auto* props = properties[i];
    extras.where.push_back("feature " + std::to_string(i + 1));
    auto& postcodes = extras.postcodes.emplace_back();
    auto& lines = extras.lines.emplace_back();
    auto& technologies = extras.technologies.emplace_back();
    if (!props) continue;
    const auto get = [props](const char* name) { return props->if_contains(name); };
    if (!exchanges) {
      postcodes = WordsOf(get("codes_postaux") ? get("codes_postaux") : get("postcodes"));
      if (!AlphanumericWords(postcodes))
        extras.errors.push_back({extras.where.back(), "error.territory.bad_postcode"});
      continue;
    }
    if (!ReadLines(get("lines"), lines))
      extras.errors.push_back({extras.where.back(), "error.territory.bad_lines"});
    technologies = Technologies(
        {WordsOf(get("technologies")), WordsOf(get("telecom_medium")), WordsOf(get("dslam_tech"))});
  }
}

void AddCsvExtras(std::string_view text, bool exchanges, Extras& extras) {
  auto table = ParseCsv(text);
  if (!table) return;
  const auto column = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    for (const char* name : names) {
      if (auto c = table->Column(name)) return c;
    }
    return std::nullopt;
  };
  const auto postcodes = column({"codes_postaux", "postcodes"});
  const auto lines = column({"lines"});
  const auto technologies = column({"technologies"});
  const auto medium = column({"telecom_medium"});
  const auto dslam = column({"dslam_tech"});
  const auto cell = [](const CsvTable::Row& row, std::optional<std::size_t> c) {
    return c ? Words(row.cells[*c]) : std::string();
  };
  for (const auto& row : table->rows) {
    extras.where.push_back("line " + std::to_string(row.line));
    extras.postcodes.push_back(exchanges ? std::string() : cell(row, postcodes));
    auto& count = extras.lines.emplace_back();
    extras.technologies.push_back(
        exchanges ? Technologies({cell(row, technologies), cell(row, medium), cell(row, dslam)})
                  : std::string());
    if (!exchanges && !AlphanumericWords(extras.postcodes.back()))
      extras.errors.push_back(LineError(row.line, "codes_postaux", "error.territory.bad_postcode"));
    if (exchanges && lines && !ReadLines(row.cells[*lines], count))
      extras.errors.push_back(LineError(row.line, "lines", "error.territory.bad_lines"));
  }
}

Extras ReadExtras(std::string_view text, FileFormat format, bool exchanges) {
  Extras extras;
  if (format == FileFormat::kGeoJson) {
    AddGeoJsonExtras(text, exchanges, extras);
  } else {
    AddCsvExtras(text, exchanges, extras);
  }
  return extras;
}

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

// ---------------------------------------------------------------------------------------------
// Geometry as GeoJSON text, numbers in their shortest round-trip form (the input's own digits).

void AppendRing(std::string& out, const Ring& ring) {
  out += '[';
  for (std::size_t i = 0; i < ring.size(); ++i) {
    if (i > 0) out += ',';
    fmt::format_to(std::back_inserter(out), "[{},{}]", ring[i].lon, ring[i].lat);
  }
  out += ']';
}

void AppendPolygon(std::string& out, const Polygon& polygon) {
  out += '[';
  for (std::size_t i = 0; i < polygon.rings.size(); ++i) {
    if (i > 0) out += ',';
    AppendRing(out, polygon.rings[i]);
  }
  out += ']';
}

std::string GeometryText(const std::vector<Polygon>& polygons) {
  std::string out;
  if (polygons.size() == 1) {
    out = R"({"type":"Polygon","coordinates":)";
    AppendPolygon(out, polygons.front());
    return out + '}';
  }
  out = R"({"type":"MultiPolygon","coordinates":[)";
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    if (i > 0) out += ',';
    AppendPolygon(out, polygons[i]);
  }
  return out + "]}";
}

Polygon PolygonFrom(const json::value& rings) {
  Polygon polygon;
  for (const auto& ring : rings.as_array()) {
    auto& out = polygon.rings.emplace_back();
    for (const auto& p : ring.as_array()) {
      const auto& xy = p.as_array();
      out.push_back({xy.at(0).to_number<double>(), xy.at(1).to_number<double>()});
    }
  }
  return polygon;
}

/// Reads back a geometry written by GeometryText. It was validated at import, so a failure here
/// means the table was edited by hand: an infrastructure fault (std::exception).
std::vector<Polygon> PolygonsFrom(const std::string& text) {
  const auto root = json::parse(text);
  const auto& object = root.as_object();
  const auto& coordinates = object.at("coordinates");
  if (object.at("type").as_string() == "Polygon") return {PolygonFrom(coordinates)};
  std::vector<Polygon> polygons;
  for (const auto& polygon : coordinates.as_array()) polygons.push_back(PolygonFrom(polygon));
  return polygons;
}

std::string Quoted(std::string_view s) {
  return json::serialize(json::string_view(s.data(), s.size()));
}

std::string Number(double v) { return fmt::format("{}", v); }

// ---------------------------------------------------------------------------------------------

Commune ToModel(const CommuneRecord& r) {
  Commune c;
  c.code = r.code;
  c.name = r.name;
  c.population = r.population;
  if (r.geometry) c.polygons = PolygonsFrom(*r.geometry);
  c.area_km2 = r.area_km2;
  c.point = r.point;
  return c;
}

CommuneSummary Summary(const CommuneRecord& r) { return {r.code, r.name, r.population}; }

CommuneDetails Details(const CommuneRecord& r) {
  CommuneDetails d{Summary(r), {}, r.area_km2, r.point, r.geometry.has_value()};
  for (auto word : core::Split(r.postcodes, ' ')) {
    if (!word.empty()) d.postcodes.emplace_back(word);
  }
  return d;
}

/// The union of the stored communes, or null when there is none or a commune has no outline.
std::unique_ptr<Territory> StoredTerritory(Store& store) {
  const auto records = store.Communes(true);
  const bool outline = !records.empty() && std::all_of(records.begin(), records.end(),
                                                       [](const auto& r) { return r.geometry; });
  if (!outline) return nullptr;
  std::vector<Commune> communes;
  for (const auto& r : records) communes.push_back(ToModel(r));
  return std::make_unique<Territory>(std::move(communes));
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

/// Opaque page cursors: the hex of "folded name \n code" of the page's last item.
std::string EncodeCursor(const std::string& folded, const std::string& code) {
  std::string out;
  for (unsigned char c : folded + "\n" + code) fmt::format_to(std::back_inserter(out), "{:02x}", c);
  return out;
}

std::optional<SearchAfter> DecodeCursor(std::string_view cursor) {
  if (cursor.size() % 2 != 0 || cursor.size() > 4 * (kMaxCodeBytes + kMaxNameBytes))
    return std::nullopt;
  std::string raw;
  for (std::size_t i = 0; i < cursor.size(); i += 2) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(cursor.data() + i, cursor.data() + i + 2, value, 16);
    if (ec != std::errc() || ptr != cursor.data() + i + 2) return std::nullopt;
    raw += static_cast<char>(value);
  }
  const auto split = raw.find('\n');
  if (split == std::string::npos) return std::nullopt;
  SearchAfter after{raw.substr(0, split), raw.substr(split + 1)};
  // Only what EncodeCursor can produce: a folded name and a code that import accepts.
  const bool code_ok =
      !after.code.empty() && std::none_of(after.code.begin(), after.code.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == '\x7f';
      });
  if (!code_ok || FoldForSearch(after.name_folded) != after.name_folded) return std::nullopt;
  return after;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The programme's data, loaded once per import and shared by the requests that follow.

struct Service::Snapshot {
  long long version = 0;
  long long parameters_revision = 0;
  ProgrammeParameters params;           ///< The programme's own, or the embedded defaults.
  std::vector<CommuneRecord> communes;  ///< By code.
  std::unordered_map<std::string, std::size_t> by_code;
  std::vector<ExchangeRecord> exchanges;
  std::vector<Exchange> exchange_models;
  std::size_t without_outline = 0;

  // PROJ and GEOS contexts are not thread-safe: each mutex guards the objects after it.
  std::mutex locator_mutex;
  std::unique_ptr<ExchangeLocator> locator;  ///< Built at the first connectivity question.
  std::mutex territory_mutex;
  std::unique_ptr<Territory> territory;  ///< Built at the first coverage question (~100 ms).
  std::map<std::pair<double, int>, CoverageResult> coverage;
  std::mutex layers_mutex;
  std::optional<std::string> communes_geojson;
  std::optional<std::string> exchanges_geojson;

  const ExchangeLocator& Locator() {
    if (!locator) locator = std::make_unique<ExchangeLocator>(exchange_models);
    return *locator;
  }
};

Service::Service(db::Pool& pool) : pool_(pool) {}
Service::~Service() = default;

namespace {

/// The programme's parameters as stored; the defaults when it has none. A stored document was
/// validated when it was loaded: one that no longer parses (edited by hand) is an
/// infrastructure fault.
ProgrammeParameters LoadParameters(Store& store) {
  const auto stored = store.Parameters();
  if (!stored) return DefaultProgrammeParameters();
  auto parsed = ParseProgrammeParametersJson(
      stored->document, stored->source + ", revision " + std::to_string(stored->revision));
  if (!parsed) throw std::runtime_error("stored territory parameters are invalid");
  return std::move(*parsed);
}

}  // namespace

std::shared_ptr<Service::Snapshot> Service::Current(core::ProgrammeId p) {
  auto lease = pool_.Acquire();
  Store store(lease, p);
  const auto fresh = [&](long long version, long long revision) -> std::shared_ptr<Snapshot> {
    std::lock_guard lock(cache_mutex_);
    const auto it = cache_.find(p.value);
    return it != cache_.end() && it->second->version == version &&
                   it->second->parameters_revision == revision
               ? it->second
               : nullptr;
  };
  if (auto cached = fresh(store.Version(), store.ParametersRevision())) return cached;

  std::lock_guard loading(load_mutex_);
  // Read the versions before the rows: an import committed in between makes the snapshot look
  // older than it is, which costs one more load, never a stale answer.
  const long long version = store.Version();
  const long long revision = store.ParametersRevision();
  if (auto cached = fresh(version, revision)) return cached;
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->version = version;
  snapshot->parameters_revision = revision;
  snapshot->params = LoadParameters(store);
  snapshot->communes = store.Communes(true);
  snapshot->exchanges = store.Exchanges();
  for (std::size_t i = 0; i < snapshot->communes.size(); ++i) {
    snapshot->by_code.emplace(snapshot->communes[i].code, i);
    if (!snapshot->communes[i].geometry) ++snapshot->without_outline;
  }
  for (const auto& e : snapshot->exchanges) snapshot->exchange_models.push_back(e.exchange);
  std::lock_guard lock(cache_mutex_);
  cache_[p.value] = snapshot;
  return snapshot;
}

core::Result<ProgrammeParameters> Service::ImportParameters(core::ProgrammeId p,
                                                            std::string_view text,
                                                            const std::string& source) {
  if (text.size() > kMaxParametersBytes)
    return Error::Of(ErrorCode::kTooLarge, "error.territory.too_large");
  auto parsed = ParseProgrammeParametersJson(text, source);
  if (!parsed) return parsed.error();
  {
    // Released before Parameters() takes a connection of its own (the pool may hold one).
    auto lease = pool_.Acquire();
    db::Transaction tx(lease, db::TxMode::kWrite);
    Store store(lease, p);
    store.LockImports();
    store.SaveParameters(std::string(text), source, core::Now());
    tx.Commit();
  }
  return Parameters(p);
}

ProgrammeParameters Service::Parameters(core::ProgrammeId p) { return Current(p)->params; }

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

core::Result<CommunePage> Service::SearchCommunes(core::ProgrammeId p, std::string_view query,
                                                  std::string_view cursor, int limit) {
  std::vector<FieldError> errors;
  if (limit < 1 || limit > kMaxPageSize) errors.push_back({"limit", "error.territory.bad_limit"});
  SearchAfter after;
  if (!cursor.empty()) {
    auto decoded = DecodeCursor(cursor);
    if (!decoded) errors.push_back({"cursor", "error.territory.bad_cursor"});
    if (decoded) after = std::move(*decoded);
  }
  if (query.size() > kMaxNameBytes) errors.push_back({"q", "error.field.too_long"});
  if (!errors.empty()) return core::Invalid(std::move(errors));

  const auto folded = FoldForSearch(query);
  // A search made only of symbols ("%", "_") names no letter: it finds nothing, not everything.
  if (folded.empty() && !core::Trim(query).empty()) return CommunePage{};
  auto lease = pool_.Acquire();
  Store store(lease, p);
  // One row more than asked tells whether there is a next page.
  auto rows = store.Search(folded, after, limit + 1);
  CommunePage page;
  page.total = store.CountMatching(folded);
  if (rows.size() > static_cast<std::size_t>(limit)) {
    rows.resize(limit);
    page.next_cursor = EncodeCursor(rows.back().name_folded, rows.back().code);
  }
  for (const auto& r : rows) page.items.push_back(Summary(r));
  return page;
}

core::Result<CommuneDetails> Service::GetCommune(core::ProgrammeId p, const std::string& code) {
  const auto snapshot = Current(p);
  const auto it = snapshot->by_code.find(code);
  if (it == snapshot->by_code.end())
    return Error::Of(ErrorCode::kNotFound, "error.territory.unknown_commune");
  return Details(snapshot->communes[it->second]);
}

core::Result<CommuneConnectivity> Service::Connectivity(core::ProgrammeId p,
                                                        const std::string& code) {
  const auto snapshot = Current(p);
  const auto it = snapshot->by_code.find(code);
  if (it == snapshot->by_code.end())
    return Error::Of(ErrorCode::kNotFound, "error.territory.unknown_commune");
  const auto& commune = snapshot->communes[it->second];
  std::lock_guard lock(snapshot->locator_mutex);
  auto estimate = EstimateAt(snapshot->Locator(), commune.point, snapshot->params.adsl);
  if (!estimate) return estimate.error();
  return CommuneConnectivity{Details(commune), std::move(*estimate)};
}

core::Result<CoverageAnswer> Service::Coverage(core::ProgrammeId p, const CoverageQuery& query) {
  std::vector<FieldError> errors;
  if (!(query.threshold_mbps > 0 && query.threshold_mbps <= kMaxThresholdMbps))
    errors.push_back({"threshold_mbps", "error.territory.bad_threshold"});
  if (!(query.too_far_share >= 0 && query.too_far_share <= 1))
    errors.push_back({"too_far_share", "error.territory.bad_share"});
  if (!errors.empty()) return core::Invalid(std::move(errors));

  const auto snapshot = Current(p);
  if (snapshot->communes.empty())
    return Error::Of(ErrorCode::kNotFound, "error.territory.no_communes");
  if (snapshot->without_outline > 0) {
    return Error{ErrorCode::kConflict,
                 "error.territory.no_outline",
                 {{std::to_string(snapshot->without_outline) + " of " +
                       std::to_string(snapshot->communes.size()) + " communes",
                   "error.territory.point_only"}},
                 {}};
  }
  CoverageAnswer answer;
  {
    std::lock_guard lock(snapshot->territory_mutex);
    if (!snapshot->territory) {
      std::vector<Commune> communes;
      for (const auto& r : snapshot->communes) communes.push_back(ToModel(r));
      snapshot->territory = std::make_unique<Territory>(std::move(communes));
    }
    const std::pair key{query.threshold_mbps, static_cast<int>(query.technology)};
    auto it = snapshot->coverage.find(key);
    if (it == snapshot->coverage.end()) {
      if (snapshot->coverage.size() >= kCoverageCacheSize) snapshot->coverage.clear();
      CoverageOptions options;
      options.threshold_mbps = query.threshold_mbps;
      options.technology = query.technology;
      options.official_area_km2 = snapshot->params.official_area_km2;
      it = snapshot->coverage
               .emplace(key, ExactCoverage(*snapshot->territory, snapshot->exchange_models,
                                           snapshot->params.adsl, options))
               .first;
    }
    answer.result = it->second;
  }
  answer.too_far = CommunesTooFar(answer.result, query.too_far_share);
  answer.too_far_share = query.too_far_share;
  answer.exchanges = snapshot->exchange_models.size();
  answer.exchanges_inside = static_cast<std::size_t>(
      std::count_if(snapshot->exchange_models.begin(), snapshot->exchange_models.end(),
                    [](const auto& e) { return e.in_territory; }));
  return answer;
}

core::Result<WifiPlan> Service::PlanWifi(core::ProgrammeId p, const WifiPlanOptions& options) {
  auto errors = ValidateWifiOptions(options);
  if (!errors.empty()) return core::Invalid(std::move(errors));
  const auto snapshot = Current(p);
  if (snapshot->communes.empty())
    return Error::Of(ErrorCode::kNotFound, "error.territory.no_communes");
  if (snapshot->without_outline > 0) {
    return Error{ErrorCode::kConflict,
                 "error.territory.no_outline",
                 {{std::to_string(snapshot->without_outline) + " of " +
                       std::to_string(snapshot->communes.size()) + " communes",
                   "error.territory.point_only"}},
                 {}};
  }
  // The planner owns its GEOS context and uses its thread's PROJ objects: no lock needed.
  std::vector<Commune> communes;
  communes.reserve(snapshot->communes.size());
  for (const auto& r : snapshot->communes) communes.push_back(ToModel(r));
  return territory::PlanWifi(communes, snapshot->exchange_models, snapshot->params.adsl, options);
}

std::string Service::CommunesGeoJson(core::ProgrammeId p) {
  const auto snapshot = Current(p);
  std::lock_guard layers(snapshot->layers_mutex);
  if (snapshot->communes_geojson) return *snapshot->communes_geojson;
  std::string out = R"({"type":"FeatureCollection","features":[)";
  const auto& params = snapshot->params.adsl;
  std::lock_guard locator(snapshot->locator_mutex);
  for (std::size_t i = 0; i < snapshot->communes.size(); ++i) {
    const auto& c = snapshot->communes[i];
    if (i > 0) out += ',';
    out += R"({"type":"Feature","properties":{"code":)" + Quoted(c.code) + R"(,"nom":)" +
           Quoted(c.name) + R"(,"population":)" +
           (c.population ? std::to_string(*c.population) : "null") + R"(,"area_km2":)" +
           Number(c.area_km2);
    if (const auto nearest = snapshot->Locator().NearestTo(c.point)) {
      const auto estimate = EstimateAtDistance(*nearest->exchange, nearest->distance_km, params);
      out += R"(,"exchange":)" + Quoted(estimate.exchange.code) + R"(,"distance_km":)" +
             Number(estimate.distance_km) + R"(,"adsl2plus_mbps":)" +
             Number(estimate.adsl2plus_mbps) + R"(,"adsl_mbps":)" + Number(estimate.adsl_mbps) +
             R"(,"class":)" + Quoted(ToString(estimate.line_class));
    }
    out += R"(},"geometry":)";
    out += c.geometry ? *c.geometry
                      : R"({"type":"Point","coordinates":[)" + Number(c.point.lon) + "," +
                            Number(c.point.lat) + "]}";
    out += '}';
  }
  out += "]}";
  snapshot->communes_geojson = out;
  return out;
}

std::string Service::ExchangesGeoJson(core::ProgrammeId p) {
  const auto snapshot = Current(p);
  std::lock_guard layers(snapshot->layers_mutex);
  if (snapshot->exchanges_geojson) return *snapshot->exchanges_geojson;
  std::string out = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < snapshot->exchanges.size(); ++i) {
    const auto& e = snapshot->exchanges[i];
    std::string technologies;
    for (auto word : core::Split(e.technologies, ' ')) {
      if (word.empty()) continue;
      if (!technologies.empty()) technologies += ',';
      technologies += Quoted(word);
    }
    if (i > 0) out += ',';
    out += R"({"type":"Feature","properties":{"code":)" + Quoted(e.exchange.code) + R"(,"name":)" +
           Quoted(e.exchange.name) + R"(,"lines":)" +
           (e.lines ? std::to_string(*e.lines) : "null") + R"(,"technologies":[)" + technologies +
           R"(],"in_territory":)" + (e.exchange.in_territory ? "true" : "false") +
           R"(},"geometry":{"type":"Point","coordinates":[)" + Number(e.exchange.lon) + "," +
           Number(e.exchange.lat) + "]}}";
  }
  out += "]}";
  snapshot->exchanges_geojson = out;
  return out;
}

}  // namespace sohosolo::territory

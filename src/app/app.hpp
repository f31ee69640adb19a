#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "db/database.hpp"
#include "http/context.hpp"

namespace sohosolo::territory {
class Service;
}  // namespace sohosolo::territory

namespace sohosolo::app {

/// Exit codes scripts can rely on.
enum ExitCode {
  kExitOk = 0,
  kExitFailure = 1,      ///< Anything unexpected.
  kExitUsage = 2,        ///< Bad command line or configuration.
  kExitUnavailable = 3,  ///< The database cannot be opened or reached.
  kExitSchema = 4,       ///< The schema is older than this binary (run migrate or pass --migrate).
  kExitInvalid = 5,      ///< The data given is invalid or conflicts with what is stored.
};

int Serve(const Config& config);
int MigrateCommand(const Config& config);
/// Prints every route of the program with its access rule, one JSON object a line.
int RoutesCommand(const Config& config);
/// `sohosolo mail send-pending`: sends what is due in the outbox now and says how it went.
int MailSendPending(const Config& config);
/// `sohosolo mail newsletters`: each newsletter of one programme (or of all) with its state and
/// its delivery: recipients, sent, failed, left.
int MailNewsletters(const Config& config, const std::string& programme);
/// Copies the whole database to `file` (never overwritten), while servers may write to it.
int BackupCommand(const Config& config, const std::string& file);
/// Puts a backup made by BackupCommand back into the database (servers stopped).
int RestoreCommand(const Config& config, const std::string& file);
/// Reads the password from `password_in` (first line).
int UserAdd(const Config& config, const std::string& email, const std::string& role,
            const std::string& programme, const std::string& name, std::istream& password_in);
int ProgrammeAdd(const Config& config, const std::string& slug, const std::string& name,
                 const std::vector<std::string>& hosts, const std::string& public_url);
/// Changes a programme's settings: its public address (the base of the links it sends) and the
/// years after which its newcomers' files abandoned are anonymised; only those given.
struct ProgrammeSettings {
  std::optional<std::string> public_url;
  std::optional<int> abandoned_years;
};
int ProgrammeSet(const Config& config, const std::string& slug, const ProgrammeSettings& settings);
/// A programme's own mail settings (`sohosolo programme mail`): with `change`, checks and stores
/// them (nothing stored when one is wrong); with `clear`, removes them; then prints them.
struct ProgrammeMailOptions {
  std::optional<std::string> smtp_url, password_file, mail_from;
  std::optional<double> per_second;
  bool clear = false;
};
int ProgrammeMail(const Config& config, const std::string& slug, const ProgrammeMailOptions& o);
/// Creates the demo programme and accounts if absent; writes the passwords to `credentials_file`.
/// The programme's links start with `public_url`.
int Demo(const Config& config, const std::string& credentials_file, const std::string& public_url);

/// What `sohosolo coverage` is asked (see commands/coverage.cpp).
struct CoverageCommandOptions {
  std::string communes_path;   ///< GeoJSON polygons (or CSV, refused: coverage needs outlines).
  std::string exchanges_path;  ///< GeoJSON points or CSV.
  double threshold_mbps = 2;
  std::string technology = "adsl2plus";  ///< "adsl2plus" or "adsl".
  std::optional<double> official_area_km2;
  std::optional<double> raster_cell_m;  ///< Also run the raster cross-check at this cell size.
  double too_far_share = 0.5;           ///< List communes covered below this share.
  std::string parameters_path;          ///< ADSL parameters file; empty: the embedded defaults.
  std::string geojson_communes_path;    ///< Write per-commune results as GeoJSON here.
  std::string geojson_covered_path;     ///< Write the covered area as GeoJSON here.
  bool json = false;                    ///< One JSON document on stdout instead of text.
  bool progress = false;                ///< Phases on stderr even when it is not a terminal.
};
/// Coverage of a territory's area and population at a rate, from files, without a database.
/// Exit codes: kExitOk, kExitUsage (unreadable file, unwritable output), kExitInvalid (bad input).
int Coverage(const CoverageCommandOptions& options);

/// What `sohosolo plan-wifi` is asked (see commands/plan_wifi.cpp).
struct PlanWifiCommandOptions {
  std::string communes_path;   ///< GeoJSON polygons.
  std::string exchanges_path;  ///< GeoJSON points or CSV.
  double threshold_mbps = 2;   ///< Rate under which people count as left without.
  std::string technology = "adsl2plus";
  double radius_km = 5;
  std::optional<int> relays;           ///< Place this many relays, or
  std::optional<double> target_share;  ///< the fewest reaching this share of those left without.
  std::string candidates_path;         ///< CSV of given sites: name, lon, lat, optional id.
  bool no_commune_sites = false;       ///< Only the given sites, not the communes' points.
  std::string parameters_path;         ///< ADSL parameters file; empty: the embedded defaults.
  std::string geojson_path;            ///< Write the sites and their discs as GeoJSON here.
  bool json = false;                   ///< One JSON document on stdout instead of text.
  bool progress = false;               ///< Phases on stderr even when it is not a terminal.
};
/// A WiFi relay plan from files, without a database. Exit codes: kExitOk, kExitUsage (unreadable
/// file, unwritable output, neither or both of relays and target), kExitInvalid (bad input).
int PlanWifi(const PlanWifiCommandOptions& options);

/// What `sohosolo import` is asked (see import_command.cpp).
struct ImportCommandOptions {
  std::string kind;       ///< "communes" or "exchanges".
  std::string path;       ///< GeoJSON or CSV file.
  std::string programme;  ///< Slug; empty: the only programme there is.
  std::string format;     ///< "geojson", "csv", or empty to guess from the name and content.
  bool progress = false;  ///< Phases on stderr even when it is not a terminal.
};
/// Imports communes or exchanges into a programme, all or nothing. Exit codes: kExitOk, kExitUsage
/// (unreadable file), kExitUnavailable, kExitInvalid (a rejected row, a file over 50 MB).
int Import(const Config& config, const ImportCommandOptions& options);
/// Anonymises, in `programme` (empty: every programme), the newcomers' files abandoned more
/// than `abandoned_years` years ago (unset: each programme's setting).
int Maintenance(const Config& config, const std::string& programme,
                std::optional<int> abandoned_years);
/// `import journeys`: newcomers' files from a CSV, all or nothing (docs/journeys.md).
int ImportJourneys(db::Pool& pool, const http::Programme& programme, const std::string& path,
                   const std::string& text);
/// Imports one file through `service` and prints the outcome (the demo uses it); an exit code.
int ImportFile(territory::Service& service, const http::Programme& programme,
               const std::string& kind, const std::string& path, const std::string& format);

/// What `sohosolo invoice` is asked (see invoice_command.cpp).
struct InvoiceCommandOptions {
  std::string month;      ///< YYYY-MM
  std::string programme;  ///< Slug; empty: the only programme there is.
  bool progress = false;  ///< Each contract counted on stderr even when it is not a terminal.
};
/// Issues the missing invoices of a month. Exit codes: kExitOk, kExitUsage (bad month, several
/// programmes), kExitUnavailable, kExitInvalid (no invoicing settings, unknown programme).
int InvoiceCommand(const Config& config, const InvoiceCommandOptions& options);

}  // namespace sohosolo::app

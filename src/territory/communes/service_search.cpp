// Service's commune search, paged by opaque cursors, and one commune's details.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <string>
#include <utility>

#include "core/text.hpp"
#include "territory/communes/service_impl.hpp"
#include "territory/communes/store.hpp"

namespace sohosolo::territory {

using communes_internal::Details;
using communes_internal::kMaxCodeBytes;
using communes_internal::kMaxNameBytes;
using communes_internal::Summary;
using core::Error;
using core::ErrorCode;
using core::FieldError;

namespace {

constexpr int kMaxPageSize = 100;

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

}  // namespace sohosolo::territory

#pragma once

// Helpers shared by the village, exchange and accompaniment pages.
#include <fmt/format.h>

#include <optional>

#include "http/router.hpp"
#include "http/views.hpp"
#include "territory/accompaniment/service.hpp"
#include "territory/exchanges/service.hpp"
#include "territory/geo/model.hpp"
#include "territory/villages/edit.hpp"

namespace sohosolo::territory {

/// A catalogue message with its named arguments filled in.
template <typename... Args>
std::string Fill(const http::Context& ctx, std::string_view key, Args&&... args) {
  return fmt::format(fmt::runtime(http::T(ctx, key)), std::forward<Args>(args)...);
}

/// The fields of a village, exchange or request form that were sent; nullopt for a body that
/// is not URL-encoded UTF-8.
std::optional<EditInput> FormInput(const http::Request& req);

/// One {label, message} per field error, labels from "village.field.<name>".
http::ViewData FieldErrorList(const http::Context& ctx, const core::Error& error);

/// A village's expected rate in a table or list: the ADSL2+ rate, or its class when it has none
/// ("READSL seulement", "pas d'ADSL", or "inconnu" on a partial exchange list).
std::string RateText(const http::Context& ctx, LineClass line_class, double adsl2plus_mbps);

/// Marks the form `failed_form` as refused in `data`: the error's summary, its per-field
/// messages, and the values typed, kept under `typed_key` so the form shows them again.
void AddRefusedForm(http::ViewData& data, const http::Context& ctx, const core::Error& error,
                    const std::string& failed_form, const EditInput& typed,
                    const std::string& typed_key);

/// GET /centraux and its forms (advisors): the exchanges, added, moved and deleted one at a time.
void AddExchangePages(http::Router& router, ExchangeEditor& editor);

/// GET/POST /accompagnement (anonymous), GET /accompagnement/merci, GET /demandes and
/// POST /demandes/{id}/traitee (advisors).
void AddAccompanyPages(http::Router& router, AccompanyService& requests, VillageService& villages);

}  // namespace sohosolo::territory

// What the workspaces rentals API takes and answers, for the OpenAPI document (docs/api.md).
#include "workspaces/api_shapes.hpp"

namespace sohosolo::workspaces {

namespace {

// clang-format off
const http::ApiComponent kComponents[] = {
    {"InvoicingSettings", R"({
  "type": "object",
  "properties": {
    "seller_name": {"type": "string"}, "seller_address": {"type": "string"},
    "siret": {"type": "string"}, "vat_number": {"type": "string"},
    "payment_terms_days": {"type": "number"}, "late_penalty_rate": {"type": "string"},
    "demo_data": {"type": "boolean"}},
  "required": [
    "seller_name", "seller_address", "siret", "vat_number", "payment_terms_days",
    "late_penalty_rate", "demo_data"]})"},
    {"Rental", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "account_id": {"type": ["integer", "null"]},
    "holder_name": {"type": "string"}, "resource_id": {"type": ["integer", "null"]},
    "resource_name": {"type": "string"}, "site_id": {"type": ["integer", "null"]},
    "site_name": {"type": "string"}, "start_date": {"type": "string"},
    "end_date": {"type": ["string", "null"]}, "notice_value": {"type": "number"},
    "notice_unit": {"type": "string"}, "monthly_price_cents": {"type": "integer"},
    "vat_rate_bp": {"type": "number"}, "status": {"type": "string"}, "state": {"type": "string"},
    "buyer_name": {"type": "string"}, "buyer_address": {"type": "string"},
    "terminated_at": {"type": ["string", "null"]}, "demo_data": {"type": "boolean"}},
  "required": [
    "id", "account_id", "holder_name", "resource_id", "resource_name", "site_id", "site_name",
    "start_date", "end_date", "notice_value", "notice_unit", "monthly_price_cents", "vat_rate_bp",
    "status", "state", "buyer_name", "buyer_address", "terminated_at", "demo_data"]})"},
    {"Invoice", R"({
  "type": "object",
  "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "number": {"type": "string"},
    "month": {"type": "string"}, "issue_date": {"type": "string"}, "due_date": {"type": "string"},
    "seller": {
      "type": "object",
      "properties": {
        "name": {"type": "string"}, "address": {"type": "string"}, "siret": {"type": "string"},
        "vat_number": {"type": "string"}},
      "required": ["name", "address", "siret", "vat_number"]},
    "buyer": {
      "type": "object", "properties": {"name": {"type": "string"}, "address": {"type": "string"}},
      "required": ["name", "address"]},
    "lines": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "description": {"type": "string"}, "days": {"type": "number"},
          "month_days": {"type": "number"}, "monthly_price_cents": {"type": "integer"},
          "amount_excl_cents": {"type": "integer"}},
        "required": ["description", "days", "month_days", "monthly_price_cents", "amount_excl_cents"]}},
    "total_excl_cents": {"type": "integer"}, "vat_rate_bp": {"type": "number"},
    "vat_cents": {"type": "integer"}, "total_incl_cents": {"type": "integer"},
    "reason": {"type": "string"}, "credit_notes": {"type": "array"},
    "payments": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "id": {"type": "integer"}, "date": {"type": "string"}, "method": {"type": "string"},
          "amount_cents": {"type": "integer"}},
        "required": ["id", "date", "method", "amount_cents"]}},
    "paid_cents": {"type": "integer"}, "balance_cents": {"type": "integer"},
    "payment_status": {"type": "string"}, "demo_data": {"type": "boolean"},
    "html": {"type": "string"}, "pdf": {"type": "string"},
    "contract_id": {"type": ["integer", "null"]}, "account_id": {"type": ["integer", "null"]},
    "corrects": {
      "type": ["object", "null"],
      "properties": {"id": {"type": "integer"}, "number": {"type": "string"}},
      "required": ["id", "number"]}},
  "required": [
    "id", "kind", "number", "month", "issue_date", "due_date", "seller", "buyer", "lines",
    "total_excl_cents", "vat_rate_bp", "vat_cents", "total_incl_cents", "reason", "credit_notes",
    "payments", "paid_cents", "balance_cents", "payment_status", "demo_data", "html", "pdf",
    "contract_id", "account_id", "corrects"]})"},
};

const http::ApiShape kShapes[] = {
     {"GET", "/api/v1/rentals", "Desk rental contracts (mine, or all for the staff)",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Rental"}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/rentals/{id}", "A desk rental contract",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Rental"})"},
     {"POST", "/api/v1/rentals", "Start a desk rental contract",
      R"({
  "type": "object",
  "properties": {
    "account_id": {"type": "integer"}, "resource_id": {"type": "integer"},
    "start_date": {"type": "string"}, "monthly_price_cents": {"type": "integer"}},
  "required": ["account_id", "resource_id", "monthly_price_cents", "start_date"]})",
      201,
      R"({"$ref": "#/components/schemas/Rental"})"},
     {"POST", "/api/v1/rentals/{id}/end", "End a desk rental contract",
      R"({"type": "object", "properties": {"end_date": {"type": "string"}}})",
      200,
      R"({"$ref": "#/components/schemas/Rental"})"},
     {"GET", "/api/v1/invoices", "Invoices (mine, or all for the staff)",
      nullptr,
      200,
      R"({
  "type": "object",
  "properties": {
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "id": {"type": "integer"}, "kind": {"type": "string"}, "number": {"type": "string"},
          "month": {"type": "string"}, "issue_date": {"type": "string"},
          "due_date": {"type": "string"},
          "seller": {
            "type": "object",
            "properties": {
              "name": {"type": "string"}, "address": {"type": "string"},
              "siret": {"type": "string"}, "vat_number": {"type": "string"}},
            "required": ["name", "address", "siret", "vat_number"]},
          "buyer": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "address": {"type": "string"}},
            "required": ["name", "address"]},
          "lines": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "description": {"type": "string"}, "days": {"type": "number"},
                "month_days": {"type": "number"}, "monthly_price_cents": {"type": "integer"},
                "amount_excl_cents": {"type": "integer"}},
              "required": ["description", "days", "month_days", "monthly_price_cents", "amount_excl_cents"]}},
          "total_excl_cents": {"type": "integer"}, "vat_rate_bp": {"type": "number"},
          "vat_cents": {"type": "integer"}, "total_incl_cents": {"type": "integer"},
          "reason": {"type": "string"}, "credit_notes": {"type": "array"},
          "payments": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {"type": "integer"}, "date": {"type": "string"},
                "method": {"type": "string"}, "amount_cents": {"type": "integer"}},
              "required": ["id", "date", "method", "amount_cents"]}},
          "paid_cents": {"type": "integer"}, "balance_cents": {"type": "integer"},
          "payment_status": {"type": "string"}, "demo_data": {"type": "boolean"},
          "html": {"type": "string"}, "pdf": {"type": "string"},
          "contract_id": {"type": ["integer", "null"]},
          "account_id": {"type": ["integer", "null"]}, "corrects": {}},
        "required": [
          "id", "kind", "number", "month", "issue_date", "due_date", "seller", "buyer", "lines",
          "total_excl_cents", "vat_rate_bp", "vat_cents", "total_incl_cents", "reason",
          "credit_notes", "payments", "paid_cents", "balance_cents", "payment_status",
          "demo_data", "html", "pdf", "contract_id", "account_id", "corrects"]}}},
  "required": ["items"]})"},
     {"GET", "/api/v1/invoices/{id}", "An invoice",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/Invoice"})"},
     {"POST", "/api/v1/invoices/generate", "Invoice a month's rentals",
      R"({"type": "object", "properties": {"month": {"type": "string"}}, "required": ["month"]})",
      201,
      R"({
  "type": "object",
  "properties": {
    "month": {"type": "string"},
    "created": {
      "type": "array",
      "items": {
        "type": "object", "properties": {"id": {"type": "integer"}, "number": {"type": "string"}},
        "required": ["id", "number"]}},
    "already_invoiced": {"type": "number"}},
  "required": ["month", "created", "already_invoiced"]})"},
     {"POST", "/api/v1/invoices/{id}/payments", "Record a payment",
      R"({
  "type": "object",
  "properties": {"date": {"type": "string"}, "method": {"type": "string"}, "amount_cents": {"type": "integer"}},
  "required": ["amount_cents"]})",
      201,
      R"({"$ref": "#/components/schemas/Invoice"})"},
     {"POST", "/api/v1/invoices/{id}/credit-note", "Issue a credit note",
      R"({
  "type": "object",
  "properties": {"reason": {"type": "string"}, "amount_excl_cents": {"type": "integer"}},
  "required": ["reason"]})",
      201,
      R"({"$ref": "#/components/schemas/Invoice"})"},
     {"GET", "/api/v1/invoice-settings", "The seller's invoicing settings",
      nullptr,
      200,
      R"({"$ref": "#/components/schemas/InvoicingSettings"})"},
     {"PUT", "/api/v1/invoice-settings", "Set the seller's invoicing settings",
      R"({
  "type": "object",
  "properties": {
    "seller_name": {"type": "string"}, "seller_address": {"type": "string"},
    "siret": {"type": "string"}, "vat_number": {"type": "string"},
    "payment_terms_days": {"type": "number"}, "late_penalty_rate": {"type": "string"},
    "demo_data": {"type": "boolean"}},
  "required": ["seller_name", "seller_address", "late_penalty_rate", "siret", "vat_number"]})",
      200,
      R"({"$ref": "#/components/schemas/InvoicingSettings"})"},
};
// clang-format on

}  // namespace

void DescribeRentalsApi(http::ApiShapes& shapes) {
  shapes.Add(kComponents);
  shapes.Add(kShapes);
}

}  // namespace sohosolo::workspaces

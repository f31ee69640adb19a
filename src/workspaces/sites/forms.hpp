#pragma once
// The site and resource editing forms: the values a form shows, and the changes a posted form
// asks for (with one error per field that cannot be read).

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/request.hpp"
#include "http/views.hpp"
#include "workspaces/sites/service.hpp"

namespace sohosolo::workspaces {

/// A form's fields by name, as shown or as posted.
using FormValues = std::map<std::string, std::string>;

/// The fields of the site form and of the resource form.
FormValues SiteFormValues(const Site& site);
FormValues ResourceFormValues(const Resource& resource);
FormValues PostedSite(const http::Form& form);
FormValues PostedResource(const http::Form& form);

/// The form's values, and a flag per choice so that selects and checkboxes show the value.
http::ViewData FormData(const FormValues& values);

SiteChanges SiteFromForm(const FormValues& values, std::vector<core::FieldError>& errors);
ResourceChanges ResourceFromForm(const FormValues& values, std::vector<core::FieldError>& errors);

}  // namespace sohosolo::workspaces

#pragma once

#include "community/newsletters/service.hpp"
#include "http/router.hpp"

namespace sohosolo::community {

/// /api/v1/newsletters (the archive; writing, sending and progress for staff) and
/// /api/v1/newsletter-subscriptions (the public's sign-up).
void AddNewsletterApi(http::Router& router, Letters& letters);
/// /newsletters pages (archive, editor), /newsletter/subscribe, confirm and unsubscribe.
void AddNewsletterPages(http::Router& router, Letters& letters);

/// Who may read a newsletter: staff always; a sent one, members, and everyone if it is public.
bool MayRead(const http::Context& ctx, const Newsletter& n);

}  // namespace sohosolo::community

-- Newsletters. A newsletter is written in Markdown and sent to a segment of the programme:
--   members           every account with the member role
--   village           members whose profile names the village (segment_value: its code)
--   status            members whose profile has the status (independent, entrepreneur, salaried)
--   skill             members whose profile has the skill (compared folded)
--   event             members with a seat at a club event (segment_value: its id)
--   subscribers       the public's confirmed subscribers (double opt-in)
-- state: draft -> scheduled (scheduled_at) -> sent. "sent" means queued in the outbox, one
-- message per recipient, in the transaction that makes it sent: a newsletter is queued once or
-- not at all, and the outbox's sender delivers each message once (at most the ones in flight
-- when a sender is killed go twice).
CREATE TABLE newsletters (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  markdown TEXT NOT NULL,
  segment_kind TEXT NOT NULL
    CHECK (segment_kind IN ('members', 'village', 'status', 'skill', 'event', 'subscribers')),
  segment_value TEXT NOT NULL DEFAULT '',
  public INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'scheduled', 'sent')),
  scheduled_at BIGINT,
  sent_at BIGINT,
  recipients INTEGER NOT NULL DEFAULT 0,
  demo INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX newsletters_by_programme ON newsletters (programme_id, state, sent_at);

-- Whom each newsletter went to, once per address (email_key: the address folded to lower
-- case), with the hash of the recipient's own unsubscribe token.
CREATE TABLE newsletter_recipients (
  id @PK@,
  newsletter_id BIGINT NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
  email_key TEXT NOT NULL,
  unsubscribe_hash TEXT NOT NULL UNIQUE,
  UNIQUE (newsletter_id, email_key)
);

-- The public's subscriptions: pending until the address is confirmed by its link.
CREATE TABLE newsletter_subscribers (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed')),
  confirm_hash TEXT,
  confirm_expires_at BIGINT,
  language TEXT NOT NULL DEFAULT 'fr',
  created_at BIGINT NOT NULL,
  confirmed_at BIGINT,
  UNIQUE (programme_id, email_key)
);

-- Addresses that asked for no more newsletters of a programme (members and subscribers alike).
CREATE TABLE newsletter_optouts (
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  email_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (programme_id, email_key)
);

-- The outbox learns rich mail: an HTML alternative, a one-click unsubscribe address (RFC 8058
-- List-Unsubscribe and List-Unsubscribe-Post headers), and a batch key that groups the messages
-- of one campaign for its progress and its retries.
ALTER TABLE outbox ADD COLUMN html TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN batch TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_batch ON outbox (programme_id, batch, state);

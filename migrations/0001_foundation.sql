-- Foundation: programmes, accounts and roles, sessions, API tokens, one-time links, outbox.
-- Instants are BIGINT seconds since the Unix epoch, UTC. Every programme-owned table carries
-- programme_id and every query on it is scoped by it.

CREATE TABLE programmes (
  id @PK@,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

-- Which Host header serves which programme; requests with an unknown host get the default one.
CREATE TABLE programme_hosts (
  host TEXT PRIMARY KEY,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE
);

-- Accounts belong to the instance (a person may take part in two programmes); what they may do
-- in a programme comes from account_roles.
CREATE TABLE accounts (
  id @PK@,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'fr',
  password_hash TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE account_roles (
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('member', 'site_host', 'advisor', 'admin')),
  granted_at BIGINT NOT NULL,
  PRIMARY KEY (programme_id, account_id, role)
);
CREATE INDEX account_roles_account ON account_roles (account_id);

-- Server-side sessions; the cookie carries a random id, the table only its hash.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_tokens (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_account ON api_tokens (programme_id, account_id);

-- Failed logins, for throttling per account and per client address; old rows are pruned.
CREATE TABLE login_failures (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_lookup ON login_failures (programme_id, scope, subject, at);

-- Invitations and password resets: one-time, expiring; only the token's hash is stored.
CREATE TABLE one_time_links (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  token_hash TEXT NOT NULL UNIQUE,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);

-- Messages to send. The SMTP sender (later) picks unsent rows; until then admins read them here.
CREATE TABLE outbox (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (programme_id, sent_at);

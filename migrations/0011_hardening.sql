-- Each programme's public address: links in mails and calendar feeds are built from it (else
-- from the instance's --public-url), never from a request's Host header. Empty: not configured.
ALTER TABLE programmes ADD COLUMN public_url TEXT NOT NULL DEFAULT '';

-- Password-reset requests, per client address and per e-mail key (whether or not an account has
-- that address), for throttling; rows older than a day are pruned.
CREATE TABLE reset_requests (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('address', 'email')),
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX reset_requests_lookup ON reset_requests (programme_id, scope, subject, at);

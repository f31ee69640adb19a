-- A programme's own mail settings, over the instance's (`serve --smtp-url --mail-from`): its own
-- SMTP server (a URL without a password: the password stays in a file on the server, named
-- here), its own sender address, its own rate. An empty column takes the instance's value.
CREATE TABLE programme_mail (
  programme_id BIGINT PRIMARY KEY REFERENCES programmes(id) ON DELETE CASCADE,
  smtp_url TEXT NOT NULL DEFAULT '',
  password_file TEXT NOT NULL DEFAULT '',
  mail_from TEXT NOT NULL DEFAULT '',
  per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);

-- The members' board: offers and requests of work between members (missions, subcontracting,
-- skills sought, shared equipment), each with an expiry date. A member's post waits for an
-- advisor (pending -> published or rejected); the author may withdraw it. Messages about a post
-- go between its author and one other member through the product: each is mailed to its
-- recipient without either address, and read on the post's page.
CREATE TABLE board_posts (
  id @PK@,
  programme_id BIGINT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('offer', 'request')),
  category TEXT NOT NULL CHECK (category IN ('mission', 'subcontracting', 'skills', 'equipment')),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'published', 'rejected', 'withdrawn')),
  moderation_note TEXT NOT NULL DEFAULT '',
  moderated_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  moderated_at BIGINT,
  demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX board_posts_listing ON board_posts (programme_id, state, expires_at);

CREATE TABLE board_messages (
  id @PK@,
  post_id BIGINT NOT NULL REFERENCES board_posts(id) ON DELETE CASCADE,
  from_account BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  to_account BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX board_messages_post ON board_messages (post_id, id);
CREATE INDEX board_messages_sender ON board_messages (from_account, created_at);

-- Tasks on a newcomer's file: a title, a due day (Europe/Paris), the person it is assigned to
-- (an advisor or a committee account), done or not. reminded_at: when the reminder mail of the
-- due day was queued (once).
CREATE TABLE journey_tasks (
  id @PK@,
  journey_id BIGINT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  due_day TEXT NOT NULL,
  assignee_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  done_at BIGINT,
  reminded_at BIGINT,
  created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX journey_tasks_by_journey ON journey_tasks (journey_id, due_day);
-- The reminders' and the board's question: open tasks by due day.
CREATE INDEX journey_tasks_open ON journey_tasks (due_day) WHERE done_at IS NULL;

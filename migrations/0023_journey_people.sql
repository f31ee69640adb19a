-- When a file was anonymised by `sohosolo maintenance` (abandoned long ago: the person's data
-- goes, the figures stay).
ALTER TABLE journeys ADD COLUMN anonymised_at BIGINT;

-- The newcomer's own account, once invited to follow their file (role 'newcomer').
ALTER TABLE journeys ADD COLUMN account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL;
CREATE INDEX journeys_by_account ON journeys (account_id);

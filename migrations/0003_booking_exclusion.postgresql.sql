-- PostgreSQL: no two confirmed bookings of one resource may overlap, enforced by the engine.
-- Back-to-back bookings do not overlap: the ranges are half-open, [start, end).
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
  EXCLUDE USING gist (resource_id WITH =, int8range(start_at, end_at, '[)') WITH &&)
  WHERE (status = 'confirmed');

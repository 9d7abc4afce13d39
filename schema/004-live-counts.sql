-- Counting the live rows of a table (the tab bar, an unfiltered list) reads these small
-- partial indexes instead of every row.
CREATE INDEX members_live ON members (id) WHERE deleted_at IS NULL;
CREATE INDEX organisations_live ON organisations (id) WHERE deleted_at IS NULL;
CREATE INDEX events_live ON events (id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_live ON tasks (id) WHERE deleted_at IS NULL;
CREATE INDEX attendance_live ON attendance (id) WHERE deleted_at IS NULL;

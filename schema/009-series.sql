-- A series of meetings: the southern-border network meets every 6 months, a programme holds
-- its workshops as one series. A series repeats every N months or N weeks (both 0: meetings
-- are added to it by hand); each event belongs to at most one series. Created here so that
-- goals, reports and the calendar can all count "the events of a series" the same way.
CREATE TABLE series (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (title <> ''),
    every_months INTEGER NOT NULL DEFAULT 0 CHECK (every_months >= 0),
    every_weeks  INTEGER NOT NULL DEFAULT 0 CHECK (every_weeks >= 0),
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT,
    CHECK (every_months = 0 OR every_weeks = 0)
);
ALTER TABLE events ADD COLUMN series_id INTEGER REFERENCES series (id);
-- A series' meetings in date order, and "is this event in a series" without a scan.
CREATE INDEX events_by_series ON events (series_id, start_date) WHERE series_id IS NOT NULL;

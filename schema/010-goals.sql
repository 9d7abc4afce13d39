-- Goals: "at least 1,600 volunteer leaders by the end of the year", "55 subdistricts", "4
-- communication channels". A goal counts one measure, narrowed by the columns that measure
-- takes (a tag or an organisation for members; an event, a series or a period for the
-- attendance measures); manual goals keep the number typed in value.
CREATE TABLE goals (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL CHECK (title <> ''),
    target     INTEGER NOT NULL CHECK (target > 0),
    due_date   TEXT,
    measure    TEXT NOT NULL CHECK (measure IN ('members', 'people', 'attendances',
               'organisations', 'subdistricts', 'manual')),
    tag        TEXT NOT NULL DEFAULT '',
    org_id     INTEGER REFERENCES organisations (id),
    event_id   INTEGER REFERENCES events (id),
    series_id  INTEGER REFERENCES series (id),
    from_date  TEXT,
    to_date    TEXT,
    value      INTEGER CHECK (value IS NULL OR value >= 0),
    notes      TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT
);
CREATE INDEX goals_live ON goals (id) WHERE deleted_at IS NULL;
CREATE INDEX goals_by_due ON goals (due_date, id) WHERE deleted_at IS NULL;

-- Progress by attendance walks the events of the period (events_by_date) or of the series
-- (events_by_series), then those who came to each: this index holds all that step reads, so
-- a year's 50,000 attendances of the large demo are counted without reading a table row.
CREATE INDEX attendance_attended ON attendance (event_id, member_id, org_id)
    WHERE status = 'attended' AND deleted_at IS NULL;

INSERT INTO live_counts SELECT 'goals', count(*) FROM goals WHERE deleted_at IS NULL;
CREATE TRIGGER goals_count_insert AFTER INSERT ON goals WHEN new.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n + 1 WHERE tbl = 'goals';
END;
CREATE TRIGGER goals_count_delete AFTER DELETE ON goals WHEN old.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n - 1 WHERE tbl = 'goals';
END;
CREATE TRIGGER goals_count_update AFTER UPDATE OF deleted_at ON goals
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    UPDATE live_counts SET n = n + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tbl = 'goals';
END;

-- Meeting series as records (009 made the table): a search key, a count for the lists, and
-- where each carried-over task came from. "Next meeting" moves the open tasks of a series'
-- last meeting to the new one; each move is a row here, so a task keeps one identity (its
-- owners, notes and audit) and shows every meeting it was carried from.
ALTER TABLE series ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE TABLE task_carries (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES tasks (id),
    from_event_id INTEGER NOT NULL REFERENCES events (id),
    to_event_id   INTEGER NOT NULL REFERENCES events (id),
    carried_at    TEXT NOT NULL,
    carried_by    TEXT NOT NULL
);
CREATE INDEX task_carries_by_task ON task_carries (task_id);
CREATE INDEX task_carries_by_event ON task_carries (to_event_id);

INSERT INTO live_counts SELECT 'series', count(*) FROM series WHERE deleted_at IS NULL;
CREATE TRIGGER series_count_insert AFTER INSERT ON series WHEN new.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n + 1 WHERE tbl = 'series';
END;
CREATE TRIGGER series_count_delete AFTER DELETE ON series WHEN old.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n - 1 WHERE tbl = 'series';
END;
CREATE TRIGGER series_count_update AFTER UPDATE OF deleted_at ON series
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    UPDATE live_counts SET n = n + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tbl = 'series';
END;

-- Events that repeat "every N months" become series: the events with the same recurrence
-- and the same title once its digits are taken out (ครั้งที่ 8/2568, ครั้งที่ 9/2568) are one
-- series, as the agenda grouped them, titled by its first meeting. The events keep their
-- recurrence (the iCalendar export writes it).
CREATE TEMP TABLE recurring_012 AS
SELECT id AS event_id, title, start_date, recurrence_months AS months,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(title,
    '0', ''), '1', ''), '2', ''), '3', ''), '4', ''), '5', ''), '6', ''), '7', ''), '8', ''),
    '9', ''), '๐', ''), '๑', ''), '๒', ''), '๓', ''), '๔', ''), '๕', ''), '๖', ''), '๗', ''),
    '๘', ''), '๙', '') AS key
FROM events WHERE recurrence_months > 0 AND series_id IS NULL AND deleted_at IS NULL;
CREATE TEMP TABLE series_012 AS
SELECT key, months, (SELECT title FROM recurring_012 b WHERE b.key = a.key AND b.months =
    a.months ORDER BY start_date, event_id LIMIT 1) AS title, min(start_date) AS first,
    NULL AS series_id
FROM recurring_012 a GROUP BY key, months;
INSERT INTO series (title, every_months, search_key, created_at, updated_at, updated_by)
SELECT title, months, lower(title), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'khai'
FROM series_012 ORDER BY first, title;
UPDATE series_012 SET series_id = (SELECT max(id) FROM series s WHERE s.title =
    series_012.title AND s.every_months = series_012.months);
UPDATE events SET series_id = (SELECT s.series_id FROM recurring_012 r JOIN series_012 s ON
    s.key = r.key AND s.months = r.months WHERE r.event_id = events.id)
WHERE id IN (SELECT event_id FROM recurring_012);
DROP TABLE recurring_012;
DROP TABLE series_012;

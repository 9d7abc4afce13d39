-- Breakout groups of an event, and the days of a multi-day event each person came.
--
-- A group is named per event ("กลุ่ม 1 อำเภอชะอวด", "กลุ่มภาคีสนับสนุน") and may have a
-- facilitator (a member) and a room. A person's group stays the name in attendance.breakout,
-- so every writer of attendance (the form, imports, the demo, check-in) keeps working; the
-- triggers below make a name typed there a group of its event, and a group's new name follow
-- into its people's rows.
CREATE TABLE event_groups (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events (id),
    name           TEXT NOT NULL CHECK (name <> ''),
    facilitator_id INTEGER REFERENCES members (id),
    room           TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0, -- the order groups are listed in: as made
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX event_groups_once ON event_groups (event_id, name);
-- Each group's people and count, without a scan of the event's list.
CREATE INDEX attendance_by_group ON attendance (event_id, breakout);

CREATE TRIGGER event_groups_from_insert AFTER INSERT ON attendance
WHEN new.breakout <> '' BEGIN
    INSERT OR IGNORE INTO event_groups (event_id, name, position)
    VALUES (new.event_id, new.breakout,
            (SELECT coalesce(max(position), 0) + 1 FROM event_groups WHERE event_id = new.event_id));
END;
CREATE TRIGGER event_groups_from_update AFTER UPDATE OF breakout, event_id ON attendance
WHEN new.breakout <> '' BEGIN
    INSERT OR IGNORE INTO event_groups (event_id, name, position)
    VALUES (new.event_id, new.breakout,
            (SELECT coalesce(max(position), 0) + 1 FROM event_groups WHERE event_id = new.event_id));
END;
-- A renamed group keeps its people: their rows take the new name (and a new version, so an
-- edit read before the rename is refused rather than putting the old name back).
CREATE TRIGGER event_groups_rename AFTER UPDATE OF name ON event_groups
WHEN old.name IS NOT new.name BEGIN
    UPDATE attendance SET breakout = new.name, version = version + 1
    WHERE event_id = old.event_id AND breakout = old.name;
END;

-- The groups people were already put in, in the order they first appear.
INSERT INTO event_groups (event_id, name, position)
SELECT event_id, breakout, row_number() OVER (PARTITION BY event_id ORDER BY min(id))
FROM attendance WHERE breakout <> '' GROUP BY event_id, breakout;

-- The days a person came to an event that lasts several days (24-25 มี.ค. 2552): one row
-- per person and day. Their attendance row stays one per person.
CREATE TABLE attendance_days (
    attendance_id INTEGER NOT NULL REFERENCES attendance (id),
    day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (attendance_id, day)
) WITHOUT ROWID;
-- A day's count at an event without a scan of every day.
CREATE INDEX attendance_days_by_day ON attendance_days (day, attendance_id);

-- Those already checked in at a multi-day event came on the day of their check-in (when it
-- falls within the event), else on its first day.
INSERT OR IGNORE INTO attendance_days (attendance_id, day)
SELECT a.id,
       CASE WHEN date(a.checked_in_at, 'localtime') BETWEEN e.start_date AND e.end_date
            THEN date(a.checked_in_at, 'localtime') ELSE e.start_date END
FROM attendance a JOIN events e ON e.id = a.event_id
WHERE a.status = 'attended' AND e.end_date > e.start_date AND a.deleted_at IS NULL;

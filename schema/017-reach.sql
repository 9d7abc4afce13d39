-- Reports and goals on 100,000 members (issue 9): who was reached on which day, kept by
-- triggers, so that a year's goals and totals read a few small index ranges instead of
-- grouping the year's 50,000 attended rows by person and looking up each person's place.
--
-- One row per kind of reach, who and day (an event's start date), with n the attended rows
-- behind it:
--   kind 0: who 0, n the day's attendances;
--   kind 1: who a member id;  kind 2: who an organisation id (the one represented);
--   kind 3: who a subdistrict as the reports tell it (province/district/subdistrict);
--   kind 4: who a province code.
-- An attended row counts when it is not deleted and its event is not deleted.
-- prev is who's latest earlier day (NULL on their first), so the number reached from F to T
-- is the rows of those days whose prev is before F: each one's first day in the period, read
-- from reach_by_day without grouping (and those rows by day are a goal's timeline).
CREATE TABLE reach (
    kind INTEGER NOT NULL,
    who  NOT NULL,
    day  TEXT NOT NULL,
    n    INTEGER NOT NULL,
    prev TEXT,
    PRIMARY KEY (kind, who, day)
) WITHOUT ROWID;
CREATE INDEX reach_by_day ON reach (kind, day, prev);

-- What each attended row adds to reach: the one definition the triggers share.
CREATE VIEW attendance_reach AS
SELECT a.id AS attendance_id, a.event_id, a.member_id, k.kind,
       CASE k.kind WHEN 0 THEN 0 WHEN 1 THEN a.member_id WHEN 2 THEN a.org_id
       WHEN 3 THEN CASE WHEN m.subdistrict <> '' THEN coalesce(m.province, '') || '/' ||
                   m.district || '/' || m.subdistrict END
       ELSE m.province END AS who,
       e.start_date AS day
FROM attendance a
JOIN events e ON e.id = a.event_id AND e.deleted_at IS NULL
JOIN members m ON m.id = a.member_id
JOIN (SELECT 0 AS kind UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL
      SELECT 4) AS k
WHERE a.status = 'attended' AND a.deleted_at IS NULL;

INSERT INTO reach (kind, who, day, n, prev)
SELECT kind, who, day, n, lag(day) OVER (PARTITION BY kind, who ORDER BY day)
FROM (SELECT kind, who, day, count(*) AS n FROM attendance_reach WHERE who IS NOT NULL
      GROUP BY kind, who, day);

-- prev stays right as rows come and go: a new row takes its own and becomes the next one's;
-- a row gone hands the next one the day before it.
CREATE TRIGGER reach_insert AFTER INSERT ON reach BEGIN
    UPDATE reach SET prev = (SELECT max(r.day) FROM reach r WHERE r.kind = new.kind
                             AND r.who = new.who AND r.day < new.day)
    WHERE kind = new.kind AND who = new.who AND day = new.day;
    UPDATE reach SET prev = new.day
    WHERE kind = new.kind AND who = new.who AND day = (SELECT min(r.day) FROM reach r
        WHERE r.kind = new.kind AND r.who = new.who AND r.day > new.day);
END;
CREATE TRIGGER reach_delete AFTER DELETE ON reach BEGIN
    UPDATE reach SET prev = (SELECT max(r.day) FROM reach r WHERE r.kind = old.kind
                             AND r.who = old.who AND r.day < old.day)
    WHERE kind = old.kind AND who = old.who AND day = (SELECT min(r.day) FROM reach r
        WHERE r.kind = old.kind AND r.who = old.who AND r.day > old.day);
END;

-- An attended row's reach is taken away before it changes or goes (BEFORE: the view still
-- sees it as it was) and added back after, as it is now.
CREATE TRIGGER attendance_reach_insert AFTER INSERT ON attendance
WHEN new.status = 'attended' AND new.deleted_at IS NULL BEGIN
    INSERT INTO reach (kind, who, day, n)
    SELECT kind, who, day, 1 FROM attendance_reach
    WHERE attendance_id = new.id AND who IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER attendance_reach_delete BEFORE DELETE ON attendance
WHEN old.status = 'attended' AND old.deleted_at IS NULL BEGIN
    UPDATE reach SET n = n - 1 WHERE (kind, who, day) IN (SELECT kind, who, day
        FROM attendance_reach WHERE attendance_id = old.id);
    DELETE FROM reach WHERE n = 0 AND (kind, who, day) IN (SELECT kind, who, day
        FROM attendance_reach WHERE attendance_id = old.id);
END;
CREATE TRIGGER attendance_reach_before BEFORE UPDATE OF status, deleted_at, event_id, member_id,
    org_id ON attendance
WHEN old.status = 'attended' AND old.deleted_at IS NULL
 AND (old.status IS NOT new.status OR old.deleted_at IS NOT new.deleted_at OR old.event_id IS NOT new.event_id
      OR old.member_id IS NOT new.member_id OR old.org_id IS NOT new.org_id) BEGIN
    UPDATE reach SET n = n - 1 WHERE (kind, who, day) IN (SELECT kind, who, day
        FROM attendance_reach WHERE attendance_id = old.id);
    DELETE FROM reach WHERE n = 0 AND (kind, who, day) IN (SELECT kind, who, day
        FROM attendance_reach WHERE attendance_id = old.id);
END;
CREATE TRIGGER attendance_reach_after AFTER UPDATE OF status, deleted_at, event_id, member_id,
    org_id ON attendance
WHEN new.status = 'attended' AND new.deleted_at IS NULL
 AND (old.status IS NOT new.status OR old.deleted_at IS NOT new.deleted_at OR old.event_id IS NOT new.event_id
      OR old.member_id IS NOT new.member_id OR old.org_id IS NOT new.org_id) BEGIN
    INSERT INTO reach (kind, who, day, n)
    SELECT kind, who, day, 1 FROM attendance_reach
    WHERE attendance_id = new.id AND who IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- An event moved to another day, deleted or restored moves or takes all its rows' reach.
CREATE TRIGGER events_reach_before BEFORE UPDATE OF start_date, deleted_at ON events
WHEN old.deleted_at IS NULL AND (old.start_date IS NOT new.start_date OR old.deleted_at IS NOT new.deleted_at) BEGIN
    UPDATE reach SET n = n - (SELECT count(*) FROM attendance_reach v WHERE v.event_id = old.id
        AND v.kind = reach.kind AND v.who = reach.who AND v.day = reach.day)
    WHERE (kind, who, day) IN (SELECT kind, who, day FROM attendance_reach
                               WHERE event_id = old.id);
    DELETE FROM reach WHERE n = 0 AND (kind, who, day) IN (SELECT kind, who, day
        FROM attendance_reach WHERE event_id = old.id);
END;
CREATE TRIGGER events_reach_after AFTER UPDATE OF start_date, deleted_at ON events
WHEN new.deleted_at IS NULL AND (old.start_date IS NOT new.start_date OR old.deleted_at IS NOT new.deleted_at) BEGIN
    INSERT INTO reach (kind, who, day, n)
    SELECT kind, who, day, count(*) FROM attendance_reach
    WHERE event_id = new.id AND who IS NOT NULL GROUP BY kind, who, day
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER events_reach_delete BEFORE DELETE ON events
WHEN old.deleted_at IS NULL BEGIN
    UPDATE reach SET n = n - (SELECT count(*) FROM attendance_reach v WHERE v.event_id = old.id
        AND v.kind = reach.kind AND v.who = reach.who AND v.day = reach.day)
    WHERE (kind, who, day) IN (SELECT kind, who, day FROM attendance_reach
                               WHERE event_id = old.id);
    DELETE FROM reach WHERE n = 0 AND (kind, who, day) IN (SELECT kind, who, day
        FROM attendance_reach WHERE event_id = old.id);
END;

-- A member who moves takes their subdistrict and province reach with them.
CREATE TRIGGER members_reach_before BEFORE UPDATE OF province, district, subdistrict ON members
WHEN old.province IS NOT new.province OR old.district IS NOT new.district
  OR old.subdistrict IS NOT new.subdistrict
BEGIN
    UPDATE reach SET n = n - (SELECT count(*) FROM attendance_reach v WHERE v.member_id = old.id
        AND v.kind = reach.kind AND v.who = reach.who AND v.day = reach.day)
    WHERE (kind, who, day) IN (SELECT kind, who, day FROM attendance_reach
                               WHERE member_id = old.id AND kind IN (3, 4));
    DELETE FROM reach WHERE n = 0 AND (kind, who, day) IN (SELECT kind, who, day
        FROM attendance_reach WHERE member_id = old.id AND kind IN (3, 4));
END;
CREATE TRIGGER members_reach_after AFTER UPDATE OF province, district, subdistrict ON members
WHEN old.province IS NOT new.province OR old.district IS NOT new.district
  OR old.subdistrict IS NOT new.subdistrict
BEGIN
    INSERT INTO reach (kind, who, day, n)
    SELECT kind, who, day, count(*) FROM attendance_reach
    WHERE member_id = new.id AND kind IN (3, 4) AND who IS NOT NULL GROUP BY kind, who, day
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- The members reports by place and gender count index entries, not table rows; a live member's
-- day joined is found in a small index too (a goal of the 30,000 members of a network reads
-- them in 25 instead of 95 ms), and the members by month joined are read from it.
CREATE INDEX members_live_place ON members (province, district, subdistrict, gender)
    WHERE deleted_at IS NULL;
CREATE INDEX members_live_created ON members (id, created_at) WHERE deleted_at IS NULL;

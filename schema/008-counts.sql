-- The number of live (not deleted) rows of each kind, kept by triggers, so that the tab bar
-- and an unfiltered list know their counts without walking 100,000 members and 300,000
-- attendance rows at every start and every change another session makes.
CREATE TABLE live_counts (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO live_counts SELECT 'members', count(*) FROM members WHERE deleted_at IS NULL;
INSERT INTO live_counts SELECT 'organisations', count(*) FROM organisations WHERE deleted_at IS NULL;
INSERT INTO live_counts SELECT 'events', count(*) FROM events WHERE deleted_at IS NULL;
INSERT INTO live_counts SELECT 'tasks', count(*) FROM tasks WHERE deleted_at IS NULL;
INSERT INTO live_counts SELECT 'attendance', count(*) FROM attendance WHERE deleted_at IS NULL;
INSERT INTO live_counts SELECT 'invitations', count(*) FROM invitations WHERE deleted_at IS NULL;
CREATE TRIGGER members_count_insert AFTER INSERT ON members WHEN new.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n + 1 WHERE tbl = 'members';
END;
CREATE TRIGGER members_count_delete AFTER DELETE ON members WHEN old.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n - 1 WHERE tbl = 'members';
END;
CREATE TRIGGER members_count_update AFTER UPDATE OF deleted_at ON members
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    UPDATE live_counts SET n = n + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tbl = 'members';
END;
CREATE TRIGGER organisations_count_insert AFTER INSERT ON organisations WHEN new.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n + 1 WHERE tbl = 'organisations';
END;
CREATE TRIGGER organisations_count_delete AFTER DELETE ON organisations WHEN old.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n - 1 WHERE tbl = 'organisations';
END;
CREATE TRIGGER organisations_count_update AFTER UPDATE OF deleted_at ON organisations
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    UPDATE live_counts SET n = n + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tbl = 'organisations';
END;
CREATE TRIGGER events_count_insert AFTER INSERT ON events WHEN new.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n + 1 WHERE tbl = 'events';
END;
CREATE TRIGGER events_count_delete AFTER DELETE ON events WHEN old.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n - 1 WHERE tbl = 'events';
END;
CREATE TRIGGER events_count_update AFTER UPDATE OF deleted_at ON events
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    UPDATE live_counts SET n = n + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tbl = 'events';
END;
CREATE TRIGGER tasks_count_insert AFTER INSERT ON tasks WHEN new.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n + 1 WHERE tbl = 'tasks';
END;
CREATE TRIGGER tasks_count_delete AFTER DELETE ON tasks WHEN old.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n - 1 WHERE tbl = 'tasks';
END;
CREATE TRIGGER tasks_count_update AFTER UPDATE OF deleted_at ON tasks
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    UPDATE live_counts SET n = n + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tbl = 'tasks';
END;
CREATE TRIGGER attendance_count_insert AFTER INSERT ON attendance WHEN new.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n + 1 WHERE tbl = 'attendance';
END;
CREATE TRIGGER attendance_count_delete AFTER DELETE ON attendance WHEN old.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n - 1 WHERE tbl = 'attendance';
END;
CREATE TRIGGER attendance_count_update AFTER UPDATE OF deleted_at ON attendance
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    UPDATE live_counts SET n = n + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tbl = 'attendance';
END;
CREATE TRIGGER invitations_count_insert AFTER INSERT ON invitations WHEN new.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n + 1 WHERE tbl = 'invitations';
END;
CREATE TRIGGER invitations_count_delete AFTER DELETE ON invitations WHEN old.deleted_at IS NULL BEGIN
    UPDATE live_counts SET n = n - 1 WHERE tbl = 'invitations';
END;
CREATE TRIGGER invitations_count_update AFTER UPDATE OF deleted_at ON invitations
WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    UPDATE live_counts SET n = n + CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END
    WHERE tbl = 'invitations';
END;

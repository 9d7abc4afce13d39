-- Merging two members also hands over OTHER's places among a task's later owners (task_owners,
-- 013): two more kinds of move for unmerge to put back. SQLite cannot change a CHECK in place,
-- so the table is made anew with the wider one and its rows copied.
CREATE TABLE member_merge_moves_016 (
    merge_id  INTEGER NOT NULL REFERENCES member_merges (id),
    seq       INTEGER NOT NULL,
    what      TEXT NOT NULL CHECK (what IN ('field', 'attendance', 'attendance_kept',
              'attendance_dropped', 'affiliation', 'tag', 'task', 'task_owner',
              'task_owner_dropped')),
    row_id    INTEGER NOT NULL,
    old_value TEXT,
    PRIMARY KEY (merge_id, seq)
) WITHOUT ROWID;
INSERT INTO member_merge_moves_016 SELECT merge_id, seq, what, row_id, old_value
    FROM member_merge_moves;
DROP TABLE member_merge_moves;
ALTER TABLE member_merge_moves_016 RENAME TO member_merge_moves;

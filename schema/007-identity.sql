-- Who is the same person (src/store/identity.c): an identical phone, e-mail or LINE ID finds a
-- member through an index, as the phone already did; the e-mail and LINE ID compare without
-- case (a LINE ID without its @). Only live members with a value are in these indexes.
CREATE INDEX members_by_email ON members (lower(email)) WHERE deleted_at IS NULL AND email <> '';
CREATE INDEX members_by_line ON members (lower(ltrim(line_id, '@'))) WHERE deleted_at IS NULL AND line_id <> '';

-- `khai merge KEEP OTHER` and its undo: each merge, and what it moved from OTHER to KEEP, so
-- that `khai unmerge OTHER` (and u in the screens) puts every piece back. keep_version is
-- KEEP's version as the merge left it: undoing refuses when someone changed KEEP since.
CREATE TABLE member_merges (
    id           INTEGER PRIMARY KEY,
    keep_id      INTEGER NOT NULL REFERENCES members (id),
    other_id     INTEGER NOT NULL REFERENCES members (id),
    merged_at    TEXT NOT NULL,
    merged_by    TEXT NOT NULL,
    keep_version INTEGER NOT NULL,
    undone_at    TEXT,
    CHECK (keep_id <> other_id)
);
CREATE INDEX member_merges_by_other ON member_merges (other_id, id);

-- what: field (row_id the field's position, old_value KEEP's display value before), attendance
-- (an attendance row moved to KEEP), attendance_kept (KEEP's row at an event both were on:
-- old_value its status, check-in time and login, deleted flag before, joined by tabs),
-- attendance_dropped (OTHER's row at such an event, deleted by the merge), affiliation
-- (row_id the organisation, old_value OTHER's position), tag (row_id the tag), task (a task
-- OTHER owned).
CREATE TABLE member_merge_moves (
    merge_id  INTEGER NOT NULL REFERENCES member_merges (id),
    seq       INTEGER NOT NULL,
    what      TEXT NOT NULL CHECK (what IN ('field', 'attendance', 'attendance_kept',
              'attendance_dropped', 'affiliation', 'tag', 'task')),
    row_id    INTEGER NOT NULL,
    old_value TEXT,
    PRIMARY KEY (merge_id, seq)
) WITHOUT ROWID;

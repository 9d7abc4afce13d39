-- Contacts from phones and mail programs (issue 11): a member's street address, postcode and
-- birthday (an ISO date), as vCards, Google and Outlook carry them.
ALTER TABLE members ADD COLUMN street TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN birthday TEXT;

-- This database's identity: 16 random bytes made once, when the database is created or
-- upgraded, and never changed. The UID of every exported vCard and iCalendar component is
-- derived from it and the record's id (src/store/uid.c), so that the same record keeps its
-- UID across exports and two databases' records never share one.
CREATE TABLE database_identity (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seed TEXT NOT NULL CHECK (length(seed) = 32)
);
INSERT INTO database_identity (id, seed) VALUES (1, lower(hex(randomblob(16))));

-- The UIDs other programs gave the people imported from their vCards (an iPhone's, Google's,
-- another khai's), so that importing the same card again updates that member; khai's own
-- UIDs are not kept here: they are the member's id.
CREATE TABLE member_uids (
    uid       TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id)
) WITHOUT ROWID;
CREATE INDEX member_uids_by_member ON member_uids (member_id);

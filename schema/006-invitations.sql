-- Targets for coverage beside the people target, and organisations invited to an event.
-- Each target is optional (NULL): "70 subdistricts came against a target of 55".
ALTER TABLE events ADD COLUMN target_orgs INTEGER CHECK (target_orgs IS NULL OR target_orgs >= 0);
ALTER TABLE events ADD COLUMN target_subdistricts INTEGER
    CHECK (target_subdistricts IS NULL OR target_subdistricts >= 0);
ALTER TABLE events ADD COLUMN target_districts INTEGER
    CHECK (target_districts IS NULL OR target_districts >= 0);
ALTER TABLE events ADD COLUMN target_provinces INTEGER
    CHECK (target_provinces IS NULL OR target_provinces >= 0);

-- An organisation invited to an event, with its answer. status_at is when the status or
-- the reason last changed; every change is kept in invitation_history.
CREATE TABLE invitations (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events (id),
    org_id     INTEGER NOT NULL REFERENCES organisations (id),
    status     TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'confirmed',
               'cancelled', 'declined')),
    reason     TEXT NOT NULL DEFAULT '',
    status_at  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT
);
-- One invitation per organisation and event, even when two coordinators add it at once.
CREATE UNIQUE INDEX invitations_once ON invitations (event_id, org_id);
CREATE INDEX invitations_by_org ON invitations (org_id);
CREATE INDEX invitations_live ON invitations (id) WHERE deleted_at IS NULL;

-- "Confirmed on 10 July, cancelled on 23 July: floods": one row per status or reason an
-- invitation had, written by the triggers below whoever writes the invitation.
CREATE TABLE invitation_history (
    id            INTEGER PRIMARY KEY,
    invitation_id INTEGER NOT NULL REFERENCES invitations (id),
    status        TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL,
    who           TEXT NOT NULL
);
CREATE INDEX invitation_history_by_invitation ON invitation_history (invitation_id, id);

CREATE TRIGGER invitation_history_insert AFTER INSERT ON invitations BEGIN
    INSERT INTO invitation_history (invitation_id, status, reason, at, who)
    VALUES (new.id, new.status, new.reason, new.status_at, new.updated_by);
END;
CREATE TRIGGER invitation_history_update AFTER UPDATE OF status, reason ON invitations
WHEN old.status IS NOT new.status OR old.reason IS NOT new.reason BEGIN
    INSERT INTO invitation_history (invitation_id, status, reason, at, who)
    VALUES (new.id, new.status, new.reason, new.status_at, new.updated_by);
END;

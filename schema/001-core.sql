-- The core tables of khai. Every record row carries created/updated time, who updated it
-- (the Unix login), a version number for detecting lost updates, and deleted_at for soft
-- deletes. Names are stored normalised by khai; search_key is khai's search form of the row.

CREATE TABLE provinces (
    code    TEXT PRIMARY KEY,            -- ISO 3166-2, e.g. TH-50
    name_th TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL UNIQUE,
    region  TEXT NOT NULL CHECK (region IN ('north', 'northeast', 'central', 'east', 'west', 'south'))
);

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (name <> ''),
    short_name TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('government', 'local_admin',
               'foundation', 'association', 'community', 'network', 'university', 'school',
               'company', 'media', 'religious', 'other')),
    parent_id  INTEGER REFERENCES organisations (id),
    province   TEXT REFERENCES provinces (code),
    phone      TEXT NOT NULL DEFAULT '',  -- canonical national digits, several joined by '; '
    email      TEXT NOT NULL DEFAULT '',
    line_group TEXT NOT NULL DEFAULT '',
    facebook   TEXT NOT NULL DEFAULT '',
    website    TEXT NOT NULL DEFAULT '',
    focus      TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    deleted_at TEXT,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organisations_by_name ON organisations (name COLLATE thai, id);
CREATE INDEX organisations_by_parent ON organisations (parent_id);

CREATE TABLE members (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '',
    given_name  TEXT NOT NULL CHECK (given_name <> ''),
    family_name TEXT NOT NULL DEFAULT '',
    nickname    TEXT NOT NULL DEFAULT '',
    gender      TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'female', 'male', 'other')),
    email       TEXT NOT NULL DEFAULT '',
    line_id     TEXT NOT NULL DEFAULT '',
    facebook    TEXT NOT NULL DEFAULT '',
    province    TEXT REFERENCES provinces (code),
    district    TEXT NOT NULL DEFAULT '',
    subdistrict TEXT NOT NULL DEFAULT '',
    position    TEXT NOT NULL DEFAULT '',
    skills      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    search_key  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);
-- Thai convention: people are found and sorted by given name, never by title.
CREATE INDEX members_by_given ON members (given_name COLLATE thai, family_name COLLATE thai, id);
CREATE INDEX members_by_family ON members (family_name COLLATE thai, given_name COLLATE thai, id);
CREATE INDEX members_by_nickname ON members (nickname COLLATE thai, given_name COLLATE thai, id);
CREATE INDEX members_by_province ON members (province, given_name COLLATE thai, id);

CREATE TABLE member_phones (
    member_id INTEGER NOT NULL REFERENCES members (id),
    position  INTEGER NOT NULL,
    phone     TEXT NOT NULL CHECK (phone <> ''),  -- canonical national digits
    PRIMARY KEY (member_id, position)
) WITHOUT ROWID;
CREATE INDEX member_phones_by_phone ON member_phones (phone);

CREATE TABLE affiliations (
    member_id INTEGER NOT NULL REFERENCES members (id),
    org_id    INTEGER NOT NULL REFERENCES organisations (id),
    position  INTEGER NOT NULL DEFAULT 0,
    role      TEXT NOT NULL DEFAULT '',
    since     TEXT,   -- ISO 8601 date
    until     TEXT,
    PRIMARY KEY (member_id, org_id)
) WITHOUT ROWID;
CREATE INDEX affiliations_by_org ON affiliations (org_id, member_id);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> '')
);
CREATE TABLE member_tags (
    member_id INTEGER NOT NULL REFERENCES members (id),
    tag_id    INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (member_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX member_tags_by_tag ON member_tags (tag_id, member_id);
CREATE TABLE org_tags (
    org_id INTEGER NOT NULL REFERENCES organisations (id),
    tag_id INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (org_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX org_tags_by_tag ON org_tags (tag_id, org_id);

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL CHECK (title <> ''),
    kind              TEXT NOT NULL DEFAULT 'meeting' CHECK (kind IN ('meeting', 'workshop',
                      'training', 'forum', 'conference', 'field_visit', 'other')),
    start_date        TEXT NOT NULL,          -- ISO 8601
    end_date          TEXT NOT NULL,
    start_time        TEXT NOT NULL DEFAULT '', -- HH:MM or ''
    end_time          TEXT NOT NULL DEFAULT '',
    venue             TEXT NOT NULL DEFAULT '',
    province          TEXT REFERENCES provinces (code),
    host_id           INTEGER REFERENCES organisations (id),
    target            INTEGER CHECK (target IS NULL OR target >= 0),
    status            TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    recurrence_months INTEGER NOT NULL DEFAULT 0 CHECK (recurrence_months >= 0),
    agenda            TEXT NOT NULL DEFAULT '',
    minutes           TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    search_key        TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    updated_by        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    deleted_at        TEXT,
    CHECK (end_date >= start_date)
);
CREATE INDEX events_by_date ON events (start_date, id);
CREATE INDEX events_by_title ON events (title COLLATE thai, id);

CREATE TABLE event_partners (
    event_id INTEGER NOT NULL REFERENCES events (id),
    org_id   INTEGER NOT NULL REFERENCES organisations (id),
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, org_id)
) WITHOUT ROWID;
CREATE INDEX event_partners_by_org ON event_partners (org_id);

-- Target attendance per participant category (e.g. 800 local-government executives).
CREATE TABLE event_quotas (
    event_id INTEGER NOT NULL REFERENCES events (id),
    category TEXT NOT NULL CHECK (category <> ''),
    target   INTEGER NOT NULL CHECK (target >= 0),
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, category)
) WITHOUT ROWID;

CREATE TABLE attendance (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events (id),
    member_id     INTEGER NOT NULL REFERENCES members (id),
    org_id        INTEGER REFERENCES organisations (id),  -- the organisation represented
    category      TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL DEFAULT 'participant' CHECK (role IN ('participant', 'speaker',
                  'facilitator', 'organiser', 'observer', 'staff')),
    status        TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'confirmed',
                  'attended', 'absent', 'cancelled')),
    reason        TEXT NOT NULL DEFAULT '',
    breakout      TEXT NOT NULL DEFAULT '',
    checked_in_at TEXT,
    checked_in_by TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted_at    TEXT
);
-- Nobody is on an event's list twice, even when two coordinators check in at once.
CREATE UNIQUE INDEX attendance_once ON attendance (event_id, member_id);
CREATE INDEX attendance_by_member ON attendance (member_id);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (title <> ''),
    event_id     INTEGER REFERENCES events (id),
    owner_id     INTEGER REFERENCES members (id),
    owner_org_id INTEGER REFERENCES organisations (id),
    due_date     TEXT,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    priority     TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    notes        TEXT NOT NULL DEFAULT '',
    done_date    TEXT,
    search_key   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT
);
CREATE INDEX tasks_by_due ON tasks (status, due_date);
CREATE INDEX tasks_by_event ON tasks (event_id);
CREATE INDEX tasks_by_owner ON tasks (owner_id);

-- Who changed what and when: one row per insert, update, delete or restore, with the
-- changed fields' old and new values as JSON objects.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    who        TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
    old_values TEXT,
    new_values TEXT
);
CREATE INDEX audit_by_row ON audit (table_name, row_id);

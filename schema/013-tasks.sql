-- Tasks shared by several people: "send the name list before 17 พค." belongs to พี่ปิยะชีพ,
-- พี่รัฐภูมิ and อ.บวร, or to an organisation. Each row is one owner, a member or an
-- organisation, in the order given. tasks.owner_id and tasks.owner_org_id stay: they are the
-- first member and the first organisation of the list, as the command line's --owner and
-- --owner-org, CSV files and older code read and write them; the triggers below keep the list
-- following them when only they change (imports, the demo, merging two members).
CREATE TABLE task_owners (
    task_id   INTEGER NOT NULL REFERENCES tasks (id),
    member_id INTEGER REFERENCES members (id),
    org_id    INTEGER REFERENCES organisations (id),
    position  INTEGER NOT NULL,
    CHECK ((member_id IS NULL) <> (org_id IS NULL))
);
CREATE UNIQUE INDEX task_owners_by_task ON task_owners (task_id, position);
-- `list tasks --owner`, `--mine`: a member's or an organisation's tasks without a scan.
CREATE INDEX task_owners_by_member ON task_owners (member_id, task_id);
CREATE INDEX task_owners_by_org ON task_owners (org_id, task_id);

INSERT INTO task_owners (task_id, member_id, org_id, position)
    SELECT id, owner_id, NULL, 0 FROM tasks WHERE owner_id IS NOT NULL;
INSERT INTO task_owners (task_id, member_id, org_id, position)
    SELECT id, NULL, owner_org_id, 1 FROM tasks WHERE owner_org_id IS NOT NULL;

CREATE TRIGGER task_owners_insert AFTER INSERT ON tasks BEGIN
    INSERT OR IGNORE INTO task_owners (task_id, member_id, org_id, position)
        SELECT new.id, new.owner_id, NULL, 0 WHERE new.owner_id IS NOT NULL;
    INSERT OR IGNORE INTO task_owners (task_id, member_id, org_id, position)
        SELECT new.id, NULL, new.owner_org_id, 1 WHERE new.owner_org_id IS NOT NULL;
END;
-- A new first member takes the old one's place in the list (or comes first); none removes it.
CREATE TRIGGER task_owners_member AFTER UPDATE OF owner_id ON tasks
WHEN old.owner_id IS NOT new.owner_id BEGIN
    DELETE FROM task_owners WHERE task_id = new.id AND member_id = new.owner_id;
    UPDATE task_owners SET member_id = new.owner_id
        WHERE task_id = new.id AND member_id = old.owner_id AND new.owner_id IS NOT NULL;
    DELETE FROM task_owners WHERE task_id = new.id AND member_id = old.owner_id;
    INSERT INTO task_owners (task_id, member_id, org_id, position)
        SELECT new.id, new.owner_id, NULL,
               coalesce((SELECT min(position) FROM task_owners WHERE task_id = new.id), 1) - 1
        WHERE new.owner_id IS NOT NULL AND NOT EXISTS
            (SELECT 1 FROM task_owners WHERE task_id = new.id AND member_id = new.owner_id);
END;
CREATE TRIGGER task_owners_org AFTER UPDATE OF owner_org_id ON tasks
WHEN old.owner_org_id IS NOT new.owner_org_id BEGIN
    DELETE FROM task_owners WHERE task_id = new.id AND org_id = new.owner_org_id;
    UPDATE task_owners SET org_id = new.owner_org_id
        WHERE task_id = new.id AND org_id = old.owner_org_id AND new.owner_org_id IS NOT NULL;
    DELETE FROM task_owners WHERE task_id = new.id AND org_id = old.owner_org_id;
    INSERT INTO task_owners (task_id, member_id, org_id, position)
        SELECT new.id, NULL, new.owner_org_id,
               coalesce((SELECT max(position) FROM task_owners WHERE task_id = new.id), -1) + 1
        WHERE new.owner_org_id IS NOT NULL AND NOT EXISTS
            (SELECT 1 FROM task_owners WHERE task_id = new.id AND org_id = new.owner_org_id);
END;

-- `khai me MEMBER_ID`: which member a Unix login is, for `list tasks --mine`.
CREATE TABLE login_members (
    login     TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members (id)
) WITHOUT ROWID;

-- "Did you mean": an organisation typed with a small difference (ฎ for ฏ, a tone mark missing
-- or extra, spaces, dots) has the same key as its name or short name. The expression is
-- org_match_key() in src/store/suggest.c, word for word, so that lookups use these indexes.
CREATE INDEX organisations_by_match_key ON organisations (lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(name, ' ', ''), '.', ''), '-', ''), '่', ''), '้', ''), '๊', ''), '๋', ''), '็', ''), '์', ''), 'ฎ', 'ฏ'), 'ฑ', 'ท')));
CREATE INDEX organisations_by_short_match_key ON organisations (lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(short_name, ' ', ''), '.', ''), '-', ''), '่', ''), '้', ''), '๊', ''), '๋', ''), '็', ''), '์', ''), 'ฎ', 'ฏ'), 'ฑ', 'ท')));

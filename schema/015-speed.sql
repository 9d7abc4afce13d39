-- Speed at 100,000 and 1,000,000 members (issue 12): sort keys kept in the row, so that the
-- province and organisation orders are index walks instead of a correlated subquery per row,
-- and indexes for the filters the detail screens and `show` use.

-- The province's Thai name: set by the save path (records.c binds it with the province), and
-- put right by the triggers below whatever else writes the province.
ALTER TABLE members ADD COLUMN sort_province TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN sort_province TEXT NOT NULL DEFAULT '';
-- The name of the member's first organisation (the lowest affiliations.position), kept by the
-- triggers on affiliations and on an organisation's name.
ALTER TABLE members ADD COLUMN sort_org TEXT NOT NULL DEFAULT '';

UPDATE members SET sort_province = (SELECT name_th FROM provinces WHERE code = members.province)
WHERE province IN (SELECT code FROM provinces);
UPDATE organisations SET sort_province = (SELECT name_th FROM provinces
                                          WHERE code = organisations.province)
WHERE province IN (SELECT code FROM provinces);
UPDATE members SET sort_org = coalesce((SELECT o.name FROM affiliations a
    JOIN organisations o ON o.id = a.org_id WHERE a.member_id = members.id
    ORDER BY a.position LIMIT 1), '')
WHERE id IN (SELECT member_id FROM affiliations);

CREATE INDEX members_by_province_name ON members (sort_province COLLATE thai, given_name COLLATE thai, id);
CREATE INDEX members_by_org_name ON members (sort_org COLLATE thai, given_name COLLATE thai, id);
CREATE INDEX organisations_by_province_name ON organisations (sort_province COLLATE thai, name COLLATE thai, id);
-- A member's organisations in order: the listing's columns and the sort key above read them
-- without sorting each member's rows.
CREATE INDEX affiliations_by_member_position ON affiliations (member_id, position, org_id);
-- An organisation's events (host) and tasks (owner organisation): the detail screens.
CREATE INDEX events_by_host ON events (host_id);
CREATE INDEX tasks_by_owner_org ON tasks (owner_org_id);

CREATE TRIGGER members_sort_province_insert AFTER INSERT ON members
WHEN new.sort_province IS NOT coalesce((SELECT name_th FROM provinces WHERE code = new.province), '')
BEGIN
    UPDATE members SET sort_province = coalesce((SELECT name_th FROM provinces
                                                 WHERE code = new.province), '')
    WHERE id = new.id;
END;
CREATE TRIGGER members_sort_province_update AFTER UPDATE OF province, sort_province ON members
WHEN new.sort_province IS NOT coalesce((SELECT name_th FROM provinces WHERE code = new.province), '')
BEGIN
    UPDATE members SET sort_province = coalesce((SELECT name_th FROM provinces
                                                 WHERE code = new.province), '')
    WHERE id = new.id;
END;
CREATE TRIGGER organisations_sort_province_insert AFTER INSERT ON organisations
WHEN new.sort_province IS NOT coalesce((SELECT name_th FROM provinces WHERE code = new.province), '')
BEGIN
    UPDATE organisations SET sort_province = coalesce((SELECT name_th FROM provinces
                                                       WHERE code = new.province), '')
    WHERE id = new.id;
END;
CREATE TRIGGER organisations_sort_province_update AFTER UPDATE OF province, sort_province ON organisations
WHEN new.sort_province IS NOT coalesce((SELECT name_th FROM provinces WHERE code = new.province), '')
BEGIN
    UPDATE organisations SET sort_province = coalesce((SELECT name_th FROM provinces
                                                       WHERE code = new.province), '')
    WHERE id = new.id;
END;

-- The first organisation's name of one member, written only when it changed.
CREATE TRIGGER affiliations_sort_insert AFTER INSERT ON affiliations BEGIN
    UPDATE members SET sort_org = coalesce((SELECT o.name FROM affiliations a
        JOIN organisations o ON o.id = a.org_id WHERE a.member_id = new.member_id
        ORDER BY a.position LIMIT 1), '')
    WHERE id = new.member_id AND sort_org IS NOT coalesce((SELECT o.name FROM affiliations a
        JOIN organisations o ON o.id = a.org_id WHERE a.member_id = new.member_id
        ORDER BY a.position LIMIT 1), '');
END;
CREATE TRIGGER affiliations_sort_delete AFTER DELETE ON affiliations BEGIN
    UPDATE members SET sort_org = coalesce((SELECT o.name FROM affiliations a
        JOIN organisations o ON o.id = a.org_id WHERE a.member_id = old.member_id
        ORDER BY a.position LIMIT 1), '')
    WHERE id = old.member_id AND sort_org IS NOT coalesce((SELECT o.name FROM affiliations a
        JOIN organisations o ON o.id = a.org_id WHERE a.member_id = old.member_id
        ORDER BY a.position LIMIT 1), '');
END;
CREATE TRIGGER affiliations_sort_update AFTER UPDATE OF member_id, org_id, position ON affiliations BEGIN
    UPDATE members SET sort_org = coalesce((SELECT o.name FROM affiliations a
        JOIN organisations o ON o.id = a.org_id WHERE a.member_id = members.id
        ORDER BY a.position LIMIT 1), '')
    WHERE id IN (old.member_id, new.member_id) AND sort_org IS NOT coalesce((SELECT o.name
        FROM affiliations a JOIN organisations o ON o.id = a.org_id
        WHERE a.member_id = members.id ORDER BY a.position LIMIT 1), '');
END;
CREATE TRIGGER organisations_sort_name AFTER UPDATE OF name ON organisations BEGIN
    UPDATE members SET sort_org = coalesce((SELECT o.name FROM affiliations a
        JOIN organisations o ON o.id = a.org_id WHERE a.member_id = members.id
        ORDER BY a.position LIMIT 1), '')
    WHERE id IN (SELECT member_id FROM affiliations WHERE org_id = new.id)
      AND sort_org IS NOT coalesce((SELECT o.name FROM affiliations a
        JOIN organisations o ON o.id = a.org_id WHERE a.member_id = members.id
        ORDER BY a.position LIMIT 1), '');
END;

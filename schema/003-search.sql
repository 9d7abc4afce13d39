-- Substring search over names, nicknames, organisation names and phone digits: FTS5 trigram
-- indexes over the search_key columns that khai computes, kept in sync by triggers.
-- Queries of one or two characters cannot use a trigram index; khai scans search_key instead.

CREATE VIRTUAL TABLE members_fts USING fts5 (
    search_key, content = 'members', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER members_fts_insert AFTER INSERT ON members BEGIN
    INSERT INTO members_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER members_fts_update AFTER UPDATE OF search_key ON members BEGIN
    INSERT INTO members_fts (members_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    INSERT INTO members_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN
    INSERT INTO members_fts (members_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;

CREATE VIRTUAL TABLE organisations_fts USING fts5 (
    search_key, content = 'organisations', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations BEGIN
    INSERT INTO organisations_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER organisations_fts_update AFTER UPDATE OF search_key ON organisations BEGIN
    INSERT INTO organisations_fts (organisations_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    INSERT INTO organisations_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN
    INSERT INTO organisations_fts (organisations_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;

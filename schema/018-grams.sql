-- Searches of one or two letters (issue 12): an FTS5 index of the one- and two-code-point
-- grams of each member's search key (the khai_grams tokenizer, src/store/grams.c), so that
-- a short term is a posting-list lookup instead of reading every key. detail=none keeps it
-- small: a term is looked up by its documents only. Deleted members are indexed as the
-- trigram index has them: the lists of deleted members are searched too.
CREATE VIRTUAL TABLE members_grams USING fts5 (
    search_key, content = 'members', content_rowid = 'id', tokenize = 'khai_grams',
    detail = 'none', columnsize = 0);
CREATE TRIGGER members_grams_insert AFTER INSERT ON members BEGIN
    INSERT INTO members_grams (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER members_grams_update AFTER UPDATE OF search_key ON members BEGIN
    INSERT INTO members_grams (members_grams, rowid, search_key) VALUES ('delete', old.id, old.search_key);
    INSERT INTO members_grams (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER members_grams_delete AFTER DELETE ON members BEGIN
    INSERT INTO members_grams (members_grams, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
-- The members there are: one segment, so that a lookup reads one posting list.
INSERT INTO members_grams (members_grams) VALUES ('rebuild');
INSERT INTO members_grams (members_grams) VALUES ('optimize');
-- The trigram index too, which inserts leave in many segments: a term is then looked up in
-- each (a search of 3+ letters read 33 M instructions instead of 26 M at 100,000 members).
INSERT INTO members_fts (members_fts) VALUES ('optimize');
-- The list in its default order (given name) holds what a search tests, so that a search
-- many members match walks this index alone and reads only the rows of its page from the
-- table (walking "วา", which 4% of members have, read 1,200 rows for a page of 50).
DROP INDEX members_by_given;
CREATE INDEX members_by_given ON members (given_name COLLATE thai, family_name COLLATE thai, id,
                                          deleted_at, search_key);

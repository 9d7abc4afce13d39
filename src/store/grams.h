/* The short-substring index of member search keys (schema/018-grams.sql): an FTS5 tokenizer,
 * "khai_grams", that makes each one- and two-code-point piece of a key a token, so that a
 * search of one or two letters reads a posting list instead of every key. */
#ifndef KHAI_GRAMS_H
#define KHAI_GRAMS_H
#include <sqlite3.h>

/* Registers the tokenizer on a connection: every connection that may write members (their
 * triggers feed the index) or search them needs it. SQLITE_OK or an SQLite error code. */
int grams_register(sqlite3 *h);

/* For tests: the most rows a search takes from an index and sorts (lists.c), instead of the
 * one the table's size gives; -1 restores that. 0 makes every search of members that any row
 * matches walk the list in its order. */
void list_set_sparse_cap(long long cap);

#endif

/* The "khai_grams" FTS5 tokenizer: the one- and two-code-point grams of a search key.
 *
 * The text it reads is a search key already (text_search_key: normalised, folded, phone
 * digits apart), so it only cuts: "สมชาย" gives ส สม ม มช ช ชา า าย ย. A term never holds a
 * space (searches are split at spaces), so no gram holds one either. A query term (one or
 * two code points: lists.c sends nothing longer) is one token as it stands. The table is
 * made with detail=none: a term is found by its document list alone, without positions. */
#define _GNU_SOURCE /* memmem */
#include "grams.h"
#include "utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The tokenizer keeps no state: each instance is this one byte. */
static char grams_instance;

static int grams_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    (void)argc;
    *out = (Fts5Tokenizer *)&grams_instance;
    return SQLITE_OK;
}

static void grams_delete(Fts5Tokenizer *tok)
{
    (void)tok;
}

typedef int (*token_fn)(void *ctx, int flags, const char *token, int len, int start, int end);

/* The grams of text[0..len): each code point that is not a space, and each pair of them. */
static int grams_of(const char *text, int len, void *ctx, token_fn emit)
{
    int at = 0, prev = -1; /* prev: where the code point before `at` starts, or -1 */
    while (at < len) {
        uint32_t cp;
        int n = (int)utf8_decode(text + at, (size_t)(len - at), &cp);
        int rc = SQLITE_OK;
        if (cp == ' ') {
            prev = -1;
        } else {
            if (prev >= 0) rc = emit(ctx, 0, text + prev, at + n - prev, prev, at + n);
            if (rc == SQLITE_OK) rc = emit(ctx, 0, text + at, n, at, at + n);
            prev = at;
        }
        if (rc != SQLITE_OK) return rc;
        at += n;
    }
    return SQLITE_OK;
}

static int grams_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int len,
                          token_fn emit)
{
    (void)tok;
    if (len <= 0) return SQLITE_OK;
    if (flags & FTS5_TOKENIZE_QUERY) return emit(ctx, 0, text, len, 0, len);
    return grams_of(text, len, ctx, emit);
}

/* khai_contains(key, term): whether term is in key, as instr(key, term) > 0 says (NULL when
 * either is NULL). Both are UTF-8, so a match of bytes starts at a character; memmem finds
 * it without counting characters as instr() does (1,500 instructions a search key, 7 M for
 * the 4,500 rows a search of "somchai" tests at 1,000,000 members). */
static void contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *key = sqlite3_value_text(argv[0]);
    const unsigned char *term = sqlite3_value_text(argv[1]);
    if (!key || !term) return; /* NULL, as instr() gives */
    size_t nkey = (size_t)sqlite3_value_bytes(argv[0]),
           nterm = (size_t)sqlite3_value_bytes(argv[1]);
    sqlite3_result_int(ctx, memmem(key, nkey, term, nterm) != NULL);
}

int grams_register(sqlite3 *h)
{
    if (sqlite3_create_function(h, "khai_contains", 2,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                contains, NULL, NULL) != SQLITE_OK)
        return SQLITE_ERROR;
    static fts5_tokenizer tokenizer = {grams_create, grams_delete, grams_tokenize};
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return SQLITE_ERROR;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api) return SQLITE_ERROR;
    return api->xCreateTokenizer(api, "khai_grams", NULL, &tokenizer, NULL);
}

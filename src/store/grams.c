/* The "khai_grams" FTS5 tokenizer: the one- and two-code-point grams of a search key.
 *
 * The text it reads is a search key already (text_search_key: normalised, folded, phone
 * digits apart), so it only cuts: "สมชาย" gives ส สม ม มช ช ชา า าย ย. A term never holds a
 * space (searches are split at spaces), so no gram holds one either. A query term (one or
 * two code points: lists.c sends nothing longer) is one token as it stands. The table is
 * made with detail=none: a term is found by its document list alone, without positions. */
#include "grams.h"
#include "utf8.h"

#include <stddef.h>
#include <stdint.h>

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

int grams_register(sqlite3 *h)
{
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

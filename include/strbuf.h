/* A growable NUL-terminated byte string. */
#ifndef KHAI_STRBUF_H
#define KHAI_STRBUF_H
#include <stddef.h>
#include <stdint.h>

struct strbuf {
    char *s; /* always NUL-terminated once anything was added; NULL when empty and new */
    size_t len;
    size_t cap;
};

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addc(struct strbuf *sb, char c);
/* Appends one code point as UTF-8. */
void sb_add_codepoint(struct strbuf *sb, uint32_t cp);
/* Removes the last code point (a Thai mark alone, as it was typed): Backspace in a line. */
void sb_drop_codepoint(struct strbuf *sb);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents as a string ("" when empty); stays owned by sb. */
const char *sb_str(const struct strbuf *sb);
/* Hand the string to the caller (never NULL) and reset sb. */
char *sb_take(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif

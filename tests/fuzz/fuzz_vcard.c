/* libFuzzer target for the vCard reader: any bytes are parsed (as auto-detected UTF-8 or
 * Windows-874, and as --encoding cp874), every good card is read as a contact and written
 * as 3.0 and 4.0, and the output must be well-formed: CRLF lines of at most 75 octets,
 * each valid UTF-8, that read back as exactly one good card. No database. */
#include "strbuf.h"
#include "utf8.h"
#include "vcard.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok, const char *what, const char *text)
{
    if (ok) return;
    fprintf(stderr, "fuzz_vcard: %s in:\n%s\n", what, text);
    abort();
}

static void check_lines(const struct strbuf *out)
{
    for (const char *line = out->s; *line;) {
        const char *crlf = strstr(line, "\r\n");
        check(crlf != NULL, "a line without CRLF", out->s);
        size_t n = (size_t)(crlf - line);
        check(n <= 75, "a line longer than 75 octets", out->s);
        check(!memchr(line, '\n', n) && !memchr(line, '\r', n), "a bare line break", out->s);
        check(utf8_valid(line, n, NULL), "a line that is not UTF-8 by itself", out->s);
        line = crlf + 2;
    }
}

static void write_and_reread(const struct vcard_contact *c, enum vcard_version v)
{
    struct strbuf out = STRBUF_INIT;
    vcard_write(&out, c, v);
    check_lines(&out);
    struct vcard_file again;
    char *err = NULL;
    check(vcard_parse(out.s, out.len, NULL, &again, &err) == 0, "written text unreadable", out.s);
    check(again.n == 1 && !again.cards[0].error, "written card reads back bad", out.s);
    vcard_file_free(&again);
    sb_free(&out);
}

static void read_cards(const uint8_t *data, size_t size, const char *charset)
{
    struct vcard_file f;
    char *err = NULL;
    if (vcard_parse((const char *)data, size, charset, &f, &err) != 0) {
        free(err);
        return;
    }
    for (size_t i = 0; i < f.n; i++) {
        const struct vcard *card = &f.cards[i];
        if (card->error) continue;
        struct vcard_contact c;
        int line = 0;
        if (vcard_contact_read(card, &c, &err, &line) != 0) {
            free(err);
            err = NULL;
            continue;
        }
        write_and_reread(&c, VCARD_30);
        write_and_reread(&c, VCARD_40);
        vcard_contact_free(&c);
    }
    vcard_file_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_cards(data, size, NULL);
    read_cards(data, size, "cp874");
    return 0;
}

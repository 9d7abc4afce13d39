/* The text of frequency tables and bar charts. */
#include "freqview.h"
#include "messages.h"
#include "strbuf.h"
#include "thaidate.h"
#include "xalloc.h"

#include <string.h>

char *freqview_label(enum kind k, enum field_id f, const struct freq_row *r)
{
    if (!*r->value) return xstrdup(_("(none)"));
    if (f == F_NONE) return xstrdup(r->value);
    const struct field *fd = field_info(f);
    (void)k;
    if (fd->type == FT_CHOICE) return xstrdup(choice_label(fd, r->value));
    if (fd->type == FT_DATE) {
        struct date d;
        char buf[64];
        if (date_from_iso(r->value, &d) == 0) {
            date_format(d, DATE_THAI, buf, sizeof buf);
            return xstrdup(buf);
        }
    }
    return xstrdup(*r->label ? r->label : r->value);
}

char *freqview_bar(long long value, long long max, int width, bool ascii)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    struct strbuf sb = STRBUF_INIT;
    long long units = max > 0 && width > 0 ? (value * width * 8 + max / 2) / max : 0;
    /* A value above nought shows at least a sliver. */
    if (units == 0 && value > 0 && width > 0) units = ascii ? 8 : 1;
    if (ascii) units = (units + 4) / 8 * 8;
    for (long long i = 0; i < units / 8; i++)
        sb_add(&sb, ascii ? "#" : "█");
    if (!ascii) sb_add(&sb, eighths[units % 8]);
    return sb_take(&sb);
}

bool freqview_ascii(void)
{
    return !messages_user_utf8();
}

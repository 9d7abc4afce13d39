/* The command line's one output path for data: sanitised, width-aware table cells. */
#include "table.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

enum { GAP = 2 };

int table_width(FILE *out)
{
    struct winsize ws;
    if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *env = getenv("COLUMNS");
    int cols = env ? atoi(env) : 0;
    return cols >= 20 && cols <= 1000 ? cols : 80;
}

int table_layout(const struct table_col *cols, int ncols, int total, int *widths)
{
    /* Columns that cannot fit even at their minimum are left out, from the right. */
    int need = cols[0].min;
    for (int i = 1; i < ncols; i++) {
        if (need + GAP + cols[i].min > total) {
            ncols = i;
            break;
        }
        need += GAP + cols[i].min;
    }
    int used = GAP * (ncols - 1), flex = 0;
    for (int i = 0; i < ncols; i++) {
        widths[i] = cols[i].max ? cols[i].max : cols[i].min;
        used += widths[i];
        flex += cols[i].max == 0;
    }
    /* Shrink fixed columns towards their minimum while too wide, widest first. */
    while (used > total) {
        int widest = -1;
        for (int i = 0; i < ncols; i++)
            if (widths[i] > cols[i].min && (widest < 0 || widths[i] > widths[widest])) widest = i;
        if (widest < 0) break;
        widths[widest]--;
        used--;
    }
    /* Share what is left among the flexible columns. */
    for (int i = 0, left = flex; i < ncols && used < total; i++) {
        if (cols[i].max) continue;
        int extra = (total - used) / left--;
        widths[i] += extra;
        used += extra;
    }
    return ncols;
}

void table_row(FILE *out, const struct table_col *cols, const char *const *cells, const int *widths,
               int ncols)
{
    struct strbuf line = STRBUF_INIT;
    for (int i = 0; i < ncols; i++) {
        const char *cell = cells[i] ? cells[i] : "";
        char *fitted = text_fit(cell, (size_t)widths[i]);
        if (cols[i].right) {
            /* Move the padding in front of the text. */
            size_t len = strlen(fitted);
            while (len && fitted[len - 1] == ' ')
                len--;
            size_t pad = strlen(fitted) - len;
            for (size_t p = 0; p < pad; p++)
                sb_addc(&line, ' ');
            sb_addn(&line, fitted, len);
        } else {
            sb_add(&line, fitted);
        }
        free(fitted);
        if (i + 1 < ncols) sb_add(&line, "  ");
    }
    size_t len = line.len;
    while (len && line.s[len - 1] == ' ')
        len--;
    fprintf(out, "%.*s\n", (int)len, sb_str(&line));
    sb_free(&line);
}

void print_safe(FILE *out, const char *text)
{
    char *safe = text_sanitize(text ? text : "");
    fputs(safe, out);
    free(safe);
}

void print_safe_lines(FILE *out, const char *text, size_t len)
{
    size_t start = 0;
    while (start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len, cut = end;
        if (cut > start && text[cut - 1] == '\r') cut--;
        char *line = xstrndup(text + start, cut - start);
        print_safe(out, line);
        fputc('\n', out);
        free(line);
        start = end + 1;
    }
}

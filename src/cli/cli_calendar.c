/* `khai calendar [MONTH]`, a month as cal prints it with the days that hold something marked,
 * and `khai agenda [--days N]`, the coming days as calcurse -a lists them. */
#include "agenda.h"
#include "agendaview.h"
#include "calendar.h"
#include "cli_internal.h"
#include "messages.h"
#include "strbuf.h"
#include "table.h"
#include "text.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A grid cell is three columns: the day right-aligned in two, then the mark or a space. */
enum { CELL = 3, GRID_WIDTH = 7 * CELL - 1, DEFAULT_DAYS = 7, MAX_DAYS = 3660 };

static void print_line(struct strbuf *sb)
{
    while (sb->len && sb->s[sb->len - 1] == ' ')
        sb->s[--sb->len] = '\0';
    print_safe(stdout, sb_str(sb));
    putchar('\n');
    sb_reset(sb);
}

/* Pads s on the left to cols terminal columns. */
static void add_right_aligned(struct strbuf *sb, const char *s, size_t cols)
{
    for (size_t w = text_width(s); w < cols; w++)
        sb_addc(sb, ' ');
    sb_add(sb, s);
}

static bool day_marked(const struct agenda *a, struct date d)
{
    for (size_t i = 0; i < a->n; i++)
        if (agenda_covers(&a->items[i], d)) return true;
    return false;
}

static void print_grid(const struct month_grid *g, const struct agenda *a)
{
    struct strbuf sb = STRBUF_INIT;
    char title[96];
    calendar_month_title(g->year, g->month, title, sizeof title);
    add_right_aligned(&sb, title, (GRID_WIDTH + text_width(title)) / 2);
    print_line(&sb);
    for (int col = 0; col < 7; col++) {
        add_right_aligned(&sb, calendar_weekday_initial((g->first_weekday + col) % 7), 2);
        sb_addc(&sb, ' ');
    }
    print_line(&sb);
    for (int week = 0; week < g->weeks; week++) {
        for (int col = 0; col < 7; col++) {
            int day = g->day[week][col];
            if (!day) {
                sb_add(&sb, "   ");
                continue;
            }
            struct date d = {g->year, g->month, day};
            sb_addf(&sb, "%2d%c", day, day_marked(a, d) ? '*' : ' ');
        }
        print_line(&sb);
    }
    sb_free(&sb);
}

static void print_month_items(const struct agenda *a)
{
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < a->n; i++) {
        char *dates = agenda_item_dates(&a->items[i]), *text = agenda_item_text(&a->items[i]);
        sb_addf(&sb, "%s  %s", dates, text);
        print_line(&sb);
        free(dates);
        free(text);
    }
    sb_free(&sb);
}

static int read_month_argument(const struct cli *cli, int *year, int *month)
{
    struct date today = date_today();
    *year = today.year;
    *month = today.month;
    if (cli->argc == 0) return EXIT_OK;
    if (cli->argc > 1) return cli_usage("calendar", _("unexpected argument \"%s\""), cli->argv[1]);
    char why[256];
    if (month_parse(cli->argv[0], year, month, why, sizeof why) != 0)
        return cli_usage("calendar", "%s", why);
    return EXIT_OK;
}

int cmd_calendar(const struct cli *cli)
{
    int year, month;
    int rc = read_month_argument(cli, &year, &month);
    if (rc != EXIT_OK) return rc;
    struct month_grid grid;
    calendar_month_grid(year, month, 0, &grid);
    struct db *db = cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    struct agenda a;
    char *err = NULL;
    struct date first = {year, month, 1};
    struct date last = {year, month, calendar_days_in_month(year, month)};
    rc = agenda_between(db, first, last, date_today(), &a, &err);
    db_close(&db);
    if (rc != 0) return cli_fail(err);
    print_grid(&grid, &a);
    putchar('\n');
    if (a.n)
        print_month_items(&a);
    else
        puts(_("Nothing on the calendar this month."));
    agenda_free(&a);
    return EXIT_OK;
}

/* The items of day d under its heading "วันพุธ 21 ก.ค. 2553"; nothing for an empty day. */
static void print_day(const struct agenda *a, struct date d)
{
    struct strbuf sb = STRBUF_INIT;
    bool heading = false;
    for (size_t i = 0; i < a->n; i++) {
        const struct agenda_item *it = &a->items[i];
        if (!agenda_covers(it, d)) continue;
        if (!heading) {
            heading = true;
            char *title = agenda_day_heading(d);
            sb_add(&sb, title);
            print_line(&sb);
            free(title);
        }
        char *text = agenda_item_text(it);
        sb_addf(&sb, "  %s", text);
        print_line(&sb);
        free(text);
    }
    sb_free(&sb);
}

static int read_agenda_options(const struct cli *cli, struct date *from, long *days)
{
    *from = date_today();
    *days = DEFAULT_DAYS;
    for (int i = 0; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        bool is_days = strcmp(a, "--days") == 0, is_from = strcmp(a, "--from") == 0;
        if (!is_days && !is_from) return cli_usage("agenda", _("unknown option \"%s\""), a);
        if (i + 1 >= cli->argc) return cli_usage("agenda", _("%s needs a value"), a);
        const char *v = cli->argv[++i];
        long long n;
        char why[256];
        if (is_days && (!cli_parse_id(v, &n) || n > MAX_DAYS))
            return cli_usage("agenda", _("--days takes a number of days from 1 to %d, not \"%s\""),
                             MAX_DAYS, v);
        if (is_days)
            *days = (long)n;
        else if (date_parse(v, date_today(), from, NULL, why, sizeof why) != 0)
            return cli_usage("agenda", "%s: %s", a, why);
    }
    return EXIT_OK;
}

int cmd_agenda(const struct cli *cli)
{
    struct date from;
    long days;
    int rc = read_agenda_options(cli, &from, &days);
    if (rc != EXIT_OK) return rc;
    struct date to = calendar_add_days(from, days - 1);
    if (to.year == 0) return cli_usage("agenda", _("the agenda would end after the year 9999"));
    struct db *db = cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    struct agenda a;
    char *err = NULL;
    rc = agenda_between(db, from, to, date_today(), &a, &err);
    db_close(&db);
    if (rc != 0) return cli_fail(err);
    if (!a.n)
        printf(P_("Nothing on the calendar in the next %ld day.\n",
                  "Nothing on the calendar in the next %ld days.\n", days),
               days);
    for (long i = 0; i < days; i++)
        print_day(&a, calendar_add_days(from, i));
    agenda_free(&a);
    return EXIT_OK;
}

/* A goal's progress as the command line and the screens show it. */
#include "goalview.h"
#include "messages.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

char *goal_bar(long long actual, long long target, int width, bool ascii)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    struct strbuf sb = STRBUF_INIT;
    if (width <= 0) return sb_take(&sb);
    long long full = (long long)width * 8;
    long long units = target > 0 ? (actual >= target ? full : actual * full / target) : 0;
    if (ascii) units = units / 8 * 8;
    for (long long i = 0; i < units / 8; i++)
        sb_add(&sb, ascii ? "#" : "█");
    if (!ascii) sb_add(&sb, eighths[units % 8]);
    return sb_take(&sb);
}

/* Rounded to the nearest whole number. */
static long long rounded(double x)
{
    return (long long)(x + 0.5);
}

char *goal_pace_text(const struct goal_progress *g)
{
    if (g->per_day <= 0) return xstrdup("");
    long long week = rounded(g->per_day * 7), month = rounded(g->per_day * 30.44);
    if (week >= 1) return xasprintf(P_("%lld a week", "%lld a week", week), week);
    if (month >= 1) return xasprintf(P_("%lld a month", "%lld a month", month), month);
    return xstrdup(_("less than 1 a month"));
}

void goal_date_text(struct date d, char *buf, size_t n)
{
    date_format(d, messages_thai() ? DATE_THAI : DATE_CE, buf, n);
}

static void push(char ***lines, size_t *n, char *line)
{
    *lines = xrealloc(*lines, sizeof **lines * (*n + 1));
    (*lines)[(*n)++] = line;
}

/* When the goal was or will be reached, against its due date: one whole sentence each. */
static char *outcome_line(const struct goal_progress *g)
{
    char when[64], due[64];
    if (g->has_due) goal_date_text(g->due, due, sizeof due);
    if (g->reached) {
        goal_date_text(g->reached_on, when, sizeof when);
        return xasprintf(_("Reached on %s"), when);
    }
    if (!g->has_projection && g->per_day > 0)
        return xstrdup(_("At this pace it will not be reached within a hundred years"));
    if (!g->has_projection)
        return g->has_due
                   ? xasprintf(_("Not reached yet, due %s: nothing counted to set a pace"), due)
                   : xstrdup(_("Not reached yet: nothing counted to set a pace"));
    goal_date_text(g->projected, when, sizeof when);
    if (!g->has_due) return xasprintf(_("At this pace it will be reached on %s"), when);
    return g->on_track ? xasprintf(_("At this pace it will be reached on %s, by the due date %s"),
                                   when, due)
                       : xasprintf(_("At this pace it will be reached on %s, after the due date "
                                     "%s"),
                                   when, due);
}

size_t goal_progress_lines(const struct goal_progress *g, char ***lines)
{
    size_t n = 0;
    *lines = NULL;
    push(lines, &n,
         xasprintf(_("Progress: %lld of a target of %lld (%lld%%)"), g->actual, g->target,
                   goal_percent(g)));
    char *pace = goal_pace_text(g);
    if (*pace && g->has_start) {
        char since[64];
        goal_date_text(g->start, since, sizeof since);
        push(lines, &n, xasprintf(_("Pace so far: %s since %s"), pace, since));
    }
    free(pace);
    push(lines, &n, outcome_line(g));
    return n;
}

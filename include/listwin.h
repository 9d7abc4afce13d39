/* The window arithmetic of a scrolling list, apart from curses so it can be unit-tested:
 * which row is highlighted, which row is at the top, and what a move changes on screen. */
#ifndef KHAI_LISTWIN_H
#define KHAI_LISTWIN_H
#include <stdbool.h>

struct listwin {
    long long count;  /* rows in the list */
    long long top;    /* index of the first visible row */
    long long cursor; /* index of the highlighted row (0 when the list is empty) */
    int height;       /* visible rows */
};

/* What the screen must do after a move: nothing, repaint two rows, scroll by some lines
 * (then repaint the rows that came in and the highlight), or repaint the whole list. */
enum listwin_change { LW_NONE, LW_ROWS, LW_SCROLL, LW_ALL };

struct listwin_delta {
    enum listwin_change change;
    long long old_cursor;
    int scroll; /* lines the content moved up (positive) or down (negative) */
};

/* Keeps cursor and top valid after count or height changed. */
void listwin_clamp(struct listwin *lw);
/* Moves the highlight by delta rows (a page is delta = +-height), scrolling as little as
 * possible. */
struct listwin_delta listwin_move(struct listwin *lw, long long delta);
/* Moves the highlight to row index (Home, End, a search hit). */
struct listwin_delta listwin_goto(struct listwin *lw, long long index);

#endif

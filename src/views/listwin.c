/* Scrolling-list arithmetic: the fewest screen changes for each move. */
#include "listwin.h"

void listwin_clamp(struct listwin *lw)
{
    if (lw->height < 1) lw->height = 1;
    if (lw->count <= 0) {
        lw->count = 0;
        lw->top = lw->cursor = 0;
        return;
    }
    if (lw->cursor >= lw->count) lw->cursor = lw->count - 1;
    if (lw->cursor < 0) lw->cursor = 0;
    long long max_top = lw->count > lw->height ? lw->count - lw->height : 0;
    if (lw->top > max_top) lw->top = max_top;
    if (lw->top < 0) lw->top = 0;
    if (lw->cursor < lw->top) lw->top = lw->cursor;
    if (lw->cursor >= lw->top + lw->height) lw->top = lw->cursor - lw->height + 1;
}

struct listwin_delta listwin_goto(struct listwin *lw, long long index)
{
    struct listwin_delta d = {LW_NONE, lw->cursor, 0};
    if (lw->count == 0) return d;
    long long old_top = lw->top;
    lw->cursor = index;
    listwin_clamp(lw);
    long long moved = lw->top - old_top;
    if (moved == 0)
        d.change = lw->cursor == d.old_cursor ? LW_NONE : LW_ROWS;
    else if (moved > -lw->height && moved < lw->height)
        d.change = LW_SCROLL, d.scroll = (int)moved;
    else
        d.change = LW_ALL;
    return d;
}

struct listwin_delta listwin_move(struct listwin *lw, long long delta)
{
    /* A page moves the view with the highlight, as less and most list views do. */
    if (delta >= lw->height || delta <= -lw->height) {
        struct listwin_delta d = {LW_NONE, lw->cursor, 0};
        long long old_top = lw->top, old_cursor = lw->cursor;
        lw->top += delta;
        lw->cursor += delta;
        listwin_clamp(lw);
        if (lw->top == old_top)
            d.change = lw->cursor == old_cursor ? LW_NONE : LW_ROWS;
        else
            d.change = LW_ALL;
        return d;
    }
    return listwin_goto(lw, lw->cursor + delta);
}

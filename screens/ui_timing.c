/* The CPU each keystroke costs, for the screens' bench (bench/tui_huge.sh): with
 * KHAI_CPU_LOG=FILE set, the main loop writes a line to FILE for start-up, for every round of
 * keys it handles and draws, and for every change of another session it takes in. Wall time
 * on a shared machine is noise; the process's own CPU clock is what a key costs. Without the
 * variable every call here returns at once. */
#define _POSIX_C_SOURCE 200809L
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static FILE *cpu_log;
static double round_start; /* ms of CPU when the round began */
static int round_keys;     /* keys handled in this round */

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void ui_timing_open(void)
{
    const char *path = getenv("KHAI_CPU_LOG");
    if (path && *path) cpu_log = fopen(path, "w");
}

void ui_timing_close(void)
{
    if (cpu_log) fclose(cpu_log);
    cpu_log = NULL;
}

void ui_timing_begin(void)
{
    if (!cpu_log || round_keys) return;
    round_start = cpu_ms();
}

void ui_timing_key(void)
{
    if (cpu_log) round_keys++;
}

/* what: "startup" (the CPU since khai started), "keys" (a round of keys: its CPU and how many
 * keys it took) or "external" (another session's change taken in). */
void ui_timing_end(const char *what)
{
    if (!cpu_log) return;
    double now = cpu_ms();
    bool startup = what[0] == 's';
    fprintf(cpu_log, "%s %.3f %d", what, startup ? now : now - round_start, round_keys);
    if (startup) { /* how much of it the kernel's: mapping libraries, reading pages */
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        fprintf(cpu_log, " user %.3f sys %.3f",
                (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3,
                (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3);
    }
    fputc('\n', cpu_log);
    fflush(cpu_log);
    round_keys = 0;
}

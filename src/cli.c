/* The khai command line (placeholder until the commands land). */
#include "cli.h"
#include <stdio.h>
int cli_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    puts("khai " KHAI_VERSION);
    return 0;
}

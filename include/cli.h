/* The `khai` command line: parses arguments and runs one command. */
#ifndef KHAI_CLI_H
#define KHAI_CLI_H

/* Returns the process exit status. */
int cli_main(int argc, char **argv);

#endif

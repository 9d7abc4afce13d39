/* `khai affiliation`: a member's roles and dates in their organisations. */
#include "affiliation.h"
#include "cli_internal.h"
#include "messages.h"
#include "table.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int print_affiliations(struct db *db, long long member_id)
{
    struct affiliation *list;
    size_t n;
    char *err = NULL;
    if (affiliation_list(db, member_id, &list, &n, &err) != 0) return cli_fail(err);
    for (size_t i = 0; i < n; i++) {
        char *about = affiliation_describe(&list[i]);
        printf("%lld\t", list[i].org_id);
        print_safe(stdout, list[i].org_name);
        if (*about) {
            fputs("\t", stdout);
            print_safe(stdout, about);
        }
        putchar('\n');
        free(about);
    }
    affiliation_list_free(list, n);
    return EXIT_OK;
}

/* --role, --since and --until: NULL when not given, so the stored value stays. */
static int parse_options(const struct cli *cli, const char **role, const char **since,
                         const char **until)
{
    for (int i = 2; i < cli->argc; i++) {
        const char *a = cli->argv[i];
        const char **slot = strcmp(a, "--role") == 0    ? role
                            : strcmp(a, "--since") == 0 ? since
                            : strcmp(a, "--until") == 0 ? until
                                                        : NULL;
        if (!slot) return cli_usage("affiliation", _("unknown option \"%s\""), a);
        if (i + 1 >= cli->argc) return cli_usage("affiliation", _("%s needs a value"), a);
        *slot = cli->argv[++i];
    }
    return EXIT_OK;
}

int cmd_affiliation(const struct cli *cli)
{
    long long member_id;
    if (cli->argc < 1 || !cli_parse_id(cli->argv[0], &member_id))
        return cli_usage("affiliation", _("affiliation needs a member id"));
    const char *role = NULL, *since = NULL, *until = NULL;
    int rc = cli->argc >= 2 ? parse_options(cli, &role, &since, &until) : EXIT_OK;
    if (rc != EXIT_OK) return rc;
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    char *err = NULL;
    if (cli->argc >= 2 && affiliation_set(db, member_id, cli->argv[1], role, since, until, &err))
        rc = cli_fail(err);
    if (rc == EXIT_OK) rc = print_affiliations(db, member_id);
    db_close(&db);
    return rc;
}

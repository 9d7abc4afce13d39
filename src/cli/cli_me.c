/* `khai me [MEMBER_ID]`: which member the Unix login is, for `khai list tasks --mine`. */
#include "cli_internal.h"
#include "messages.h"
#include "table.h"
#include "tasks.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

static int show_me(struct db *db)
{
    char *err = NULL;
    long long member;
    int rc = me_get(db, db_user(db), &member, &err);
    if (rc < 0) return cli_fail(err);
    if (rc > 0)
        return cli_fail(xasprintf(_("the login %s is not linked to a member; link it once with "
                                    "`khai me MEMBER_ID`"),
                                  db_user(db)));
    struct record *r = NULL;
    if (record_load(db, KIND_MEMBER, member, &r, &err) != 0) return cli_fail(err);
    char *name = record_display_name(r);
    char *line = xasprintf(_("%s is member %lld: %s"), db_user(db), member, name);
    print_safe(stdout, line);
    putchar('\n');
    free(line);
    free(name);
    record_free(&r);
    return EXIT_OK;
}

int cmd_me(const struct cli *cli)
{
    if (cli->argc > 1) return cli_usage("me", _("unexpected argument \"%s\""), cli->argv[1]);
    struct db *db = cli->argc ? cli_open(cli) : cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    char *err = NULL;
    long long member = 0;
    int rc = EXIT_OK;
    if (cli->argc && model_find(db, FT_MEMBER, cli->argv[0], &member, &err) != 0)
        rc = cli_fail(err);
    else if (cli->argc && me_set(db, db_user(db), member, &err) != 0)
        rc = cli_fail(err);
    if (rc == EXIT_OK) rc = show_me(db);
    db_close(&db);
    return rc;
}

/* Errors as values: what the model refused, rendered in the interface's language only where
 * it is shown. */
#include "messages.h"
#include "model.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void model_error_clear(struct model_error *e)
{
    for (int i = 0; i < MODEL_ERROR_ARGS; i++)
        free(e->args[i]);
    free(e->text);
    *e = (struct model_error){.field = F_NONE};
}

int model_error_set(struct model_error *e, enum field_id field, const char *msgid, ...)
{
    model_error_clear(e);
    e->field = field;
    e->msgid = msgid;
    va_list ap;
    va_start(ap, msgid);
    for (int i = 0; i < MODEL_ERROR_ARGS; i++) {
        const char *arg = va_arg(ap, const char *);
        if (!arg) break;
        e->args[i] = xstrdup(arg);
    }
    va_end(ap);
    return -1;
}

int model_error_take(struct model_error *e, enum field_id field, char *text)
{
    model_error_clear(e);
    e->field = field;
    e->text = text;
    return -1;
}

char *model_error_message(const struct model_error *e)
{
    if (!e->msgid) return xstrdup(e->text ? e->text : "");
    const char *a[MODEL_ERROR_ARGS];
    for (int i = 0; i < MODEL_ERROR_ARGS; i++)
        a[i] = e->args[i] ? e->args[i] : "";
    return xasprintf(_(e->msgid), a[0], a[1], a[2], a[3]);
}

const char *model_error_field_label(const struct model_error *e)
{
    if (e->field == F_NONE) return NULL;
    if (e->field == F_FULL_NAME) return _("Full name");
    return field_label(field_info(e->field));
}

/* The command line names fields as its options do; a Thai reader gets the Thai label. */
static const char *field_word(const struct model_error *e)
{
    if (e->field == F_NONE) return NULL;
    if (messages_thai()) return model_error_field_label(e);
    return e->field == F_FULL_NAME ? "name" : field_info(e->field)->name;
}

char *model_error_text(const struct model_error *e)
{
    char *why = model_error_message(e);
    const char *field = field_word(e);
    if (!field) return why;
    char *text = xasprintf("%s: %s", field, why);
    free(why);
    return text;
}

#!/bin/sh
# Writes the catalogue template ($1) of every message marked in src/ and screens/, and of the
# field labels in include/fields.def. The context given to db_error is a message too:
# db_error translates it.
set -eu
cd "$(dirname "$0")/.."
# shellcheck disable=SC2046
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=db_error:2 \
    --keyword=NC_:1c,2 \
    --add-comments=TRANSLATORS: --package-name=khai --msgid-bugs-address=khai --no-wrap \
    --sort-by-file -o "$1" include/fields.def $(find src screens -name '*.c' | sort)
# xgettext writes nothing when there is nothing to translate; a template must exist.
[ -f "$1" ] || printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' >"$1"

#!/bin/sh
# Checks the layering that include paths alone cannot: only the store layer (src/store/) talks
# to SQLite or holds SQL, nothing in src/ includes curses, layers use only the layers beneath
# them, only the printing module (src/print/pdf.c, loaded by pdf_load.c) draws with pango and cairo,
# only src/interchange/xlsx_*.c call libzip, libxml2 and libxlsxwriter, and no file reaches into another folder's private headers by a relative path. Prints each offence as FILE:LINE and fails.
set -u
cd "$(dirname "$0")/.."
found=$(mktemp)
trap 'rm -f "$found"' EXIT

offend() { # $1: what is wrong; stdin: grep -n output
    while IFS= read -r line; do
        echo "check-layers: $line: $1" | tee -a "$found" >&2
    done
}

checked=$(find src include screens -name '*.[ch]' ! -path 'src/store/*' | sort)

# shellcheck disable=SC2086
grep -nE 'sqlite3|<sqlite3\.h>' $checked | offend "SQLite outside src/store/"
# shellcheck disable=SC2086
grep -nE '"[^"]*\b(SELECT|INSERT (OR [A-Z]+ )?INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER|VIRTUAL)|PRAGMA [a-z_]+|BEGIN IMMEDIATE)\b' \
    $checked | offend "SQL outside src/store/"
grep -rnE '#include *[<"](n?curses|ncursesw/|term\.h)' src include | offend "curses outside screens/"
grep -rnE '#include *"\.\./' src include screens tests | offend "a private header reached from another folder"
grep -rnE '#include *<(pango|cairo|fontconfig)' src include screens | grep -v '^src/print/pdf\.c:' |
    offend "pango, cairo or fontconfig outside the printing module (src/print/pdf.c)"
grep -rnE '#include *<dlfcn\.h>' src include screens | grep -v '^src/base/module\.c:' |
    offend "a module loaded outside src/base/module.c"
grep -rnE '#include *<(zip\.h|libxml/|xlsxwriter)' src include screens |
    grep -vE '^src/interchange/xlsx_(read|write)\.c:' |
    offend "libzip, libxml2 or libxlsxwriter outside src/interchange/xlsx_read.c and xlsx_write.c"

# Layers in order: each may use the ones before it, never one after it.
rank() {
    case "$1" in
    src/base/*) echo 1 ;; src/text/*) echo 2 ;; src/store/*) echo 3 ;;
    src/interchange/* | src/views/* | src/print/*) echo 4 ;; src/cli/*) echo 5 ;; screens/*) echo 6 ;;
    *) echo 0 ;;
    esac
}
for c in src/*/*.c screens/*.c; do
    own=$(rank "$c")
    grep -n '#include "[^"]*\.h"' "$c" | while IFS= read -r line; do
        header=${line#*\"}
        header=${header%%\"*}
        case "$header" in model.h) impl=src/store/records.c ;; *)
            impl=$(ls src/*/"${header%.h}.c" screens/"${header%.h}.c" 2>/dev/null | head -n 1) ;;
        esac
        [ -n "$impl" ] || continue
        if [ "$(rank "$impl")" -gt "$own" ]; then
            echo "$c:${line%%:*}: $header belongs to ${impl%/*}/" | offend "a layer above this one"
        fi
    done
done

if [ -s "$found" ]; then exit 1; fi
echo "check-layers: the store alone speaks SQL; src/ has no curses"

#!/bin/sh
# Brings po/th.po up to date with the source without reordering it: entries the source no
# longer has are dropped, new messages are appended at the end untranslated (fill in their
# msgstr). Keeping the order keeps git's union merge of th.po (see .gitattributes) safe when
# several branches add messages at once.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh tools/update_pot.sh "$tmp/khai.pot"
msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/merged.po" po/th.po "$tmp/khai.pot"
# An entry is known by the text of its msgctxt and msgid, however their lines are split: a
# message of several lines may start with the line msgid "" that many share.
msgattrib --only-obsolete --no-wrap "$tmp/merged.po" | sed -n -e 's/^#~ //p' -e '/^$/p' >"$tmp/obsolete.po"
key='function key(text,   n, lines, i, k, on, line) {
        n = split(text, lines, "\n"); k = ""; on = 0
        for (i = 1; i <= n; i++) {
            if (lines[i] ~ /^(msgctxt|msgid) /) on = 1
            else if (lines[i] ~ /^(msgid_plural|msgstr)/) on = 0
            if (!on) continue
            line = lines[i]
            if (line ~ /^msgctxt /) k = k "\004"
            sub(/^(msgctxt|msgid) /, "", line)
            k = k substr(line, 2, length(line) - 2)
        }
        return k
    }'
awk -v list="$tmp/obsolete.po" "$key"'
    BEGIN { RS = ""; while ((getline e < list) > 0) gone[key(e)] = 1; ORS = "\n\n" }
    { if (!(key($0) in gone) || key($0) == "") print }' po/th.po >"$tmp/kept.po"
msgattrib --untranslated --no-obsolete --no-location --no-wrap "$tmp/merged.po" |
    awk 'BEGIN { RS = ""; ORS = "\n\n" } NR > 1 { print }' >"$tmp/new.po"
cat "$tmp/kept.po" "$tmp/new.po" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >po/th.po
echo "po-update: dropped $(grep -c '^msgid ' "$tmp/obsolete.po" || true) old, added $(grep -c '^msgid ' "$tmp/new.po" || true) new (untranslated)"

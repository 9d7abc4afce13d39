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
msgattrib --only-obsolete --no-wrap "$tmp/merged.po" | sed -n 's/^#~ \(msgid ".*"\)$/\1/p' \
    >"$tmp/obsolete"
# Paragraph mode: one entry per record, entries separated by blank lines.
awk -v list="$tmp/obsolete" 'BEGIN { while ((getline l < list) > 0) gone[l] = 1; RS = ""; ORS = "\n\n" }
    { n = split($0, lines, "\n"); keep = 1
      for (i = 1; i <= n; i++) if (lines[i] in gone) keep = 0
      if (keep) print }' po/th.po >"$tmp/kept.po"
msgattrib --untranslated --no-obsolete --no-location --no-wrap "$tmp/merged.po" |
    awk 'BEGIN { RS = ""; ORS = "\n\n" } NR > 1 { print }' >"$tmp/new.po"
cat "$tmp/kept.po" "$tmp/new.po" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >po/th.po
echo "po-update: dropped $(wc -l <"$tmp/obsolete") old, added $(grep -c '^msgid ' "$tmp/new.po" || true) new (untranslated)"

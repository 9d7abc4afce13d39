#!/bin/sh
# Checks the message catalogue against the source: every message marked with _(), N_() or
# P_() in src/ and screens/ has a Thai translation in po/th.po, none is fuzzy, the format
# directives agree (msgfmt --check), and th.po holds nothing the source no longer says.
# Prints each problem with the place in the source and fails.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh tools/update_pot.sh "$tmp/khai.pot"
msgfmt --check -o /dev/null po/th.po
msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/merged.po" po/th.po "$tmp/khai.pot"
status=0
msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" >"$tmp/untranslated.po"
if grep -q '^msgid ' "$tmp/untranslated.po"; then
    echo "check-po: these messages have no Thai translation in po/th.po:" >&2
    grep -E '^(#:|msgid)' "$tmp/untranslated.po" >&2
    status=1
fi
msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/merged.po" >"$tmp/fuzzy.po"
if grep -q '^msgid ' "$tmp/fuzzy.po"; then
    echo "check-po: these translations in po/th.po are marked fuzzy:" >&2
    grep -E '^(#:|msgid)' "$tmp/fuzzy.po" >&2
    status=1
fi
msgattrib --only-obsolete --no-wrap "$tmp/merged.po" >"$tmp/obsolete.po"
if grep -q '^#~ msgid ' "$tmp/obsolete.po"; then
    echo "check-po: po/th.po translates messages the source no longer has (make po-update):" >&2
    grep '^#~ msgid' "$tmp/obsolete.po" >&2
    status=1
fi
[ "$status" = 0 ] && echo "check-po: $(grep -c '^msgid "[^"]' "$tmp/khai.pot") messages, all translated"
exit "$status"

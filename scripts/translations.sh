#!/usr/bin/env bash
# Translation upkeep for the desktop app (ui/ and app/gui_main.cpp).
#   scripts/translations.sh check    fails when a .ts file in translations/ is out of date with
#                                    the sources, an English plural form is missing, or a
#                                    user-visible string in ui/ is not in tr()
#   scripts/translations.sh update   regenerates the .ts files (commit the result)
# translations/archnest.ts is the template for translators (every string, never compiled);
# archnest_<lang>.ts are the translations compiled into the app. archnest_en.ts holds only the
# plural forms ("%n host(s)" -> "1 host" / "2 hosts"; lupdate -pluralonly), which `update` fills
# in from the "(s)" of the source text.
# lupdate comes from Debian's qt6-l10n-tools. Locations are not stored (-locations none), so a
# .ts file changes only when a string does.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lupdate=${ARCHNEST_LUPDATE:-$(command -v lupdate 2>/dev/null || echo /usr/lib/qt6/bin/lupdate)}
[[ -x $lupdate ]] || { echo "translations: lupdate not found (install qt6-l10n-tools: scripts/deps.sh test)" >&2; exit 1; }
sources=(ui app/gui_main.cpp)

run_lupdate() { # run_lupdate TS_FILE
  local extra=()
  [[ ${1##*/} == archnest_en.ts ]] && extra=(-pluralonly)
  (cd "$root" && "$lupdate" -silent -no-obsolete -locations none -source-language en "${extra[@]}" \
    -extensions cpp,h "${sources[@]}" -ts "$1")
}

# fill_english_plurals TS_FILE: "%n host(s)" -> forms "%n host" and "%n hosts" where unfinished.
fill_english_plurals() {
  python3 - "$1" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding='utf-8').read()
def fill(m):
    source = m.group(1)
    one, many = source.replace('(s)', ''), source.replace('(s)', 's')
    esc = lambda s: s  # the source is already XML-escaped
    return ('<message numerus="yes">\n        <source>%s</source>\n        <translation>\n'
            '            <numerusform>%s</numerusform>\n            <numerusform>%s</numerusform>\n'
            '        </translation>\n    </message>') % (source, esc(one), esc(many))
pattern = re.compile(r'<message numerus="yes">\s*<source>([^<]*\(s\)[^<]*)</source>\s*'
                     r'<translation type="unfinished">.*?</translation>\s*</message>', re.S)
open(path, 'w', encoding='utf-8').write(pattern.sub(fill, text))
PY
}

case ${1:-check} in
  update)
    for ts in "$root"/translations/*.ts; do
      run_lupdate "$ts"
      [[ ${ts##*/} == archnest_en.ts ]] && fill_english_plurals "$ts"
      echo "translations: updated ${ts#"$root"/}"
    done
    ;;
  check)
    status=0
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    shopt -s nullglob
    files=("$root"/translations/*.ts)
    ((${#files[@]})) || { echo "translations: no .ts file in translations/" >&2; exit 1; }
    for ts in "${files[@]}"; do
      cp "$ts" "$tmp/"
      run_lupdate "$tmp/${ts##*/}" >/dev/null
      [[ ${ts##*/} == archnest_en.ts ]] && fill_english_plurals "$tmp/${ts##*/}"
      if ! diff -u "$ts" "$tmp/${ts##*/}" >"$tmp/diff"; then
        echo "translations: ${ts#"$root"/} is out of date with the sources; run scripts/translations.sh update and commit it:" >&2
        head -40 "$tmp/diff" >&2
        status=1
      fi
    done
    if grep -q 'type="unfinished"' "$root/translations/archnest_en.ts"; then
      echo "translations: translations/archnest_en.ts has unfinished plural forms (a source without \"(s)\"?): fill them in" >&2
      status=1
    fi
    python3 "$root/scripts/check_untranslated.py" --root "$root" \
      --allowlist "$root/translations/untranslated-allowlist.txt" ui || status=1
    ((status == 0)) && echo "translations: up to date, no untranslated user-visible string in ui/"
    exit $status
    ;;
  *) echo "usage: scripts/translations.sh check|update" >&2; exit 2 ;;
esac

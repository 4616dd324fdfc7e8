#!/usr/bin/env bash
# The man page and the bash completion of archnest-cli against the CLI itself (the oracle):
# every command of `archnest-cli --help` and every option of its usage texts must be in
# resources/man/archnest-cli.1 and offered by resources/completion/archnest-cli, and the
# completion offers the host names of a hosts file given with --config-dir.
# Usage: check_cli_docs.sh ARCHNEST_CLI_BINARY
set -euo pipefail
cli=$1
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
man=$src/resources/man/archnest-cli.1
completion=$src/resources/completion/archnest-cli
# In the sanitized GUI-off build a leak report would mix into the usage texts read here; leaks
# are the business of the CLI's own tests, not of this one.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
status=0
fail() { echo "FAIL: $*" >&2; status=1; }

help=$("$cli" --help)
mapfile -t commands < <(sed -n '/^Commands:/,/^$/p' <<<"$help" | awk 'NR > 1 && NF { print $1 }')
((${#commands[@]} >= 10)) || { echo "FAIL: found only ${#commands[@]} commands in archnest-cli --help" >&2; exit 1; }

# Every option: the global ones, and each command's usage line (a command given an unknown
# option prints its usage; receive has its own --help).
usage_texts=$help
for c in "${commands[@]}"; do
  usage_texts+=$'\n'$("$cli" "$c" --no-such-option 2>&1 </dev/null || true)
done
usage_texts+=$'\n'$("$cli" receive --help)
mapfile -t options < <(grep -oE '(^|[[ |])--?[a-z][a-z-]*' <<<"$usage_texts" | grep -oE -- '--?[a-z][a-z-]*' |
  grep -vx -- '--no-such-option' | sort -u)
((${#options[@]} >= 20)) || fail "found only ${#options[@]} options in the usage texts"

man_text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man")
for c in "${commands[@]}"; do
  grep -qE "(^|[^a-z-])$c([^a-z-]|$)" <<<"$man_text" || fail "command '$c' is not in the man page $man"
done
for o in "${options[@]}"; do
  grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" <<<"$man_text" || fail "option '$o' is not in the man page $man"
done
grep -q '^\.SH EXIT STATUS' "$man" || fail "the man page has no EXIT STATUS section"
if command -v man >/dev/null; then
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$man" 2>&1 >/dev/null || true)
  [[ -z $warnings ]] || fail "groff warnings in $man: $warnings"
fi

# The completion, driven as bash drives it (without the bash-completion package).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/hosts.json" <<'JSON'
{"hosts": [{"name": "web-1", "kind": "ssh", "host": "127.0.0.1"},
           {"name": "db-2", "kind": "docker-api", "url": "tcp://127.0.0.1:1"}]}
JSON
complete_line() { # complete_line WORDS...: prints the candidates for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _archnest_cli; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$completion" "$@"
}
mkdir -p "$tmp/bin"
ln -s "$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")" "$tmp/bin/archnest-cli"
export PATH=$tmp/bin:$PATH
got=$(complete_line archnest-cli "")
for c in "${commands[@]}"; do
  grep -qx -- "$c" <<<"$got" || fail "completion of 'archnest-cli ' lacks the command '$c'"
done
for c in "${commands[@]}"; do
  got=$(complete_line archnest-cli "$c" web-1 x -)
  for o in $(grep -E "^  $c " <<<"$help" | grep -oE '(^|[[ |])--?[a-z][a-z-]*' | grep -oE -- '--?[a-z][a-z-]*' || true); do
    grep -qx -- "$o" <<<"$got" || fail "completion of 'archnest-cli $c ... -' lacks '$o'"
  done
done
got=$(complete_line archnest-cli --config-dir "$tmp" logs "")
[[ $got == $'web-1\ndb-2' ]] || fail "completion of 'archnest-cli --config-dir DIR logs ' gave '$got', want web-1 and db-2"
got=$(ARCHNEST_CONFIG_DIR=$tmp complete_line archnest-cli ps w)
[[ $got == web-1 ]] || fail "completion of 'archnest-cli ps w' with \$ARCHNEST_CONFIG_DIR gave '$got', want web-1"
got=$(complete_line archnest-cli -)
grep -qx -- --config-dir <<<"$got" || fail "completion of 'archnest-cli -' lacks --config-dir"

((status == 0)) && echo "check_cli_docs: ${#commands[@]} commands, ${#options[@]} options in the man page and the completion"
exit $status

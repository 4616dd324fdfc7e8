#!/usr/bin/env bash
# ArchNest Docker monitoring agent: reports this host's containers to ArchNest (push, read-only).
# Needs bash, docker, curl and jq. See README.md next to this file and
# docs/docker-agent-monitoring.md for the report schema.
#
# Config: /etc/archnest/agent.env (or $ARCHNEST_AGENT_CONFIG, or --config FILE) and/or the
# environment (the environment wins): ARCHNEST_URL, ARCHNEST_AGENT_TOKEN, ARCHNEST_HOST_ID,
# optional ARCHNEST_HOSTNAME, ARCHNEST_AGENT_STATS (1|0), ARCHNEST_AGENT_TIMEOUT (seconds).
# The docker CLI honours DOCKER_HOST / DOCKER_CONTEXT as usual.
#
# Exit status: 0 reported; 2 configuration; 3 docker failed; 4 ArchNest unreachable;
# 5 token refused; 6 other HTTP error.
set -euo pipefail
umask 077

readonly AGENT_VERSION=1.0.0
readonly SCHEMA_VERSION=1
readonly REPORT_PATH=/api/agents/docker/report

die() { # die CODE MESSAGE
  local code=$1
  shift
  echo "archnest-docker-agent: $*" >&2
  exit "$code"
}

usage() {
  cat <<'EOF'
Usage: archnest-docker-agent [--config FILE] [--no-stats] [--dry-run] [--help]

Collects `docker ps` + `docker inspect` + one `docker stats --no-stream` snapshot of every
container, masks secret-looking env values, and POSTs the report to $ARCHNEST_URL.

  --config FILE  read KEY=VALUE settings from FILE (default /etc/archnest/agent.env)
  --no-stats     skip the stats snapshot (saves ~2 s and some daemon CPU per run)
  --dry-run      print the report on stdout instead of sending it (no token needed)
EOF
}

config_file=${ARCHNEST_AGENT_CONFIG:-/etc/archnest/agent.env}
dry_run=0
while (($# > 0)); do
  case $1 in
    --config)
      (($# >= 2)) || die 2 "--config needs a file"
      config_file=$2
      shift 2
      ;;
    --config=*)
      config_file=${1#--config=}
      shift
      ;;
    --no-stats)
      ARCHNEST_AGENT_STATS=0
      shift
      ;;
    --dry-run)
      dry_run=1
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die 2 "unknown argument '$1' (try --help)" ;;
  esac
done

# Reads KEY=VALUE lines without running them (the file is data, not a script). Only our own
# keys are taken, and a variable already set in the environment wins.
load_config() {
  local file=$1 line key value
  if [[ ! -e $file ]]; then
    return 0
  fi
  [[ -r $file ]] || die 2 "cannot read the config file $file (run as root, or fix its permissions)"
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line#"${line%%[![:space:]]*}"}
    [[ -z $line || $line == \#* || $line != *=* ]] && continue
    line=${line#export }
    key=${line%%=*}
    value=${line#*=}
    value=${value%"${value##*[![:space:]]}"}
    if [[ $value == \"*\" || $value == \'*\' ]]; then
      value=${value:1:${#value}-2}
    fi
    case $key in
      ARCHNEST_URL | ARCHNEST_AGENT_TOKEN | ARCHNEST_HOST_ID | ARCHNEST_HOSTNAME | ARCHNEST_AGENT_STATS | ARCHNEST_AGENT_TIMEOUT)
        if [[ -z ${!key:-} ]]; then
          printf -v "$key" '%s' "$value"
        fi
        ;;
    esac
  done <"$file"
}

load_config "$config_file"

for tool in docker jq; do
  command -v "$tool" >/dev/null 2>&1 || die 2 "'$tool' is not installed (the agent needs bash, docker, curl and jq)"
done

host_id=${ARCHNEST_HOST_ID:-}
[[ -n $host_id ]] || die 2 "ARCHNEST_HOST_ID is not set (set it in $config_file or the environment)"
[[ $host_id =~ ^[A-Za-z0-9._-]{1,128}$ ]] ||
  die 2 "ARCHNEST_HOST_ID '$host_id' may only contain letters, digits, '.', '_' and '-' (1-128 characters)"
host_name=${ARCHNEST_HOSTNAME:-$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname)}
with_stats=${ARCHNEST_AGENT_STATS:-1}
timeout_s=${ARCHNEST_AGENT_TIMEOUT:-30}
[[ $timeout_s =~ ^[0-9]{1,4}$ ]] || die 2 "ARCHNEST_AGENT_TIMEOUT must be a number of seconds (got '$timeout_s')"

if ((dry_run == 0)); then
  command -v curl >/dev/null 2>&1 || die 2 "'curl' is not installed (the agent needs bash, docker, curl and jq)"
  url=${ARCHNEST_URL:-}
  token=${ARCHNEST_AGENT_TOKEN:-}
  [[ -n $url ]] || die 2 "ARCHNEST_URL is not set (set it in $config_file or the environment)"
  [[ -n $token ]] || die 2 "ARCHNEST_AGENT_TOKEN is not set (set it in $config_file or the environment)"
  [[ $url =~ ^https?://[^[:space:]]+$ ]] || die 2 "ARCHNEST_URL must start with http:// or https:// (got '$url')"
  # The token travels in a curl config read from stdin: keep it to characters a header and
  # that config format can carry as-is.
  [[ $token =~ ^[A-Za-z0-9._~+/=:-]{8,512}$ ]] ||
    die 2 "ARCHNEST_AGENT_TOKEN must be 8-512 characters of letters, digits and ._~+/=:-"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/archnest-agent.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. ids + docker's human status text, explicit fields only (a bare {{json .}} makes the daemon
#    compute sizes).
if ! docker ps -a --no-trunc --format '{{.ID}}	{{.Status}}' >"$work/ps" 2>"$work/err"; then
  die 3 "docker ps failed: $(head -c 400 "$work/err") (is dockerd running, and may this user use it?)"
fi
mapfile -t ids < <(cut -f1 "$work/ps")

# 2. one inspect for every container. A container removed in between makes inspect exit 1 but
#    still print the others, so accept any JSON array it printed.
if ((${#ids[@]} > 0)); then
  if ! docker inspect "${ids[@]}" >"$work/inspect" 2>"$work/err"; then
    jq -e 'type == "array"' "$work/inspect" >/dev/null 2>&1 ||
      die 3 "docker inspect failed: $(head -c 400 "$work/err")"
  fi
else
  echo '[]' >"$work/inspect"
fi

# 3. one stats snapshot for the running containers (the slow part: dockerd samples twice).
: >"$work/stats"
if [[ $with_stats != 0 ]] && grep -q '	Up' "$work/ps"; then
  if ! docker stats --no-stream --no-trunc --format \
    '{"id":"{{.ID}}","cpu":"{{.CPUPerc}}","mem":"{{.MemUsage}}","memPerc":"{{.MemPerc}}","net":"{{.NetIO}}","block":"{{.BlockIO}}","pids":"{{.PIDs}}"}' \
    >"$work/stats" 2>"$work/err"; then
    die 3 "docker stats failed: $(head -c 400 "$work/err")"
  fi
fi

collected_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# 4. build the report. Secrets are masked here, before the report is written, and over-long
#    values cut (docs/docker-agent-monitoring.md, "Per-field limits").
jq -n -c \
  --slurpfile inspect "$work/inspect" \
  --slurpfile stats "$work/stats" \
  --rawfile ps "$work/ps" \
  --arg hostId "$host_id" \
  --arg hostname "$host_name" \
  --arg collectedAt "$collected_at" \
  --arg agentVersion "$AGENT_VERSION" \
  --argjson schemaVersion "$SCHEMA_VERSION" \
  --argjson withStats "$([[ $with_stats != 0 ]] && echo true || echo false)" '
  def bytes:
    (capture("^\\s*(?<n>[0-9.]+)\\s*(?<u>[A-Za-z]*)\\s*$") // null) as $c
    | if $c == null then null else
        ({"": 1, "B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15,
          "KiB": 1024, "MiB": 1048576, "GiB": 1073741824, "TiB": 1099511627776}[$c.u]) as $m
        | if $m == null then null else (($c.n | tonumber) * $m | floor) end
      end;
  def pair: split(" / ") | map(bytes);
  def pct: rtrimstr("%") | tonumber? // null;
  # Same rules as core/security/EnvMasking.cpp: a secret-looking key masks the whole value; any
  # value has the password of a user:password@ URL and --password=/--token=/--secret= style
  # arguments masked. Masking comes before cutting (a cut URL could keep half a password).
  def secret: test("PASS|PWD|SECRET|TOKEN|KEY|PRIVATE|CREDENTIAL|AUTH(?!OR)"; "i");
  def masktext:
    if type != "string" then .
    else
      # contains() first: in jq 1.6 a gsub costs ~0.1 ms even when nothing matches
      (if contains("@") then gsub("(?<p>[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:]*):[^\\s@]*@"; "\(.p):********@")
       else . end)
      | if contains("-") then
          gsub("(?<f>(?:^|\\s)--?[A-Za-z0-9_.-]*(?:password|passwd|token|secret)[A-Za-z0-9_.-]*)(?<s>=|\\s+)\\S+";
            "\(.f)\(.s)********"; "i")
        else . end
    end;
  def secretflag:
    type == "string" and test("^--?[A-Za-z0-9_.-]*(?:password|passwd|token|secret)[A-Za-z0-9_.-]*$"; "i");
  def maskargv:
    . as $a | [range(0; length) as $i
      | if $i > 0 and ($a[$i - 1] | secretflag) then "********" else ($a[$i] | masktext) end];
  # A string over 8192 characters: its first 8178 and the marker "...[truncated]" (8192 in all),
  # so one huge value cannot make the whole report too big to be accepted.
  def cap: if type == "string" and length > 8192 then .[:8178] + "...[truncated]" else . end;
  def envlist:
    (. // []) | map(split("=") as $p | ($p[0]) as $k | ($p[1:] | join("=")) as $v
      | (if ($k | secret) then {value: "********", masked: true}
         else ($v | masktext) as $m | {value: $m, masked: ($m != $v)} end) as $e
      | {key: ($k | cap), value: ($e.value | cap), masked: $e.masked}
        + (if ($e.value | length) > 8192 then {truncated: true} else {} end));
  def labels:
    (. // {}) | with_entries(if (.key | secret) then .value = "********" else .value |= masktext end
      | .key |= cap);
  def ts: if . == null or . == "" or startswith("0001-") then null else . end;
  def ports:
    ((.NetworkSettings.Ports // {}) | to_entries) as $bound
    | ([$bound[] | .key] + ((.Config.ExposedPorts // {}) | keys) | unique) as $all
    | [$all[] as $k | ($k | split("/")) as $kp
        | (($bound | map(select(.key == $k)) | .[0].value) // []) as $b
        | if ($b | length) == 0 then
            {hostIp: "", hostPort: 0, containerPort: ($kp[0] | tonumber), protocol: ($kp[1] // "tcp")}
          else
            $b[] | {hostIp: (.HostIp // ""), hostPort: ((.HostPort // "0") | tonumber? // 0),
                    containerPort: ($kp[0] | tonumber), protocol: ($kp[1] // "tcp")}
          end];
  ($ps | split("\n") | map(select(length > 0) | split("\t") | {key: .[0], value: (.[1:] | join("\t"))})
       | from_entries) as $status
  | ($stats | map({key: .id, value: .}) | from_entries) as $st
  | {
      schemaVersion: $schemaVersion,
      agentVersion: $agentVersion,
      hostId: $hostId,
      hostname: $hostname,
      collectedAt: $collectedAt,
      statsIncluded: $withStats,
      containers: [($inspect[0] // [])[] | . as $c | {
        id: .Id,
        name: (.Name | ltrimstr("/")),
        image: (.Config.Image // ""),
        imageId: (.Image // ""),
        command: ([.Path] + (.Args // []) | map(select(. != null)) | join(" ") | masktext),
        created: (.Created | ts),
        state: (.State.Status // "unknown"),
        status: ($status[.Id] // ""),
        startedAt: (.State.StartedAt | ts),
        finishedAt: (.State.FinishedAt | ts),
        exitCode: (.State.ExitCode // null),
        pid: (.State.Pid // 0),
        oomKilled: (.State.OOMKilled // false),
        error: (.State.Error // ""),
        restartCount: (.RestartCount // 0),
        restartPolicy: (.HostConfig.RestartPolicy.Name // ""),
        health: (if .State.Health then {status: (.State.Health.Status // ""),
                 failingStreak: (.State.Health.FailingStreak // 0)} else null end),
        hostname: (.Config.Hostname // ""),
        user: (.Config.User // ""),
        workingDir: (.Config.WorkingDir // ""),
        tty: (.Config.Tty // false),
        platform: (.Platform // ""),
        entrypoint: (.Config.Entrypoint // [] | maskargv),
        cmd: (.Config.Cmd // [] | maskargv),
        ports: ports,
        networks: [(.NetworkSettings.Networks // {}) | to_entries[] | {
          name: .key, ipAddress: (.value.IPAddress // ""), gateway: (.value.Gateway // ""),
          macAddress: (.value.MacAddress // ""), aliases: (.value.Aliases // [])}],
        mounts: [(.Mounts // [])[] | {type: (.Type // ""), source: (.Source // ""),
          destination: (.Destination // ""), name: (.Name // ""), mode: (.Mode // ""),
          readWrite: (if .RW == null then true else .RW end)}],
        labels: (.Config.Labels | labels),
        env: (.Config.Env | envlist),
        stats: ($st[$c.Id] // null | if . == null then null else {
          cpuPercent: (.cpu | pct),
          memoryBytes: (.mem | pair | .[0]),
          memoryLimitBytes: (.mem | pair | .[1]),
          memoryPercent: (.memPerc | pct),
          networkRxBytes: (.net | pair | .[0]),
          networkTxBytes: (.net | pair | .[1]),
          blockReadBytes: (.block | pair | .[0]),
          blockWriteBytes: (.block | pair | .[1]),
          pids: (.pids | tonumber? // null)} end)
      }]
    } | walk(cap)' >"$work/report" || die 3 "could not build the report from docker's output (jq failed)"

count=$(jq '.containers | length' "$work/report")

if ((dry_run == 1)); then
  cat "$work/report"
  exit 0
fi

endpoint=${url%/}$REPORT_PATH
# The token goes to curl through stdin (-K -): never in the URL, never on the command line.
set +e
http_code=$(printf 'header = "Authorization: Bearer %s"\n' "$token" |
  curl --silent --show-error --connect-timeout 10 --max-time "$timeout_s" \
    -K - -H 'Content-Type: application/json' -H 'Expect:' -H "X-ArchNest-Host-Id: $host_id" \
    --data-binary @"$work/report" -o "$work/response" -w '%{http_code}' \
    "$endpoint" 2>"$work/curl-err")
curl_rc=$?
set -e
if ((curl_rc != 0)); then
  die 4 "cannot reach ArchNest at $endpoint: $(head -c 300 "$work/curl-err") (curl exit $curl_rc; check ARCHNEST_URL and the mesh)"
fi
server_error=$(jq -r '.error? // empty' "$work/response" 2>/dev/null | head -c 300 || true)
case $http_code in
  200) ;;
  401 | 403) die 5 "ArchNest refused the token for '$host_id' (HTTP $http_code${server_error:+: $server_error}); check ARCHNEST_AGENT_TOKEN" ;;
  *) die 6 "ArchNest answered HTTP $http_code${server_error:+: $server_error}" ;;
esac

echo "reported $count container(s) as '$host_id' (HTTP $http_code)"

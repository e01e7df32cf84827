#!/bin/bash
# NOMAD's SLURM hook: posts a signed job event to NOMAD's ingest function with a 2 s timeout. When NOMAD is
# unreachable the event is spooled to a local folder and the shim forwards it later. It never fails or delays a
# job beyond the timeout: every path exits 0. Hooks get no PATH, so tools are called by absolute path.
#   usage: nomad-hook.sh prolog|epilog|prolog_slurmctld|epilog_slurmctld
# Settings come from hook.env next to this script, or from $NOMAD_HOOK_ENV, or /etc/nomad/hook.env:
#   NOMAD_URL=http://head:8787   NOMAD_SECRET_FILE=/etc/nomad/ingest.secret   NOMAD_HOOK_SPOOL=/var/spool/nomad/hooks
export LC_ALL=C
event="${1:-}"
here="${0%/*}"
for f in "$here/hook.env" "${NOMAD_HOOK_ENV:-/etc/nomad/hook.env}"; do
  if [ -r "$f" ]; then . "$f"; break; fi
done
url="${NOMAD_URL:-http://127.0.0.1:8787}"
spool="${NOMAD_HOOK_SPOOL:-/var/spool/nomad/hooks}"
curl="${NOMAD_CURL:-/usr/bin/curl}"
openssl="${NOMAD_OPENSSL:-/usr/bin/openssl}"

case "$event" in prolog|epilog|prolog_slurmctld|epilog_slurmctld) ;; *) exit 0 ;; esac
[ -n "${SLURM_JOB_ID:-}" ] || exit 0

# JSON string: backslash, quote and control characters escaped; bytes >= 0x80 (UTF-8) pass through.
js() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  s=${s//[$'\001'-$'\037']/}
  printf '"%s"' "$s"
}
num() { [[ "$1" =~ ^-?[0-9]+$ ]] && printf '%s' "$1" || printf 'null'; }

host="${SLURMD_NODENAME:-${HOSTNAME:-}}"
[ -n "$host" ] || host=$(</proc/sys/kernel/hostname)
body="{\"event\":$(js "$event"),\"job_id\":$(js "$SLURM_JOB_ID"),\"host\":$(js "$host"),\"at\":${EPOCHREALTIME/,/.}"
add() { [ -n "$2" ] && body+=",\"$1\":$3"; }
add user "${SLURM_JOB_USER:-}" "$(js "${SLURM_JOB_USER:-}")"
add uid "${SLURM_JOB_UID:-}" "$(num "${SLURM_JOB_UID:-}")"
add account "${SLURM_JOB_ACCOUNT:-}" "$(js "${SLURM_JOB_ACCOUNT:-}")"
add partition "${SLURM_JOB_PARTITION:-}" "$(js "${SLURM_JOB_PARTITION:-}")"
add cluster "${SLURM_CLUSTER_NAME:-}" "$(js "${SLURM_CLUSTER_NAME:-}")"
add job_name "${SLURM_JOB_NAME:-}" "$(js "${SLURM_JOB_NAME:-}")"
add num_nodes "${SLURM_JOB_NUM_NODES:-}" "$(num "${SLURM_JOB_NUM_NODES:-}")"
add nodes "${SLURM_JOB_NODELIST:-${SLURM_NODELIST:-}}" "$(js "${SLURM_JOB_NODELIST:-${SLURM_NODELIST:-}}")"
add exit_code "${SLURM_JOB_EXIT_CODE:-}" "$(num "${SLURM_JOB_EXIT_CODE:-}")"
add array_job_id "${SLURM_ARRAY_JOB_ID:-}" "$(js "${SLURM_ARRAY_JOB_ID:-}")"
add array_task_id "${SLURM_ARRAY_TASK_ID:-}" "$(js "${SLURM_ARRAY_TASK_ID:-}")"
body+="}"

spool_it() {
  /usr/bin/mkdir -p "$spool" 2>/dev/null || return 0
  local f="$spool/${EPOCHSECONDS}-${SLURM_JOB_ID}-${event}-$$.json"
  printf '%s\n' "$body" > "$f.tmp" 2>/dev/null && /usr/bin/mv -f "$f.tmp" "$f" 2>/dev/null
  return 0
}

secret=""
[ -n "${NOMAD_SECRET_FILE:-}" ] && [ -r "$NOMAD_SECRET_FILE" ] && secret=$(<"$NOMAD_SECRET_FILE")
if [ -z "$secret" ] || [ ! -x "$curl" ] || [ ! -x "$openssl" ]; then spool_it; exit 0; fi
t=${EPOCHSECONDS}
sig=$(printf '%s' "$t.$body" | "$openssl" dgst -sha256 -hmac "$secret" -r 2>/dev/null)
sig=${sig%% *}
code=$(printf '%s' "$body" | "$curl" -sS --max-time 2 -o /dev/null -w '%{http_code}' \
  -H 'content-type: application/json' -H "x-nomad-signature: t=$t,v1=$sig" \
  --data-binary @- "$url/ingest/job-events" 2>/dev/null)
[ "$code" = "200" ] || spool_it
exit 0

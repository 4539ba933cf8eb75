#!/usr/bin/env bash
# Measures N pingone_user_mfa_device_oath_token pairings (and their N tokens) against the local
# emulator with a real engine, as a user runs it: the wall time and the CPU time (engine and
# provider together) of apply, of a plan with nothing to do, and of destroy, with the emulator's
# request counts for each: the figures the choice between pairing resources and a token set's
# bulk assignments (issue #15) is made from. Needs Go, curl, jq, bc and GNU time.
#
#   scripts/bench-pairings.sh ENGINE N MODE [LATENCY] [RATE]
#   scripts/bench-pairings.sh .bin/terraform-1.16.0 100 activate 50ms
#
# MODE: tokens (the N tokens alone), pair (pairings without activation), activate (pairings
# activated from the seed), literal (activated, the serial number written out and the order
# given by depends_on instead of a reference to the token), foreach (activated, tokens and
# pairings with for_each, as the guide writes them), assign (the same tokens with for_each, all
# pairings activated by one pingone_oath_token_assignments), bulk (a pingone_oath_token_set and
# one pingone_oath_token_assignments: the guide's bulk path). LATENCY is added to every answer (a
# Go duration); RATE limits requests per second once the users exist (0: no limit).
set -euo pipefail
engine=$(realpath "$1") n=$2 mode=$3 latency=${4:-0ms} rate=${5:-0}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pingone-pairings.XXXXXX")
emu_pid=
trap '[ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null; rm -rf "$work"' EXIT
(cd "$root" && go build -trimpath -o "$work/bin/terraform-provider-pingone" . &&
  go build -trimpath -o "$work/pingone-emulator" ./internal/emulator/cmd/pingone-emulator)
"$work/pingone-emulator" -ca-dir "$work" -latency "$latency" >"$work/info.json" 2>"$work/emu.err" &
emu_pid=$!
for _ in $(seq 100); do [ -s "$work/info.json" ] && break; sleep 0.1; done
info=$(head -1 "$work/info.json")
get() { jq -r ".$1" <<<"$info"; }
host=$(get api_hostname) env=$(get environment_id) ca=$(get ca_file)
export SSL_CERT_FILE=$ca PINGONE_CLIENT_ID=$(get client_id) PINGONE_CLIENT_SECRET=$(get client_secret) \
  PINGONE_ENVIRONMENT_ID=$(get admin_environment_id) PINGONE_API_SERVICE_HOSTNAME=$host PINGONE_AUTH_SERVICE_HOSTNAME=$host
token=$(curl -s --cacert "$ca" -u "$PINGONE_CLIENT_ID:$PINGONE_CLIENT_SECRET" -d grant_type=client_credentials \
  "https://$host/$PINGONE_ENVIRONMENT_ID/as/token" | jq -r .access_token)
users=()
for i in $(seq -f %03g 0 $((n - 1))); do
  users+=("\"$(curl -s --cacert "$ca" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"u$i\"}" "https://$host/v1/environments/$env/users" | jq -r .id)\"")
done
# The limit applies from here on: the users above are the test's setup, not the provider's work.
curl -s --cacert "$ca" -X PUT -d "{\"rate_limit\": $rate}" "https://$host/_emulator/settings" >/dev/null
cat >"$work/cli.tfrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/oathtokens/pingone" = "$work/bin"
    "registry.opentofu.org/oathtokens/pingone" = "$work/bin"
  }
  direct {}
}
disable_checkpoint = true
RC
export TF_CLI_CONFIG_FILE=$work/cli.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
seed=3132333435363738393031323334353637383930
{
  cat <<HCL
terraform {
  required_providers {
    pingone = { source = "oathtokens/pingone" }
  }
}
provider "pingone" {}
locals { users = [$(IFS=,; echo "${users[*]}")] }
HCL
  if [ "$mode" = bulk ]; then
    # The guide's bulk path: the tokens as one set, their pairings as one resource.
    cat <<HCL
locals { holders = { for i, u in local.users : format("BENCH%03d", i) => u } }
resource "pingone_oath_token_set" "t" {
  environment_id = "$env"
  tokens         = { for s, u in local.holders : s => { type = "HOTP", otp_length = 6 } }
  secrets        = { for s, u in local.holders : s => "$seed" }
}
resource "pingone_oath_token_assignments" "p" {
  environment_id     = "$env"
  assignments        = { for s, t in pingone_oath_token_set.t.tokens : s => local.holders[s] }
  activation_secrets = { for s, u in local.holders : s => "$seed" }
}
HCL
  elif [ "$mode" = foreach ] || [ "$mode" = assign ]; then
    # The guide's form: tokens and pairings with for_each over serial numbers, each pairing
    # referencing its own token.
    cat <<HCL
locals { holders = { for i, u in local.users : format("BENCH%03d", i) => u } }
resource "pingone_oath_token" "t" {
  for_each       = local.holders
  environment_id = "$env"
  serial_number  = each.key
  type           = "HOTP"
  otp_length     = 6
  secret         = "$seed"
}
HCL
    if [ "$mode" = foreach ]; then
      cat <<HCL
resource "pingone_user_mfa_device_oath_token" "p" {
  for_each          = local.holders
  environment_id    = "$env"
  user_id           = each.value
  serial_number     = pingone_oath_token.t[each.key].serial_number
  activation_secret = "$seed"
}
HCL
    else
      cat <<HCL
resource "pingone_oath_token_assignments" "p" {
  environment_id     = "$env"
  assignments        = { for s, t in pingone_oath_token.t : s => local.holders[s] }
  activation_secrets = { for s, u in local.holders : s => "$seed" }
}
HCL
    fi
  else
    cat <<HCL
resource "pingone_oath_token" "t" {
  count          = $n
  environment_id = "$env"
  serial_number  = format("BENCH%03d", count.index)
  type           = "HOTP"
  otp_length     = 6
  secret         = "$seed"
}
HCL
  fi
  if [ "$mode" != tokens ] && [ "$mode" != foreach ] && [ "$mode" != assign ] && [ "$mode" != bulk ]; then
    secret=""
    [ "$mode" != pair ] && secret="activation_secret = \"$seed\""
    # literal: the serial number written out, the order given by depends_on, so that no pairing
    # evaluates a reference into the list of tokens.
    serial='pingone_oath_token.t[count.index].serial_number' depends=""
    [ "$mode" = literal ] && serial='format("BENCH%03d", count.index)' depends="depends_on = [pingone_oath_token.t]"
    cat <<HCL
resource "pingone_user_mfa_device_oath_token" "p" {
  count          = $n
  environment_id = "$env"
  user_id        = local.users[count.index]
  serial_number  = $serial
  $secret
  $depends
}
HCL
  fi
} >"$work/main.tf"
ctl() { curl -s --cacert "$ca" -X "$1" "https://$host/_emulator/counters"; }
run() {
  local what=$1; shift
  ctl DELETE >/dev/null
  # Wall time, and the CPU time of the engine and the provider it starts (its child), which the
  # load of a shared machine disturbs far less than the wall time.
  /usr/bin/time -f "%e %U %S" -o "$work/$what.time" "$engine" -chdir="$work" "$@" >"$work/$what.out" 2>&1 ||
    { echo "$what failed"; tail -20 "$work/$what.out"; exit 1; }
  read -r wall user sys <"$work/$what.time"
  printf '%-8s %6.2f s wall %6.2f s CPU  ' "$what" "$wall" "$(echo "$user + $sys" | bc)"
  ctl GET | jq -c '{total, requests: (.requests | with_entries(.key |= sub("/v1/environments/\\{envID\\}"; "")))}'
}
echo "== $(basename "$engine") N=$n mode=$mode latency=$latency rate-limit=$rate"
run apply apply -auto-approve -input=false -no-color
run plan plan -detailed-exitcode -input=false -no-color
run destroy destroy -auto-approve -input=false -no-color

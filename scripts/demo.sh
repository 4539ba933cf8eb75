#!/usr/bin/env bash
# make demo: a real `terraform apply` of examples/demo against the local PingOne emulator.
# Builds the provider and the emulator, starts the emulator, applies, shows that a second plan is
# empty, destroys, and stops the emulator. Nothing is left running, whatever happens.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
engine=${DEMO_ENGINE:?DEMO_ENGINE must name the engine binary (make demo sets it)}
bin="$root/.bin"
work=$(mktemp -d "${TMPDIR:-/tmp}/pingone-demo.XXXXXX")
emulator_pid=""

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

cleanup() {
  status=$?
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    step "Stopping the emulator"
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT INT TERM

step "Building the provider and the PingOne emulator"
go build -trimpath -ldflags "-X main.version=0.1.0" -o "$bin/terraform-provider-pingone" "$root"
go build -trimpath -o "$bin/pingone-emulator" "$root/internal/emulator/cmd/pingone-emulator"

step "Starting the emulator on 127.0.0.1"
"$bin/pingone-emulator" -listen 127.0.0.1:0 -ca-dir "$work" >"$work/emulator.json" 2>"$work/emulator.log" &
emulator_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/emulator.json" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/emulator.json" ] || { echo "the emulator did not start" >&2; exit 1; }

# The emulator prints one flat JSON line of string values; read one key from it.
field() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$work/emulator.json"; }
export PINGONE_CLIENT_ID=$(field client_id)
export PINGONE_CLIENT_SECRET=$(field client_secret)
export PINGONE_ENVIRONMENT_ID=$(field admin_environment_id)
export PINGONE_API_SERVICE_HOSTNAME=$(field api_hostname)
export PINGONE_AUTH_SERVICE_HOSTNAME=$(field auth_hostname)
export SSL_CERT_FILE=$(field ca_file)
export TF_VAR_environment_id=$(field environment_id)
echo "    API and auth host: $PINGONE_API_SERVICE_HOSTNAME; target environment: $TF_VAR_environment_id"

# The engine installs the provider just built from a local filesystem mirror, so that `init` is
# the real thing (lock file and all) and nothing is downloaded. Both registries' addresses are
# mirrored: Terraform and OpenTofu resolve "oathtokens/pingone" to their own registry.
version=0.1.0
platform="$(go env GOOS)_$(go env GOARCH)"
for host in registry.terraform.io registry.opentofu.org; do
  dir="$work/mirror/$host/oathtokens/pingone/$version/$platform"
  mkdir -p "$dir"
  cp "$bin/terraform-provider-pingone" "$dir/terraform-provider-pingone_v$version"
done
cat >"$work/cli.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/oathtokens/pingone", "registry.opentofu.org/oathtokens/pingone"]
  }
}
disable_checkpoint = true
RC
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
export TF_IN_AUTOMATION=1
cp "$root/examples/demo/main.tf" "$root/examples/demo/tokens.csv" "$work/"
cd "$work"
# Colour only for a terminal; logs and CI get plain text.
color=()
[ -t 1 ] || color=(-no-color)
tf() { local cmd=$1; shift; "$engine" "$cmd" "${color[@]}" "$@"; }

step "$(basename "$engine") init: installs the provider from a local mirror, nothing is downloaded"
tf init -input=false

step "$(basename "$engine") apply: $(($(wc -l <tokens.csv) - 1)) tokens from tokens.csv"
tf apply -input=false -auto-approve -compact-warnings

step "A second plan must be empty"
set +e
tf plan -input=false -detailed-exitcode -compact-warnings >"$work/plan.txt"
code=$?
set -e
tail -n 3 "$work/plan.txt"
if [ "$code" -ne 0 ]; then
  echo "the second plan was not empty (exit $code)" >&2
  cat "$work/plan.txt" >&2
  exit 1
fi

step "The seeds reached PingOne, not the state"
tf show -json >"$work/state.json"
leaked=0
while IFS=, read -r _ _ _ _ _ _ seed; do
  [ -z "$seed" ] || [ "$seed" = secret ] && continue
  if grep -qi "$seed" "$work/state.json"; then leaked=$((leaked + 1)); fi
done < <(cat tokens.csv; echo)
if [ "$leaked" -ne 0 ]; then
  echo "the state holds $leaked of the seeds" >&2
  exit 1
fi
echo "    none of the $(($(wc -l <tokens.csv) - 1)) seeds is in the state"

step "Destroying the tokens"
tf destroy -input=false -auto-approve -compact-warnings

step "Done: created, planned with no changes, destroyed"

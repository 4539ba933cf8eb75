#!/usr/bin/env bash
# make examples-validate: `validate` of every example directory with the provider built from this
# checkout, on one engine, so that an example that no longer matches the schema fails CI. The
# engine finds the provider through dev_overrides in a CLI configuration of its own; nothing is
# downloaded and no state is written. Each directory is validated in a copy with one probe data
# source added: an engine validates a provider block only when something uses the provider, and
# the provider examples contain nothing else.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
engine=${VALIDATE_ENGINE:?VALIDATE_ENGINE must name the engine binary (make examples-validate sets it)}
work=$(mktemp -d "${TMPDIR:-/tmp}/pingone-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT

go build -trimpath -o "$work/bin/terraform-provider-pingone" "$root"
cat >"$work/cli.tfrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/oathtokens/pingone"  = "$work/bin"
    "registry.opentofu.org/oathtokens/pingone" = "$work/bin"
  }
}
disable_checkpoint = true
RC
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"

failed=0
count=0
while IFS= read -r dir; do
  count=$((count + 1))
  rel=${dir#"$root"/}
  copy="$work/examples/$count"
  mkdir -p "$copy" && cp -a "$dir/." "$copy/"
  cat >"$copy/zz_validate_probe.tf" <<'PROBE'
data "pingone_oath_tokens" "validate_probe" {
  environment_id = "00000000-0000-0000-0000-000000000000"
  serial_numbers = []
}
PROBE
  # The engine's warning that dev overrides are in effect is expected; anything else is shown.
  if out=$("$engine" -chdir="$copy" validate -no-color 2>&1); then
    echo "ok    $rel"
  else
    echo "FAIL  $rel"
    printf '%s\n' "$out" | sed 's/^/      /'
    failed=$((failed + 1))
  fi
done < <(find "$root/examples" -name '*.tf' -not -path '*/.terraform/*' -exec dirname {} \; | sort -u)

[ "$count" -gt 0 ] || { echo "no example directories found" >&2; exit 1; }
echo "$(basename "$engine"): $((count - failed)) of $count example directories valid"
[ "$failed" -eq 0 ]

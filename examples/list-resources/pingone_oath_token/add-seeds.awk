# Gives every token that terraform query -generate-config-out wrote its seed: the generated
# blocks leave secret, secret_wo and secret_wo_version null (PingOne never returns a seed), so
# this drops those lines and, after each serial_number, takes the write-only seed from
# local.seeds by serial number. Usage:
#   awk -f add-seeds.awk tokens.tf > tokens.tf.new && mv tokens.tf.new tokens.tf && terraform fmt tokens.tf
/^[ \t]*secret(_wo|_wo_version)?[ \t]*=[ \t]*null/ { next }
{ print }
/^[ \t]*serial_number[ \t]*=/ {
  match($0, /^[ \t]*/)
  indent = substr($0, 1, RLENGTH)
  print indent "secret_wo         = local.seeds[" $3 "].secret"
  print indent "secret_wo_version = 1"
}

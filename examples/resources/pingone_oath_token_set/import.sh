# Every token of the environment (loaded earlier through the admin console, say):
terraform import pingone_oath_token_set.yubikeys_2026 11111111-2222-3333-4444-555555555555

# Some serial numbers only, separated by commas:
terraform import pingone_oath_token_set.yubikeys_2026 11111111-2222-3333-4444-555555555555/YK0001,YK0002,YK0003

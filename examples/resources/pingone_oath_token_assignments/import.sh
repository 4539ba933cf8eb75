# Every paired OATH token of the environment (users who enrolled their tokens through the console, say):
terraform import pingone_oath_token_assignments.fleet 11111111-2222-3333-4444-555555555555

# Some serial numbers only, separated by commas; each must be paired:
terraform import pingone_oath_token_assignments.fleet 11111111-2222-3333-4444-555555555555/YK0001,YK0002,YK0003

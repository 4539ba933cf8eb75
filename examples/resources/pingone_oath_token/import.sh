# By the token's ID: environment_id/oath_token_id
terraform import pingone_oath_token.hotp 11111111-2222-3333-4444-555555555555/66666666-7777-8888-9999-000000000000

# By the serial number printed on the token: environment_id/serial_number
terraform import pingone_oath_token.hotp 11111111-2222-3333-4444-555555555555/HOTP000123

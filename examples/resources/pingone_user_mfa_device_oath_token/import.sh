# environment_id/user_id/device_id
terraform import pingone_user_mfa_device_oath_token.bob 11111111-2222-3333-4444-555555555555/66666666-7777-8888-9999-000000000000/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee

# The same settings from the environment, as the official PingOne provider reads them.
export PINGONE_CLIENT_ID="11111111-2222-3333-4444-555555555555"
export PINGONE_CLIENT_SECRET="the-worker-application-secret"
export PINGONE_ENVIRONMENT_ID="66666666-7777-8888-9999-000000000000"
export PINGONE_REGION_CODE="EU"

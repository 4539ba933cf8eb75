package emulator

// Route patterns, also the keys of Counters and what Fault.Route matches.
const (
	envBase    = "/v1/environments/{envID}"
	tokensPath = envBase + "/oathTokens"
	tokenPath  = tokensPath + "/{oathTokenID}"
	jobsPath   = envBase + "/oathJobs"
	usersPath  = envBase + "/users"
	userPath   = usersPath + "/{userID}"
	devsPath   = userPath + "/devices"
	devPath    = devsPath + "/{deviceID}"
)

// routes lists every endpoint: the auth host's token endpoint, the API host's endpoints,
// and the control API.
func (e *Emulator) routes() {
	e.api.add("POST", "/{envID}/as/token", false, issueToken)

	e.api.add("POST", tokensPath, true, createToken)
	e.api.add("GET", tokensPath, true, listTokens)
	e.api.add("GET", tokenPath, true, readToken)
	e.api.add("DELETE", tokenPath, true, revokeToken)
	e.api.add("POST", tokenPath, true, resyncToken)

	e.api.add("POST", jobsPath, true, createJob)
	e.api.add("GET", jobsPath+"/{jobID}", true, readJob)

	e.api.add("POST", usersPath, true, createUser)
	e.api.add("GET", usersPath, true, listUsers)
	e.api.add("GET", userPath, true, readUser)
	e.api.add("DELETE", userPath, true, deleteUser)
	e.api.add("POST", devsPath, true, pairDevice)
	e.api.add("GET", devsPath, true, listDevices)
	e.api.add("GET", devPath, true, readDevice)
	e.api.add("POST", devPath, true, activateDevice)
	e.api.add("DELETE", devPath, true, unpairDevice)

	e.controlRoutes()
}

package emulator

import (
	"slices"
	"strings"
	"time"
)

// newEnvironment returns an empty environment with its indexes ready.
func newEnvironment(id string, role bool, now time.Time) *environment {
	env := &environment{ID: id, Role: role, CreatedAt: now}
	env.initIndexes()
	return env
}

func (env *environment) initIndexes() {
	env.tokens = map[string]*oathToken{}
	env.bySerial = map[string]*oathToken{}
	env.order = nil
	env.users = map[string]*user{}
	env.usernames = map[string]*user{}
	env.devices = map[string]*device{}
	env.jobs = map[string]*job{}
	env.running = nil
}

// compareTokens is the list order: createdAt, then id to break ties between tokens created
// in the same millisecond.
func compareTokens(a, b *oathToken) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// addToken stores a token; new tokens almost always sort last, so keeping the order slice
// sorted costs a binary search and a short copy instead of a sort per list request.
func (env *environment) addToken(t *oathToken) {
	env.tokens[t.ID] = t
	env.bySerial[t.SerialNumber] = t
	i, _ := slices.BinarySearchFunc(env.order, t, compareTokens)
	env.order = slices.Insert(env.order, i, t)
}

// removeToken revokes a token and unpairs its device, as PingOne does.
func (env *environment) removeToken(t *oathToken) {
	if d, ok := env.devices[t.DeviceID]; ok {
		env.removeDevice(d)
	}
	delete(env.tokens, t.ID)
	delete(env.bySerial, t.SerialNumber)
	if i, found := slices.BinarySearchFunc(env.order, t, compareTokens); found {
		env.order = slices.Delete(env.order, i, i+1)
	}
}

// addDevice pairs a token with a user.
func (env *environment) addDevice(d *device, t *oathToken) {
	env.devices[d.ID] = d
	t.DeviceID = d.ID
}

// removeDevice unpairs: the token stays, free to pair again.
func (env *environment) removeDevice(d *device) {
	delete(env.devices, d.ID)
	if t, ok := env.tokens[d.TokenID]; ok && t.DeviceID == d.ID {
		t.DeviceID = ""
	}
}

func (env *environment) addUser(u *user) {
	env.users[u.ID] = u
	env.usernames[u.Username] = u
}

// removeUser deletes a user and unpairs every token paired with them.
func (env *environment) removeUser(u *user) {
	for _, d := range env.userDevices(u.ID) {
		env.removeDevice(d)
	}
	delete(env.users, u.ID)
	delete(env.usernames, u.Username)
}

// userDevices returns a user's devices in creation order.
func (env *environment) userDevices(userID string) []*device {
	var out []*device
	for _, d := range env.devices {
		if d.UserID == userID {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b *device) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

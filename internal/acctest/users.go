package acctest

import (
	"net/http"
	"slices"
	"testing"
)

// createdUser is a user a test made, to delete at its end against a real PingOne.
type createdUser struct{ environmentID, id string }

// CreateUser makes a user in the environment, as the official provider or an administrator
// would, and returns the user's ID; the name is UserName(username), so that against a real
// PingOne it carries the test's namespace. The provider itself never creates users.
func (e *Emulator) CreateUser(t testing.TB, envID, username string) string {
	t.Helper()
	var user struct {
		ID string `json:"id"`
	}
	e.api(t, http.MethodPost, e.apiURL()+"/environments/"+envID+"/users", "application/json",
		map[string]any{"username": e.UserName(username)}, http.StatusCreated, &user)
	if e.emu == nil {
		e.mu.Lock()
		e.users = append(e.users, createdUser{environmentID: envID, id: user.ID})
		e.mu.Unlock()
	}
	return user.ID
}

// DeleteUser deletes a user outside Terraform; PingOne unpairs the user's tokens with them.
func (e *Emulator) DeleteUser(t testing.TB, envID, userID string) {
	t.Helper()
	e.api(t, http.MethodDelete, e.apiURL()+"/environments/"+envID+"/users/"+userID, "", nil, http.StatusNoContent, nil)
	e.mu.Lock()
	e.users = slices.DeleteFunc(e.users, func(u createdUser) bool { return u.id == userID })
	e.mu.Unlock()
}

// deleteUser deletes a user for the clean-up, where one already gone is no error.
func (c *connection) deleteUser(envID, userID string) error {
	return c.call(http.MethodDelete, c.apiURL()+"/environments/"+envID+"/users/"+userID, "", nil, nil,
		http.StatusNoContent, http.StatusNotFound)
}

// ActivateAsUser activates a paired device with the OTP the token, whose seed is seedHex, shows
// now, as the user does at their first sign-on, outside Terraform.
func (e *Emulator) ActivateAsUser(t testing.TB, envID, userID, deviceID, tokenID, seedHex string) {
	t.Helper()
	e.api(t, http.MethodPost, e.apiURL()+"/environments/"+envID+"/users/"+userID+"/devices/"+deviceID,
		"application/vnd.pingidentity.device.activate+json", map[string]any{"otp": e.TokenOTP(t, envID, tokenID, seedHex, 0)},
		http.StatusOK, nil)
}

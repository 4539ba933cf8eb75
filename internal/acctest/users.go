package acctest

import (
	"net/http"
	"testing"
)

// CreateUser makes a user in the environment, as the official provider or an administrator
// would, and returns the user's ID. The provider itself never creates users.
func (e *Emulator) CreateUser(t testing.TB, envID, username string) string {
	t.Helper()
	var user struct {
		ID string `json:"id"`
	}
	e.api(t, e.AccessToken(t), http.MethodPost, e.URL()+"/v1/environments/"+envID+"/users", "application/json",
		map[string]any{"username": username}, http.StatusCreated, &user)
	return user.ID
}

// DeleteUser deletes a user outside Terraform; PingOne unpairs the user's tokens with them.
func (e *Emulator) DeleteUser(t testing.TB, envID, userID string) {
	t.Helper()
	e.api(t, e.AccessToken(t), http.MethodDelete, e.URL()+"/v1/environments/"+envID+"/users/"+userID, "application/json",
		nil, http.StatusNoContent, nil)
}

// ActivateAsUser activates a paired device with the OTP the token shows now, as the user does at
// their first sign-on, outside Terraform.
func (e *Emulator) ActivateAsUser(t testing.TB, envID, userID, deviceID, tokenID string) {
	t.Helper()
	otp, err := e.CurrentOTP(envID, tokenID, 0)
	if err != nil {
		t.Fatalf("current OTP of token %s: %v", tokenID, err)
	}
	e.api(t, e.AccessToken(t), http.MethodPost, e.URL()+"/v1/environments/"+envID+"/users/"+userID+"/devices/"+deviceID,
		"application/vnd.pingidentity.device.activate+json", map[string]any{"otp": otp}, http.StatusOK, nil)
}

package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
)

func (h *harness) createUser(name string) string {
	h.t.Helper()
	r := h.api("POST", "/users", ctJSON, map[string]any{"username": name})
	if r.status != http.StatusCreated {
		h.t.Fatalf("create user: %d %s", r.status, r.body)
	}
	return r.object(h.t)["id"].(string)
}

// pair pairs a token with a user and returns the device id.
func (h *harness) pair(userID, serial string) string {
	h.t.Helper()
	r := h.api("POST", "/users/"+userID+"/devices", ctJSON, map[string]any{"type": "OATH_TOKEN", "serialNumber": serial})
	if r.status != http.StatusCreated {
		h.t.Fatalf("pair: %d %s", r.status, r.body)
	}
	return r.object(h.t)["id"].(string)
}

func TestUsers(t *testing.T) {
	h := start(t, Options{})
	r := h.api("POST", "/users", ctJSON, map[string]any{"username": "alice", "email": "ignored@example.com"})
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	u := r.object(t)
	id := u["id"].(string)
	if u["username"] != "alice" || u["environment"].(map[string]any)["id"] != h.env || !timestampRE.MatchString(u["createdAt"].(string)) {
		t.Errorf("user %s", r.body)
	}
	if read := h.api("GET", "/users/"+id, "", nil); read.status != 200 || !jsonEqual(read.object(t), u) {
		t.Errorf("read: %d %s", read.status, read.body)
	}
	checkError(t, h.api("POST", "/users", ctJSON, map[string]any{"username": "alice"}), want{400, "INVALID_DATA", []string{"UNIQUENESS_VIOLATION username"}})
	checkError(t, h.api("POST", "/users", ctJSON, map[string]any{}), want{400, "INVALID_DATA", []string{"REQUIRED_VALUE username"}})
	checkError(t, h.api("POST", "/users", ctJSON, map[string]any{"username": 5}), want{400, "INVALID_DATA", []string{"INVALID_VALUE username"}})
	checkError(t, h.api("POST", "/users", ctJSON, map[string]any{"username": strings.Repeat("u", 129)}), want{400, "INVALID_DATA", []string{"INVALID_VALUE username"}})
	checkError(t, h.api("POST", "/users", "text/plain", `{"username":"bob"}`), want{415, "INVALID_REQUEST", []string{"INVALID_VALUE Content-Type"}})
	checkError(t, h.api("GET", "/users/"+uuid.NewString(), "", nil), want{404, "NOT_FOUND", nil})

	if r := h.api("DELETE", "/users/"+id, "", nil); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d", r.status)
	}
	checkError(t, h.api("GET", "/users/"+id, "", nil), want{404, "NOT_FOUND", nil})
	checkError(t, h.api("DELETE", "/users/"+id, "", nil), want{404, "NOT_FOUND", nil})
	// The username is free again.
	h.createUser("alice")
}

func TestPairActivateUnpair(t *testing.T) {
	h := start(t, Options{})
	tokenID := h.createToken(hotpBody("PAIR1"))
	userID := h.createUser("bob")

	r := h.api("POST", "/users/"+userID+"/devices", ctJSON, map[string]any{"type": "OATH_TOKEN", "serialNumber": "PAIR1"})
	if r.status != http.StatusCreated {
		t.Fatalf("pair: %d %s", r.status, r.body)
	}
	d := r.object(t)
	devID := d["id"].(string)
	if d["status"] != "ACTIVATION_REQUIRED" || d["type"] != "OATH_TOKEN" || d["user"].(map[string]any)["id"] != userID ||
		d["oathToken"].(map[string]any)["id"] != tokenID || d["serialNumber"] != "PAIR1" {
		t.Errorf("device %s", r.body)
	}
	devPath := "/users/" + userID + "/devices/" + devID

	// Pairing errors.
	other := h.createUser("carol")
	checkError(t, h.api("POST", "/users/"+other+"/devices", ctJSON, map[string]any{"type": "OATH_TOKEN", "serialNumber": "PAIR1"}),
		want{400, "INVALID_DATA", []string{"INVALID_VALUE serialNumber"}})
	checkError(t, h.api("POST", "/users/"+other+"/devices", ctJSON, map[string]any{"type": "OATH_TOKEN", "serialNumber": "NOSUCH"}),
		want{400, "INVALID_DATA", []string{"INVALID_VALUE serialNumber"}})
	checkError(t, h.api("POST", "/users/"+other+"/devices", ctJSON, map[string]any{"type": "SMS", "serialNumber": "PAIR1"}),
		want{400, "INVALID_DATA", []string{"INVALID_VALUE type", "INVALID_VALUE serialNumber"}})
	checkError(t, h.api("POST", "/users/"+other+"/devices", ctJSON, map[string]any{}),
		want{400, "INVALID_DATA", []string{"REQUIRED_VALUE type", "REQUIRED_VALUE serialNumber"}})
	checkError(t, h.api("POST", "/users/"+uuid.NewString()+"/devices", ctJSON, map[string]any{"type": "OATH_TOKEN", "serialNumber": "PAIR1"}),
		want{404, "NOT_FOUND", nil})

	// Activation: wrong content type, wrong OTP, then the right one.
	checkError(t, h.api("POST", devPath, ctJSON, map[string]any{"otp": rfcHOTP[0]}), want{415, "INVALID_REQUEST", nil})
	checkError(t, h.api("POST", devPath, ctActivate, map[string]any{"otp": "000000", "oathResync": true}),
		want{400, "INVALID_DATA", []string{"INVALID_OTP otp"}})
	checkError(t, h.api("POST", devPath, ctActivate, map[string]any{"oathResync": true}),
		want{400, "INVALID_DATA", []string{"REQUIRED_VALUE otp"}})
	checkError(t, h.api("POST", devPath, ctActivate, map[string]any{"otp": rfcHOTP[0], "oathResync": "yes"}),
		want{400, "INVALID_DATA", []string{"INVALID_VALUE oathResync"}})
	r = h.api("POST", devPath, ctActivate, map[string]any{"otp": rfcHOTP[3], "oathResync": true})
	if r.status != 200 || r.object(t)["status"] != "ACTIVE" {
		t.Fatalf("activate: %d %s", r.status, r.body)
	}
	// The counter moved past the OTP used.
	if tok := h.api("GET", "/oathTokens/"+tokenID, "", nil).object(t); tok["hotp"].(map[string]any)["counter"] != float64(4) {
		t.Errorf("counter after activation: %v", tok["hotp"])
	}
	checkError(t, h.api("POST", devPath, ctActivate, map[string]any{"otp": rfcHOTP[4]}), want{400, "INVALID_REQUEST", []string{"INVALID_VALUE status"}})

	// Reads and lists.
	if got := h.api("GET", devPath, "", nil).object(t); got["status"] != "ACTIVE" {
		t.Errorf("read device: %v", got)
	}
	list := h.api("GET", "/users/"+userID+"/devices", "", nil).object(t)
	devs := list["_embedded"].(map[string]any)["devices"].([]any)
	if list["count"] != float64(1) || list["size"] != float64(1) || len(devs) != 1 || devs[0].(map[string]any)["id"] != devID {
		t.Errorf("list devices: %v", list)
	}
	checkError(t, h.api("GET", "/users/"+other+"/devices/"+devID, "", nil), want{404, "NOT_FOUND", nil})

	// Unpair: the token stays and is free to pair again.
	if r := h.api("DELETE", devPath, "", nil); r.status != http.StatusNoContent {
		t.Fatalf("unpair: %d", r.status)
	}
	checkError(t, h.api("GET", devPath, "", nil), want{404, "NOT_FOUND", nil})
	if r := h.api("GET", "/oathTokens/"+tokenID, "", nil); r.status != 200 {
		t.Fatalf("token after unpair: %d", r.status)
	}
	h.pair(other, "PAIR1")
}

func TestActivationWindows(t *testing.T) {
	h := start(t, Options{})
	h.createToken(hotpBody("WIN1"))
	user := h.createUser("dave")
	dev := "/users/" + user + "/devices/" + h.pair(user, "WIN1")
	// Without oathResync the look-ahead is short: OTP 20 is out of reach, OTP 9 is not.
	checkError(t, h.api("POST", dev, ctActivate, map[string]any{"otp": hotpAt(t, 20)}), want{400, "INVALID_DATA", []string{"INVALID_OTP otp"}})
	if r := h.api("POST", dev, ctActivate, map[string]any{"otp": rfcHOTP[9]}); r.status != 200 {
		t.Fatalf("activate at 9: %d %s", r.status, r.body)
	}
	// With oathResync it reaches 100 past the counter.
	h.createToken(hotpBody("WIN2"))
	dev2 := "/users/" + user + "/devices/" + h.pair(user, "WIN2")
	if r := h.api("POST", dev2, ctActivate, map[string]any{"otp": hotpAt(t, 90), "oathResync": true}); r.status != 200 {
		t.Fatalf("activate at 90 with resync: %d %s", r.status, r.body)
	}
}

func TestRevokeAndDeleteUserUnpair(t *testing.T) {
	h := start(t, Options{})
	tokenID := h.createToken(hotpBody("RV1"))
	user := h.createUser("erin")
	dev := h.pair(user, "RV1")
	// Revoking a paired token works and takes the device with it.
	if r := h.api("DELETE", "/oathTokens/"+tokenID, "", nil); r.status != http.StatusNoContent {
		t.Fatalf("revoke paired: %d %s", r.status, r.body)
	}
	checkError(t, h.api("GET", "/users/"+user+"/devices/"+dev, "", nil), want{404, "NOT_FOUND", nil})

	// Deleting a user unpairs their tokens.
	tokenID = h.createToken(hotpBody("RV2"))
	h.pair(user, "RV2")
	h.api("DELETE", "/users/"+user, "", nil)
	tok := h.api("GET", "/oathTokens/"+tokenID+"?expand=devices", "", nil).object(t)
	if devs := tok["_embedded"].(map[string]any)["devices"].([]any); len(devs) != 0 {
		t.Errorf("devices after deleting the user: %v", devs)
	}
}

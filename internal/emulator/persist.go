package emulator

import (
	"cmp"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
)

// stateFileVersion changes when the format does, so an old emulator refuses a newer file
// instead of misreading it.
const stateFileVersion = 1

// stateFile is the JSON kept in Options.StateFile. It holds secrets (the client secret, the
// CA key, token secrets), so it is written with mode 0600.
type stateFile struct {
	Version            int         `json:"version"`
	CA                 *caRecord   `json:"ca"`
	AdminEnvironmentID string      `json:"admin_environment_id"`
	EnvironmentID      string      `json:"environment_id"`
	ClientID           string      `json:"client_id"`
	ClientSecret       string      `json:"client_secret"`
	SigningKey         []byte      `json:"signing_key"`
	Environments       []envRecord `json:"environments"`
}

type envRecord struct {
	ID        string       `json:"id"`
	Role      bool         `json:"role"`
	CreatedAt time.Time    `json:"created_at"`
	Tokens    []*oathToken `json:"tokens"`
	Users     []*user      `json:"users"`
	Devices   []*device    `json:"devices"`
	Jobs      []*job       `json:"jobs"`
}

// newState creates an admin environment holding the worker application and a target
// environment where the worker has a role.
func newState(e *Emulator) (*state, error) {
	key := make([]byte, 32)
	secret := make([]byte, 48)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("generate signing key: %w", err)
	}
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("generate client secret: %w", err)
	}
	now := e.clock()
	st := &state{
		adminEnvID:   uuid.NewString(),
		targetEnvID:  uuid.NewString(),
		clientID:     uuid.NewString(),
		clientSecret: base64.RawURLEncoding.EncodeToString(secret),
		signingKey:   key,
		envs:         map[string]*environment{},
	}
	st.envs[st.adminEnvID] = newEnvironment(st.adminEnvID, true, now)
	st.envs[st.targetEnvID] = newEnvironment(st.targetEnvID, true, now)
	return st, nil
}

// loadState reads the state file, or creates a new state when there is none yet. It never
// writes: a file it cannot use is left as it is for the user to look at.
func (e *Emulator) loadState() (*state, *CA, error) {
	if e.opts.StateFile == "" {
		st, err := newState(e)
		return st, nil, err
	}
	data, err := os.ReadFile(e.opts.StateFile)
	if errors.Is(err, fs.ErrNotExist) {
		st, err := newState(e)
		return st, nil, err
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read state file: %w", err)
	}
	st, ca, err := decodeState(data)
	if err != nil {
		return nil, nil, fmt.Errorf("load state file %s (left untouched): %w", e.opts.StateFile, err)
	}
	return st, ca, nil
}

// decodeState parses and checks a state file, rebuilding the indexes the file does not keep.
func decodeState(data []byte) (*state, *CA, error) {
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("not a state file: %w", err)
	}
	if f.Version != stateFileVersion {
		return nil, nil, fmt.Errorf("state file version %d, want %d", f.Version, stateFileVersion)
	}
	if f.AdminEnvironmentID == "" || f.ClientID == "" || f.ClientSecret == "" || len(f.SigningKey) < 32 {
		return nil, nil, errors.New("state file lacks the worker application's credentials")
	}
	var ca *CA
	if f.CA != nil {
		var err error
		if ca, err = caFromRecord(f.CA); err != nil {
			return nil, nil, err
		}
	}
	st := &state{
		adminEnvID: f.AdminEnvironmentID, targetEnvID: f.EnvironmentID,
		clientID: f.ClientID, clientSecret: f.ClientSecret, signingKey: f.SigningKey,
		envs: map[string]*environment{},
	}
	for _, rec := range f.Environments {
		env, err := rec.environment()
		if err != nil {
			return nil, nil, fmt.Errorf("environment %s: %w", rec.ID, err)
		}
		if _, dup := st.envs[env.ID]; dup || env.ID == "" {
			return nil, nil, fmt.Errorf("environment id %q is empty or repeated", env.ID)
		}
		st.envs[env.ID] = env
	}
	if st.envs[st.adminEnvID] == nil {
		return nil, nil, errors.New("the admin environment is missing")
	}
	return st, ca, nil
}

// environment rebuilds an environment from its record, checking what the handlers rely on.
func (rec envRecord) environment() (*environment, error) {
	env := newEnvironment(rec.ID, rec.Role, rec.CreatedAt)
	for _, t := range rec.Tokens {
		if err := checkStoredToken(t); err != nil {
			return nil, fmt.Errorf("token %s: %w", t.ID, err)
		}
		if env.tokens[t.ID] != nil || env.bySerial[t.SerialNumber] != nil {
			return nil, fmt.Errorf("token %s: id or serial number repeated", t.ID)
		}
		env.addToken(t)
	}
	for _, u := range rec.Users {
		if u.ID == "" || env.users[u.ID] != nil || env.usernames[u.Username] != nil {
			return nil, fmt.Errorf("user %q: id or username empty or repeated", u.ID)
		}
		env.addUser(u)
	}
	for _, d := range rec.Devices {
		t := env.tokens[d.TokenID]
		if env.users[d.UserID] == nil || t == nil || t.DeviceID != d.ID || env.devices[d.ID] != nil {
			return nil, fmt.Errorf("device %q: user, token or pairing inconsistent", d.ID)
		}
		env.devices[d.ID] = d
	}
	for _, t := range env.tokens {
		if t.DeviceID != "" && env.devices[t.DeviceID] == nil {
			return nil, fmt.Errorf("token %s: paired with a missing device", t.ID)
		}
	}
	for _, j := range rec.Jobs {
		if j.ID == "" || env.jobs[j.ID] != nil {
			return nil, fmt.Errorf("job %q: id empty or repeated", j.ID)
		}
		if err := checkStoredJob(j); err != nil {
			return nil, fmt.Errorf("job %s: %w", j.ID, err)
		}
		env.jobs[j.ID] = j
		if j.Status == jobInProgress {
			env.running = append(env.running, j)
		}
	}
	// Running jobs go on in submission order, as before the restart.
	slices.SortFunc(env.running, func(a, b *job) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return env, nil
}

// checkStoredToken applies the create rules again, so a hand-edited file cannot smuggle in a
// token the handlers would choke on.
func checkStoredToken(t *oathToken) error {
	key, err := otp.DecodeSecret(t.Secret)
	if err != nil {
		return err
	}
	t.key = key
	valid := t.ID != "" && t.SerialNumber != "" && (t.OTPLength == 6 || t.OTPLength == 8) && t.HashAlgorithm.Valid()
	switch t.Type {
	case typeHOTP:
		valid = valid && t.HashAlgorithm == otp.HmacSHA1
	case typeTOTP:
		valid = valid && (t.TimeStep == 30 || t.TimeStep == 60)
	default:
		valid = false
	}
	if !valid {
		return errors.New("invalid token record")
	}
	return nil
}

// checkStoredJob checks a job's record, and the tokens a running create job still has to
// make, as checkStoredToken checks stored tokens.
func checkStoredJob(j *job) error {
	switch j.Status {
	case jobDone, jobFailed:
		return nil
	case jobInProgress:
	default:
		return fmt.Errorf("status %q", j.Status)
	}
	if j.Done < 0 || j.Done > len(j.Rows) {
		return errors.New("progress out of range")
	}
	for i, row := range j.Rows {
		switch {
		case j.Type == jobCreateTokens && row.Token != nil:
			if err := checkStoredToken(row.Token); err != nil {
				return fmt.Errorf("row %d: %w", i, err)
			}
		case j.Type == jobRevokeTokens && row.TokenID != "":
		default:
			return fmt.Errorf("row %d does not fit a %s job", i, j.Type)
		}
	}
	return nil
}

// encodeState serializes the state in a stable order, so two saves of the same state are
// byte-for-byte equal. The caller holds e.mu.
func encodeState(st *state, rec *caRecord) ([]byte, error) {
	f := stateFile{
		Version: stateFileVersion, CA: rec,
		AdminEnvironmentID: st.adminEnvID, EnvironmentID: st.targetEnvID,
		ClientID: st.clientID, ClientSecret: st.clientSecret, SigningKey: st.signingKey,
		Environments: []envRecord{},
	}
	for _, id := range slices.Sorted(maps.Keys(st.envs)) {
		env := st.envs[id]
		f.Environments = append(f.Environments, envRecord{
			ID: env.ID, Role: env.Role, CreatedAt: env.CreatedAt,
			Tokens:  env.order,
			Users:   sortedByID(env.users, func(u *user) string { return u.ID }),
			Devices: sortedByID(env.devices, func(d *device) string { return d.ID }),
			Jobs:    sortedByID(env.jobs, func(j *job) string { return j.ID }),
		})
	}
	data, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("encode state: %w", err)
	}
	return append(data, '\n'), nil
}

func sortedByID[T any](m map[string]T, id func(T) string) []T {
	out := slices.Collect(maps.Values(m))
	slices.SortFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

// save writes the state file if there is one and it is behind the in-memory state. Concurrent
// changes wait here together and share one write.
func (e *Emulator) save() error {
	if e.opts.StateFile == "" {
		return nil
	}
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	e.mu.Lock()
	gen := e.gen
	if gen != 0 && gen <= e.savedGen {
		e.mu.Unlock()
		return nil
	}
	data, err := encodeState(e.st, e.caRecord)
	e.mu.Unlock()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(e.opts.StateFile, data, 0o600); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	e.savedGen = gen
	return nil
}

package mfa

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/oathtokens/terraform-provider-pingone/internal/otp"
	"github.com/oathtokens/terraform-provider-pingone/internal/pingone"
	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

// assignmentChange carries the pairings from what the resource holds to what is planned,
// touching only the serial numbers that change: a removed one is unpaired, an added one paired
// (and activated when it has a seed), and one given another user unpaired and paired with the new
// user. PingOne has no batch pairing, so each serial number is its own few requests; parallelism
// of them run at once. Pairings that were handled are in the result even when others failed, so
// that a retry only does what is left.
type assignmentChange struct {
	client      *pingone.Client
	envID       string
	parallelism int
	current     map[string]assignment // what the resource holds now
	planned     map[string]string     // serial number → user ID
	seeds       map[string]string     // serial number → seed, in hexadecimal
	// seedsFrom is the attribute the seeds came from, for errors.
	seedsFrom string
}

// assignmentCounts says what a change did, for logs and tests.
type assignmentCounts struct {
	Paired, Activated, Unpaired int
}

// run applies the change. It returns the pairings held afterwards and, by serial number, what
// could not be done.
func (c *assignmentChange) run(ctx context.Context) (map[string]assignment, []setProblem) {
	final := make(map[string]assignment, len(c.planned))
	type work struct {
		serial string
		before *assignment // nil: nothing to unpair
		user   string      // "": nothing to pair
	}
	var todo []work
	for _, serial := range sortedSerials(c.current) {
		held := c.current[serial]
		user, keep := c.planned[serial]
		switch {
		case keep && pingone.SameID(user, held.User):
			final[serial] = assignment{User: user, Device: held.Device}
		case keep:
			todo = append(todo, work{serial: serial, before: &held, user: user})
		default:
			todo = append(todo, work{serial: serial, before: &held})
		}
	}
	for _, serial := range sortedSerials(c.planned) {
		if _, held := c.current[serial]; !held {
			todo = append(todo, work{serial: serial, user: c.planned[serial]})
		}
	}

	var mu sync.Mutex
	var problems []setProblem
	var counts assignmentCounts
	sem := make(chan struct{}, max(c.parallelism, 1))
	var wg sync.WaitGroup
	for _, w := range todo {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			held, problem, done := c.apply(ctx, w.serial, w.before, w.user)
			mu.Lock()
			defer mu.Unlock()
			if held != nil {
				final[w.serial] = *held
			}
			if problem != "" {
				problems = append(problems, setProblem{Serial: w.serial, Detail: problem})
			}
			counts.Paired += done.Paired
			counts.Activated += done.Activated
			counts.Unpaired += done.Unpaired
		}()
	}
	wg.Wait()
	sortProblems(problems)
	tflog.Info(ctx, "applied OATH token assignments", map[string]any{
		"paired": counts.Paired, "activated": counts.Activated, "unpaired": counts.Unpaired, "problems": len(problems),
	})
	return final, problems
}

// apply handles one serial number: unpairs its device (before), then pairs it with user. It
// returns the pairing the serial number holds afterwards (nil for none) and, when something
// failed, why.
func (c *assignmentChange) apply(ctx context.Context, serial string, before *assignment, user string) (*assignment, string, assignmentCounts) {
	var done assignmentCounts
	if before != nil {
		if err := c.client.UnpairUserDevice(ctx, c.envID, before.User, before.Device.ID); err != nil && !pingone.IsNotFound(err) {
			// The token stays with its holder, and in the state.
			return before, fmt.Sprintf("unpairing it from user %s (device %s) failed: %s", before.User, before.Device.ID,
				err), done
		}
		done.Unpaired++
	}
	if user == "" {
		return nil, "", done
	}
	seed, problem := c.seed(serial)
	if problem != "" {
		return nil, problem, done
	}
	device, failure := pairOATHToken(ctx, c.client, c.envID, user, serial)
	if failure != nil {
		return nil, c.pairingProblem(serial, user, failure), done
	}
	done.Paired++
	if seed != nil && device.Status != deviceStatusActive {
		active, undo, err := activateOrUndo(ctx, c.client, c.envID, device, seed)
		if err != nil {
			problem := c.activationProblem(user, device, err, undo)
			if undo != nil {
				return &assignment{User: user, Device: assignedDevice{ID: device.ID, Status: device.Status}}, problem, done
			}
			return nil, problem, done
		}
		device = active
		done.Activated++
	}
	return &assignment{User: user, Device: assignedDevice{ID: device.ID, Status: device.Status}}, "", done
}

// seed decodes the serial number's seed, or returns nil when it has none. A seed not known at
// plan time is checked here, and described without quoting any of it.
func (c *assignmentChange) seed(serial string) ([]byte, string) {
	hex, ok := c.seeds[serial]
	if !ok {
		return nil, ""
	}
	if problem := validators.HexSecretProblem(hex, maxSecretLength); problem != "" {
		return nil, fmt.Sprintf("its seed in %s must be %s: %s; the token was not paired", c.seedsFrom,
			validators.HexSecretRule(maxSecretLength), problem)
	}
	seed, err := otp.DecodeSecret(hex)
	if err != nil {
		return nil, fmt.Sprintf("its seed in %s could not be decoded as hexadecimal; the token was not paired", c.seedsFrom)
	}
	return seed, ""
}

// pairingProblem words why PingOne did not pair the token with the user.
func (c *assignmentChange) pairingProblem(serial, user string, f *pairingFailure) string {
	switch f.kind {
	case pairingUserNotFound:
		return fmt.Sprintf("PingOne has no user %s in environment %s, so the token was not paired: check its user ID in "+
			"assignments (the user may have been deleted)", user, c.envID)
	case pairingTokenNotFound:
		return fmt.Sprintf("PingOne has no OATH token with this serial number in environment %s: create it first (with "+
			"pingone_oath_token_set or pingone_oath_token, referenced from this resource or named in its depends_on, so "+
			"that Terraform creates the token before pairing it)", c.envID)
	case pairingHeld:
		return heldProblem(c.envID, serial, user, f.holder)
	}
	if f.lookupErr != nil {
		return fmt.Sprintf("pairing it with user %s failed: %s; looking the token up to explain the refusal failed too: %s",
			user, f.err, f.lookupErr)
	}
	return fmt.Sprintf("pairing it with user %s failed: %s", user, f.err)
}

// heldProblem explains who holds a token that was to be paired, and what to do. A pairing of the
// assigned user that this resource does not know is not taken over silently.
func heldProblem(envID, serial, user string, holder pingone.PairedDevice) string {
	text := fmt.Sprintf("it is already paired with user %s (device %s)", holder.UserID, holder.DeviceID)
	if !pingone.SameID(holder.UserID, user) {
		return text + ". A token is paired with one user at a time: unpair it from that user first (remove it from the " +
			"Terraform resource that pairs it, or delete the device in PingOne), then apply again"
	}
	return text + fmt.Sprintf(", its assigned user, by a device these assignments do not know, so it is not taken over "+
		"silently. To manage that pairing here, import it: remove these assignments from the state (terraform state rm, "+
		"or a removed block with destroy = false) and import them again with every serial number they hold, for example "+
		"with an import block whose id is \"%s/%s,...\"; or unpair it in PingOne and apply again", pingone.CanonicalID(envID), serial)
}

// activationProblem words a failed activation and what became of the pairing. A refused OTP means
// the seed is not the token's.
func (c *assignmentChange) activationProblem(user string, device *pingone.UserDevice, err, undo error) string {
	outcome := "the pairing was undone: the token is unpaired again, as before the apply"
	if undo != nil {
		outcome = fmt.Sprintf("undoing the pairing failed too (%s): device %s stays paired with user %s, "+
			"ACTIVATION_REQUIRED, and is kept in the state; the user can activate it at sign-on, or remove the serial "+
			"number, apply, and add it again", undo, device.ID, user)
	}
	if pingone.IsInvalidOTP(err) {
		return fmt.Sprintf("activating it for user %s failed: its seed in %s does not match the token's seed (PingOne "+
			"rejected the one-time password computed from it; for a TOTP token, the clock of the machine running "+
			"Terraform must also be within a time step of PingOne's); %s", user, c.seedsFrom, outcome)
	}
	return fmt.Sprintf("activating it for user %s failed: %s; %s", user, err, outcome)
}

// sortProblems orders problems by serial number, so that errors are stable.
func sortProblems(problems []setProblem) {
	slices.SortFunc(problems, func(a, b setProblem) int { return strings.Compare(a.Serial, b.Serial) })
}

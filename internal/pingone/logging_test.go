package pingone

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestLogsAreMaskedAndComplete(t *testing.T) {
	const seed = "3132333435363738393031323334353637383930"
	var seen int
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		seen++
		if seen == 1 {
			writeJSON(w, 503, map[string]any{"code": "UNAVAILABLE"})
			return
		}
		writeJSON(w, 201, tokenBody("tok-1", "SN1"))
	})
	cfg := f.config()
	cfg.AuthStyle = AuthStylePost // The secret travels in the form body, which must be masked.
	c := f.client(t, cfg)

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	if _, err := c.CreateOATHToken(ctx, fakeEnv, OATHTokenCreate{SerialNumber: "SN1", Secret: seed, Type: "HOTP", OTPLength: 6}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ResyncOATHToken(ctx, fakeEnv, "tok-1", "755224", "287082"); err != nil {
		t.Fatal(err)
	}

	logs := buf.String()
	for _, leaked := range []string{seed, fakeSecret, "token-1", "755224", "287082"} {
		if strings.Contains(logs, leaked) {
			t.Errorf("logs hold %q", leaked)
		}
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var debug, trace int
	var sawForm, sawRetry, sawBearer, sawAttempt2 bool
	for _, e := range entries {
		if e["@module"] != "provider.pingone" {
			continue
		}
		switch e["@level"] {
		case "debug":
			debug++
			if e["@message"] == "PingOne request" && e["method"] != nil && e["path"] != nil && e["status"] != nil && e["duration_ms"] != nil {
				if e["attempt"] == float64(2) {
					sawAttempt2 = true
				}
			}
			if e["@message"] == "PingOne request will be retried" {
				sawRetry = true
			}
		case "trace":
			trace++
			if b, _ := e["body"].(string); strings.Contains(b, "client_secret=***") {
				sawForm = true
			}
			if h, _ := e["headers"].(map[string]any); h["Authorization"] == "Bearer ***" {
				sawBearer = true
			}
		}
	}
	if debug == 0 || trace == 0 || !sawForm || !sawRetry || !sawBearer || !sawAttempt2 {
		t.Fatalf("debug %d, trace %d, form %v, retry %v, bearer %v, attempt 2 %v\n%s", debug, trace, sawForm, sawRetry, sawBearer, sawAttempt2, logs)
	}
}

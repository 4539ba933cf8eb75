package mfa

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/oathtokens/terraform-provider-pingone/internal/validators"
)

// maxSetProblems caps the errors one plan reports about the tokens: a seed file with a wrong
// column would otherwise print ten thousand of them.
const maxSetProblems = 20

var (
	pathTokens    = path.Root("tokens")
	pathSecrets   = path.Root("secrets")
	pathSecretsWO = path.Root("secrets_wo")
	pathBatchSize = path.Root("batch_size")
)

// ValidateConfig checks every token and seed in one pass over the raw configuration, at plan
// time, so that a bad row never reaches PingOne. Values not known yet are checked when they are.
func (r *oathTokenSetResource) ValidateConfig(_ context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	attrs, err := objectAttrs(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Read the configuration failed", err.Error())
		return
	}
	problems := &setProblems{}
	tokens, tokensKnown, err := setTokens(attrs["tokens"])
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathTokens, "Invalid tokens", err.Error())
		return
	}
	if tokensKnown {
		for _, serial := range sortedSerials(tokens) {
			checkSetToken(problems, serial, tokens[serial])
		}
	}
	checkSetSecrets(problems, attrs, tokens, tokensKnown)
	checkBatchSize(problems, attrs["batch_size"])
	resp.Diagnostics.Append(problems.diagnostics()...)
}

// checkSetToken applies the rules of oath_token_values.go to one token of the set.
func checkSetToken(p *setProblems, serial string, t setToken) {
	base := pathTokens.AtMapKey(serial)
	if !serialPattern.MatchString(serial) {
		p.add(base, "Invalid serial number", fmt.Sprintf("The serial number %q in tokens must be 1 to %d letters and digits (A-Z, a-z, 0-9).",
			serial, maxSerialLength))
	}
	if t.Type != "" && !slices.Contains(tokenTypes, t.Type) {
		p.add(base.AtName("type"), "Invalid token type", fmt.Sprintf("Attribute %s must be %s; got %q.",
			base.AtName("type"), backtickList(tokenTypes), t.Type))
		return
	}
	if t.OTPLength != 0 && !slices.Contains(otpLengths, t.OTPLength) {
		p.add(base.AtName("otp_length"), "Invalid OTP length", fmt.Sprintf("Attribute %s must be %s; got %d.",
			base.AtName("otp_length"), int64sText(otpLengths), t.OTPLength))
	}
	if t.HashAlgorithm != "" && !slices.Contains(hashAlgorithms, t.HashAlgorithm) {
		p.add(base.AtName("hash_algorithm"), "Invalid hash algorithm", fmt.Sprintf("Attribute %s must be one of %s; got %q.",
			base.AtName("hash_algorithm"), backtickList(hashAlgorithms), t.HashAlgorithm))
	}
	if t.TimeStep != nil && !slices.Contains(timeSteps, *t.TimeStep) {
		p.add(base.AtName("totp").AtName("time_step"), "Invalid time step", fmt.Sprintf("Attribute %s must be %s seconds; got %d.",
			base.AtName("totp").AtName("time_step"), int64sText(timeSteps), *t.TimeStep))
	}
	if t.Counter != nil && *t.Counter < 0 {
		p.add(base.AtName("hotp").AtName("counter"), "Invalid HOTP counter", fmt.Sprintf("Attribute %s must be 0 or more; got %d.",
			base.AtName("hotp").AtName("counter"), *t.Counter))
	}
	if t.Unknown {
		// Which blocks are set cannot be told while values are unknown; checked again at apply.
		return
	}
	for _, d := range tokenTypeRules(base, t.Type, t.Counter == nil, t.TimeStep == nil, t.HashAlgorithm) {
		p.addDiagnostic(d)
	}
}

// checkSetSecrets checks that exactly one of secrets_wo and secrets holds a seed for every token
// and none for a serial number that is not a token, and that every seed is valid. Seeds are never
// quoted.
func checkSetSecrets(p *setProblems, attrs map[string]tftypes.Value, tokens map[string]setToken, tokensKnown bool) {
	wo, _, woKnown, err := stringMapOf(attrs["secrets_wo"], "secrets_wo")
	if err != nil {
		p.add(pathSecretsWO, "Invalid secrets_wo", err.Error())
		return
	}
	inState, _, inStateKnown, err := stringMapOf(attrs["secrets"], "secrets")
	if err != nil {
		p.add(pathSecrets, "Invalid secrets", err.Error())
		return
	}
	woSet, secretsSet := !attrs["secrets_wo"].IsNull(), !attrs["secrets"].IsNull()
	switch {
	case woSet && secretsSet:
		p.add(pathSecretsWO, "Seeds given twice", "Set the seeds in secrets_wo or in secrets, not both: secrets_wo keeps them out "+
			"of the state (Terraform 1.11+, OpenTofu 1.11+), secrets is for older engines.")
		return
	case !woSet && !secretsSet:
		if tokensKnown && len(tokens) > 0 {
			p.add(pathSecretsWO, "Seeds missing", "Set the tokens' seeds in secrets_wo (Terraform 1.11+, OpenTofu 1.11+) or, "+
				"on older engines, in secrets: a map from each serial number of tokens to its seed in hexadecimal.")
		}
		return
	}
	seeds, seedsPath, known := wo, pathSecretsWO, woKnown
	if secretsSet {
		seeds, seedsPath, known = inState, pathSecrets, inStateKnown
	}
	if !known {
		return
	}
	for _, serial := range sortedSerials(seeds) {
		if problem := validators.HexSecretProblem(seeds[serial], maxSecretLength); problem != "" {
			p.add(seedsPath.AtMapKey(serial), "Invalid OATH token secret", fmt.Sprintf("The seed of %s in %s must be %s: %s. "+
				"The value is not shown because it is a secret.", serial, seedsPath, validators.HexSecretRule(maxSecretLength), problem))
		}
	}
	if !tokensKnown {
		return
	}
	var missing, extra []string
	for serial := range tokens {
		if _, ok := seeds[serial]; !ok {
			missing = append(missing, serial)
		}
	}
	for serial := range seeds {
		if _, ok := tokens[serial]; !ok {
			extra = append(extra, serial)
		}
	}
	if len(missing) > 0 {
		p.add(seedsPath, "Seeds missing", fmt.Sprintf("%s holds no seed for %s of tokens: %s.", seedsPath,
			plural(len(missing), "serial number", "serial numbers"), serialList(missing)))
	}
	if len(extra) > 0 {
		p.add(seedsPath, "Seeds for unknown tokens", fmt.Sprintf("%s holds seeds for %s that tokens does not have: %s. "+
			"Remove them, or add the tokens.", seedsPath, plural(len(extra), "serial number", "serial numbers"), serialList(extra)))
	}
}

func checkBatchSize(p *setProblems, v tftypes.Value) {
	n, known, err := int64Of(v)
	if err != nil || !known || n == nil {
		return
	}
	if *n < 1 || *n > maxBatchSize {
		p.add(pathBatchSize, "Invalid batch size", fmt.Sprintf("Attribute batch_size must be 1 to %d; got %d.", maxBatchSize, *n))
	}
}

// setProblems collects errors, keeping the first maxSetProblems and counting the rest.
type setProblems struct {
	diags   diag.Diagnostics
	dropped int
}

func (p *setProblems) add(at path.Path, summary, detail string) {
	p.addDiagnostic(diag.NewAttributeErrorDiagnostic(at, summary, detail))
}

func (p *setProblems) addDiagnostic(d diag.Diagnostic) {
	if len(p.diags) >= maxSetProblems {
		p.dropped++
		return
	}
	p.diags.Append(d)
}

func (p *setProblems) diagnostics() diag.Diagnostics {
	if p.dropped > 0 {
		p.diags.AddError("More problems in the tokens", fmt.Sprintf("%d more problems were found and are not shown; fix the "+
			"ones above and plan again.", p.dropped))
	}
	return p.diags
}

// serialList names serial numbers, sorted, at most ten of them, for messages that stay readable.
func serialList(serials []string) string {
	slices.Sort(serials)
	if len(serials) <= 10 {
		return strings.Join(serials, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(serials[:10], ", "), len(serials)-10)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

package reliability_test

import (
	"testing"

	"github.com/oathtokens/terraform-provider-pingone/internal/acctest"
)

func TestMain(m *testing.M) {
	acctest.Main(m)
}

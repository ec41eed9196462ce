package store

import (
	"testing"

	"go.uber.org/goleak"
)

// Every test must leave no goroutine behind: a leaked connection pool or
// image download would pile up in a studio that runs for hours.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

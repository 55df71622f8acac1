package workload

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests must not depend on the host's zoneinfo
)

func approx(t *testing.T, name string, got, want, relTol float64) {
	t.Helper()
	if math.IsInf(want, 0) || want == 0 {
		if got != want && math.Abs(got-want) > relTol {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
		return
	}
	if math.Abs(got-want) > relTol*math.Abs(want) {
		t.Errorf("%s = %.12g, want %.12g (rel err %.3g > %.3g)", name, got, want, math.Abs(got-want)/math.Abs(want), relTol)
	}
}

// wantFieldError checks that err is a *FieldError whose field contains field.
func wantFieldError(t *testing.T, err error, field string) {
	t.Helper()
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T), want *FieldError for %s", err, err, field)
	}
	if !strings.Contains(fe.Field, field) {
		t.Errorf("error names field %q, want %q (%v)", fe.Field, field, err)
	}
}

// must returns v or panics with err: for constructors in test set-up, where
// an error is a bug in the test.
func must[V any](v V, err error) V {
	if err != nil {
		panic(err)
	}
	return v
}

// integrate returns ∫ d over [from, to) by the midpoint rule with step h.
func integrate(d Demand, from, to time.Time, h time.Duration) float64 {
	var s float64
	for t := from; t.Before(to); t = t.Add(h) {
		s += d.Rate(t.Add(h/2)) * h.Seconds()
	}
	return s
}

func newStream(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed)) }

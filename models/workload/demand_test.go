package workload

import (
	"math"
	"testing"
	"time"
)

func TestComposition(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	half := DemandFunc(func(time.Time) float64 { return 0.5 })
	scaled := must(Scale(Constant(10), 3))
	tests := []struct {
		name string
		d    Demand
		want float64
	}{
		{"constant", Constant(7), 7},
		{"sum", Sum(Constant(1), Constant(2), Constant(3)), 6},
		{"empty sum", Sum(), 0},
		{"product", Product(Constant(100), half, Constant(3)), 150},
		{"empty product", Product(), 1},
		{"scale", scaled, 30},
		{"nested", Sum(Product(Constant(100), half), scaled), 80},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Rate(at); got != tt.want {
				t.Errorf("Rate = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCompositionCopiesParts(t *testing.T) {
	parts := []Demand{Constant(1), Constant(2)}
	s := Sum(parts...)
	parts[0] = Constant(100)
	if got := s.Rate(time.Time{}); got != 3 {
		t.Errorf("Sum changed with its argument slice: %v", got)
	}
}

func TestDemandInputErrors(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"negative constant", second(NewConstant(-1)), "Constant"},
		{"NaN constant", second(NewConstant(math.NaN())), "Constant"},
		{"negative scale", second(Scale(Constant(1), -2)), "Scale.Factor"},
		{"infinite scale", second(Scale(Constant(1), math.Inf(1))), "Scale.Factor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantFieldError(t, tt.err, tt.field) })
	}
	if c, err := NewConstant(5); err != nil || c != 5 {
		t.Errorf("NewConstant(5) = %v, %v", c, err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestSumPanicsOnNil(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Sum with a nil part did not panic")
		}
	}()
	Sum(Constant(1), nil)
}

func TestSecondsDuration(t *testing.T) {
	tests := []struct {
		s    Seconds
		want time.Duration
	}{
		{1.5, 1500 * time.Millisecond},
		{0, 0},
		{-3, 0},
		{Seconds(math.NaN()), 0},
		{Seconds(math.Inf(1)), time.Duration(math.MaxInt64)},
		{1e12, time.Duration(math.MaxInt64)},
	}
	for _, tt := range tests {
		if got := tt.s.Duration(); got != tt.want {
			t.Errorf("Seconds(%v).Duration() = %v, want %v", float64(tt.s), got, tt.want)
		}
	}
}

package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ecsim/ecsim/models/catalog"
)

func TestTableAlignment(t *testing.T) {
	tb := newTable([]string{"NAME", "USD/h", "NOTE"}, []bool{false, true, false})
	tb.add("m6i.large", "0.096", "")
	tb.add("r6i.16xlarge", "4.032", "big")
	var b strings.Builder
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	want := "NAME          USD/h  NOTE\n" +
		"m6i.large     0.096\n" +
		"r6i.16xlarge  4.032  big\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

func TestExitCodeUnwraps(t *testing.T) {
	_, err := catalog.Default().Price("m6i.large", "nowhere-1")
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, exitOK},
		{"flag error", flagErrorf("bad"), exitBadInput},
		{"wrapped catalogue input error", fmt.Errorf("loading: %w", err), exitBadInput},
		{"other failure", errors.New("boom"), exitFailed},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("%s: exit %d, want %d", tt.name, got, tt.want)
		}
	}
}

package workload

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// checkParsedTrace asserts the parsers' contract: either a *TraceError or a
// valid trace that a Replay accepts.
func checkParsedTrace(t *testing.T, tr *Trace, err error) {
	t.Helper()
	if err != nil {
		var te *TraceError
		if !errors.As(err, &te) {
			t.Fatalf("error %v is a %T, want *TraceError", err, err)
		}
		return
	}
	if verr := tr.Validate(); verr != nil {
		t.Fatalf("parser returned an invalid trace: %v", verr)
	}
	if _, rerr := NewReplay(tr, ReplayConfig{Loop: true, Interpolation: Linear}); rerr != nil {
		t.Fatalf("NewReplay rejected a parsed trace: %v", rerr)
	}
}

func FuzzParseCSV(f *testing.F) {
	seed, err := os.ReadFile("testdata/requests-per-minute.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, s := range []string{"", "timestamp,value\n", "100,1\n200,2\n", "100,1\n100,2\n", "1e3,5\n", "2024-01-01T00:00:00Z,-1\n", "\"a,b\",1\n", "0001-01-01T00:00:00Z,1\n9999-12-31T23:59:59Z,2\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := ParseCSV("fuzz.csv", bytes.NewReader(data))
		checkParsedTrace(t, tr, err)
	})
}

func FuzzParseCloudWatch(f *testing.F) {
	for _, name := range []string{"testdata/awscli-get-metric-data-output.json", "testdata/alb-requestcount-newest-first.json"} {
		seed, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(seed, "")
		f.Add(seed, "requests")
	}
	f.Add([]byte(`{"MetricDataResults":[{"Id":"m","Timestamps":["1","1"],"Values":[1,2]}]}`), "m")
	f.Fuzz(func(t *testing.T, data []byte, id string) {
		tr, err := ParseCloudWatch("fuzz.json", bytes.NewReader(data), id)
		checkParsedTrace(t, tr, err)
	})
}

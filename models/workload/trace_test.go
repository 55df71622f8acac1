package workload

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseCSVFile(t *testing.T) {
	tr, err := ReadCSVFile("testdata/requests-per-minute.csv")
	if err != nil {
		t.Fatal(err)
	}
	wantValues := []float64{6000, 6600, 7200, 9000, 7800, 6000}
	if len(tr.Values) != len(wantValues) {
		t.Fatalf("got %d samples, want %d", len(tr.Values), len(wantValues))
	}
	start := time.Date(2024, 9, 30, 9, 0, 0, 0, time.UTC)
	for i, v := range wantValues {
		if tr.Values[i] != v || !tr.Times[i].Equal(start.Add(time.Duration(i)*time.Minute)) {
			t.Errorf("sample %d = %s %v, want %s %v", i, tr.Times[i], tr.Values[i], start.Add(time.Duration(i)*time.Minute), v)
		}
	}
	// Replayed as counts per minute: 6000/60 = 100 req/s in the first minute.
	r := must(NewReplay(tr, ReplayConfig{Kind: CountPerPeriod, Period: time.Minute}))
	approx(t, "first-minute rate", r.Rate(start.Add(30*time.Second)), 100, 1e-12)
	approx(t, "4th-minute rate", r.Rate(start.Add(3*time.Minute+59*time.Second)), 150, 1e-12)
}

func TestParseCSVErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"empty", "", 0, "empty trace"},
		{"header only", "timestamp,value\n", 0, "empty trace"},
		{"unsorted", "2024-01-01T00:00:00Z,1\n2024-01-01T00:02:00Z,1\n2024-01-01T00:01:00Z,1\n", 3, "line 2"},
		{"duplicate", "100,1\n200,2\n200,3\n", 3, "duplicate timestamp"},
		{"negative", "100,1\n200,-5\n", 2, "negative value"},
		{"NaN", "100,NaN\n", 1, "not a finite number"},
		{"bad value", "100,1\n200,lots\n", 2, "not a number"},
		{"bad timestamp", "100,1\nyesterday,2\n", 2, "neither RFC 3339 nor epoch"},
		{"milliseconds", "1727686980000,1\n", 1, "milliseconds"},
		{"three fields", "100,1,2\n", 1, "want 2 fields"},
		{"bad quote", "100,\"1\n", 1, "malformed CSV"},
		{"header not first", "100,1\ntimestamp,value\n", 2, "timestamp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCSV("load.csv", strings.NewReader(tt.in))
			var te *TraceError
			if !errors.As(err, &te) {
				t.Fatalf("error %v (%T), want *TraceError", err, err)
			}
			if te.File != "load.csv" || te.Line != tt.line {
				t.Errorf("error at %s:%d, want load.csv:%d (%v)", te.File, te.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not mention %q", err, tt.msg)
			}
			if tt.line > 0 && !strings.HasPrefix(err.Error(), "load.csv:") {
				t.Errorf("error %q does not start with file:line", err)
			}
		})
	}
}

func TestParseCSVByteOrderMarkAndEpochJSON(t *testing.T) {
	tr, err := ParseCSV("bom.csv", strings.NewReader("\ufeff1727686980,5\n1727687040,6\n"))
	if err != nil || len(tr.Values) != 2 {
		t.Fatalf("BOM: %v %+v", err, tr)
	}
	cw := `{"MetricDataResults":[{"Id":"m","Timestamps":[1727687040, "2024-09-30T09:03:00Z"],"Values":[6,5]}]}`
	tr, err = ParseCloudWatch("epoch.json", strings.NewReader(cw), "")
	if err != nil || tr.Values[0] != 5 || !tr.Times[1].Equal(time.Unix(1727687040, 0)) {
		t.Fatalf("epoch numbers: %v %+v", err, tr)
	}
}

func TestParseTimestampForms(t *testing.T) {
	want := time.Date(2024, 9, 30, 9, 3, 0, 500000000, time.UTC)
	for _, s := range []string{"2024-09-30T09:03:00.5Z", "2024-09-30T11:03:00.5+02:00", "2024-09-30 09:03:00.5+00:00", "1727686980.5", " 1727686980.50 "} {
		got, err := parseTimestamp(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseTimestamp(%q) = %s, %v; want %s", s, got, err, want)
		}
	}
}

func TestParseCloudWatchRealExport(t *testing.T) {
	tr, err := ReadCloudWatchFile("testdata/awscli-get-metric-data-output.json", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Times) != 1 || tr.Values[0] != 96.85 || !tr.Times[0].Equal(time.Date(2024, 9, 29, 22, 10, 0, 0, time.UTC)) || tr.Partial {
		t.Errorf("got %+v", tr)
	}
	r := must(NewReplay(tr, ReplayConfig{Loop: true}))
	for _, at := range []time.Time{tr.Times[0], tr.Times[0].Add(-time.Hour), tr.Times[0].Add(1000 * time.Hour)} {
		if got := r.Rate(at); got != 96.85 {
			t.Errorf("single-sample replay at %s = %v", at, got)
		}
	}
}

func TestParseCloudWatchNewestFirst(t *testing.T) {
	tr, err := ReadCloudWatchFile("testdata/alb-requestcount-newest-first.json", "requests")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2024, 9, 30, 9, 0, 0, 0, time.UTC)
	want := []float64{12000, 18000, 24000, 30000, 33000, 36000}
	for i, v := range want {
		if !tr.Times[i].Equal(start.Add(time.Duration(i)*5*time.Minute)) || tr.Values[i] != v {
			t.Errorf("sorted sample %d = %s %v, want %s %v", i, tr.Times[i], tr.Values[i], start.Add(time.Duration(i)*5*time.Minute), v)
		}
	}
	// 5-minute Sums replayed as rates: 12000/300 = 40 req/s.
	r := must(NewReplay(tr, ReplayConfig{Kind: CountPerPeriod, Period: 5 * time.Minute, Scale: 2}))
	approx(t, "scaled first period", r.Rate(start.Add(time.Minute)), 80, 1e-12)
	_, err = ReadCloudWatchFile("testdata/alb-requestcount-newest-first.json", "")
	if err == nil || !strings.Contains(err.Error(), "choose one by Id") {
		t.Errorf("ambiguous export: error %v", err)
	}
	_, err = ReadCloudWatchFile("testdata/alb-requestcount-newest-first.json", "latency")
	if err == nil || !strings.Contains(err.Error(), "requests, errors") {
		t.Errorf("unknown Id: error %v", err)
	}
}

func TestParseCloudWatchErrors(t *testing.T) {
	wrap := func(result string) string { return `{"MetricDataResults": [` + result + `], "Messages": []}` }
	tests := []struct {
		name, in, field, msg string
		line                 int
	}{
		{"duplicate", wrap(`{"Id":"m","Timestamps":["2024-01-01T00:02:00Z","2024-01-01T00:01:00Z","2024-01-01T00:02:00Z"],"Values":[1,2,3],"StatusCode":"Complete"}`),
			"MetricDataResults[0].Timestamps[2]", "duplicate timestamp", 0},
		{"negative", wrap(`{"Id":"m","Timestamps":["2024-01-01T00:00:00Z","2024-01-01T00:01:00Z"],"Values":[1,-2],"StatusCode":"Complete"}`),
			"MetricDataResults[0].Values[1]", "negative value", 0},
		{"empty", wrap(`{"Id":"m","Timestamps":[],"Values":[],"StatusCode":"Complete"}`), "MetricDataResults[0]", "empty trace", 0},
		{"no results", wrap(``), "MetricDataResults", "no results", 0},
		{"length mismatch", wrap(`{"Id":"m","Timestamps":["2024-01-01T00:00:00Z"],"Values":[1,2]}`), "MetricDataResults[0]", "1 Timestamps but 2 Values", 0},
		{"bad timestamp", wrap(`{"Id":"m","Timestamps":["noon"],"Values":[1]}`), "MetricDataResults[0].Timestamps[0]", "neither RFC 3339", 0},
		{"forbidden", wrap(`{"Id":"m","Timestamps":[],"Values":[],"StatusCode":"Forbidden"}`), "MetricDataResults[0].StatusCode", "Forbidden", 0},
		{"syntax", "{\n  \"MetricDataResults\": [\n    {\"Id\": \"m\",, }\n  ]\n}", "", "malformed JSON", 3},
		{"wrong type", "{\n\"MetricDataResults\": [{\"Values\": [\"x\"]}]}", "MetricDataResults.Values", "wrong JSON type", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCloudWatch("cw.json", strings.NewReader(tt.in), "")
			var te *TraceError
			if !errors.As(err, &te) {
				t.Fatalf("error %v (%T), want *TraceError", err, err)
			}
			if te.Field != tt.field || te.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q: field %q line %d, want field %q line %d mentioning %q", err, te.Field, te.Line, tt.field, tt.line, tt.msg)
			}
		})
	}
	tr, err := ParseCloudWatch("cw.json", strings.NewReader(wrap(`{"Id":"m","Timestamps":["2024-01-01T00:00:00Z"],"Values":[1],"StatusCode":"PartialData"}`)), "m")
	if err != nil || !tr.Partial {
		t.Errorf("PartialData: %v, %+v", err, tr)
	}
}

func TestReplayInterpolationAndLoop(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tr := &Trace{Source: "mem", Times: []time.Time{base, base.Add(10 * time.Minute), base.Add(20 * time.Minute)}, Values: []float64{10, 30, 20}}
	tests := []struct {
		name string
		cfg  ReplayConfig
		at   time.Duration
		want float64
	}{
		{"hold inside", ReplayConfig{}, 15 * time.Minute, 30},
		{"hold before", ReplayConfig{}, -time.Hour, 10},
		{"hold after", ReplayConfig{}, 3 * time.Hour, 20},
		{"linear inside", ReplayConfig{Interpolation: Linear}, 15 * time.Minute, 25},
		{"linear at sample", ReplayConfig{Interpolation: Linear}, 10 * time.Minute, 30},
		{"linear after", ReplayConfig{Interpolation: Linear}, 25 * time.Minute, 20},
		// Loop length = 20 min + last gap 10 min = 30 min.
		{"loop hold, 2nd lap", ReplayConfig{Loop: true}, 45 * time.Minute, 30},
		{"loop hold, last segment", ReplayConfig{Loop: true}, 29 * time.Minute, 20},
		{"loop hold, before start", ReplayConfig{Loop: true}, -25 * time.Minute, 10},
		{"loop linear wraps to first", ReplayConfig{Loop: true, Interpolation: Linear}, 25 * time.Minute, 15},
		{"loop with period", ReplayConfig{Loop: true, Period: 40 * time.Minute}, 59 * time.Minute, 20},
		{"loop with period, 2nd lap", ReplayConfig{Loop: true, Period: 40 * time.Minute}, 60 * time.Minute, 10},
		{"scale", ReplayConfig{Scale: 3}, 0, 30},
		{"align", ReplayConfig{AlignTo: base.Add(24 * time.Hour)}, 24*time.Hour + 12*time.Minute, 30},
		{"count per period", ReplayConfig{Kind: CountPerPeriod, Period: 10 * time.Minute}, 5 * time.Minute, 10.0 / 600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := must(NewReplay(tr, tt.cfg))
			approx(t, "Rate", r.Rate(base.Add(tt.at)), tt.want, 1e-12)
		})
	}
}

func TestReplayRejectsBadTraceAndConfig(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	good := &Trace{Source: "mem", Times: []time.Time{base}, Values: []float64{1}}
	tests := []struct {
		name string
		tr   *Trace
		cfg  ReplayConfig
		want string
	}{
		{"empty", &Trace{Source: "mem"}, ReplayConfig{}, "empty trace"},
		{"unsorted", &Trace{Source: "mem", Times: []time.Time{base.Add(time.Minute), base}, Values: []float64{1, 2}}, ReplayConfig{}, "Times[1]"},
		{"duplicate", &Trace{Source: "mem", Times: []time.Time{base, base}, Values: []float64{1, 2}}, ReplayConfig{}, "Times[1]"},
		{"negative", &Trace{Source: "mem", Times: []time.Time{base}, Values: []float64{-1}}, ReplayConfig{}, "Values[0]"},
		{"span too long", &Trace{Source: "mem", Times: []time.Time{base, base.AddDate(300, 0, 0)}, Values: []float64{1, 2}}, ReplayConfig{}, "more than 200 years"},
		{"count without period", good, ReplayConfig{Kind: CountPerPeriod}, "ReplayConfig.Period"},
		{"negative scale", good, ReplayConfig{Scale: -1}, "ReplayConfig.Scale"},
		{"bad interpolation", good, ReplayConfig{Interpolation: 7}, "ReplayConfig.Interpolation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReplay(tt.tr, tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one naming %q", err, tt.want)
			}
		})
	}
}

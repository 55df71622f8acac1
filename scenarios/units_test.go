package scenarios

import (
	"encoding"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ecsim/ecsim/models"
)

// TestUnitTypesRoundTrip checks each unit type reads what it writes, also
// through encoding.TextUnmarshaler (BurntSushi/toml decoding directly).
func TestUnitTypesRoundTrip(t *testing.T) {
	var doc struct {
		D Duration `toml:"d"`
		M Memory   `toml:"m"`
		C CPU      `toml:"c"`
		X Dist     `toml:"x"`
	}
	if _, err := toml.Decode(`d = "1d12h"
m = "2 GiB"
c = "0.25 vCPU"
x = "lognormal(45s, 90s)"`, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.D.D() != 36*time.Hour || doc.M != 2048 || doc.C != 256 || doc.X.Dist != models.LogNormal(45*time.Second, 90*time.Second) {
		t.Fatalf("decoded %+v", doc)
	}
	for _, v := range []interface {
		encoding.TextMarshaler
		encoding.TextUnmarshaler
	}{&doc.D, &doc.M, &doc.C, &doc.X} {
		b, _ := v.MarshalText()
		before := string(b)
		if err := v.UnmarshalText(b); err != nil {
			t.Errorf("%s does not parse back: %v", b, err)
		}
		if b2, _ := v.MarshalText(); string(b2) != before {
			t.Errorf("%s round-trips to %s", before, b2)
		}
	}
	for _, d := range []string{"45s", "uniform(1s, 2s)", "exponential(30s)", "fixed(3s)"} {
		if _, err := parseDist(d); err != nil {
			t.Errorf("%s: %v", d, err)
		}
	}
	for _, d := range []string{"uniform(1s)", "lognormal(2s, 1s)", "poisson(3s)", "uniform(1s, 2s"} {
		if _, err := parseDist(d); err == nil {
			t.Errorf("%s parsed", d)
		}
	}
	var m Memory
	if err := m.decodeTOML(int64(-5)); err == nil {
		t.Error("negative memory accepted")
	}
}

package main

import (
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/ecsim/ecsim/scenarios"
)

// applySets applies --set key.path=value overrides; the value is parsed as
// a TOML value (numbers, booleans, quoted or bare strings).
func applySets(sc *scenarios.Scenario, sets []string) (*scenarios.Scenario, error) {
	for _, s := range sets {
		key, raw, ok := strings.Cut(s, "=")
		if !ok || key == "" {
			return nil, flagErrorf("--set %q: want key.path=value", s)
		}
		var holder struct{ V any }
		if _, err := toml.Decode("V = "+raw, &holder); err != nil {
			holder.V = raw // a bare string such as 60s or binpack
		}
		var err error
		if sc, err = sc.Override(strings.TrimSpace(key), holder.V); err != nil {
			return nil, err
		}
	}
	return sc, nil
}

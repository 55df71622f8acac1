package scenarios

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
)

// compiler checks a decoded File and builds its models.Config in one pass,
// so every rule is written once and every problem names its key.
type compiler struct {
	src     *sourceFile
	lines   lineFunc
	variant string
	f       *File
	present map[string]bool
	order   map[string][]string
	assets  *assets
	cat     *catalog.Catalog
	cfg     models.Config
	probs   []Problem
	warns   []Problem

	provs    map[string]*provInfo // providers by name
	defs     map[string]*defInfo  // task definitions by family:revision
	fileDefs map[string]string    // task_definition_file key path → family:revision

	decodeProbs []Problem // what the decoder found, to silence checks of broken keys
}

// provInfo is what later checks need of a provider.
type provInfo struct {
	kind  models.ProviderKind
	path  keyPath
	types []catalog.InstanceType
	regs  []catalog.Registration
	trunk bool
}

// defInfo is what later checks need of a task definition.
type defInfo struct {
	def      *models.TaskDef
	path     keyPath // where it is written: task_definitions.<key>, or the first task_definition_file key
	imported bool    // from a JSON file
	file     string  // the file's display name
}

func (c *compiler) add(p keyPath, format string, args ...any) {
	for _, msg := range strings.Split(fmt.Sprintf(format, args...), "\n") {
		c.probs = append(c.probs, Problem{File: c.src.name, Line: c.lines(p), Key: p.String(), Msg: msg, Variant: c.variant})
	}
}

// broken reports whether p or a key under it failed to decode: checks of
// p would then judge zero values and only add noise.
func (c *compiler) broken(p keyPath) bool {
	k := p.String()
	for _, q := range c.decodeProbs {
		if q.Key == k || strings.HasPrefix(q.Key, k+".") || strings.HasPrefix(q.Key, k+"[") {
			return true
		}
	}
	return false
}

func (c *compiler) warn(p keyPath, format string, args ...any) {
	c.warns = append(c.warns, Problem{File: c.src.name, Line: c.lines(p), Key: p.String(),
		Msg: fmt.Sprintf(format, args...), Variant: c.variant})
}

func (c *compiler) has(p keyPath) bool { return c.present[p.String()] }

// compile decodes tree and builds its Config; problems come back unsorted.
// With check set, a config without problems is also offered to the
// simulator's own validation (models.New).
func compile(src *sourceFile, tree map[string]any, lines lineFunc, variant string, as *assets, check bool) (models.Config, []Problem, []Problem) {
	d := newDecoder(src, lines, variant)
	var f File
	d.decodeStruct(tree, nil, reflectValue(&f))
	c := &compiler{src: src, lines: lines, variant: variant, f: &f, present: d.present, order: d.order, assets: as,
		provs: map[string]*provInfo{}, defs: map[string]*defInfo{}, fileDefs: map[string]string{}, decodeProbs: d.probs}
	c.build()
	probs := append(d.probs, withoutShadowed(c.probs, d.probs)...)
	if len(probs) == 0 && check {
		probs = c.modelCheck()
	}
	return c.cfg, probs, c.warns
}

// build runs every part in dependency order.
func (c *compiler) build() {
	c.top()
	c.catalogue()
	if c.cat == nil {
		return
	}
	c.providers()
	c.taskDefinitions()
	c.services()
	c.serviceGroups()
	c.streams()
	c.timing()
}

// withoutShadowed drops semantic problems about keys that already failed
// to decode, or about the table directly holding one: their zero or
// out-of-range values would only add noise.
func withoutShadowed(sem, dec []Problem) []Problem {
	var out []Problem
	for _, p := range sem {
		shadowed := false
		for _, q := range dec {
			if p.File == q.File && q.Key != "" && (under(p.Key, q.Key) || p.Key != "" && parentKey(q.Key) == p.Key) {
				shadowed = true
				break
			}
		}
		if !shadowed {
			out = append(out, p)
		}
	}
	return out
}

// parentKey returns the key of the table or list holding k.
func parentKey(k string) string {
	i := strings.LastIndexAny(k, ".[")
	if i < 0 {
		return ""
	}
	return k[:i]
}

// under reports whether key k is kp or below it.
func under(k, kp string) bool {
	return k == kp || strings.HasPrefix(k, kp+".") || strings.HasPrefix(k, kp+"[")
}

// modelCheck asks the simulator itself to accept the config. The checks
// above should catch everything first; this is the safety net, mapping the
// simulator's "services[2] (web): …" paths back to keys.
func (c *compiler) modelCheck() []Problem {
	// Validity does not depend on the length of the run, but the world's
	// series buffers do: check a short run so the check stays cheap.
	cfg := c.cfg
	cfg.Duration = max(cfg.Resolution, min(cfg.Duration, time.Hour))
	cfg.MaxSeriesPoints = 60
	if _, err := models.New(cfg); err != nil {
		var out []Problem
		for _, line := range strings.Split(err.Error(), "\n") {
			p, msg := c.modelPath(line)
			out = append(out, Problem{File: c.src.name, Line: c.lines(p), Key: p.String(),
				Msg: "the simulator rejects this: " + msg, Variant: c.variant})
		}
		return out
	}
	return nil
}

// modelPath maps a models error line to the scenario key it is about.
func (c *compiler) modelPath(line string) (keyPath, string) {
	for _, sec := range []struct{ prefix, table string }{
		{"services[", "services"}, {"providers[", "providers"}, {"streams[", "streams"}, {"task_defs[", "task_definitions"},
	} {
		if !strings.HasPrefix(line, sec.prefix) {
			continue
		}
		open, close := strings.Index(line, "("), strings.Index(line, ")")
		if open < 0 || close < open {
			break
		}
		name := line[open+1 : close]
		rest := strings.TrimPrefix(line[close+1:], ": ")
		if sec.table == "task_definitions" {
			if d, ok := c.defs[name]; ok {
				return d.path, rest
			}
		}
		if i := strings.LastIndex(name, "-"); sec.table == "services" && c.f.Services[name] == nil && i > 0 {
			if g := name[:i]; c.f.ServiceGroups[g] != nil {
				return keyPath{}.key("service_groups").key(g), rest
			}
		}
		return keyPath{}.key(sec.table).key(name), rest
	}
	return nil, line
}

func reflectValue(v any) reflect.Value { return reflect.ValueOf(v).Elem() }

package scenarios

import (
	"bytes"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
)

// root is the empty path, the scenario's top level.
var root keyPath

// top fills the scenario-wide settings.
func (c *compiler) top() {
	f := c.f
	c.cfg = models.Config{Name: f.Name, Region: f.Region, AZs: f.AZs, Start: f.Start, Duration: f.Duration.D(),
		Seed: uint64(f.Seed), Resolution: f.Resolution.D(), MaxSeriesPoints: f.MaxSeriesPoints,
		ServiceSeriesLimit: f.ServiceSeriesLimit, ColdStart: f.ColdStart}
	if !validName(f.Name, true) {
		c.add(root.key("name"), "%q: use letters, digits, '-', '_', '.' and spaces (at most 255)", f.Name)
	}
	if r := f.Resolution.D(); r > 0 && time.Minute%r != 0 && r%time.Minute != 0 {
		c.add(root.key("resolution"), "%s must divide or be a multiple of one minute (CloudWatch periods)", f.Resolution.text())
	} else if r > f.Duration.D() && f.Duration > 0 {
		c.add(root.key("resolution"), "%s is longer than the duration %s", f.Resolution.text(), f.Duration.text())
	}
	if len(f.AZs) == 0 {
		c.cfg.AZs = []string{f.Region + "a", f.Region + "b", f.Region + "c"}
	}
	seen := map[string]bool{}
	for i, az := range f.AZs {
		if az == "" || seen[az] {
			c.add(root.key("azs").at(i), "%q is empty or repeated", az)
		}
		seen[az] = true
	}
	if len(f.Providers) == 0 {
		c.add(root.key("providers"), "at least one capacity provider is needed, e.g. [providers.FARGATE]")
	}
}

func (d Duration) text() string { b, _ := d.MarshalText(); return string(b) }

// validName accepts ECS-style names: letters, digits, '-' and '_' (and,
// for the scenario's own name, '.' and spaces), 1–255 characters.
func validName(s string, loose bool) bool {
	if s == "" || len(s) > 255 {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' ||
			loose && (r == '.' || r == ' ' || r == '/')
		if !ok {
			return false
		}
	}
	return true
}

// checkName reports a table key that is not a valid ECS name.
func (c *compiler) checkName(p keyPath, name string) {
	if !validName(name, false) {
		c.add(p, "%q is not a valid name (letters, digits, '-' and '_', at most 255)", name)
	}
}

// catalogue builds the catalogue from the default, the overlay file, the
// inline overlay and the Fargate Spot factor, and checks the region.
func (c *compiler) catalogue() {
	cat := catalog.Default()
	if cs := c.f.Catalog; cs != nil {
		p := root.key("catalog")
		if cs.File != "" {
			data, name, err := c.assets.read(c.src, cs.File)
			if err != nil {
				c.add(p.key("file"), "cannot read %s: %v", name, err)
				return
			}
			if cat, err = cat.Overlay(name, data); err != nil {
				c.add(p.key("file"), "%s", catalogMsg(err))
				return
			}
		}
		if len(cs.Data) > 0 {
			var buf bytes.Buffer
			if err := toml.NewEncoder(&buf).Encode(cs.Data); err != nil {
				c.add(p.key("data"), "cannot re-encode the inline catalogue: %v", err)
				return
			}
			var err error
			if cat, err = cat.Overlay("catalog.data", buf.Bytes()); err != nil {
				c.add(p.key("data"), "%s", strings.TrimPrefix(catalogMsg(err), "catalog.data: "))
				return
			}
		}
		if c.has(p.key("fargate_spot_factor")) {
			var err error
			if cat, err = cat.WithFargateSpotFactor(catalog.Fraction(cs.FargateSpotFactor)); err != nil {
				c.add(p.key("fargate_spot_factor"), "%s", catalogMsg(err))
				return
			}
		}
	}
	if err := cat.CheckRegion(c.f.Region); err != nil {
		c.add(root.key("region"), "%s", catalogMsg(err))
		return
	}
	c.cat = cat
	c.cfg.Catalog = cat
}

// timing copies the lifecycle durations and quotas.
func (c *compiler) timing() {
	t, q := c.f.Timing, c.f.Quotas
	c.cfg.Timing = models.Timing{
		SchedulerDelay: t.SchedulerDelay.D(), PlacementRetryMax: t.PlacementRetryMax.D(),
		ProvisioningTimeout: t.ProvisioningTimeout.Dist, ENIAttach: t.ENIAttach.Dist, ImagePull: t.ImagePull.Dist,
		ContainerStart: t.ContainerStart.Dist, Activating: t.Activating.Dist, HealthyAfter: t.HealthyAfter.D(),
		Shutdown: t.Shutdown.Dist, ENIDetach: t.ENIDetach.Dist, SpotNotice: t.SpotNotice.D(),
		ThrottleBase: t.ThrottleBase.D(), ThrottleMax: t.ThrottleMax.D(), KeepUnstartedOnScaleIn: !t.StopUnstartedFirst,
	}
	if t.ThrottleMax < t.ThrottleBase {
		c.add(root.key("timing").key("throttle_max"), "%s is shorter than throttle_base %s", t.ThrottleMax.text(), t.ThrottleBase.text())
	}
	c.cfg.Quotas = models.Quotas{
		ProvisioningTasksPerCluster: q.ProvisioningTasksPerCluster, FargateBurst: q.FargateBurst,
		FargateRefillPerSecond: q.FargateRefillPerSecond, ServiceLaunchesPerMinuteEC2: q.ServiceLaunchesPerMinuteEC2,
		ServiceLaunchesPerMinuteFargate: q.ServiceLaunchesPerMinuteFargate,
	}
}

// offset reports a time offset at p that falls outside the run.
func (c *compiler) checkOffset(p keyPath, d Duration) {
	if d.D() >= c.f.Duration.D() && c.f.Duration > 0 {
		c.add(p, "%s is at or after the end of the run (duration %s)", d.text(), c.f.Duration.text())
	}
}

// ordered returns the keys of the name-keyed table at p in file order.
func (c *compiler) ordered(p keyPath) []string { return c.order[p.String()] }

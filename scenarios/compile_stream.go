package scenarios

import (
	"time"

	"github.com/ecsim/ecsim/autoscale/schedule"
	"github.com/ecsim/ecsim/models"
)

// streams builds the standalone task streams in file order.
func (c *compiler) streams() {
	table := root.key("streams")
	for _, name := range c.ordered(table) {
		s := c.f.Streams[name]
		p := table.key(name)
		c.checkName(p, name)
		c.cfg.Streams = append(c.cfg.Streams, c.stream1(name, s, p))
	}
}

func (c *compiler) stream1(name string, s *Stream, p keyPath) models.TaskStreamConfig {
	sc := models.TaskStreamConfig{Name: name, RatePerHour: s.RatePerHour, Cron: s.Schedule, TimeZone: s.TimeZone,
		TasksPerArrival: s.TasksPerArrival, LaunchType: s.LaunchType, Group: s.Group}
	set := 0
	for _, b := range []bool{s.RatePerHour > 0, len(s.At) > 0, s.Schedule != ""} {
		if b {
			set++
		}
	}
	if set != 1 {
		c.add(p, "give exactly one of rate_per_hour (> 0), at and schedule")
	}
	for i, at := range s.At {
		c.checkOffset(p.key("at").at(i), at)
		if i > 0 && at <= s.At[i-1] {
			c.add(p.key("at").at(i), "arrival times must increase")
		}
		sc.At = append(sc.At, at.D())
	}
	if s.Schedule != "" {
		if c.checkZone(p.key("time_zone"), s.TimeZone) {
			loc, _ := time.LoadLocation(s.TimeZone)
			if _, err := schedule.Parse(s.Schedule, loc); err != nil {
				c.add(p.key("schedule"), "%v", scheduleMsg(err))
			}
		}
	}
	sc.CapacityProviderStrategy = c.strategyItems(p.key("capacity_provider_strategy"), s.CapacityProviderStrategy)
	targets := c.targets(p, s.LaunchType, sc.CapacityProviderStrategy)
	var first *defInfo
	for i, m := range s.Mix {
		mp := p.key("mix").at(i)
		d, ok := c.resolveDef(mp, m.TaskDefinition, m.TaskDefinitionFile)
		if !ok {
			continue
		}
		if first == nil {
			first = d
		}
		c.placeDef(d, mp, targets)
		sc.Mix = append(sc.Mix, models.JobMix{TaskDef: d.def.Ref(), Weight: m.Weight, Duration: m.Duration.Dist})
	}
	if len(s.Mix) == 0 {
		c.add(p.key("mix"), "at least one job kind is needed")
	}
	sc.PlacementStrategy, sc.PlacementConstraints = c.placement(p, s.PlacementStrategy, s.PlacementConstraints, first, targets)
	return sc
}

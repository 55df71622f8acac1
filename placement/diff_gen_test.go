package placement

import (
	"fmt"
	"strconv"
)

// instance types of the generated clusters: small memory sizes so that
// clusters fill up within a few dozen operations.
var diffTypes = []struct {
	name string
	res  Resources
	arch string
}{
	{"m5.large", Resources{CPU: 2048, Memory: 7800, ENI: 2}, "x86_64"},
	{"m5.xlarge", Resources{CPU: 4096, Memory: 15700, ENI: 3}, "x86_64"},
	{"c5.large", Resources{CPU: 2048, Memory: 3700, ENI: 2}, "x86_64"},
	{"r5.large", Resources{CPU: 2048, Memory: 15700, ENI: 10}, "x86_64"},
	{"t4g.medium", Resources{CPU: 2048, Memory: 3800, ENI: 2}, "arm64"},
	{"g4dn.xlarge", Resources{CPU: 4096, Memory: 15700, ENI: 2, GPU: 1}, "x86_64"},
	{"t3.micro", Resources{CPU: 2048, Memory: 900, ENI: 1}, "x86_64"},
}

func (s *scenario) randomAttributes(typ int) []Attribute {
	r := s.rng
	var a []Attribute
	if r.IntN(20) > 0 {
		a = append(a, Attribute{AttrAvailabilityZone, fmt.Sprintf("az-%d", r.IntN(s.azs))})
	}
	a = append(a, Attribute{AttrInstanceType, diffTypes[typ].name}, Attribute{AttrCPUArchitecture, diffTypes[typ].arch})
	if r.IntN(10) < 7 {
		a = append(a, Attribute{"stage", []string{"prod", "dev", "canary"}[r.IntN(3)]})
	}
	if r.IntN(2) == 0 {
		a = append(a, Attribute{"slots", strconv.Itoa(1 + r.IntN(12))})
	}
	return a
}

func (s *scenario) addInstance() {
	var id InstanceID
	if n := len(s.free); n > 0 && s.rng.IntN(2) == 0 {
		id, s.free = s.free[n-1], s.free[:n-1]
	} else {
		id, s.next = s.next, s.next+1
		if s.rng.IntN(10) == 0 {
			s.next += InstanceID(s.rng.IntN(4)) // leave gaps in the ID space
		}
	}
	typ := s.rng.IntN(len(diffTypes))
	spec := InstanceSpec{
		EC2InstanceID: fmt.Sprintf("i-%d", id),
		Capacity:      diffTypes[typ].res,
		Attributes:    s.randomAttributes(typ),
		AgentVersion:  fmt.Sprintf("1.%d.%d", 60+s.rng.IntN(30), s.rng.IntN(3)),
		RegisteredAt:  diffTime.AddDate(0, 0, -s.rng.IntN(400)),
	}
	if s.rng.IntN(15) == 0 {
		spec.Status = StatusDraining
	}
	if s.rng.IntN(25) == 0 {
		spec.AgentDisconnected = true
	}
	if s.rng.IntN(8) == 0 {
		spec.ReservedPorts = []Port{{22, TCP}, {53, UDP}}
	}
	s.logf("AddInstance(%d, %s %v)", id, diffTypes[typ].name, spec.Attributes)
	if s.same("AddInstance", errString(s.ref.AddInstance(id, spec)), errString(s.idx.AddInstance(id, spec))) {
		s.ids = append(s.ids, id)
	}
}

func (s *scenario) pickInstance() (InstanceID, int, bool) {
	if len(s.ids) == 0 {
		return NoInstance, 0, false
	}
	i := s.rng.IntN(len(s.ids))
	return s.ids[i], i, true
}

func (s *scenario) removeInstance() {
	id, i, ok := s.pickInstance()
	if !ok {
		return
	}
	kept := s.tasks[:0]
	for _, t := range s.tasks {
		if info, _ := s.ref.Task(t); info.Instance == id {
			s.logf("RemoveTask(%d)", t)
			s.same("RemoveTask", errString(s.ref.RemoveTask(t)), errString(s.idx.RemoveTask(t)))
		} else {
			kept = append(kept, t)
		}
	}
	s.tasks = kept
	s.logf("RemoveInstance(%d)", id)
	s.same("RemoveInstance", errString(s.ref.RemoveInstance(id)), errString(s.idx.RemoveInstance(id)))
	s.ids[i] = s.ids[len(s.ids)-1]
	s.ids = s.ids[:len(s.ids)-1]
	s.free = append(s.free, id)
}

func (s *scenario) setStatus() {
	if id, _, ok := s.pickInstance(); ok {
		st := Status(s.rng.IntN(2))
		s.logf("SetStatus(%d, %v)", id, st)
		s.same("SetStatus", errString(s.ref.SetStatus(id, st)), errString(s.idx.SetStatus(id, st)))
	}
}

func (s *scenario) setAgent() {
	if id, _, ok := s.pickInstance(); ok {
		c := s.rng.IntN(3) > 0
		s.logf("SetAgentConnected(%d, %v)", id, c)
		s.same("SetAgentConnected", errString(s.ref.SetAgentConnected(id, c)), errString(s.idx.SetAgentConnected(id, c)))
	}
}

func (s *scenario) setAttributes() {
	if id, _, ok := s.pickInstance(); ok {
		attrs := s.randomAttributes(s.rng.IntN(len(diffTypes)))
		s.logf("SetAttributes(%d, %v)", id, attrs)
		s.same("SetAttributes", errString(s.ref.SetAttributes(id, attrs)), errString(s.idx.SetAttributes(id, attrs)))
	}
}

func (s *scenario) randomGroup() string {
	if s.rng.IntN(8) == 0 {
		return "family:batch"
	}
	return fmt.Sprintf("service:g%d", s.rng.IntN(5))
}

func (s *scenario) randomRequest() *Request {
	r := s.rng
	req := &Request{
		Group:     s.randomGroup(),
		Resources: Resources{CPU: CPUUnits([]int{0, 128, 256, 512, 1024, 2048}[r.IntN(6)]), Memory: MiB([]int{128, 256, 512, 1024, 2048, 4096, 8192}[r.IntN(7)])},
		Policy:    s.policies[r.IntN(len(s.policies))],
	}
	if r.IntN(20) == 0 {
		req.Resources.GPU = 1
	}
	switch x := r.IntN(10); {
	case x < 2:
		req.Network = NetworkAWSVPC
	case x < 3:
		req.Network = NetworkHost
	}
	if req.Network != NetworkAWSVPC && r.IntN(7) == 0 {
		all := []Port{{80, TCP}, {443, TCP}, {8080, TCP}, {53, UDP}}
		req.Ports = append(req.Ports, all[r.IntN(4)])
		if p := all[r.IntN(4)]; r.IntN(3) == 0 && p != req.Ports[0] {
			req.Ports = append(req.Ports, p)
		}
	}
	if r.IntN(100) == 0 {
		req.Resources.Memory = 20000 // larger than any instance
	}
	return req
}

var diffExprs = []string{
	"attribute:stage == prod",
	"attribute:ecs.instance-type =~ m5.*",
	"attribute:slots > 4",
	"not(attribute:stage exists)",
	"attribute:ecs.availability-zone in [az-0, az-1]",
	"agentConnected == true",
	"ec2InstanceId != i-3",
	"agentVersion >= 1.70.0",
	"registeredAt < 2023-01-01",
	"runningTasksCount < 4",
	"task:group == service:g0",
	"not(task:group == service:g1)",
	"task:group =~ service:.* or attribute:stage == dev",
}

var diffStrategies = []string{
	"binpack:cpu", "binpack:memory", "spread:instanceId", "spread:host",
	"spread:attribute:ecs.availability-zone", "spread:attribute:stage",
	"spread:attribute:ecs.instance-type", "random", "custom",
}

// diffRegistry adds a custom strategy and constraint, exercising the generic paths.
func diffRegistry() *Registry {
	reg := NewRegistry()
	reg.RegisterStrategy("custom", func(string) (Strategy, error) { return fewestOfG0{}, nil })
	reg.RegisterConstraint("cap", func(x string) (Constraint, error) {
		n, err := strconv.Atoi(x)
		return maxPerInstance{n}, err
	})
	return reg
}

func (s *scenario) randomPolicy() *Policy {
	r := s.rng
	var spec PolicySpec
	switch x := r.IntN(10); {
	case x < 5:
		for range r.IntN(4) {
			spec.Strategies = append(spec.Strategies, chain(diffStrategies[r.IntN(len(diffStrategies))])...)
		}
	case x < 7:
		presets := [][]string{{"binpack:memory"}, {"spread:attribute:ecs.availability-zone", "binpack:memory"},
			{"spread:instanceId"}, {"random"}, {"binpack:cpu"}, {"spread:attribute:ecs.availability-zone", "spread:instanceId"}}
		spec.Strategies = chain(presets[r.IntN(len(presets))]...)
	default:
		for range 4 + r.IntN(2) {
			spec.Strategies = append(spec.Strategies, chain(diffStrategies[r.IntN(len(diffStrategies)-1)])...)
		}
	}
	spec.Service = r.IntN(2) == 0
	for range r.IntN(4) {
		switch x := r.IntN(10); {
		case x < 2:
			spec.Constraints = append(spec.Constraints, ConstraintSpec{Type: "distinctInstance"})
		case x < 3:
			spec.Constraints = append(spec.Constraints, ConstraintSpec{Type: "cap", Expression: strconv.Itoa(1 + r.IntN(3))})
		default:
			spec.Constraints = append(spec.Constraints, ConstraintSpec{Type: "memberOf", Expression: diffExprs[r.IntN(len(diffExprs))]})
		}
	}
	if r.IntN(8) == 0 {
		spec.Requirements = []Requirement{{AttrCPUArchitecture, []string{[]string{"x86_64", "arm64"}[r.IntN(2)]}}}
	}
	p, err := diffRegistry().NewPolicy(spec)
	if err != nil {
		s.t.Fatalf("seed %d: policy %+v: %v", s.seed, spec, err)
	}
	return p
}

// fewestOfG0 is a custom strategy: fewest tasks of service:g0 on the
// instance; on scale-in, the task whose stage value has most of its group.
type fewestOfG0 struct{}

func (fewestOfG0) String() string { return "custom(fewestOfG0)" }
func (fewestOfG0) Ranked() bool   { return true }
func (fewestOfG0) PlaceRank(v View, _ string, _ Resources, id InstanceID) int64 {
	return int64(v.GroupCount(id, "service:g0"))
}
func (fewestOfG0) StopRank(v View, t TaskInfo) int64 {
	return int64(v.SpreadCount(t.Instance, t.Group, "stage"))
}

// maxPerInstance is a custom constraint: at most n tasks of the group per
// instance, unless the instance's AZ has none of the group yet.
type maxPerInstance struct{ n int }

func (c maxPerInstance) String() string { return fmt.Sprintf("cap(%d)", c.n) }
func (maxPerInstance) Reason() Reason   { return ReasonMemberOf }
func (c maxPerInstance) Allows(v View, group string, id InstanceID) bool {
	return v.GroupCount(id, group) < c.n || v.SpreadCount(id, group, AttrAvailabilityZone) == 0
}

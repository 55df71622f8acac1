package placement

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

var (
	diffCases = flag.Int("placement.cases", 0, "number of differential cases (0: 2000; 200 with -short or -race)")
	diffSeed  = flag.Uint64("placement.seed", 0, "seed of the first differential case")
)

// TestDifferential drives Reference and Index with the same random
// operations and requires identical results and states.
func TestDifferential(t *testing.T) {
	n := *diffCases
	if n == 0 {
		n = 2000
		if testing.Short() || raceEnabled {
			n = 200
		}
	}
	for c := range n {
		runScenario(t, *diffSeed+uint64(c), 0)
		if t.Failed() {
			return
		}
	}
}

// scenario is one differential case.
type scenario struct {
	t        testing.TB
	seed     uint64
	rng      *rand.Rand
	ref      *Reference
	idx      *Index
	ids      []InstanceID // registered
	free     []InstanceID // deregistered IDs for reuse
	next     InstanceID
	tasks    []TaskID // live tasks
	policies []*Policy
	azs      int
	log      []logEntry
	refTrace recTrace
	idxTrace recTrace
}

// recTrace records the rejections a Trace receives.
type recTrace []traceRec

type traceRec struct {
	id     InstanceID
	reason Reason
}

func (r *recTrace) Reject(id InstanceID, reason Reason) { *r = append(*r, traceRec{id, reason}) }

// runScenario runs one case; ops > 0 fixes the number of operations.
func runScenario(t testing.TB, seed uint64, ops int) {
	runScenarioWith(t, seed, rand.New(rand.NewPCG(seed, 0xd1ff)), ops, 2000)
}

// runScenarioWith runs one case whose choices come from rng, with at most
// maxN instances at the start.
func runScenarioWith(t testing.TB, seed uint64, rng *rand.Rand, ops, maxN int) {
	s := &scenario{t: t, seed: seed, rng: rng}
	cfg := Config{TieDraws: s.rng.IntN(12)}
	s.ref = NewReference(cfg, rand.New(rand.NewPCG(seed, 7)))
	s.idx = NewIndex(cfg, rand.New(rand.NewPCG(seed, 7)))
	s.ref.SetTrace(&s.refTrace)
	s.idx.SetTrace(&s.idxTrace)
	s.azs = 1 + s.rng.IntN(6)
	var n int
	switch r := s.rng.Float64(); {
	case r < 0.7:
		n = 1 + s.rng.IntN(30)
	case r < 0.95:
		n = 30 + s.rng.IntN(270)
	default:
		n = 300 + s.rng.IntN(1700)
	}
	n = min(n, maxN)
	if ops == 0 {
		ops = 40 + s.rng.IntN(120)
		if n > 300 {
			ops = 30
		}
	}
	for range n {
		s.addInstance()
	}
	for range 2 + s.rng.IntN(6) {
		s.policies = append(s.policies, s.randomPolicy())
	}
	for i := range ops {
		s.step()
		if i%16 == 15 {
			s.compareState()
		}
		if s.failed() {
			return
		}
	}
	s.compareState()
}

func (s *scenario) failed() bool {
	if tt, ok := s.t.(*testing.T); ok {
		return tt.Failed()
	}
	return false
}

// logEntry is an operation, formatted only when a case fails.
type logEntry struct {
	format string
	args   []any
}

func (s *scenario) logf(format string, args ...any) {
	s.log = append(s.log, logEntry{format, args})
}

// same fails the case when the two engines disagree.
func (s *scenario) same(what string, ref, idx any) bool {
	if reflect.DeepEqual(ref, idx) {
		return true
	}
	var ops []string
	for _, l := range s.log[max(0, len(s.log)-25):] {
		ops = append(ops, fmt.Sprintf(l.format, l.args...))
	}
	s.t.Fatalf("seed %d: %s differs\nreference: %v\nindex:     %v\nlast operations:\n  %s",
		s.seed, what, ref, idx, strings.Join(ops, "\n  "))
	return false
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func (s *scenario) step() {
	switch r := s.rng.IntN(100); {
	case r < 38:
		s.place()
	case r < 55:
		s.removeTask()
	case r < 59:
		s.stopTask()
	case r < 64:
		s.setPriority()
	case r < 74:
		s.scaleIn()
	case r < 79:
		s.addInstance()
	case r < 81:
		s.removeInstance()
	case r < 85:
		s.setStatus()
	case r < 87:
		s.setAgent()
	case r < 92:
		s.setAttributes()
	default:
		s.placeOn()
	}
}

func (s *scenario) place() {
	req := s.randomRequest()
	count := 1 + s.rng.IntN(5)
	s.logf("Place(%s %v net=%v ports=%v %s, %d)", req.Group, req.Resources, req.Network, req.Ports, req.Policy, count)
	s.refTrace, s.idxTrace = s.refTrace[:0], s.idxTrace[:0]
	rp, rf, rerr := s.ref.Place(nil, req, count)
	ip, iff, ierr := s.idx.Place(nil, req, count)
	if s.same("Place error", errString(rerr), errString(ierr)) && s.same("placements", rp, ip) &&
		s.same("failure", rf, iff) && s.same("trace", s.refTrace, s.idxTrace) {
		for _, p := range rp {
			s.tasks = append(s.tasks, p.Task)
		}
	}
}

func (s *scenario) placeOn() {
	if len(s.ids) == 0 {
		return
	}
	req := s.randomRequest()
	id := s.ids[s.rng.IntN(len(s.ids))]
	s.logf("PlaceOn(%d, %s %v)", id, req.Group, req.Resources)
	rt, rf, rerr := s.ref.PlaceOn(id, req)
	it, iff, ierr := s.idx.PlaceOn(id, req)
	if s.same("PlaceOn task", rt, it) && s.same("PlaceOn failure", rf, iff) &&
		s.same("PlaceOn error", errString(rerr), errString(ierr)) && rt != NoTask {
		s.tasks = append(s.tasks, rt)
	}
}

func (s *scenario) pickTask() (TaskID, int, bool) {
	if len(s.tasks) == 0 {
		return NoTask, 0, false
	}
	i := s.rng.IntN(len(s.tasks))
	return s.tasks[i], i, true
}

func (s *scenario) removeTask() {
	t, i, ok := s.pickTask()
	if !ok {
		return
	}
	s.logf("RemoveTask(%d)", t)
	s.same("RemoveTask", errString(s.ref.RemoveTask(t)), errString(s.idx.RemoveTask(t)))
	s.tasks[i] = s.tasks[len(s.tasks)-1]
	s.tasks = s.tasks[:len(s.tasks)-1]
}

func (s *scenario) stopTask() {
	if t, _, ok := s.pickTask(); ok {
		s.logf("StopTask(%d)", t)
		s.same("StopTask", errString(s.ref.StopTask(t)), errString(s.idx.StopTask(t)))
	}
}

func (s *scenario) setPriority() {
	if t, _, ok := s.pickTask(); ok {
		p := Priority(s.rng.IntN(3))
		s.logf("SetTaskPriority(%d, %v)", t, p)
		s.same("SetTaskPriority", errString(s.ref.SetTaskPriority(t, p)), errString(s.idx.SetTaskPriority(t, p)))
	}
}

func (s *scenario) scaleIn() {
	req := &ScaleInRequest{Group: s.randomGroup(), Policy: s.policies[s.rng.IntN(len(s.policies))]}
	count := 1 + s.rng.IntN(4)
	s.logf("ScaleIn(%s %s, %d)", req.Group, req.Policy, count)
	rv, rerr := s.ref.ScaleIn(nil, req, count)
	iv, ierr := s.idx.ScaleIn(nil, req, count)
	s.same("ScaleIn victims", rv, iv)
	s.same("ScaleIn error", errString(rerr), errString(ierr))
}

func (s *scenario) compareState() {
	space := max(s.ref.space, s.idx.space)
	for id := range space + 1 {
		ri, rok := s.ref.Instance(InstanceID(id))
		ii, iok := s.idx.Instance(InstanceID(id))
		if ri != ii || rok != iok {
			s.same(fmt.Sprintf("Instance(%d)", id), ri, ii)
			return
		}
	}
	for t := range s.ref.ids.space() + 1 {
		rt, rok := s.ref.Task(TaskID(t))
		it, iok := s.idx.Task(TaskID(t))
		if rt != it || rok != iok {
			s.same(fmt.Sprintf("Task(%d)", t), rt, it)
			return
		}
	}
	if err := s.idx.checkInvariants(); err != nil {
		s.same("index invariants", "ok", err.Error())
	}
}

// diffTime is the fixed registration time base of generated instances.
var diffTime = time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)

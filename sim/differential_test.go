package sim

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// choices feeds the differential driver: random numbers from a seeded
// generator, or the bytes of a fuzz input.
type choices interface {
	// pick returns a number in [0, n); n > 0.
	pick(n int) int
	done() bool
}

type rngChoices struct {
	r    *rand.Rand
	left int // operations left
}

func (c *rngChoices) pick(n int) int { return c.r.IntN(n) }
func (c *rngChoices) done() bool {
	c.left--
	return c.left < 0
}

type byteChoices struct {
	b []byte
	i int
}

func (c *byteChoices) pick(n int) int {
	var v uint32
	width := 1
	if n > 256 {
		width = 4
	}
	for range width {
		v <<= 8
		if c.i < len(c.b) {
			v |= uint32(c.b[c.i])
			c.i++
		}
	}
	return int(v % uint32(n))
}

func (c *byteChoices) done() bool { return c.i >= len(c.b) }

// side is what the driver and the model's reactions need from either
// implementation.
type side interface {
	at(t Time, arg int64) int
	every(first Time, period time.Duration, arg int64) int
	cancel(k int) bool
	run(until Time) error
}

// diffRun drives an Engine and refEngine through the same operations and
// demands the same observable behaviour.
type diffRun struct {
	t       *testing.T
	c       choices
	eng     *engineSide
	ref     *refEngine
	logE    []fired // fired events, and cancel results from handlers
	logR    []fired
	nextArg int64
	times   []Time // times scheduled so far, to aim at equal times
	timers  []int  // ids of periodic timers not yet cancelled
	ops     int
}

// childBase marks events scheduled by handlers, which schedule nothing.
const childBase = 1 << 40

func newDiffRun(t *testing.T, c choices) *diffRun {
	d := &diffRun{t: t, c: c, ref: &refEngine{}}
	d.eng = &engineSide{e: New(Config{})}
	d.eng.react = func(now Time, arg int64) { d.react(d.eng, &d.logE, len(d.eng.ids), now, arg) }
	d.ref.react = func(now Time, arg int64) { d.react(d.ref, &d.logR, len(d.ref.ids), now, arg) }
	return d
}

// react is the model: some events schedule a child (at once, on a digit
// boundary, or later), some cancel an earlier event, maybe themselves.
func (d *diffRun) react(s side, log *[]fired, ids int, now Time, arg int64) {
	*log = append(*log, fired{now, arg})
	if arg < 0 || arg >= childBase {
		return
	}
	if arg%4 == 1 {
		delays := []time.Duration{0, 0, 1, 4095, 4096, 1 << 24, time.Duration(arg*7919) % time.Second}
		s.at(now.Add(delays[arg%int64(len(delays))]), childBase+arg)
	}
	if arg%5 == 2 {
		ok := s.cancel(int(arg*13) % ids)
		*log = append(*log, fired{-1, boolArg(ok)})
	}
}

func boolArg(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// target picks a time at or after now, biased towards the times the
// queue finds hard: digit boundaries, equal times, bursts on a grid,
// and huge spans.
func (d *diffRun) target() Time {
	now := d.eng.e.Now()
	switch d.c.pick(10) {
	case 0:
		return now
	case 1:
		return now + Time(d.c.pick(16))
	case 2: // just before, on or after a multiple of 2^(12k)
		span := Time(1) << (digitBits * (1 + d.c.pick(4)))
		t := (now/span+1)*span + Time(d.c.pick(3)) - 1
		return max(t, now)
	case 3:
		return now + Time(d.c.pick(1<<20))
	case 4:
		return now + Time(d.c.pick(1<<16))<<20
	case 5: // a whole minute: bursts of equal times
		return (now/Time(time.Minute) + Time(1+d.c.pick(3))) * Time(time.Minute)
	case 6:
		if len(d.timers) == 0 {
			return now + Time(d.c.pick(1<<16))<<40
		}
	case 7: // a time already scheduled
		if n := len(d.times); n > 0 {
			if t := d.times[n-1-d.c.pick(min(n, 8))]; t >= now {
				return t
			}
		}
	}
	return now + Time(d.c.pick(1<<30))
}

// step performs one operation on both sides and compares them.
func (d *diffRun) step() {
	switch op := d.c.pick(11); op {
	case 0, 1, 2:
		d.schedule(d.target())
	case 3:
		if n := len(d.ref.ids); n > 0 {
			d.cancelBoth(d.c.pick(n))
		}
	case 4, 5:
		d.run(d.target(), op == 5)
	case 6:
		if len(d.timers) < 3 {
			first := d.target()
			period := time.Duration(1+d.c.pick(64)) << 34 // 17 s to 18 min
			d.nextArg++
			d.eng.every(first, period, -d.nextArg)
			d.timers = append(d.timers, d.ref.every(first, period, -d.nextArg))
		}
	case 7:
		if n := len(d.timers); n > 0 {
			i := d.c.pick(n)
			k := d.timers[i]
			d.timers = slices.Delete(d.timers, i, i+1)
			d.cancelBoth(k) // a handler may have cancelled it already
		}
	case 8: // cancel one of the latest events
		if n := len(d.ref.ids); n > 0 {
			d.cancelBoth(n - 1 - d.c.pick(min(n, 4)))
		}
	case 9: // a burst: buckets that span chunks, equal times galore
		t, spread := d.target(), 1<<d.c.pick(30)
		for range 20 + d.c.pick(100) {
			d.schedule(t + Time(d.c.pick(2)*d.c.pick(spread)))
		}
	case 10: // cancel many of the latest events: compaction
		n := len(d.ref.ids)
		for k := n - 1; k >= max(0, n-30-d.c.pick(120)); k-- {
			d.cancelBoth(k)
		}
	}
	d.compare()
}

func (d *diffRun) schedule(t Time) {
	d.times = append(d.times, t)
	d.nextArg++
	d.eng.at(t, d.nextArg)
	d.ref.at(t, d.nextArg)
}

func (d *diffRun) cancelBoth(k int) {
	if ge, gr := d.eng.cancel(k), d.ref.cancel(k); ge != gr {
		d.t.Fatalf("Cancel(#%d) = %v, reference %v", k, ge, gr)
	}
}

// run runs both sides until until; with budget, under an event budget
// of a few events, which can stop a run after the queue cascaded towards
// an event it then does not fire.
func (d *diffRun) run(until Time, budget bool) {
	if len(d.timers) > 0 {
		until = min(until, d.eng.e.Now()+Time(1)<<40)
	}
	if budget {
		k := uint64(d.c.pick(4))
		d.eng.e.cfg.MaxEvents = d.eng.e.Fired() + k
		d.ref.maxEvents = d.ref.fired + k
	}
	ee, er := d.eng.run(until), d.ref.run(until)
	d.eng.e.cfg.MaxEvents, d.ref.maxEvents = 0, 0
	if errors.Is(ee, ErrEventBudget) != errors.Is(er, ErrEventBudget) || (ee == nil) != (er == nil) {
		d.t.Fatalf("Run(%v): %v, reference %v", until, ee, er)
	}
}

func (d *diffRun) compare() {
	d.t.Helper()
	e, r := d.eng.e, d.ref
	if e.Now() != r.now || e.Pending() != r.pending() || e.Fired() != r.fired {
		d.t.Fatalf("now %v pending %d fired %d, reference now %v pending %d fired %d",
			e.Now(), e.Pending(), e.Fired(), r.now, r.pending(), r.fired)
	}
	if !slices.Equal(d.logE, d.logR) {
		d.t.Fatalf("event logs differ at %d of %d", firstDiff(d.logE, d.logR), len(d.logR))
	}
	// The full check is O(n); on a large queue, every 32nd operation.
	if d.ops++; e.q.len() <= 4096 || d.ops%32 == 0 {
		if err := e.check(); err != nil {
			d.t.Fatal(err)
		}
	}
}

func firstDiff(a, b []fired) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// finish cancels the periodic timers and runs both sides dry.
func (d *diffRun) finish() {
	for _, k := range d.timers {
		d.eng.cancel(k)
		d.ref.cancel(k)
	}
	d.timers = nil
	d.run(Never, false)
	d.compare()
	if d.eng.e.Pending() != 0 || d.eng.e.q.len() != 0 {
		d.t.Fatalf("after running dry: %d pending, %d queued", d.eng.e.Pending(), d.eng.e.q.len())
	}
}

func TestEngineMatchesReference(t *testing.T) {
	runs, ops := 60, 600
	if testing.Short() || raceEnabled {
		runs = 12
	}
	for seed := range uint64(runs) {
		d := newDiffRun(t, &rngChoices{r: rand.New(rand.NewPCG(seed, 99)), left: ops})
		for !d.c.done() {
			d.step()
		}
		d.finish()
	}
}

func FuzzEngineMatchesReference(f *testing.F) {
	f.Add([]byte{0, 2, 0, 5, 1, 0, 7, 4, 9, 9, 9, 9, 0, 0, 0})
	f.Add([]byte{6, 5, 2, 0, 3, 0, 2, 1, 4, 1, 5, 3, 0, 8, 7, 0, 4, 2, 200, 13, 9})
	f.Add([]byte{0, 4, 1, 2, 3, 4, 0, 4, 1, 2, 3, 4, 5, 7, 0, 6, 2, 0, 8, 0, 4, 6})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1024 {
			t.Skip("long inputs add nothing but time")
		}
		d := newDiffRun(t, &byteChoices{b: data})
		for !d.c.done() {
			d.step()
		}
		d.finish()
	})
}

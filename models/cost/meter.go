package cost

import (
	"fmt"
	"maps"
	"time"

	"github.com/ecsim/ecsim/sim"
)

// Meter accrues the usage of one simulated run as it happens and prices it
// once, at the end (Finish). It is not safe for concurrent use; one run is
// one goroutine.
//
// Every recording method takes the event's time; times must never decrease
// across calls. Misuse (an unknown or already running ID, time going
// backwards, releasing more than was reserved, reserving beyond the
// registered capacity) is a programmer error in the caller and panics with a
// "cost:" prefix.
type Meter struct {
	cfg Config
	now sim.Time

	serviceNames  []string
	serviceIDs    map[string]ServiceID
	providerNames []string
	providerIDs   map[string]int32

	ec2    ec2State
	fg     fargateState
	prices priceCache
}

// New returns an empty meter with cfg's billing rules. Errors are
// *FieldError.
func New(cfg Config) (*Meter, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg.RootVolumeGiBByProvider = maps.Clone(cfg.RootVolumeGiBByProvider) // the caller keeps theirs
	return &Meter{
		cfg:         cfg,
		serviceIDs:  make(map[string]ServiceID),
		providerIDs: make(map[string]int32),
		ec2:         newEC2State(),
		fg:          fargateState{itemIDs: make(map[fgKey]int32), accIDs: make(map[fgAccKey]int32)},
	}, nil
}

// Service interns a service name and returns its ID for Reserve and
// Release. The same name always gives the same ID. Every interned service
// appears in the report, with zero cost if it never reserved anything.
func (m *Meter) Service(name string) ServiceID {
	if id, ok := m.serviceIDs[name]; ok {
		return id
	}
	id := ServiceID(len(m.serviceNames))
	m.serviceNames = append(m.serviceNames, name)
	m.serviceIDs[name] = id
	return id
}

// ServiceName returns the name of an interned service.
func (m *Meter) ServiceName(id ServiceID) string {
	m.checkService(id, "ServiceName")
	return m.serviceNames[id]
}

// Now returns the time of the latest event recorded.
func (m *Meter) Now() sim.Time { return m.now }

// provider interns a capacity provider name.
func (m *Meter) provider(name string) int32 {
	if id, ok := m.providerIDs[name]; ok {
		return id
	}
	id := int32(len(m.providerNames))
	m.providerNames = append(m.providerNames, name)
	m.providerIDs[name] = id
	return id
}

// tick advances the meter's clock to at, which must not be in the past.
func (m *Meter) tick(op string, at sim.Time) {
	if at < m.now || at < 0 {
		panic(fmt.Sprintf("cost: %s at %v, before the previous event at %v", op, at, m.now))
	}
	m.now = at
}

// checkRead panics when a read asks about a time before the last event:
// the meter cannot answer for the past.
func (m *Meter) checkRead(op string, at sim.Time) {
	if at < m.now {
		panic(fmt.Sprintf("cost: %s at %v, before the last event at %v", op, at, m.now))
	}
}

func (m *Meter) checkService(id ServiceID, op string) {
	if id < 0 || int(id) >= len(m.serviceNames) {
		panic(fmt.Sprintf("cost: %s: unknown service ID %d", op, id))
	}
}

// millis quantises a time to whole milliseconds for the reservation
// integrals. Differences of quantised times telescope, so an instance's
// integral bound (registered capacity × quantised lifetime) holds exactly.
func millis(t sim.Time) int64 { return int64(t) / int64(time.Millisecond) }

// grow extends s with zero values so that index i exists.
func grow[T any](s []T, i int) []T {
	if i < len(s) {
		return s
	}
	var zero T
	for len(s) <= i {
		s = append(s, zero)
	}
	return s
}

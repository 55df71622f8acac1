package autoscale

import "time"

// Set is a batch of scalable targets sharing one Metrics store, evaluated
// together once per metric period (the simulator's periodic event iterates
// a Set instead of scheduling one event per service).
type Set struct {
	metrics *Metrics
	targets []*ScalableTarget
}

// NewSet returns an empty set whose targets read metrics.
func NewSet(metrics *Metrics) *Set {
	if metrics == nil {
		panic("autoscale: NewSet with nil Metrics")
	}
	return &Set{metrics: metrics}
}

// Metrics returns the set's store; push each period's samples into it.
func (s *Set) Metrics() *Metrics { return s.metrics }

// NewTarget creates a scalable target in the set and returns it with its
// index (the position of its input and decision in Evaluate).
func (s *Set) NewTarget(cfg ScalableTargetConfig) (*ScalableTarget, int, error) {
	t, err := NewScalableTarget(s.metrics, cfg)
	if err != nil {
		return nil, -1, err
	}
	s.targets = append(s.targets, t)
	return t, len(s.targets) - 1, nil
}

// Len returns the number of targets.
func (s *Set) Len() int { return len(s.targets) }

// Target returns target i.
func (s *Set) Target(i int) *ScalableTarget { return s.targets[i] }

// Evaluate evaluates every target at now: out[i] is target i's decision
// for input in[i]. It does not allocate.
func (s *Set) Evaluate(now time.Duration, in []TargetInput, out []Decision) {
	if len(in) != len(s.targets) || len(out) != len(s.targets) {
		panic("autoscale: Set.Evaluate slice lengths do not match the number of targets")
	}
	for i, t := range s.targets {
		out[i] = t.Evaluate(now, in[i])
	}
}

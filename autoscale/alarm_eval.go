package autoscale

import (
	"math"
	"math/bits"
	"time"
)

// Evaluate runs one CloudWatch alarm evaluation at simulation time now and
// updates the alarm state. It does not allocate.
//
// ref §6.3 / CloudWatch "How alarm state is evaluated when data is missing"
// [S31]: CloudWatch retrieves the evaluation range (EvaluationRange most
// recent datapoints). If at least EvaluationPeriods of them exist, the most
// recent EvaluationPeriods real ones decide and TreatMissingData is unused.
// Otherwise the missing ones are filled as TreatMissingData says, every real
// datapoint in the range counting; ALARM when at least DatapointsToAlarm of
// the EvaluationPeriods evaluated breach, else OK.
//
// Evaluation is incremental: each datapoint is read once, when it becomes
// visible, into breaching/existing bitmasks; a sample pushed into a period
// some alarm has already read makes every alarm of the store re-read its
// whole range, so the result always equals a full re-evaluation.
func (a *MetricAlarm) Evaluate(now time.Duration) AlarmResult {
	latest := a.latestVisible(now)
	var res AlarmResult
	if a.r > 64 {
		res.Datapoints, res.Breaching = a.countLong(latest)
		a.conclude(now, &res)
		return res
	}
	if a.nextOnly(latest) {
		v, ok := a.metrics.value(a.metric, latest, a.stat)
		a.shiftIn(latest, v, ok)
	} else {
		a.refresh(latest)
	}
	a.finish(now, &res)
	return res
}

// evaluatePair evaluates two alarms on one metric, statistic, period and
// publish delay (target tracking's high and low alarms) at now, as
// a.Evaluate(now) and b.Evaluate(now) would, reading the new datapoint of
// the once-a-period pass once for both.
func evaluatePair(a, b *MetricAlarm, now time.Duration, ra, rb *AlarmResult) {
	if a.metrics == b.metrics && a.metric == b.metric && a.stat == b.stat && a.period == b.period && a.delay == b.delay {
		latest := a.latestVisible(now)
		if a.r <= 64 && b.r <= 64 && a.nextOnly(latest) && b.nextOnly(latest) {
			v, ok := a.metrics.value(a.metric, latest, a.stat)
			a.shiftIn(latest, v, ok)
			b.shiftIn(latest, v, ok)
			a.finish(now, ra)
			b.finish(now, rb)
			return
		}
	}
	*ra, *rb = a.Evaluate(now), b.Evaluate(now)
}

// finish counts the masks and concludes the evaluation into *res.
func (a *MetricAlarm) finish(now time.Duration, res *AlarmResult) {
	res.Datapoints, res.Breaching = a.countMasks()
	a.conclude(now, res)
}

// conclude decides the state from res's counts and records it.
func (a *MetricAlarm) conclude(now time.Duration, res *AlarmResult) {
	res.Latest = a.latestValue
	var next AlarmState
	if res.Datapoints >= int(a.n) { // decide's first case, without the call
		next = okOrAlarm(res.Breaching >= int(a.m))
	} else {
		next = a.decide(res, res.Datapoints-res.Breaching)
	}
	res.Changed = next != a.state
	a.state, res.State = next, next
	res.Invoke = false
	if next == Alarm && (res.Changed || !a.invoked || now-a.lastInvoke >= a.period) {
		res.Invoke, a.invoked, a.lastInvoke = true, true, now
	}
}

// nextOnly reports whether refresh's common case holds: the masks
// describe datapoints up to latest−1, nothing was written late, and the
// alarm period is the store's, so the only new datapoint is latest.
func (a *MetricAlarm) nextOnly(latest int64) bool {
	return a.cached && a.epoch == a.metrics.lateEpoch && latest == a.last+1 && a.mul == 1
}

// shiftIn is refresh in its common case (see nextOnly): datapoint latest,
// of value v when ok, enters the masks.
func (a *MetricAlarm) shiftIn(latest int64, v float64, ok bool) {
	a.exist <<= 1
	a.breach <<= 1
	if ok {
		a.exist |= 1
		if a.op.breaches(v, a.threshold) {
			a.breach |= 1
		}
		a.latestValue = v
	}
	if a.r < 64 {
		keep := uint64(1)<<uint(a.r) - 1
		a.exist &= keep
		a.breach &= keep
	}
	a.last = latest
	m := a.metrics
	m.readMark = max(m.readMark, latest)
}

// refresh brings the masks up to datapoint latest, reading only datapoints
// not read before (all of them after a late write or a long gap).
func (a *MetricAlarm) refresh(latest int64) {
	m := a.metrics
	shift := latest - a.last
	if !a.cached || a.epoch != m.lateEpoch || shift < 0 || shift >= int64(a.r) {
		a.exist, a.breach = 0, 0
		shift = int64(a.r)
	}
	if shift > 0 {
		a.exist <<= uint(shift)
		a.breach <<= uint(shift)
		for j := latest - shift + 1; j <= latest; j++ { // oldest first: the newest real one ends as latest
			a.read(j, uint(latest-j))
		}
		keep := uint64(1)<<uint(a.r) - 1
		if a.r == 64 {
			keep = math.MaxUint64
		}
		a.exist &= keep
		a.breach &= keep
	}
	a.cached, a.epoch, a.last = true, m.lateEpoch, latest
	m.readMark = max(m.readMark, latest*a.mul+a.mul-1)
}

// read loads datapoint j into bit b of the masks.
func (a *MetricAlarm) read(j int64, b uint) {
	v, ok := a.datapoint(j)
	if !ok {
		return
	}
	a.exist |= 1 << b
	if a.op.breaches(v, a.threshold) {
		a.breach |= 1 << b
	}
	a.latestValue = v
}

// datapoint returns alarm datapoint j (metric periods [j·mul, (j+1)·mul)).
func (a *MetricAlarm) datapoint(j int64) (float64, bool) {
	id := int(a.metric)
	if a.mul == 1 {
		return a.metrics.at(id, j).Value(a.stat)
	}
	return a.metrics.window(id, j*a.mul, a.mul).Value(a.stat)
}

// countMasks counts real and breaching datapoints from the masks: the
// most recent EvaluationPeriods real ones, or all real ones if fewer.
func (a *MetricAlarm) countMasks() (existing, breaching int) {
	n := int(a.n)
	if bits.OnesCount64(a.exist) >= n {
		return n, bits.OnesCount64(a.breach & lowestSetBits(a.exist, n))
	}
	return bits.OnesCount64(a.exist), bits.OnesCount64(a.breach)
}

// countLong is countMasks for evaluation ranges longer than 64 datapoints,
// reading the range afresh every time.
func (a *MetricAlarm) countLong(latest int64) (existing, breaching int) {
	for j := latest; j > latest-int64(a.r) && existing < int(a.n); j-- {
		v, ok := a.datapoint(j)
		if !ok {
			continue
		}
		if existing == 0 {
			a.latestValue = v
		}
		existing++
		if a.op.breaches(v, a.threshold) {
			breaching++
		}
	}
	a.metrics.readMark = max(a.metrics.readMark, latest*a.mul+a.mul-1)
	return existing, breaching
}

// lowestSetBits returns the mask of the n lowest set bits of x (x has at
// least n set bits): the n most recent real datapoints.
func lowestSetBits(x uint64, n int) uint64 {
	if n < 64 {
		if low := uint64(1)<<uint(n) - 1; x&low == low {
			return low // the common case: the newest n datapoints all exist
		}
	}
	var out uint64
	for range n {
		b := x & -x
		out |= b
		x ^= b
	}
	return out
}

// Aggregate returns the Average, Minimum or Maximum of the datapoints the
// evaluation at now used (the most recent EvaluationPeriods real ones in
// the evaluation range); ok is false when there are none. Step scaling
// applies its MetricAggregationType with it.
func (a *MetricAlarm) Aggregate(now time.Duration, stat Statistic) (v float64, ok bool) {
	latest := a.latestVisible(now)
	count, sum := 0, 0.0
	lo, hi := math.Inf(1), math.Inf(-1)
	for j := latest; j > latest-int64(a.r) && count < int(a.n); j-- {
		x, exists := a.datapoint(j)
		if !exists {
			continue
		}
		count, sum, lo, hi = count+1, sum+x, min(lo, x), max(hi, x)
	}
	switch {
	case count == 0:
		return 0, false
	case stat == Minimum:
		return lo, true
	case stat == Maximum:
		return hi, true
	}
	return sum / float64(count), true
}

// decide turns the counted datapoints into the next state, filling missing
// datapoints per TreatMissingData (res.Breaching is updated for fills).
func (a *MetricAlarm) decide(res *AlarmResult, nonBreaching int) AlarmState {
	n, m := int(a.n), int(a.m)
	fill := n - res.Datapoints
	if fill <= 0 {
		return okOrAlarm(res.Breaching >= m)
	}
	switch a.treat {
	case MissingDataBreaching:
		res.Breaching += fill
		return okOrAlarm(res.Breaching >= m)
	case MissingDataNotBreaching:
		return okOrAlarm(res.Breaching >= m)
	}
	// missing / ignore with fewer real datapoints than EvaluationPeriods.
	// Modelling choice matching every row of AWS's tables but one: enough
	// breaching real datapoints alarm; any non-breaching real datapoint
	// means OK; otherwise (none, or only a few breaching ones) the state is
	// unknown: INSUFFICIENT_DATA for missing, unchanged for ignore. (The
	// later doc's row "X - - - -" ⇒ ALARM for missing is not reproduced.)
	switch {
	case res.Breaching >= m:
		return Alarm
	case nonBreaching > 0:
		return OK
	case a.treat == MissingDataIgnore:
		return a.state
	}
	return InsufficientData
}

func okOrAlarm(alarm bool) AlarmState {
	if alarm {
		return Alarm
	}
	return OK
}

// latestVisible returns the index of the newest alarm datapoint whose
// periods have all ended and been published by now (negative if none).
func (a *MetricAlarm) latestVisible(now time.Duration) int64 {
	return floorDiv(int64(now-a.delay), int64(a.period)) - 1
}

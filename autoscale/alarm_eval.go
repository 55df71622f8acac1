package autoscale

import "time"

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
func (a *MetricAlarm) Evaluate(now time.Duration) AlarmResult {
	var res AlarmResult
	nonBreaching := 0
	n, okAt := int(a.n), int(a.n-a.m)
	latest := a.latestVisible(now)
	m, id := a.metrics, int(a.metric)
	for j := latest; j > latest-int64(a.r) && res.Datapoints < n; j-- {
		var set StatisticSet
		if a.mul == 1 {
			set = m.at(id, j)
		} else {
			set = m.window(id, j*a.mul, a.mul)
		}
		v, ok := set.Value(a.stat)
		if !ok {
			continue
		}
		if res.Datapoints == 0 {
			res.Latest, res.Min, res.Max = v, v, v
		}
		res.Datapoints++
		res.Min, res.Max, res.Mean = min(res.Min, v), max(res.Max, v), res.Mean+v
		if a.op.breaches(v, a.threshold) {
			res.Breaching++
		} else if nonBreaching++; nonBreaching > okAt {
			// More non-breaching real datapoints than EvaluationPeriods −
			// DatapointsToAlarm: ALARM is impossible under every
			// TreatMissingData, so the state is OK; stop reading.
			break
		}
	}
	if res.Datapoints > 0 {
		res.Mean /= float64(res.Datapoints)
	}
	next := OK
	if nonBreaching <= okAt {
		next = a.decide(&res, nonBreaching)
	}
	res.Changed = next != a.state
	a.state, res.State = next, next
	if next == Alarm && (res.Changed || !a.invoked || now-a.lastInvoke >= a.period) {
		res.Invoke, a.invoked, a.lastInvoke = true, true, now
	}
	return res
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

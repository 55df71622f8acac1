package reports

import "github.com/ecsim/ecsim/reports/table"

// metric is one headline figure of a run: a column of the summary table
// and a row of the comparison.
type metric struct {
	key, title, unit string
	decimals         int
	// value returns the figure and whether it exists.
	value func(*Variant) (float64, bool)
}

func (m metric) column() table.Column {
	return table.Column{Key: m.key, Title: m.title, Unit: m.unit, Align: table.Right}
}

// cell renders the metric of v.
func (m metric) cell(v *Variant) table.Cell {
	x, ok := m.value(v)
	if !ok {
		return table.None()
	}
	return table.Float(x, m.decimals)
}

func always(f func(*Variant) float64) func(*Variant) (float64, bool) {
	return func(v *Variant) (float64, bool) { return f(v), true }
}

func optional(f func(*Variant) *float64) func(*Variant) (float64, bool) {
	return func(v *Variant) (float64, bool) {
		if p := f(v); p != nil {
			return *p, true
		}
		return 0, false
	}
}

// headline lists the summary's metrics in column order (the list).
func headline() []metric {
	return []metric{
		{"cost_usd", "cost", "USD", 2, always(func(v *Variant) float64 { return v.CostUSD })},
		{"cost_usd_per_hour", "cost rate", "USD/h", 4, always(func(v *Variant) float64 { return v.CostUSDPerHour })},
		{"cost_usd_per_million_requests", "cost per 1M req", "USD", 3, optional(func(v *Variant) *float64 { return v.CostUSDPerMillionRequests })},
		{"instance_hours", "instance hours", "h", 1, always(func(v *Variant) float64 { return v.InstanceHours })},
		{"task_hours", "task hours", "h", 1, always(func(v *Variant) float64 { return v.TaskHours })},
		{"reserved_cpu_pct", "CPU reserved", "%", 1, optional(func(v *Variant) *float64 { return v.ReservedCPUPct })},
		{"used_cpu_pct", "CPU used", "%", 1, optional(func(v *Variant) *float64 { return v.UsedCPUPct })},
		{"reserved_memory_pct", "mem reserved", "%", 1, optional(func(v *Variant) *float64 { return v.ReservedMemoryPct })},
		{"used_memory_pct", "mem used", "%", 1, optional(func(v *Variant) *float64 { return v.UsedMemoryPct })},
		{"placement_failures", "placement failures", "", 0, always(func(v *Variant) float64 { return float64(v.PlacementFailures) })},
		{"scaling_actions", "scaling actions", "", 0, always(func(v *Variant) float64 { return float64(v.ScalingActions) })},
		{"slo_minutes", "SLO breach", "min", 0, always(func(v *Variant) float64 { return v.SLOMinutes })},
		{"p95_ms", "p95", "ms", 0, optional(func(v *Variant) *float64 { return v.P95Millis })},
		{"dropped_requests", "dropped", "requests", 0, always(func(v *Variant) float64 { return v.DroppedRequests })},
	}
}

package reports

import (
	"strconv"
	"strings"

	"github.com/ecsim/ecsim/models/cost"
	"github.com/ecsim/ecsim/reports/table"
)

// cheapestMark flags the cheapest variant in text and Markdown.
const cheapestMark = "*"

// Table returns the headline table: one row per variant, the cheapest
// marked, with a note on what the shares mean.
func (s *Summary) Table() *table.Table {
	ms := headline()
	cols := []table.Column{{Key: "cheapest", Title: ""}, {Key: "variant", Title: "variant"}}
	for _, m := range ms {
		cols = append(cols, m.column())
	}
	t := table.New("Summary: "+s.Scenario, cols...)
	for i := range s.Variants {
		v := &s.Variants[i]
		mark := table.Cell{Data: strconv.FormatBool(v.Cheapest)}
		if v.Cheapest {
			mark.Text = cheapestMark
		}
		row := []table.Cell{mark, table.Str(v.Label)}
		for _, m := range ms {
			row = append(row, m.cell(v))
		}
		t.Add(row...)
	}
	t.Note("%s cheapest variant (lowest total cost). CPU and memory shares are of registered EC2 capacity, time-averaged; %s where a variant ran no EC2 instances or served no requests.", cheapestMark, table.Dash)
	return t
}

// ServicesTable returns one row per variant and service.
func (s *Summary) ServicesTable() *table.Table {
	t := table.New("Services",
		table.Column{Key: "variant", Title: "variant"},
		table.Column{Key: "service", Title: "service"},
		num("cost_usd", "cost", "USD"),
		num("ec2_usd", "EC2 share", "USD"),
		num("fargate_usd", "Fargate", "USD"),
		num("task_hours", "task hours", "h"),
		num("requests", "requests", ""),
		num("dropped_requests", "dropped", "requests"),
		num("slo_minutes", "SLO breach", "min"),
		num("p95_ms", "p95", "ms"),
		num("max_p95_ms", "worst p95", "ms"),
		num("min_desired_tasks", "desired min", "tasks"),
		num("max_desired_tasks", "desired max", "tasks"),
		num("final_desired_tasks", "desired final", "tasks"),
	)
	for _, v := range s.Variants {
		for _, sv := range v.Services {
			p95 := table.None()
			if sv.P95Millis != nil {
				p95 = table.Float(*sv.P95Millis, 0)
			}
			t.Add(table.Str(v.Label), table.Str(sv.Name), table.Float(sv.CostUSD, 2),
				table.Float(sv.EC2USD, 2), table.Float(sv.FargateUSD, 2), table.Float(sv.TaskHours, 1),
				table.Float(sv.Requests, 0), table.Float(sv.DroppedRequests, 0),
				table.Float(sv.SLOMinutes, 0), p95, table.Float(sv.MaxP95Millis, 0),
				table.Int(sv.MinDesired), table.Int(sv.MaxDesired), table.Int(sv.FinalDesired))
		}
	}
	t.Note("EC2 share: the instances' cost apportioned by the service's reserved share of CPU and memory.")
	return t
}

// ProvidersTable returns one row per variant and capacity provider.
func (s *Summary) ProvidersTable() *table.Table {
	t := table.New("Capacity providers",
		table.Column{Key: "variant", Title: "variant"},
		table.Column{Key: "provider", Title: "provider"},
		table.Column{Key: "kind", Title: "kind"},
		num("cost_usd", "cost", "USD"),
		num("unused_usd", "unused", "USD"),
		num("instance_hours", "instance hours", "h"),
		num("max_instances", "max instances", ""),
	)
	for _, v := range s.Variants {
		for _, p := range v.Providers {
			if p.CostUSD == 0 && p.InstanceHours == 0 {
				continue // an unused provider (e.g. FARGATE_SPOT set up but never chosen)
			}
			t.Add(table.Str(v.Label), table.Str(p.Name), table.Str(p.Kind), table.Float(p.CostUSD, 2),
				table.Float(p.UnusedUSD, 2), table.Float(p.InstanceHours, 1), table.Int(p.MaxInstances))
		}
	}
	t.Note("unused: EC2 cost no task reserved (idle capacity, minimum charges). Providers without cost or instances are left out.")
	return t
}

// CostByKindTable returns one row per variant with its cost split by kind
// of charge.
func (s *Summary) CostByKindTable() *table.Table {
	cols := []table.Column{{Key: "variant", Title: "variant"}}
	for _, k := range cost.Kinds() {
		cols = append(cols, num(kindKey(k), k.String(), "USD"))
	}
	cols = append(cols, num("total_usd", "total", "USD"))
	t := table.New("Cost by kind", cols...)
	for _, v := range s.Variants {
		row := []table.Cell{table.Str(v.Label)}
		for _, k := range cost.Kinds() {
			row = append(row, table.Float(v.kindUSD(k.String()), 2))
		}
		t.Add(append(row, table.Float(v.CostUSD, 2))...)
	}
	return t
}

// kindUSD returns the cost of the named kind (0 when absent).
func (v *Variant) kindUSD(kind string) float64 {
	for _, k := range v.CostByKind {
		if k.Kind == kind {
			return k.USD
		}
	}
	return 0
}

// kindKey turns a kind's display name into a CSV key, e.g.
// "ec2_on_demand_usd".
func kindKey(k cost.Kind) string {
	b := make([]byte, 0, 24)
	sep := false
	for _, r := range k.String() {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b = append(b, byte(r))
			sep = false
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
			sep = false
		case !sep && len(b) > 0:
			b = append(b, '_')
			sep = true
		}
	}
	return strings.TrimSuffix(string(b), "_") + "_usd"
}

func num(key, title, unit string) table.Column {
	return table.Column{Key: key, Title: title, Unit: unit, Align: table.Right}
}

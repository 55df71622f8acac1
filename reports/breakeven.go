package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/ecsim/ecsim/reports/breakeven"
	"github.com/ecsim/ecsim/reports/table"
)

// BreakEvenTable returns the break-even analysis as a table: per instance
// type, the tasks it holds, its prices, the task-hour prices and the
// utilisations above which EC2 (On-Demand, Spot) beats Fargate (On-Demand,
// Spot).
func BreakEvenTable(a *breakeven.Analysis) *table.Table {
	t := table.New("EC2 vs Fargate break-even: "+breakEvenTask(a),
		table.Column{Key: "instance_type", Title: "instance type"},
		num("vcpus", "vCPU", ""),
		num("memory_gib", "memory", "GiB"),
		num("tasks_per_instance", "tasks per instance", ""),
		table.Column{Key: "limit", Title: "limited by"},
		num("on_demand_usd_per_hour", "On-Demand", "USD/h"),
		num("spot_usd_per_hour", "Spot", "USD/h"),
		num("ec2_usd_per_task_hour_full", "EC2 full", "USD/task-h"),
		num("fargate_usd_per_task_hour", "Fargate", "USD/task-h"),
		num("fargate_spot_usd_per_task_hour", "Fargate Spot", "USD/task-h"),
		num("on_demand_vs_fargate_pct", "EC2 vs Fargate", "%"),
		num("on_demand_vs_fargate_spot_pct", "EC2 vs F. Spot", "%"),
		num("spot_vs_fargate_pct", "EC2 Spot vs Fargate", "%"),
		num("spot_vs_fargate_spot_pct", "EC2 Spot vs F. Spot", "%"),
	)
	for _, r := range a.Rows {
		t.Add(table.Str(r.InstanceType), table.Int(r.VCPUs), table.Float(r.MemoryMiB.GiB(), 1),
			table.Int(r.TasksPerInstance), table.Str(string(r.Limit)),
			table.Float(r.OnDemandUSDPerHour, 4), table.Float(r.SpotUSDPerHour, 4),
			table.Float(r.EC2USDPerTaskHour(1, false), 4),
			table.Float(r.FargateUSDPerTaskHour, 4), table.Float(r.FargateSpotUSDPerTaskHour, 4),
			breakEvenCell(r.OnDemandVsFargate), breakEvenCell(r.OnDemandVsFargateSpot),
			breakEvenCell(r.SpotVsFargate), breakEvenCell(r.SpotVsFargateSpot))
	}
	t.Note("Break-even: the time-averaged share of an instance's task slots that must hold tasks for EC2 to cost less per task-hour than Fargate; \"never\" when even full instances cost more. EC2 full: the EC2 cost of a task-hour with every slot used. Prices include a %s root volume per instance where configured; Graviton types are compared with Fargate ARM.", "gp3")
	if len(a.Unfit) > 0 {
		names := make([]string, len(a.Unfit))
		for i, u := range a.Unfit {
			names[i] = u.InstanceType + " (" + string(u.Limit) + ")"
		}
		t.Note("Too small for one task: %s.", strings.Join(names, ", "))
	}
	return t
}

// breakEvenTask describes the task and its Fargate size in one line.
func breakEvenTask(a *breakeven.Analysis) string {
	net := ""
	if a.AWSVPC {
		net = ", awsvpc"
		if a.ENITrunking {
			net += " with ENI trunking"
		}
	}
	return fmt.Sprintf("task %g vCPU / %g GiB (Fargate size %g vCPU / %g GiB) in %s%s",
		a.TaskCPU.VCPUs(), a.TaskMemory.GiB(), a.FargateCPU.VCPUs(), a.FargateMemory.GiB(), a.Region, net)
}

// breakEvenCell shows a break-even fraction as a percentage, or "never"
// above 100 % (CSV keeps the number).
func breakEvenCell(u float64) table.Cell {
	c := table.Float(100*u, 1)
	if u > 1 {
		c.Text = "never"
	}
	return c
}

// WriteBreakEven renders the analysis in format f (JSON: the Analysis).
func WriteBreakEven(w io.Writer, a *breakeven.Analysis, f Format) error {
	var err error
	switch f {
	case Text:
		err = BreakEvenTable(a).WriteText(w)
	case Markdown:
		err = BreakEvenTable(a).WriteMarkdown(w)
	case JSON:
		err = writeJSON(w, a)
	case CSV:
		err = BreakEvenTable(a).WriteCSV(w)
	default:
		err = fmt.Errorf("unknown format %v", f)
	}
	if err != nil {
		return fmt.Errorf("reports: break-even as %v: %w", f, err)
	}
	return nil
}

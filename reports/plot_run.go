package reports

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/series"
)

// runPlot builds the panels of one run's figures.
type runPlot struct {
	r     *models.Result
	label string
}

func (rp runPlot) find(name, key, value string) *series.Series {
	return rp.r.Series.Find(name, series.Label{Key: key, Value: value})
}

// newPanel returns a panel on the run's time axis.
func (rp runPlot) newPanel(title, yLabel string) *plot.Plot {
	p := newPlot(title, yLabel)
	timeAxis(p, rp.r.Start, rp.r.Start.Add(rp.r.Duration))
	return p
}

// addStep adds xy as a post-step line (a value holds until the next one)
// with a legend entry.
func addStep(p *plot.Plot, xy plotter.XYer, name string, colourIdx, dashIdx int) error {
	l, err := newLine(xy)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	l.StepStyle = plotter.PostStep
	l.LineStyle = lineStyle(colourIdx, dashIdx)
	p.Add(l)
	p.Legend.Add(name, l)
	return nil
}

// ec2Providers returns the providers that recorded instance series.
func (rp runPlot) ec2Providers() []string {
	var names []string
	for _, p := range rp.r.Providers {
		if rp.find("instances", "provider", p.Name) != nil {
			names = append(names, p.Name)
		}
	}
	return names
}

// stack returns a figure of the non-nil panels, the x labels shown only
// under the bottom one; nil when there is none.
func stack(name, caption string, panels ...*plot.Plot) *Figure {
	var kept []*plot.Plot
	for _, p := range panels {
		if p != nil {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	for _, p := range kept[:len(kept)-1] {
		p.X.Tick.Marker = blankLabels{p.X.Tick.Marker}
		p.X.Label.Text = ""
	}
	for _, p := range kept[1:] {
		p.Title.Text = ""
	}
	return newFigure(name, caption, kept...)
}

// blankLabels keeps a ticker's marks (and so the grid) but hides its
// labels, for the upper panels of a stack that share the bottom's axis.
type blankLabels struct{ plot.Ticker }

// Ticks implements plot.Ticker.
func (b blankLabels) Ticks(lo, hi float64) []plot.Tick {
	ts := b.Ticker.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = " "
		}
	}
	return ts
}

// tasksFigure plots the services' desired, running and pending tasks and
// the EC2 providers' instances in service and launching, as step lines.
func (rp runPlot) tasksFigure(stem string) (*Figure, error) {
	provs := rp.ec2Providers()
	title := rp.label + ": tasks"
	if len(provs) > 0 {
		title += " and instances"
	}
	tasks, err := rp.tasksPanel(title)
	if err != nil {
		return nil, err
	}
	var insts *plot.Plot
	if len(provs) > 0 {
		entries := 2 * len(provs)
		insts = rp.newPanel(rp.label+": instances", "EC2 instances")
		for pi, name := range provs {
			if err := addStep(insts, newWallXY(rp.find("instances", "provider", name), rp.r.Start, 1), name+" in service", 3, pi); err != nil {
				return nil, err
			}
			if l := rp.find("instances_launching", "provider", name); l != nil {
				if err := addStep(insts, newWallXY(l, rp.r.Start, 1), name+" launching", 4, pi); err != nil {
					return nil, err
				}
			}
			if l := rp.find("warm_pool_instances", "provider", name); l != nil {
				if err := addStep(insts, newWallXY(l, rp.r.Start, 1), name+" warm pool", 5, pi); err != nil {
					return nil, err
				}
				entries++
			}
		}
		fromZero(insts, entries)
	}
	caption := rp.label + ": desired, running and pending tasks per service; EC2 instances in service and launching per capacity provider"
	for _, name := range provs {
		if rp.find("warm_pool_instances", "provider", name) != nil {
			caption += ", and in its warm pool"
			break
		}
	}
	return stack(stem+"_tasks", caption+".", tasks, insts), nil
}

// tasksPanel draws each service's running (solid, under), desired
// (dashed) and pending (dotted) tasks, and with standalone task streams
// the cluster's total; nil when the run recorded none of them.
func (rp runPlot) tasksPanel(title string) (*plot.Plot, error) {
	p := rp.newPanel(title, "tasks")
	n := 0
	kinds := []struct{ series, name string }{{"running_tasks", "running"}, {"desired_tasks", "desired"}, {"pending_tasks", "pending"}}
	for si, s := range rp.r.Services {
		for k, kind := range kinds {
			if ser := rp.find(kind.series, "service", s.Name); ser != nil {
				if err := addStep(p, newWallXY(ser, rp.r.Start, 1), s.Name+" "+kind.name, 3*si+k, k); err != nil {
					return nil, err
				}
				n++
			}
		}
	}
	// Standalone tasks belong to no service: show the cluster's total.
	if all := rp.r.Series.Find("tasks"); all != nil && len(rp.r.Streams) > 0 {
		if err := addStep(p, newWallXY(all, rp.r.Start, 1), "all tasks (services and standalone)", 6, 0); err != nil {
			return nil, err
		}
		n++
	}
	if n == 0 {
		return nil, nil
	}
	fromZero(p, n)
	return p, nil
}

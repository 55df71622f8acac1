package reports

import (
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of the text and lines of every plot.
const (
	titleSize  = 13
	labelSize  = 11
	tickSize   = 9
	legendSize = 9
	lineWidth  = 1.5
)

// sansFont is Liberation Sans, embedded in gonum/plot: rendering needs no
// system font, so PNGs are the same on every machine of one architecture.
func sansFont(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// colour returns the i-th colour of the Okabe–Ito palette, which stays
// distinguishable for colour-blind readers (yellow left out: too pale on
// white).
func colour(i int) color.Color {
	palette := [...]color.RGBA{
		{0x00, 0x72, 0xB2, 0xFF}, // blue
		{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
		{0x00, 0x9E, 0x73, 0xFF}, // bluish green
		{0xE6, 0x9F, 0x00, 0xFF}, // orange
		{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
		{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
		{0x00, 0x00, 0x00, 0xFF}, // black
	}
	return palette[((i%len(palette))+len(palette))%len(palette)]
}

// dashes returns the i-th dash pattern: solid, dashed, dotted, dash-dot.
func dashes(i int) []vg.Length {
	switch i % 4 {
	case 1:
		return []vg.Length{vg.Points(6), vg.Points(3)}
	case 2:
		return []vg.Length{vg.Points(1.5), vg.Points(2)}
	case 3:
		return []vg.Length{vg.Points(6), vg.Points(2), vg.Points(1.5), vg.Points(2)}
	}
	return nil
}

// lineStyle is the style of the i-th line with the j-th dash pattern.
func lineStyle(i, j int) draw.LineStyle {
	return draw.LineStyle{Color: colour(i), Width: vg.Points(lineWidth), Dashes: dashes(j)}
}

// newPlot returns a plot with the house fonts, a title, a y label with
// its unit, a grid, and the legend at the top left.
func newPlot(title, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sansFont(titleSize)
	p.Title.Padding = vg.Points(6)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sansFont(labelSize)
		ax.Tick.Label.Font = sansFont(tickSize)
	}
	p.Y.Label.Text = yLabel
	p.Legend.TextStyle.Font = sansFont(legendSize)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(6), -vg.Points(4)
	p.Legend.ThumbnailWidth = vg.Points(24)
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{Y: 225}
	grid.Horizontal.Color = color.Gray{Y: 225}
	p.Add(grid)
	return p
}

// fromZero puts the y axis origin at zero and leaves headroom above the
// data for the legend's entries.
func fromZero(p *plot.Plot, legendEntries int) {
	p.Y.Min = math.Min(0, p.Y.Min)
	if p.Y.Max <= p.Y.Min {
		p.Y.Max = p.Y.Min + 1 // all zero: show a unit range rather than none
	}
	head := 1 + 0.08*float64(legendEntries)
	p.Y.Max = p.Y.Min + (p.Y.Max-p.Y.Min)*math.Min(head, 2)
}

// timeAxis gives p a wall-clock x axis in loc spanning [from, to].
func timeAxis(p *plot.Plot, from, to time.Time) {
	loc := from.Location()
	p.X.Min, p.X.Max = unixSeconds(from), unixSeconds(to)
	step := tickStep(to.Sub(from))
	format := "Mon 15:04"
	if step >= 24*time.Hour {
		format = "Mon 2 Jan"
	}
	p.X.Tick.Marker = plot.TimeTicks{
		Ticker: wallTicker{loc: loc, step: step},
		Format: format,
		Time:   func(t float64) time.Time { return time.Unix(0, int64(math.Round(t*1e9))).In(loc) },
	}
	zone, _ := from.Zone()
	p.X.Label.Text = "time (" + zone + ")"
}

func unixSeconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// tickStep picks the smallest round step giving at most eight ticks.
func tickStep(span time.Duration) time.Duration {
	steps := [...]time.Duration{
		time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute,
		30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
		24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour,
	}
	for _, s := range steps {
		if span/s <= 8 {
			return s
		}
	}
	return span / 8
}

// wallTicker places major ticks every step on round wall-clock times in
// loc (counted from local midnight) and a minor tick halfway between.
type wallTicker struct {
	loc  *time.Location
	step time.Duration
}

// Ticks implements plot.Ticker.
func (w wallTicker) Ticks(lo, hi float64) []plot.Tick {
	y, m, d := time.Unix(0, int64(math.Floor(lo*1e9))).In(w.loc).Date()
	var ticks []plot.Tick
	for t := time.Date(y, m, d, 0, 0, 0, 0, w.loc); unixSeconds(t) <= hi; t = w.next(t) {
		if mid := (unixSeconds(t) + unixSeconds(w.next(t))) / 2; mid >= lo && mid <= hi {
			ticks = append(ticks, plot.Tick{Value: mid})
		}
		if x := unixSeconds(t); x >= lo {
			ticks = append(ticks, plot.Tick{Value: x, Label: "x"}) // TimeTicks writes the label
		}
	}
	return ticks
}

// next returns the tick after t: whole days by the calendar (so ticks stay
// at midnight across daylight-saving changes), shorter steps by the clock.
func (w wallTicker) next(t time.Time) time.Time {
	if w.step%(24*time.Hour) == 0 {
		return t.AddDate(0, 0, int(w.step/(24*time.Hour)))
	}
	return t.Add(w.step)
}

// newLine returns a gonum line over xy whose glyph boxes are only those of
// its extreme points. gonum pads the data area so that no point's box (half
// the line width around it) sticks out; boxes of equal size can only stick
// out at the extremes, so four boxes give the same layout as one per point
// while a week of minutes would otherwise allocate ten thousand per line
// per render.
func newLine(xy plotter.XYer) (*lightLine, error) {
	l, err := plotter.NewLine(xy)
	if err != nil {
		return nil, err
	}
	return &lightLine{l}, nil
}

// lightLine is a plotter.Line with extreme-point glyph boxes (see newLine).
type lightLine struct{ *plotter.Line }

// GlyphBoxes implements plot.GlyphBoxer: the boxes of the extreme points
// among those inside the axes' ranges (gonum ignores boxes outside them).
func (l *lightLine) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	ext := [4]int{-1, -1, -1, -1} // indices of min x, max x, min y, max y
	for i, pt := range l.XYs {
		if pt.X < p.X.Min || pt.X > p.X.Max || pt.Y < p.Y.Min || pt.Y > p.Y.Max {
			continue
		}
		if ext[0] < 0 {
			ext = [4]int{i, i, i, i}
		}
		if pt.X < l.XYs[ext[0]].X {
			ext[0] = i
		}
		if pt.X > l.XYs[ext[1]].X {
			ext[1] = i
		}
		if pt.Y < l.XYs[ext[2]].Y {
			ext[2] = i
		}
		if pt.Y > l.XYs[ext[3]].Y {
			ext[3] = i
		}
	}
	if ext[0] < 0 {
		return nil
	}
	r := 0.5 * l.LineStyle.Width
	box := vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}
	out := make([]plot.GlyphBox, len(ext))
	for k, i := range ext {
		out[k] = plot.GlyphBox{X: p.X.Norm(l.XYs[i].X), Y: p.Y.Norm(l.XYs[i].Y), Rectangle: box}
	}
	return out
}

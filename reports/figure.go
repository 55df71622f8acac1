package reports

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure sizes: a panel is 9 × 4 inches; PNGs are drawn at 110 dots per
// inch (990 pixels wide), sharp on screens without large files.
const (
	figureWidth = 9 * vg.Inch
	panelHeight = 4 * vg.Inch
	pngDPI      = 110
)

// Figure is one chart: one or more panels stacked top to bottom with
// aligned axes (for example tasks over instances), rendered as PNG or SVG.
type Figure struct {
	// Name is the file stem, e.g. "cost_cumulative" or "ec2_tasks".
	Name string
	// Caption describes the figure in the HTML report.
	Caption string
	// Panels are drawn top to bottom; the figure's title is the first
	// panel's.
	Panels        []*plot.Plot
	Width, Height vg.Length
}

// newFigure returns a figure of the standard size for its panels.
func newFigure(name, caption string, panels ...*plot.Plot) *Figure {
	h := panelHeight
	if len(panels) > 1 {
		h = panelHeight * vg.Length(0.7*float64(len(panels))+0.3)
	}
	return &Figure{Name: name, Caption: caption, Panels: panels, Width: figureWidth, Height: h}
}

// rightMargin keeps the last time label inside the figure when a viewer
// substitutes a wider font for Liberation Sans (browsers without it).
const rightMargin = 14 * vg.Millimeter / 4

// draw draws the panels onto c.
func (f *Figure) draw(c draw.Canvas) error {
	c = draw.Crop(c, 0, -rightMargin, 0, 0)
	switch len(f.Panels) {
	case 0:
		return errors.New("figure without panels")
	case 1:
		f.Panels[0].Draw(c)
		return nil
	}
	rows := make([][]*plot.Plot, len(f.Panels))
	for i, p := range f.Panels {
		rows[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(f.Panels), Cols: 1, PadY: vg.Points(8), PadTop: vg.Points(2), PadBottom: vg.Points(2)}
	cs := plot.Align(rows, tiles, c)
	for i, p := range f.Panels {
		p.Draw(cs[i][0])
	}
	return nil
}

// PNG renders the figure as a PNG image at 110 DPI. The bytes depend only
// on the figure (and the CPU architecture's floating point).
func (f *Figure) PNG() ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(color.White))
	if err := f.draw(draw.New(c)); err != nil {
		return nil, fmt.Errorf("reports: figure %s: %w", f.Name, err)
	}
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, fmt.Errorf("reports: figure %s as PNG: %w", f.Name, err)
	}
	return b.Bytes(), nil
}

// SVG renders the figure as a standalone SVG document. Fonts are named,
// not embedded (Liberation Sans; viewers substitute a sans-serif).
func (f *Figure) SVG() ([]byte, error) {
	c := vgsvg.New(f.Width, f.Height)
	if err := f.draw(draw.New(c)); err != nil {
		return nil, fmt.Errorf("reports: figure %s: %w", f.Name, err)
	}
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("reports: figure %s as SVG: %w", f.Name, err)
	}
	return b.Bytes(), nil
}

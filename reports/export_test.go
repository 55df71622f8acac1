package reports

import (
	"reflect"
	"unsafe"

	"gonum.org/v1/plot"
)

// unwrapLines replaces every lightLine of p by its plain gonum line (test
// only: reaches into plot.Plot's unexported plotter list).
func unwrapLines(p *plot.Plot) {
	v := reflect.ValueOf(p).Elem().FieldByName("plotters")
	ps := reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	for i := range ps.Len() {
		if l, ok := ps.Index(i).Interface().(*lightLine); ok {
			ps.Index(i).Set(reflect.ValueOf(plot.Plotter(l.Line)))
		}
	}
}

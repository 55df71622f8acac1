package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

func writeCatalogJSON(w io.Writer, v *catalogView) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding catalog as JSON: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

var catalogCSVHeader = []string{"type", "family", "arch", "vcpu", "memory_mib", "registered_cpu_units",
	"registered_memory_mib", "registration_rule", "max_enis", "awsvpc_tasks", "awsvpc_tasks_trunking", "trunking",
	"on_demand_usd_per_hour", "spot_usd_per_hour", "spot_factor", "price_source", "price_date"}

// writeCatalogCSV writes the EC2 table only; empty cells are unknown figures.
func writeCatalogCSV(w io.Writer, v *catalogView) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(catalogCSVHeader)
	for _, r := range v.InstanceTypes {
		_ = cw.Write([]string{r.Name, r.Family, r.Arch, itoa(r.VCPUs), i64(r.MemoryMiB), i64(r.RegisteredCPUUnits),
			i64(r.RegisteredMemoryMiB), r.RegistrationRule, itoa(r.MaxENIs), itoa(r.AwsvpcTasks),
			optInt(r.AwsvpcTasksTrunking, ""),
			r.Trunking, optFloat(r.OnDemand, ""), optFloat(r.Spot, ""), optFloat(r.SpotFactor, ""),
			r.PriceSource, r.PriceDate})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing catalog CSV: %w", err)
	}
	return nil
}

// writeCatalogText writes the EC2 table and the Fargate table with units in
// the headers and notes on the rules and sources below each.
func writeCatalogText(w io.Writer, v *catalogView) error {
	var b strings.Builder
	writeEC2Text(&b, v)
	b.WriteString("\n")
	writeFargateText(&b, v)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeEC2Text(b *strings.Builder, v *catalogView) {
	fmt.Fprintf(b, "EC2 instance types, %s, Linux On-Demand and Spot (%s)\n", v.Region, spotRule(v.InstanceTypes))
	if len(v.InstanceTypes) == 0 {
		b.WriteString("No instance types match the filters.\n")
		return
	}
	t := newTable([]string{"TYPE", "ARCH", "vCPU", "MEMORY GiB", "REG. CPU UNITS", "REG. MEMORY MiB", "MAX ENIs",
		"AWSVPC TASKS", "AWSVPC TASKS TRUNKED", "ON-DEMAND USD/h", "SPOT USD/h"},
		[]bool{false, false, true, true, true, true, true, true, true, true, true})
	priced, ownRule := 0, false
	for _, r := range v.InstanceTypes {
		if r.OnDemand != nil {
			priced++
		}
		regMem := i64(r.RegisteredMemoryMiB)
		if r.RegistrationRule != "default" {
			regMem, ownRule = "*"+regMem, true
		}
		t.add(r.Name, r.Arch, itoa(r.VCPUs), strconv.FormatFloat(float64(r.MemoryMiB)/1024, 'f', -1, 64),
			i64(r.RegisteredCPUUnits), regMem, itoa(r.MaxENIs), itoa(r.AwsvpcTasks),
			optInt(r.AwsvpcTasksTrunking, r.Trunking), fixed(r.OnDemand, 5), fixed(r.Spot, 5))
	}
	_ = t.write(b) // a strings.Builder does not fail
	fmt.Fprintf(b, "Registered: CPU units = vCPU x 1024; memory MiB = floor(MiB x (1 - %g)) - %d (ECS_RESERVED_MEMORY).\n",
		v.MemoryOverhead, v.ReservedMemoryMiB)
	if ownRule {
		b.WriteString("*: the catalogue gives this type a measured registration or its own overhead.\n")
	}
	b.WriteString("AWSVPC TASKS = max ENIs - 1; TRUNKED from the ECS ENI-trunking table (\"unknown\": not in it).\n")
	if priced < len(v.InstanceTypes) {
		fmt.Fprintf(b, "\"-\": no EC2 price for %s in the catalogue; add ec2.prices rows with --catalog-file.\n", v.Region)
	}
	if sources := priceSources(v.InstanceTypes); sources != "" {
		fmt.Fprintf(b, "Prices: %s.\n", sources)
	}
}

func writeFargateText(b *strings.Builder, v *catalogView) {
	fv := v.Fargate
	fmt.Fprintf(b, "Fargate, %s (Spot = %g x On-Demand, Linux only)\n", v.Region, fv.SpotFactor)
	if len(fv.Rates) == 0 {
		b.WriteString("No Fargate rates match the filters.\n")
	} else {
		t := newTable([]string{"PLATFORM", "USD/vCPU-h", "USD/GB-h", "OS LICENCE USD/vCPU-h",
			"SPOT USD/vCPU-h", "SPOT USD/GB-h", "VERIFIED", "SOURCE", "DATE"},
			[]bool{false, true, true, true, true, true, false, false, false})
		var notes []string
		for _, r := range fv.Rates {
			t.add(r.Platform, fixed(&r.VCPU, 6), fixed(&r.GB, 6), fixed(&r.OSLicence, 6),
				fixed(r.SpotVCPU, 6), fixed(r.SpotGB, 6), yesNo(r.Verified), r.Source, r.Date)
			if r.Note != "" {
				notes = append(notes, r.Platform+": "+r.Note)
			}
		}
		_ = t.write(b)
		for _, n := range notes {
			fmt.Fprintf(b, "Note, %s.\n", n)
		}
	}
	if s := fv.Storage; s != nil {
		fmt.Fprintf(b, "Ephemeral storage: %g GiB included; above that %s USD/GB-h, up to %g GiB (%s %s",
			s.FreeGiB, strconv.FormatFloat(s.GBHour, 'f', -1, 64), s.MaxGiB, s.Source, s.Date)
		if !s.Verified {
			fmt.Fprintf(b, "; unverified: %s", s.Note)
		}
		b.WriteString(").\n")
	}
}

// spotRule describes how the shown Spot prices were derived.
func spotRule(rows []instanceRow) string {
	var factors []float64
	explicit := false
	for _, r := range rows {
		switch {
		case r.SpotFactor != nil:
			if !slices.Contains(factors, *r.SpotFactor) {
				factors = append(factors, *r.SpotFactor)
			}
		case r.Spot != nil:
			explicit = true
		}
	}
	rule := "Spot = family factor x On-Demand"
	if len(factors) == 1 {
		rule = fmt.Sprintf("Spot = %g x On-Demand", factors[0])
	}
	if explicit {
		rule += ", or the catalogue's explicit Spot price"
	}
	return rule
}

// priceSources lists the distinct price sources and dates, in row order.
func priceSources(rows []instanceRow) string {
	var seen []string
	for _, r := range rows {
		if r.PriceSource == "" {
			continue
		}
		s := r.PriceSource + " " + r.PriceDate
		if !slices.Contains(seen, s) {
			seen = append(seen, s)
		}
	}
	return strings.Join(seen, ", ")
}

func itoa(v int) string   { return strconv.Itoa(v) }
func i64(v int64) string  { return strconv.FormatInt(v, 10) }
func yesNo(b bool) string { return map[bool]string{true: "yes", false: "no"}[b] }

// fixed formats a price with a fixed number of decimals so the column's
// decimal points line up; nil (unknown) prints "-".
func fixed(v *float64, decimals int) string {
	if v == nil {
		return "-"
	}
	return strconv.FormatFloat(*v, 'f', decimals, 64)
}

func optFloat(v *float64, missing string) string {
	if v == nil {
		return missing
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func optInt(v *int, missing string) string {
	if v == nil {
		return missing
	}
	return strconv.Itoa(*v)
}

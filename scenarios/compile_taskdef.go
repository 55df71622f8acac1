package scenarios

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/placement/query"
	"github.com/ecsim/ecsim/scenarios/importer"
)

// taskDefinitions builds the inline task definitions, then those imported
// from task_definition_file keys, so references can resolve to either.
func (c *compiler) taskDefinitions() {
	table := root.key("task_definitions")
	for _, key := range c.ordered(table) {
		c.inlineTaskDef(key, c.f.TaskDefinitions[key], table.key(key))
	}
	for _, ref := range c.taskDefFileRefs() {
		c.importTaskDef(ref.path, ref.file)
	}
}

func (c *compiler) inlineTaskDef(key string, td *TaskDefinition, p keyPath) {
	fam := td.Family
	if fam == "" {
		fam = key
	}
	c.checkName(p, fam)
	d := models.TaskDef{Family: fam, Revision: td.Revision, CPU: td.CPU.Units(), Memory: td.Memory.MiB(),
		NetworkMode: models.NetworkMode(td.NetworkMode), OS: catalog.OS(td.OS), Arch: catalog.Arch(td.Arch),
		StopTimeout: td.StopTimeout.D(), ImageCached: td.ImageCached}
	if td.EphemeralStorageGiB > 20 {
		d.EphemeralStorageGiB = td.EphemeralStorageGiB
	}
	if td.ImagePull != nil {
		d.ImagePull = &td.ImagePull.Dist
	}
	if h := td.HealthCheck; h != nil {
		d.HealthCheck = &models.HealthCheck{Interval: h.Interval.D(), Retries: h.Retries, StartPeriod: h.StartPeriod.D()}
	}
	if d.OS == catalog.OSWindows && d.Arch == catalog.ArchARM64 {
		c.add(p.key("arch"), "Windows tasks run on x86_64 only")
	}
	for i, k := range td.PlacementConstraints {
		kp := p.key("placement_constraints").at(i)
		if k.Type != "memberOf" {
			c.add(kp.key("type"), "task definitions accept memberOf constraints only (distinctInstance belongs to services and RunTask)")
		}
		c.checkConstraint(kp, k)
		d.Constraints = append(d.Constraints, models.PlacementConstraint{Type: k.Type, Expression: k.Expression})
	}
	d.Containers = c.containers(td, p)
	c.addDef(&d, p)
}

// containers checks the container definitions against ECS's rules; a task
// definition without containers gets one essential container "app".
func (c *compiler) containers(td *TaskDefinition, p keyPath) []models.ContainerDef {
	if len(td.Containers) == 0 {
		if td.Memory == 0 {
			c.add(p.key("memory"), "a task definition without containers needs a task-level memory")
		}
		return []models.ContainerDef{{Name: "app", Essential: true}}
	}
	var out []models.ContainerDef
	names := map[string]bool{}
	var sumCPU CPU
	essential := false
	for i, k := range td.Containers {
		kp := p.key("containers").at(i)
		if names[k.Name] {
			c.add(kp.key("name"), "container name %q is used twice", k.Name)
		}
		names[k.Name] = true
		essential = essential || k.Essential
		sumCPU += k.CPU
		switch {
		case k.Memory == 0 && k.MemoryReservation == 0 && td.Memory == 0:
			c.add(kp, "give memory or memory_reservation (the task has no task-level memory)")
		case k.Memory > 0 && k.MemoryReservation > k.Memory:
			c.add(kp.key("memory_reservation"), "%s is above the hard limit memory %s", k.MemoryReservation.text(), k.Memory.text())
		case td.Memory > 0 && k.Memory > td.Memory:
			c.add(kp.key("memory"), "%s is above the task's memory %s", k.Memory.text(), td.Memory.text())
		}
		cd := models.ContainerDef{Name: k.Name, CPU: k.CPU.Units(), Memory: k.Memory.MiB(),
			MemoryReservation: k.MemoryReservation.MiB(), GPUs: k.GPUs, Essential: k.Essential}
		for j, pm := range k.PortMappings {
			if td.NetworkMode == "awsvpc" && pm.HostPort != 0 && pm.HostPort != pm.ContainerPort {
				c.add(kp.key("port_mappings").at(j).key("host_port"), "in awsvpc mode host_port must be 0 or equal container_port")
			}
			cd.Ports = append(cd.Ports, models.PortMapping{ContainerPort: pm.ContainerPort, HostPort: pm.HostPort, Protocol: pm.Protocol})
		}
		out = append(out, cd)
	}
	if !essential {
		c.add(p.key("containers"), "at least one container must be essential")
	}
	if td.CPU > 0 && sumCPU > td.CPU {
		c.add(p.key("cpu"), "%s is below the containers' total cpu %s", td.CPU.text(), sumCPU.text())
	}
	return out
}

func (m Memory) text() string { b, _ := m.MarshalText(); return string(b) }
func (x CPU) text() string    { b, _ := x.MarshalText(); return string(b) }

// addDef registers a task definition under family:revision.
func (c *compiler) addDef(d *models.TaskDef, p keyPath) {
	ref := d.Ref()
	if prev, ok := c.defs[ref]; ok {
		c.add(p, "task definition %s is defined twice (also at line %d)", ref, c.lines(prev.path))
		return
	}
	c.cfg.TaskDefs = append(c.cfg.TaskDefs, *d)
	c.defs[ref] = &defInfo{def: d, path: p}
}

// fileRef is one task_definition_file key.
type fileRef struct {
	path keyPath
	file string
}

// taskDefFileRefs lists the task_definition_file keys in file order.
func (c *compiler) taskDefFileRefs() []fileRef {
	var out []fileRef
	collect := func(base keyPath, s *Service) {
		if s.TaskDefinitionFile != "" {
			out = append(out, fileRef{base.key("task_definition_file"), s.TaskDefinitionFile})
		}
	}
	for _, n := range c.ordered(root.key("services")) {
		collect(root.key("services").key(n), c.f.Services[n])
	}
	for _, n := range c.ordered(root.key("service_groups")) {
		collect(root.key("service_groups").key(n), &c.f.ServiceGroups[n].Service)
	}
	for _, n := range c.ordered(root.key("streams")) {
		for i, m := range c.f.Streams[n].Mix {
			if m.TaskDefinitionFile != "" {
				out = append(out, fileRef{root.key("streams").key(n).key("mix").at(i).key("task_definition_file"), m.TaskDefinitionFile})
			}
		}
	}
	return out
}

// importTaskDef adds the task definition of a JSON file; the same file
// named twice is imported once.
func (c *compiler) importTaskDef(p keyPath, file string) {
	f, name, err := c.assets.taskDefinition(c.src, file)
	var ie *importer.Error
	switch {
	case errors.As(err, &ie):
		c.add(p, "%s is refused: %d problem(s) listed below", name, len(ie.Issues))
		for _, is := range ie.Issues {
			c.probs = append(c.probs, Problem{File: name, Key: is.Field, Msg: is.Msg, Variant: c.variant})
		}
		return
	case err != nil:
		c.add(p, "cannot read %s: %v", name, err)
		return
	}
	d := f.TaskDefinitions[0].Def
	c.fileDefs[p.String()] = d.Ref()
	if prev, ok := c.defs[d.Ref()]; ok {
		if !prev.imported || prev.file != name {
			c.add(p, "%s defines %s, which is also defined at line %d", name, d.Ref(), c.lines(prev.path))
		}
		return
	}
	for _, w := range f.Warnings {
		c.warns = append(c.warns, Problem{File: w.File, Key: w.Field, Msg: w.Msg, Variant: c.variant})
	}
	c.addDef(&d, p)
	c.defs[d.Ref()].imported, c.defs[d.Ref()].file = true, name
}

// resolveDef finds a task definition by family (its highest revision) or
// family:revision; for a file reference, by the file's definition.
func (c *compiler) resolveDef(p keyPath, ref, file string) (*defInfo, bool) {
	if (ref == "") == (file == "") {
		c.add(p.key("task_definition"), "give task_definition or task_definition_file (exactly one)")
		return nil, false
	}
	if file != "" {
		d, ok := c.defs[c.fileDefs[p.key("task_definition_file").String()]]
		return d, ok // a refused file was reported where it is named
	}
	if d, ok := c.defs[ref]; ok {
		return d, true
	}
	var best *defInfo
	var known []string
	for r, d := range c.defs {
		known = append(known, r, d.def.Family)
		if d.def.Family == ref && (best == nil || d.def.Revision > best.def.Revision) {
			best = d
		}
	}
	if best != nil {
		return best, true
	}
	sort.Strings(known)
	c.add(p.key("task_definition"), "task definition %q is not defined%s", ref, didYouMean(ref, uniq(known)))
	return nil, false
}

func uniq(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// checkConstraint checks a constraint's type and query expression.
func (c *compiler) checkConstraint(p keyPath, k Constraint) {
	switch k.Type {
	case "distinctInstance":
		if k.Expression != "" {
			c.add(p.key("expression"), "distinctInstance takes no expression")
		}
	case "memberOf":
		if strings.TrimSpace(k.Expression) == "" {
			c.add(p.key("expression"), "memberOf needs a cluster query expression")
			return
		}
		if _, err := query.Parse(k.Expression); err != nil {
			var se *query.SyntaxError
			if errors.As(err, &se) {
				c.add(p.key("expression"), "%s (at column %d of %q)", queryMsg(se), se.Pos+1, k.Expression)
				return
			}
			c.add(p.key("expression"), "%v", err)
		}
	}
}

func queryMsg(se *query.SyntaxError) string {
	if se.Msg != "" {
		return se.Msg
	}
	return fmt.Sprintf("expected %s, found %s", se.Expected, se.Found)
}

// checkFargateDef reports a task definition that cannot run on Fargate.
func (c *compiler) checkFargateDef(d *defInfo, user keyPath, prov string) {
	td := d.def
	where := fmt.Sprintf(" (%s runs it on %s)", user, prov)
	at := func(k string) keyPath {
		if d.imported {
			return d.path
		}
		return d.path.key(k)
	}
	if td.CPU == 0 || td.Memory == 0 {
		c.add(at("cpu"), "Fargate needs task-level cpu and memory%s", where)
		return
	}
	if err := c.cat.ValidateFargateSizeFor(platformOS(td), td.CPU, td.Memory); err != nil {
		key := "memory"
		var fe *catalog.InvalidFargateSizeError
		if errors.As(err, &fe) && len(fe.ValidCPU) > 0 {
			key = "cpu"
		}
		c.add(at(key), "%s%s", strings.TrimPrefix(err.Error(), "catalog: "), where)
	}
	if td.NetworkMode != "" && td.NetworkMode != models.NetworkAwsvpc {
		c.add(at("network_mode"), "Fargate needs awsvpc, not %s%s", td.NetworkMode, where)
	}
	if td.StopTimeout > 120*time.Second {
		c.add(at("stop_timeout"), "Fargate allows at most 120s%s", where)
	}
	for _, k := range td.Containers {
		if k.GPUs > 0 {
			c.add(at("containers"), "Fargate has no GPUs%s", where)
			break
		}
	}
}

func platformOS(td *models.TaskDef) catalog.OS {
	if td.OS == "" {
		return catalog.OSLinux
	}
	return td.OS
}

// checkFits reports a task definition that fits no instance type of an
// EC2 provider: its tasks would wait forever (ref §5.3).
func (c *compiler) checkFits(d *defInfo, user keyPath, prov string, info *provInfo) {
	if len(info.types) == 0 {
		return
	}
	cpu, mem, gpus := d.def.Reservation()
	awsvpc := d.def.NetworkMode == models.NetworkAwsvpc
	for j, it := range info.types {
		reg := info.regs[j]
		enis, _ := it.AwsvpcTasks(info.trunk)
		if reg.CPU >= cpu && reg.Memory >= mem && it.GPUs >= gpus && (!awsvpc || enis > 0) &&
			(d.def.Arch == "" || d.def.Arch == it.Arch) && platformOS(d.def) == catalog.OSLinux {
			return
		}
	}
	c.add(d.path, "%s (cpu %d, memory %d MiB, %d GPU, arch %s, os %s) fits no instance type of provider %s %v (%s runs it there)",
		d.def.Ref(), cpu, mem, gpus, orDefault(string(d.def.Arch), "any"), platformOS(d.def), prov, typeNames(info), user)
}

func typeNames(info *provInfo) []string {
	out := make([]string, len(info.types))
	for i, t := range info.types {
		out[i] = t.Name + " (" + strconv.FormatInt(int64(info.regs[i].CPU), 10) + " CPU, " + info.regs[i].Memory.String() + ")"
	}
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

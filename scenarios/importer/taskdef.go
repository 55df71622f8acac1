package importer

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
	"github.com/ecsim/ecsim/models/catalog"
	"github.com/ecsim/ecsim/scenarios/internal/units"
)

// TaskDefinition is an imported task definition.
type TaskDefinition struct {
	Def models.TaskDef
	// RequiresCompatibilities is the launch types the definition asks for
	// (EC2, FARGATE, EXTERNAL), or the compatibilities of a describe output.
	RequiresCompatibilities []string
}

// Task definition fields by what happens to them.
var (
	tdModelled = []string{"family", "revision", "cpu", "memory", "networkMode", "requiresCompatibilities",
		"runtimePlatform", "ephemeralStorage", "placementConstraints", "containerDefinitions"}
	tdNotModelled = []string{"taskRoleArn", "executionRoleArn", "volumes", "pidMode", "ipcMode", "proxyConfiguration",
		"inferenceAccelerators", "tags", "enableFaultInjection"}
	tdReadOnly = []string{"taskDefinitionArn", "status", "requiresAttributes", "compatibilities", "registeredAt",
		"registeredBy", "deregisteredAt", "deleteRequestedAt"}
	ctModelled = []string{"name", "cpu", "memory", "memoryReservation", "essential", "portMappings",
		"resourceRequirements", "healthCheck", "stopTimeout"}
	ctNotModelled = []string{"image", "repositoryCredentials", "links", "entryPoint", "command", "environment",
		"environmentFiles", "mountPoints", "volumesFrom", "linuxParameters", "secrets", "dependsOn", "startTimeout",
		"hostname", "user", "workingDirectory", "disableNetworking", "privileged", "readonlyRootFilesystem",
		"dnsServers", "dnsSearchDomains", "extraHosts", "dockerSecurityOptions", "interactive", "pseudoTerminal",
		"dockerLabels", "ulimits", "logConfiguration", "systemControls", "firelensConfiguration", "restartPolicy",
		"versionConsistency", "credentialSpecs"}
)

// TaskDefinitionJSON imports a task definition: the register-task-definition
// input (bare) or a describe/register output ({"taskDefinition": {...}}).
func TaskDefinitionJSON(file string, data []byte) (*File, error) {
	return importAs(file, data, KindTaskDefinition)
}

func taskDefinition(r *report, m map[string]any) *TaskDefinition {
	top := newObj(r, m, "")
	o := top
	if inner, ok := top.object("taskDefinition"); ok {
		top.skip("not modelled", "tags")
		top.finish("taskDefinition", "tags")
		o = inner
	} else if !o.has("family") && !o.has("containerDefinitions") && o.has("image") {
		r.refuse("", "this is a single container definition, not a task definition: it has no family and no containerDefinitions")
		return nil
	}
	td := &TaskDefinition{}
	d := &td.Def
	d.Family, _ = o.str("family")
	if strings.TrimSpace(d.Family) == "" {
		r.refuse(o.field("family"), "family is empty: ECS rejects a task definition without one (is this a generate-cli-skeleton template?)")
	}
	d.Revision, _ = o.integer("revision")
	d.CPU = catalog.CPUUnits(sizeField(o, "cpu", units.ParseCPUUnits))
	d.Memory = catalog.MiB(sizeField(o, "memory", units.ParseMemoryMiB))
	readNetworkMode(o, d)
	td.RequiresCompatibilities = o.strings("requiresCompatibilities")
	readPlatform(o, d)
	if es, ok := o.object("ephemeralStorage"); ok {
		if n, ok := es.integer("sizeInGiB"); ok {
			if n < 21 || n > 200 {
				r.refuse(es.field("sizeInGiB"), fmt.Sprintf("%d GiB: ECS accepts 21–200 GiB", n))
			}
			d.EphemeralStorageGiB = n
		}
		es.finish("sizeInGiB")
	}
	d.Constraints = readConstraints(o, "placementConstraints")
	readContainers(o, d)
	if compat, ok := o.m["compatibilities"].([]any); ok && len(td.RequiresCompatibilities) == 0 {
		for _, c := range compat {
			if s, ok := c.(string); ok {
				td.RequiresCompatibilities = append(td.RequiresCompatibilities, s)
			}
		}
	}
	checkTaskSize(o, d, td.RequiresCompatibilities)
	o.skip("not modelled", tdNotModelled...)
	o.skip("read-only state of a describe output, not imported", tdReadOnly...)
	o.finish(append(append(tdModelled, tdNotModelled...), tdReadOnly...)...)
	return td
}

// sizeField reads a task size given as a number or a string with a unit.
func sizeField(o *obj, k string, parse func(string) (int64, error)) int64 {
	v, ok := o.get(k)
	if !ok {
		return 0
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case json.Number:
		s = x.String()
	default:
		o.typeErr(k, "a size (a number or a string such as \"1 vCPU\")", v)
		return 0
	}
	if strings.TrimSpace(s) == "" {
		return 0
	}
	n, err := parse(s)
	if err != nil {
		o.r.refuse(o.field(k), err.Error())
	}
	return n
}

func readNetworkMode(o *obj, d *models.TaskDef) {
	nm, ok := o.str("networkMode")
	if !ok {
		return
	}
	switch m := models.NetworkMode(nm); m {
	case models.NetworkAwsvpc, models.NetworkBridge, models.NetworkHost, models.NetworkNone:
		d.NetworkMode = m
	default:
		o.r.refuse(o.field("networkMode"), fmt.Sprintf("%q: ECS knows awsvpc, bridge, host and none", nm))
	}
}

func readPlatform(o *obj, d *models.TaskDef) {
	rp, ok := o.object("runtimePlatform")
	if !ok {
		return
	}
	if fam, ok := rp.str("operatingSystemFamily"); ok {
		switch {
		case fam == "LINUX":
			d.OS = catalog.OSLinux
		case strings.HasPrefix(fam, "WINDOWS_SERVER_"):
			d.OS = catalog.OSWindows
		default:
			rp.r.refuse(rp.field("operatingSystemFamily"), fmt.Sprintf("%q: expected LINUX or WINDOWS_SERVER_…", fam))
		}
	}
	if arch, ok := rp.str("cpuArchitecture"); ok {
		switch arch {
		case "X86_64":
			d.Arch = catalog.ArchX86_64
		case "ARM64":
			d.Arch = catalog.ArchARM64
		default:
			rp.r.refuse(rp.field("cpuArchitecture"), fmt.Sprintf("%q: expected X86_64 or ARM64", arch))
		}
	}
	rp.finish("operatingSystemFamily", "cpuArchitecture")
}

// readConstraints reads placementConstraints of a task definition or service.
func readConstraints(o *obj, k string) []models.PlacementConstraint {
	var out []models.PlacementConstraint
	for _, c := range o.objects(k) {
		typ, _ := c.str("type")
		expr, _ := c.str("expression")
		if typ != "memberOf" && typ != "distinctInstance" {
			c.r.refuse(c.field("type"), fmt.Sprintf("%q: expected memberOf or distinctInstance", typ))
		}
		if typ == "memberOf" && strings.TrimSpace(expr) == "" {
			c.r.refuse(c.field("expression"), "a memberOf constraint needs an expression")
		}
		out = append(out, models.PlacementConstraint{Type: typ, Expression: expr})
		c.finish("type", "expression")
	}
	return out
}

func readContainers(o *obj, d *models.TaskDef) {
	cs := o.objects("containerDefinitions")
	if len(cs) == 0 && !o.has("containerDefinitions") {
		o.r.refuse(o.field("containerDefinitions"), "a task definition needs at least one container definition")
	}
	var checks []*models.HealthCheck
	for _, c := range cs {
		cd, hc, stop := readContainer(c)
		d.Containers = append(d.Containers, cd)
		if hc != nil && cd.Essential {
			checks = append(checks, hc)
		}
		d.StopTimeout = max(d.StopTimeout, stop)
	}
	// Modelling choice: a task is healthy when its slowest essential health
	// check passes, so the task takes the slowest of them.
	for _, hc := range checks {
		if d.HealthCheck == nil || healthTime(hc) > healthTime(d.HealthCheck) {
			d.HealthCheck = hc
		}
	}
	if len(checks) > 1 {
		o.r.warn(o.field("containerDefinitions"), "several essential containers have health checks: the slowest decides when the task is healthy")
	}
}

func healthTime(h *models.HealthCheck) time.Duration {
	return h.StartPeriod + time.Duration(h.Retries)*h.Interval
}

func readContainer(c *obj) (models.ContainerDef, *models.HealthCheck, time.Duration) {
	cd := models.ContainerDef{Essential: true}
	cd.Name, _ = c.str("name")
	if strings.TrimSpace(cd.Name) == "" {
		c.r.refuse(c.field("name"), "a container needs a name")
	}
	cpu, _ := c.integer("cpu")
	mem, _ := c.integer("memory")
	res, _ := c.integer("memoryReservation")
	if cpu < 0 || mem < 0 || res < 0 {
		c.r.refuse(c.path, "cpu, memory and memoryReservation must not be negative")
	}
	cd.CPU, cd.Memory, cd.MemoryReservation = catalog.CPUUnits(cpu), catalog.MiB(mem), catalog.MiB(res)
	if e, ok := c.boolean("essential"); ok {
		cd.Essential = e
	}
	cd.Ports = readPorts(c)
	cd.GPUs = readGPUs(c)
	var stop time.Duration
	if s, ok := c.integer("stopTimeout"); ok {
		stop = time.Duration(s) * time.Second
	}
	hc := readHealthCheck(c)
	c.skip("not modelled", ctNotModelled...)
	c.finish(append(ctModelled, ctNotModelled...)...)
	return cd, hc, stop
}

func readPorts(c *obj) []models.PortMapping {
	var out []models.PortMapping
	for _, p := range c.objects("portMappings") {
		pm := models.PortMapping{}
		pm.ContainerPort, _ = p.integer("containerPort")
		pm.HostPort, _ = p.integer("hostPort")
		pm.Protocol, _ = p.str("protocol")
		if pm.ContainerPort <= 0 || pm.ContainerPort > 65535 || pm.HostPort < 0 || pm.HostPort > 65535 {
			p.r.refuse(p.path, "containerPort must be 1–65535 and hostPort 0–65535")
		}
		if pm.Protocol != "" && pm.Protocol != "tcp" && pm.Protocol != "udp" {
			p.r.refuse(p.field("protocol"), fmt.Sprintf("%q: expected tcp or udp", pm.Protocol))
		}
		p.skip("not modelled", "name", "appProtocol", "containerPortRange", "hostPortRange")
		p.finish("containerPort", "hostPort", "protocol", "name", "appProtocol", "containerPortRange", "hostPortRange")
		out = append(out, pm)
	}
	return out
}

func readGPUs(c *obj) int {
	n := 0
	for _, rr := range c.objects("resourceRequirements") {
		typ, _ := rr.str("type")
		switch typ {
		case "GPU":
			g, _ := rr.integer("value")
			n += g
		default:
			rr.get("value")
			rr.r.warn(rr.path, fmt.Sprintf("resource requirement %q not modelled", typ))
		}
		rr.finish("type", "value")
	}
	return n
}

func readHealthCheck(c *obj) *models.HealthCheck {
	h, ok := c.object("healthCheck")
	if !ok {
		return nil
	}
	hc := &models.HealthCheck{Interval: 30 * time.Second, Retries: 3} // ECS defaults (ref §3.4)
	if v, ok := h.integer("interval"); ok && v > 0 {
		hc.Interval = time.Duration(v) * time.Second
	}
	if v, ok := h.integer("retries"); ok && v > 0 {
		hc.Retries = v
	}
	if v, ok := h.integer("startPeriod"); ok {
		hc.StartPeriod = time.Duration(v) * time.Second
	}
	h.skip("not modelled (a check's own duration is not simulated)", "command", "timeout")
	h.finish("command", "interval", "timeout", "retries", "startPeriod")
	return hc
}

// checkTaskSize refuses sizes ECS rejects: Fargate without task-level
// sizes, and containers without memory in a task without memory.
func checkTaskSize(o *obj, d *models.TaskDef, compat []string) {
	for _, c := range compat {
		if c == "FARGATE" && (d.CPU == 0 || d.Memory == 0) {
			o.r.refuse(o.path, "requiresCompatibilities includes FARGATE but task-level cpu and memory are not both given (Fargate requires them)")
		}
	}
	if d.Memory > 0 {
		return
	}
	var none []string
	for i, c := range d.Containers {
		if c.Memory == 0 && c.MemoryReservation == 0 {
			name := c.Name
			if name == "" {
				name = fmt.Sprintf("#%d", i)
			}
			none = append(none, name)
		}
	}
	if len(none) > 0 {
		o.r.refuse(o.field("containerDefinitions"), fmt.Sprintf("container(s) %s give neither memory nor memoryReservation and the task has no memory: ECS rejects this", strings.Join(none, ", ")))
	}
}

package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/ecsim/ecsim/models"
)

// Service is an imported ECS service. Config.TaskDef holds the task
// definition as family or family:revision (an ARN is shortened).
type Service struct {
	Config  models.ServiceConfig
	Cluster string
}

var (
	svcModelled = []string{"serviceName", "taskDefinition", "desiredCount", "launchType", "capacityProviderStrategy",
		"placementConstraints", "placementStrategy", "schedulingStrategy", "deploymentConfiguration",
		"healthCheckGracePeriodSeconds", "loadBalancers", "deploymentController", "cluster", "clusterArn",
		"availabilityZoneRebalancing"}
	svcNotModelled = []string{"serviceRegistries", "clientToken", "platformVersion", "platformFamily", "role",
		"networkConfiguration", "tags", "enableECSManagedTags", "propagateTags", "enableExecuteCommand",
		"serviceConnectConfiguration", "volumeConfigurations", "vpcLatticeConfigurations"}
	svcReadOnly = []string{"serviceArn", "status", "runningCount", "pendingCount", "deployments", "events", "createdAt",
		"createdBy", "roleArn", "taskSets", "failures"}
)

// ServicesJSON imports services: a create-service input (bare), a
// create/update-service output ({"service": {...}}) or a describe-services
// output ({"services": [...]}).
func ServicesJSON(file string, data []byte) (*File, error) {
	return importAs(file, data, KindService)
}

func services(r *report, m map[string]any) []Service {
	top := newObj(r, m, "")
	var objs []*obj
	switch {
	case top.has("services"):
		objs = top.objects("services")
		if l, _ := top.list("failures"); len(l) > 0 {
			r.warn("failures", fmt.Sprintf("%d service(s) the describe call could not return", len(l)))
		}
		top.finish("services", "failures")
		if len(objs) == 0 {
			r.refuse("services", "the list holds no service")
		}
	case top.has("service"):
		o, _ := top.object("service")
		objs = []*obj{o}
		top.finish("service")
	default:
		objs = []*obj{top}
	}
	var out []Service
	for _, o := range objs {
		if o != nil {
			out = append(out, service(o))
		}
	}
	return out
}

func service(o *obj) Service {
	s := Service{}
	c := &s.Config
	c.Name, _ = o.str("serviceName")
	if strings.TrimSpace(c.Name) == "" {
		o.r.refuse(o.field("serviceName"), "serviceName is empty: ECS rejects a service without one (is this a generate-cli-skeleton template?)")
	}
	td, _ := o.str("taskDefinition")
	c.TaskDef = shortTaskDef(td)
	if c.TaskDef == "" {
		o.r.refuse(o.field("taskDefinition"), "taskDefinition is empty")
	}
	s.Cluster, _ = o.str("cluster")
	if arn, ok := o.str("clusterArn"); ok && s.Cluster == "" {
		s.Cluster = arn[strings.LastIndex(arn, "/")+1:]
	}
	c.DesiredCount, _ = o.integer("desiredCount")
	readLaunch(o, c)
	readPlacement(o, c)
	readDeployment(o, c)
	if g, ok := o.integer("healthCheckGracePeriodSeconds"); ok {
		c.HealthCheckGracePeriod = time.Duration(g) * time.Second
	}
	readLoadBalancers(o, c)
	if v, ok := o.str("availabilityZoneRebalancing"); ok {
		switch v {
		case "ENABLED", "DISABLED":
			on := v == "ENABLED"
			c.AZRebalancing = &on
		default:
			o.r.refuse(o.field("availabilityZoneRebalancing"), fmt.Sprintf("%q: expected ENABLED or DISABLED", v))
		}
	}
	if dc, ok := o.object("deploymentController"); ok {
		if t, _ := dc.str("type"); t != "" && t != "ECS" {
			dc.r.warn(dc.field("type"), fmt.Sprintf("%s deployments (blue/green or external) are not modelled: deployments are simulated as ECS rolling updates", t))
		}
		dc.finish("type")
	}
	o.skip("not modelled", svcNotModelled...)
	o.skip("read-only state of a describe output, not imported", svcReadOnly...)
	o.finish(append(append(svcModelled, svcNotModelled...), svcReadOnly...)...)
	return s
}

// shortTaskDef turns "arn:aws:ecs:…:task-definition/web:3" into "web:3".
func shortTaskDef(s string) string {
	if i := strings.LastIndex(s, ":task-definition/"); i >= 0 {
		return s[i+len(":task-definition/"):]
	}
	return strings.TrimSpace(s)
}

func readLaunch(o *obj, c *models.ServiceConfig) {
	if lt, ok := o.str("launchType"); ok {
		switch lt {
		case "EC2", "FARGATE":
			c.LaunchType = lt
		default:
			o.r.refuse(o.field("launchType"), fmt.Sprintf("%q: ecsim simulates EC2 and FARGATE", lt))
		}
	}
	c.CapacityProviderStrategy = readStrategy(o, "capacityProviderStrategy")
	if ss, ok := o.str("schedulingStrategy"); ok {
		switch ss {
		case "REPLICA":
		case "DAEMON":
			c.Daemon = true
		default:
			o.r.refuse(o.field("schedulingStrategy"), fmt.Sprintf("%q: expected REPLICA or DAEMON", ss))
		}
	}
}

// readStrategy reads a capacity provider strategy; ECS's default weight
// is 0 when omitted.
func readStrategy(o *obj, k string) []models.StrategyItem {
	var out []models.StrategyItem
	for _, it := range o.objects(k) {
		si := models.StrategyItem{}
		si.Provider, _ = it.str("capacityProvider")
		si.Weight, _ = it.integer("weight")
		si.Base, _ = it.integer("base")
		if strings.TrimSpace(si.Provider) == "" {
			it.r.refuse(it.field("capacityProvider"), "capacityProvider is empty")
		}
		if si.Base < 0 || si.Base > 100000 || si.Weight < 0 || si.Weight > 1000 {
			it.r.refuse(it.path, "base must be 0–100000 and weight 0–1000")
		}
		it.finish("capacityProvider", "weight", "base")
		out = append(out, si)
	}
	return out
}

func readPlacement(o *obj, c *models.ServiceConfig) {
	c.PlacementConstraints = readConstraints(o, "placementConstraints")
	for _, ps := range o.objects("placementStrategy") {
		typ, _ := ps.str("type")
		field, _ := ps.str("field")
		switch typ {
		case "binpack", "spread", "random":
		default:
			ps.r.refuse(ps.field("type"), fmt.Sprintf("%q: expected binpack, spread or random", typ))
		}
		if typ != "random" && strings.TrimSpace(field) == "" {
			ps.r.refuse(ps.field("field"), typ+" needs a field")
		}
		c.PlacementStrategy = append(c.PlacementStrategy, models.PlacementStrategy{Type: typ, Field: field})
		ps.finish("type", "field")
	}
}

func readDeployment(o *obj, c *models.ServiceConfig) {
	dc, ok := o.object("deploymentConfiguration")
	if !ok {
		return
	}
	d := &c.Deployment
	d.MaximumPercent, _ = dc.integer("maximumPercent")
	d.MinimumHealthyPercent, _ = dc.integer("minimumHealthyPercent")
	if d.MaximumPercent == 0 && d.MinimumHealthyPercent == 0 && dc.has("maximumPercent") {
		dc.r.refuse(dc.field("maximumPercent"), "maximumPercent 0: ECS needs at least 100 (is this a generate-cli-skeleton template?)")
	}
	if cb, ok := dc.object("deploymentCircuitBreaker"); ok {
		d.CircuitBreaker, _ = cb.boolean("enable")
		d.Rollback, _ = cb.boolean("rollback")
		cb.finish("enable", "rollback")
	}
	if al, ok := dc.object("alarms"); ok {
		if on, _ := al.boolean("enable"); on {
			al.r.warn(al.path, "CloudWatch alarm rollback of deployments is not modelled")
		}
		al.skip("not modelled", "alarmNames", "rollback")
		al.finish("enable", "alarmNames", "rollback")
	}
	dc.skip("not modelled", "strategy", "bakeTimeInMinutes", "lifecycleHooks")
	dc.finish("maximumPercent", "minimumHealthyPercent", "deploymentCircuitBreaker", "alarms", "strategy", "bakeTimeInMinutes", "lifecycleHooks")
}

// readLoadBalancers attaches the first load balancer with ECS's target
// group defaults: the target group's own settings are not in the service.
func readLoadBalancers(o *obj, c *models.ServiceConfig) {
	lbs := o.objects("loadBalancers")
	for i, lb := range lbs {
		lb.skip("not modelled (the target group's settings are not in the service)", "targetGroupArn", "loadBalancerName", "containerName", "containerPort")
		lb.finish("targetGroupArn", "loadBalancerName", "containerName", "containerPort")
		if i == 0 {
			c.LoadBalancer = &models.LoadBalancerConfig{}
		}
	}
	if len(lbs) > 0 {
		o.r.warn(o.field("loadBalancers"), "a target group with ECS's default health check (30 s × 5) and deregistration delay (300 s) is assumed")
	}
}

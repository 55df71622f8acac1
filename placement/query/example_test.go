package query_test

import (
	"fmt"

	"github.com/ecsim/ecsim/placement/query"
)

type instance struct{ az, typ string }

func (i instance) Attribute(name string) (string, bool) {
	switch name {
	case "ecs.availability-zone":
		return i.az, true
	case "ecs.instance-type":
		return i.typ, true
	}
	return "", false
}
func (instance) EC2InstanceID() string  { return "i-0123" }
func (instance) AgentConnected() bool   { return true }
func (instance) AgentVersion() string   { return "1.80.0" }
func (instance) RegisteredAt() int64    { return 0 }
func (instance) RunningTasksCount() int { return 0 }
func (instance) NumTaskGroups() int     { return 0 }
func (instance) TaskGroup(int) string   { return "" }

func Example() {
	e, err := query.Parse("attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e)
	fmt.Println(e.Eval(instance{az: "us-east-1a", typ: "g2.2xlarge"}))
	fmt.Println(e.Eval(instance{az: "us-east-1d", typ: "g2.2xlarge"}))

	_, err = query.Parse("attribute:ecs.instance-type =~")
	fmt.Println(err)
	// Output:
	// attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d
	// true
	// false
	// query: offset 30: expected a value (a word or a quoted string), found end of expression
}

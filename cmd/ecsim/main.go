// Command ecsim is the CLI of the ECS simulator and capacity planner.
package main

import (
	"os"
	_ "time/tzdata" // time zones of schedules and demand do not depend on the host
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

package importer_test

import (
	"fmt"

	"github.com/ecsim/ecsim/scenarios/importer"
)

// A task definition with sizes as strings, wrapped as describe output;
// fields ecsim does not model come back as warnings.
func ExampleImport() {
	doc := `{"taskDefinition": {"family": "web", "revision": 4, "cpu": "1 vCPU", "memory": "2 GB", "networkMode": "awsvpc",
	  "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
	  "containerDefinitions": [{"name": "app", "image": "web:4", "portMappings": [{"containerPort": 8080}]}]}}`
	f, err := importer.Import("web.json", []byte(doc))
	if err != nil {
		panic(err)
	}
	d := f.TaskDefinitions[0].Def
	fmt.Println(f.Kind, d.Ref(), d.CPU, d.Memory, d.NetworkMode)
	for _, w := range f.Warnings {
		fmt.Println(w)
	}
	// Output:
	// task-definition web:4 1024 CPU units 2048 MiB awsvpc
	// web.json: taskDefinition.containerDefinitions[0]: not modelled: image
	// web.json: taskDefinition: not modelled: executionRoleArn
}

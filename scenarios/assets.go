package scenarios

import (
	"bytes"
	"errors"
	"path"
	"strings"

	"github.com/ecsim/ecsim/models/workload"
	"github.com/ecsim/ecsim/scenarios/importer"
)

// assets caches the files a scenario references (task definition JSON,
// traces, catalogue overlays), read once while loading. After Load the
// cache is frozen: Build only reads it, so runs may build concurrently.
type assets struct {
	files    map[string]fileEntry
	taskDefs map[string]*importer.File
	traces   map[string]*workload.Trace
	frozen   bool
}

type fileEntry struct {
	data []byte
	name string
	err  error
}

func newAssets() *assets {
	return &assets{files: map[string]fileEntry{}, taskDefs: map[string]*importer.File{}, traces: map[string]*workload.Trace{}}
}

// read returns a referenced file's bytes and display name.
func (a *assets) read(src *sourceFile, rel string) ([]byte, string, error) {
	if e, ok := a.files[rel]; ok {
		return e.data, e.name, e.err
	}
	data, name, err := src.read(rel)
	if !a.frozen {
		a.files[rel] = fileEntry{data: data, name: name, err: err}
	}
	return data, name, err
}

// taskDefinition imports a task definition JSON file.
func (a *assets) taskDefinition(src *sourceFile, rel string) (*importer.File, string, error) {
	data, name, err := a.read(src, rel)
	if err != nil {
		return nil, name, err
	}
	if f, ok := a.taskDefs[name]; ok {
		return f, name, nil
	}
	f, err := importer.TaskDefinitionJSON(name, data)
	if err == nil && !a.frozen {
		a.taskDefs[name] = f
	}
	return f, name, err
}

// trace parses a trace file as CSV or a CloudWatch export.
func (a *assets) trace(src *sourceFile, rel, format, id string) (*workload.Trace, string, error) {
	data, name, err := a.read(src, rel)
	if err != nil {
		return nil, name, err
	}
	if format == "" {
		format = "csv"
		if strings.EqualFold(path.Ext(rel), ".json") {
			format = "cloudwatch"
		}
	}
	key := format + "\x00" + id + "\x00" + name
	if tr, ok := a.traces[key]; ok {
		return tr, name, nil
	}
	var tr *workload.Trace
	switch format {
	case "csv":
		tr, err = workload.ParseCSV(name, bytes.NewReader(data))
	case "cloudwatch":
		tr, err = workload.ParseCloudWatch(name, bytes.NewReader(data), id)
	default:
		err = errors.New("unknown trace format " + format)
	}
	if err == nil && !a.frozen {
		a.traces[key] = tr
	}
	return tr, name, err
}

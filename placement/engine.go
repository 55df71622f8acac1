package placement

// Engine is a placement engine: it holds a cluster's container instances and
// the tasks placed on them, places new tasks and picks tasks to stop.
// Reference and Index implement it and, given the same seed and the same
// sequence of calls, return the same results.
//
// Engines are not safe for concurrent use.
type Engine interface {
	// AddInstance registers an instance under the caller's id.
	AddInstance(id InstanceID, spec InstanceSpec) error
	// RemoveInstance deregisters an instance; it must hold no tasks.
	RemoveInstance(id InstanceID) error
	// SetStatus changes an instance's status (ACTIVE or DRAINING).
	SetStatus(id InstanceID, s Status) error
	// SetAgentConnected records the agent connecting or disconnecting.
	SetAgentConnected(id InstanceID, connected bool) error
	// SetAttributes replaces all attributes of an instance (PutAttributes,
	// DeleteAttributes).
	SetAttributes(id InstanceID, attrs []Attribute) error

	// Place places up to count tasks of req, one after the other (each sees
	// the previous ones), appending them to dst. If a task cannot be placed,
	// Place stops and the Failure says why. Errors are reserved for invalid
	// requests, including a task larger than every registered instance.
	Place(dst []Placement, req *Request, count int) ([]Placement, Failure, error)
	// PlaceOn places one task of req on the given instance if it passes every
	// check except the strategies (the StartTask API, daemon tasks).
	PlaceOn(id InstanceID, req *Request) (TaskID, Failure, error)
	// StopTask marks a task as stopping: it no longer counts for its group
	// (spread, distinctInstance, task:group, runningTasksCount) but keeps its
	// resources and ports until RemoveTask.
	StopTask(t TaskID) error
	// RemoveTask releases a task's resources and ports and its ID.
	RemoveTask(t TaskID) error
	// SetTaskPriority sets a task's scale-in priority.
	SetTaskPriority(t TaskID, p Priority) error
	// ScaleIn picks up to count running tasks of req.Group to stop, one after
	// the other, marks them stopping and appends them to dst. It returns
	// fewer when the group has no more candidates.
	ScaleIn(dst []TaskID, req *ScaleInRequest, count int) ([]TaskID, error)

	// Instance returns a snapshot of an instance.
	Instance(id InstanceID) (InstanceInfo, bool)
	// Task returns a snapshot of a task.
	Task(t TaskID) (TaskInfo, bool)
	// SetTrace installs (or, with nil, removes) a failure trace.
	SetTrace(t Trace)
}

// Config holds engine options shared by every engine.
type Config struct {
	// TieDraws is the number of uniform draws the tie-break makes before its
	// ordered fallback; 0 means DefaultTieDraws.
	TieDraws int
}

// DefaultTieDraws is the default Config.TieDraws.
const DefaultTieDraws = 8

func (c Config) draws() int {
	if c.TieDraws <= 0 {
		return DefaultTieDraws
	}
	return c.TieDraws
}

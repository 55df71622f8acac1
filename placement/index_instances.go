package placement

import (
	"fmt"
	"slices"
)

// grow extends the per-instance arrays to hold id.
func (e *Index) grow(id InstanceID) {
	for int(id) >= len(e.meta) {
		e.meta = append(e.meta, ixInstance{})
		e.ok = append(e.ok, false)
		e.rem = append(e.rem, Resources{})
		for a := range e.attrs.vals {
			e.attrs.vals[a] = append(e.attrs.vals[a], 0)
		}
		for _, p := range e.parts {
			p.cellOf = append(p.cellOf, -1)
		}
	}
}

func (e *Index) instance(id InstanceID) (*ixInstance, error) {
	if !e.present(id) {
		return nil, fmt.Errorf("instance %d is not registered", id)
	}
	return &e.meta[id], nil
}

// change says what an update of one instance touches, so that detach and
// attach leave untouched structures alone.
type change struct {
	all   bool  // attributes, status or agent: every structure
	rem   bool  // remaining resources: placement views, binpack scale views
	group int32 // the group whose counts change, or −1
}

var changeAll = change{all: true, rem: true, group: -1}

// touches reports whether a scale view of group gi must be re-keyed.
func (c change) touches(sv *scaleView, gi int32) bool {
	return c.all || gi == c.group || (c.rem && sv.kind == primBinpack)
}

// detach takes instance id out of the placement views when ch changes its
// remaining resources or status; call it before the change, then attach with
// the same ch. (Scale views are re-keyed in place by attach.)
func (e *Index) detach(id InstanceID, ch change) {
	if ch.rem {
		for _, v := range e.views {
			e.viewDetach(v, id)
		}
	}
}

// attach puts instance id back into the placement views and re-keys it in
// the scale views that ch touches.
func (e *Index) attach(id InstanceID, ch change) {
	if ch.rem {
		for _, v := range e.views {
			e.viewAttach(v, id)
		}
	}
	if e.scaleViews == 0 {
		return
	}
	for _, ent := range e.meta[id].groups {
		if !e.scaled[ent.group] {
			continue
		}
		for _, sv := range e.groups[ent.group].sc.views {
			if ch.touches(sv, ent.group) {
				e.scaleSync(sv, id, ent)
			}
		}
	}
}

func (e *Index) updateOK(id InstanceID) {
	m := &e.meta[id]
	e.ok[id] = m.present && m.status == StatusActive && m.connected
}

// AddInstance implements Engine.
func (e *Index) AddInstance(id InstanceID, spec InstanceSpec) error {
	if err := checkInstanceID(id); err != nil {
		return fmt.Errorf("add instance: %w", err)
	}
	ports, err := checkSpec(&spec)
	if err != nil {
		return fmt.Errorf("add instance %d: %w", id, err)
	}
	e.grow(id)
	if e.meta[id].present {
		return fmt.Errorf("add instance: instance %d is already registered", id)
	}
	spec.Attributes = slices.Clone(spec.Attributes)
	e.meta[id] = ixInstance{present: true, spec: spec, status: spec.Status, connected: !spec.AgentDisconnected,
		regAt: spec.RegisteredAt.Unix(), ports: ports}
	e.rem[id] = spec.Capacity
	e.countCapacity(spec.Capacity, 1)
	e.updateOK(id)
	for a := range e.attrs.vals {
		e.attrs.vals[a][id] = e.valueOf(int32(a), id)
	}
	for _, p := range e.parts {
		e.partAdd(p, id)
	}
	e.evalExprs(id, false)
	e.attach(id, changeAll)
	e.space = max(e.space, int32(id)+1)
	return nil
}

// RemoveInstance implements Engine.
func (e *Index) RemoveInstance(id InstanceID) error {
	m, err := e.instance(id)
	if err != nil {
		return fmt.Errorf("remove instance: %w", err)
	}
	if len(m.tasks) > 0 {
		return fmt.Errorf("remove instance %d: it still holds %d tasks", id, len(m.tasks))
	}
	e.detach(id, changeAll)
	for _, p := range e.parts {
		e.partRemove(p, id)
	}
	e.countCapacity(m.spec.Capacity, -1)
	*m = ixInstance{}
	e.rem[id] = Resources{}
	e.updateOK(id)
	e.evalExprs(id, false)
	return nil
}

// SetStatus implements Engine.
func (e *Index) SetStatus(id InstanceID, s Status) error {
	m, err := e.instance(id)
	if err != nil {
		return fmt.Errorf("set status: %w", err)
	}
	if s > StatusDraining {
		return fmt.Errorf("set status of instance %d: unknown status %d", id, s)
	}
	e.detach(id, changeAll)
	m.status = s
	e.updateOK(id)
	e.evalExprs(id, false)
	e.attach(id, changeAll)
	return nil
}

// SetAgentConnected implements Engine.
func (e *Index) SetAgentConnected(id InstanceID, connected bool) error {
	m, err := e.instance(id)
	if err != nil {
		return fmt.Errorf("set agent connected: %w", err)
	}
	e.detach(id, changeAll)
	m.connected = connected
	e.updateOK(id)
	e.evalExprs(id, false)
	e.attach(id, changeAll)
	return nil
}

// SetAttributes implements Engine.
func (e *Index) SetAttributes(id InstanceID, attrs []Attribute) error {
	m, err := e.instance(id)
	if err != nil {
		return fmt.Errorf("set attributes: %w", err)
	}
	if err := checkAttributes("attrs", attrs); err != nil {
		return fmt.Errorf("set attributes of instance %d: %w", id, err)
	}
	e.detach(id, changeAll)
	for _, p := range e.parts {
		e.partRemove(p, id)
	}
	e.moveValueCounts(id, -1)
	m.spec.Attributes = slices.Clone(attrs)
	for a := range e.attrs.vals {
		e.attrs.vals[a][id] = e.valueOf(int32(a), id)
	}
	e.moveValueCounts(id, 1)
	for _, p := range e.parts {
		e.partAdd(p, id)
	}
	e.evalExprs(id, false)
	e.attach(id, changeAll)
	return nil
}

// moveValueCounts adds (sign 1) or removes (−1) the instance's running tasks
// from its groups' per-value counts.
func (e *Index) moveValueCounts(id InstanceID, sign int32) {
	for _, ent := range e.meta[id].groups {
		g := e.groups[ent.group]
		for a := range e.attrs.vals {
			g.addValueCount(int32(a), e.attrs.vals[a][id], sign*ent.running)
		}
	}
}

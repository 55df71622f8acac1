package placement

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ecsim/ecsim/placement/query"
)

// checkInstanceID validates an instance handle.
func checkInstanceID(id InstanceID) error {
	if id < 0 || id > MaxInstanceID {
		return fmt.Errorf("instance id %d out of range [0, %d]", id, MaxInstanceID)
	}
	return nil
}

// checkSpec validates spec and returns its reserved ports as a sorted key set.
func checkSpec(spec *InstanceSpec) ([]uint32, error) {
	if spec.Capacity.negative() {
		return nil, fmt.Errorf("Capacity: negative value in %v", spec.Capacity)
	}
	if spec.Status > StatusDraining {
		return nil, fmt.Errorf("Status: unknown status %d", spec.Status)
	}
	if err := checkAttributes("Attributes", spec.Attributes); err != nil {
		return nil, err
	}
	reserved := spec.ReservedPorts
	if reserved == nil {
		reserved = DefaultReservedPorts()
	}
	keys, err := appendPorts(nil, "ReservedPorts", reserved)
	if err != nil {
		return nil, err
	}
	slices.Sort(keys)
	return keys, nil
}

// checkAttributes applies the ECS rules for attribute names and values [S3].
func checkAttributes(field string, attrs []Attribute) error {
	for i, a := range attrs {
		if err := query.ValidAttributeName(a.Name); err != nil {
			return fmt.Errorf("%s[%d].Name: %w", field, i, err)
		}
		if err := validAttributeValue(a.Value); err != nil {
			return fmt.Errorf("%s[%d].Value (%s): %w", field, i, a.Name, err)
		}
		for _, b := range attrs[:i] {
			if b.Name == a.Name {
				return fmt.Errorf("%s[%d].Name: duplicate attribute %q", field, i, a.Name)
			}
		}
	}
	return nil
}

func validAttributeValue(v string) error {
	if v == "" || len(v) > 128 {
		return fmt.Errorf("value %q must be 1 to 128 characters", v)
	}
	if strings.TrimSpace(v) != v {
		return fmt.Errorf("value %q has leading or trailing white space", v)
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte(`-_.@/\: `, c) >= 0
		if !ok {
			return fmt.Errorf("value %q has invalid character %q", v, c)
		}
	}
	return nil
}

func checkCount(count int) error {
	if count < 0 {
		return fmt.Errorf("count %d is negative", count)
	}
	return nil
}

// errTooLarge reports a task no registered instance could ever hold.
func errTooLarge(need, largest Resources) error {
	var parts []string
	if need.CPU > largest.CPU {
		parts = append(parts, fmt.Sprintf("cpu %d units > largest %d", need.CPU, largest.CPU))
	}
	if need.Memory > largest.Memory {
		parts = append(parts, fmt.Sprintf("memory %d MiB > largest %d MiB", need.Memory, largest.Memory))
	}
	if need.GPU > largest.GPU {
		parts = append(parts, fmt.Sprintf("gpu %d > largest %d", need.GPU, largest.GPU))
	}
	if need.ENI > largest.ENI {
		parts = append(parts, fmt.Sprintf("task ENI %d > largest %d", need.ENI, largest.ENI))
	}
	if len(parts) == 0 {
		parts = append(parts, "no single instance has enough of every resource at once")
	}
	return fmt.Errorf("task (%v) is larger than any registered instance: %s", need, strings.Join(parts, ", "))
}

var errNoTask = errors.New("no such task")

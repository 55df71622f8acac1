package placement

import (
	"fmt"
	"slices"
)

// Protocol is a host port's transport protocol.
type Protocol uint8

// Transport protocols.
const (
	TCP Protocol = iota
	UDP
)

// String returns "tcp" or "udp".
func (p Protocol) String() string {
	if p == UDP {
		return "udp"
	}
	return "tcp"
}

// Port is a static host port. Dynamic host ports (hostPort 0 in bridge mode)
// never conflict and are not listed.
type Port struct {
	Number   uint16
	Protocol Protocol
}

// MaxHostPorts is the most reserved host ports an instance can hold,
// including the agent's defaults [S8].
const MaxHostPorts = 100

func (p Port) key() uint32 { return uint32(p.Protocol)<<16 | uint32(p.Number) }

// appendPorts validates ports and appends their keys, in the given order, to dst.
func appendPorts(dst []uint32, field string, ports []Port) ([]uint32, error) {
	if len(ports) > MaxHostPorts {
		return dst, fmt.Errorf("%s: %d host ports, at most %d allowed", field, len(ports), MaxHostPorts)
	}
	start := len(dst)
	for i, p := range ports {
		if p.Number == 0 {
			return dst, fmt.Errorf("%s[%d]: port 0 is a dynamic port; list only static host ports", field, i)
		}
		if p.Protocol > UDP {
			return dst, fmt.Errorf("%s[%d]: unknown protocol %d", field, i, p.Protocol)
		}
		if slices.Contains(dst[start:], p.key()) {
			return dst, fmt.Errorf("%s[%d]: duplicate host port %d/%s", field, i, p.Number, p.Protocol)
		}
		dst = append(dst, p.key())
	}
	return dst, nil
}

// portConflict returns the reason the sorted used set cannot take the
// requested ports (in request order), or ReasonNone.
func portConflict(used []uint32, req []uint32, reqReason Reason) Reason {
	for _, k := range req {
		if _, found := slices.BinarySearch(used, k); found {
			if k>>16 == uint32(UDP) {
				return ReasonPortsUDP
			}
			return ReasonPortsTCP
		}
	}
	if len(req) > 0 && len(used)+len(req) > MaxHostPorts {
		return reqReason
	}
	return ReasonNone
}

// addPorts inserts req into the sorted used set.
func addPorts(used []uint32, req []uint32) []uint32 {
	for _, k := range req {
		i, _ := slices.BinarySearch(used, k)
		used = slices.Insert(used, i, k)
	}
	return used
}

// removePorts deletes req from the sorted used set.
func removePorts(used []uint32, req []uint32) []uint32 {
	for _, k := range req {
		if i, found := slices.BinarySearch(used, k); found {
			used = slices.Delete(used, i, i+1)
		}
	}
	return used
}

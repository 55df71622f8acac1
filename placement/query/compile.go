package query

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// compileCond pre-parses the argument of c for its subject and operator.
func compileCond(c *cond, pos int) error {
	switch c.op {
	case OpExists, OpNotExists:
		return nil
	case OpMatches, OpNotMatches:
		re, err := regexp.Compile("^(?:" + c.values[0] + ")$")
		if err != nil {
			return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("invalid regular expression %q: %v", c.values[0], err)}
		}
		c.re = re
		return nil
	}
	switch c.subj {
	case SubjectRegisteredAt:
		for _, v := range c.values {
			t, err := parseTime(v)
			if err != nil {
				return &SyntaxError{Pos: pos, Msg: err.Error()}
			}
			c.ints = append(c.ints, t)
		}
	case SubjectRunningTasksCount:
		for _, v := range c.values {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("runningTasksCount needs a non-negative integer, got %q", v)}
			}
			c.ints = append(c.ints, n)
		}
	case SubjectAgentVersion:
		for _, v := range c.values {
			c.vers = append(c.vers, strings.Split(v, "."))
		}
	case SubjectAgentConnected:
		for _, v := range c.values {
			if v != "true" && v != "false" {
				return &SyntaxError{Pos: pos, Msg: fmt.Sprintf("agentConnected compares with true or false, got %q", v)}
			}
		}
	}
	c.isNum = true
	for _, v := range c.values {
		f, ok := parseDecimal(v)
		if !ok {
			c.isNum, c.nums = false, nil
			break
		}
		c.nums = append(c.nums, f)
	}
	return nil
}

var timeLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"}

// parseTime parses a registeredAt argument into Unix seconds (UTC when no zone).
func parseTime(v string) (int64, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t.Unix(), nil
		}
	}
	return 0, fmt.Errorf("registeredAt needs a time like 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18, got %q", v)
}

// parseDecimal parses an optionally signed decimal number without exponent, so
// that values such as "inf" or "0x10" stay strings.
func parseDecimal(s string) (float64, bool) {
	digits := 0
	dot := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case (c == '-' || c == '+') && i == 0:
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// compareVersions compares dotted versions: numeric components numerically,
// others lexically; when one is a prefix of the other the shorter sorts first
// ("1.14" < "1.14.0").
func compareVersions(a string, b []string) int {
	rest, more := a, true
	for i := 0; ; i++ {
		if !more {
			if i < len(b) {
				return -1
			}
			return 0
		}
		if i >= len(b) {
			return 1
		}
		part, r, found := strings.Cut(rest, ".")
		if c := compareComponent(part, b[i]); c != 0 {
			return c
		}
		rest, more = r, found
	}
}

func compareComponent(a, b string) int {
	an, aok := atoiSmall(a)
	bn, bok := atoiSmall(b)
	if aok && bok {
		switch {
		case an < bn:
			return -1
		case an > bn:
			return 1
		}
		return 0
	}
	return strings.Compare(a, b)
}

func atoiSmall(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

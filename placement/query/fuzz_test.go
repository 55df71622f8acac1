package query

import (
	"errors"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error is a positioned
// *SyntaxError within the input, and that the canonical form of an accepted
// expression parses to the same canonical form and evaluates identically.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
		"ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
		"not(task:group == database)",
		"runningTasksCount == 1",
		"agentVersion < 1.14.5",
		"registeredAt < 2018-02-13",
		"(attribute:a exists || attribute:b !exists) && !attribute:c not_in [x, \"y z\"]",
		"attribute:a =~ 'x|y'",
		"((((",
		"attribute:a == 'unterminated",
	} {
		f.Add(s)
	}
	env := testEnv()
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) returned %T, want *SyntaxError", src, err)
			}
			if se.Pos < 0 || se.Pos > len(src) {
				t.Fatalf("Parse(%q) error position %d outside input", src, se.Pos)
			}
			return
		}
		again, err := Parse(e.String())
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", e, src, err)
		}
		if again.String() != e.String() {
			t.Fatalf("canonical form not stable: %q -> %q", e, again)
		}
		if again.Eval(env) != e.Eval(env) {
			t.Fatalf("canonical form %q evaluates differently from %q", e, src)
		}
	})
}

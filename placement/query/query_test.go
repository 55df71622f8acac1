package query

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fakeEnv is a test instance.
type fakeEnv struct {
	attrs     map[string]string
	id        string
	connected bool
	version   string
	regAt     int64
	running   int
	groups    []string
}

func (f *fakeEnv) Attribute(n string) (string, bool) { v, ok := f.attrs[n]; return v, ok }
func (f *fakeEnv) EC2InstanceID() string             { return f.id }
func (f *fakeEnv) AgentConnected() bool              { return f.connected }
func (f *fakeEnv) AgentVersion() string              { return f.version }
func (f *fakeEnv) RegisteredAt() int64               { return f.regAt }
func (f *fakeEnv) RunningTasksCount() int            { return f.running }
func (f *fakeEnv) NumTaskGroups() int                { return len(f.groups) }
func (f *fakeEnv) TaskGroup(i int) string            { return f.groups[i] }

func testEnv() *fakeEnv {
	return &fakeEnv{
		attrs: map[string]string{
			"ecs.instance-type":     "g2.2xlarge",
			"ecs.availability-zone": "us-east-1a",
			"ecs.os-type":           "linux",
			"stack":                 "prod",
			"slots":                 "12",
			"label":                 "blue green",
		},
		id:        "i-abcd1234",
		connected: true,
		version:   "1.14.2",
		regAt:     time.Date(2018, 6, 18, 22, 28, 28, 0, time.UTC).Unix(),
		running:   1,
		groups:    []string{"service:production", "family:web"},
	}
}

// TestEvalDocumentedExamples checks the examples of the ECS cluster query
// language documentation against one instance.
func TestEvalDocumentedExamples(t *testing.T) {
	env := testEnv()
	tests := []struct {
		expr string
		want bool
	}{
		{"attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d", true},
		{"attribute:ecs.instance-type == t2.small", false},
		{"attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", true},
		{"attribute:ecs.instance-type =~ g2.*", true},
		{"ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", true},
		{"attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1d", false},
		{"(attribute:ecs.instance-type =~ t2.* or attribute:ecs.instance-type =~ g2.*) and attribute:ecs.availability-zone == us-east-1a", true},
		{"task:group == service:production", true},
		{"not(task:group == database)", true},
		{"runningTasksCount == 1", true},
		{"agentVersion < 1.14.5", true},
		{"registeredAt < 2018-02-13", false},
		{"attribute:ecs.instance-type =~ t2.* or attribute:ecs.instance-type =~ g2.*", true},
		{"attribute:stack exists", true},
		{"attribute:missing !exists", true},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := Parse(tt.expr)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := e.Eval(env); got != tt.want {
				t.Errorf("Eval = %v, want %v (canonical %q)", got, tt.want, e)
			}
		})
	}
}

func TestEvalSemantics(t *testing.T) {
	env := testEnv()
	tests := []struct {
		name string
		expr string
		want bool
	}{
		{"missing attribute equals", "attribute:nope == x", false},
		{"missing attribute not equals", "attribute:nope != x", true},
		{"missing attribute in", "attribute:nope in [a]", false},
		{"missing attribute not in", "attribute:nope not_in [a]", true},
		{"missing attribute matches", "attribute:nope =~ .*", false},
		{"missing attribute not matches", "attribute:nope !~ .*", true},
		{"missing attribute ordering", "attribute:nope > 1", false},
		{"numeric ordering", "attribute:slots > 9", true},
		{"numeric not lexical", "attribute:slots < 9", false},
		{"lexical ordering", "attribute:stack > alpha", true},
		{"case sensitive", "attribute:stack == PROD", false},
		{"regex full match", "attribute:stack =~ pro", false},
		{"regex alternation quoted", "attribute:stack =~ 'dev|prod'", true},
		{"quoted value with space", "attribute:label == 'blue green'", true},
		{"double quoted", `attribute:label == "blue green"`, true},
		{"word operators", "attribute:slots greater_than_equal 12 and attribute:slots less_than 13", true},
		{"precedence and over or", "attribute:stack == dev and attribute:stack == x or attribute:slots == 12", true},
		{"precedence not over and", "not attribute:stack == dev and attribute:slots == 12", true},
		{"symbol and or not", "!(attribute:stack == dev) && (attribute:slots == 1 || attribute:slots == 12)", true},
		{"task group regex", "task:group =~ family:.*", true},
		{"task group anti-affinity", "task:group != service:production", false},
		{"task group in", "task:group in [a, family:web]", true},
		{"agent connected", "agentConnected == true", true},
		{"agent version equal", "agentVersion == 1.14.2", true},
		{"agent version numeric components", "agentVersion > 1.9.9", true},
		{"agent version prefix", "agentVersion > 1.14", true},
		{"registered at datetime", "registeredAt == 2018-06-18T22:28:28Z", true},
		{"registered at offset", "registeredAt >= 2018-06-18T23:28:28+01:00", true},
		{"registered at local form", "registeredAt < 2018-06-18T22:28:29", true},
		{"running tasks", "runningTasksCount <= 0", false},
		{"not exists word", "attribute:stack not_exists", false},
		{"bang in", "attribute:stack !in [prod]", false},
		{"bang in spaced", "attribute:stack ! in [dev]", true},
		{"value that is a keyword", "attribute:stack == 'and'", false},
		{"nested parentheses", "((attribute:stack == prod))", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse(tt.expr)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.expr, err)
			}
			if got := e.Eval(env); got != tt.want {
				t.Errorf("Eval(%q) = %v, want %v (canonical %q)", tt.expr, got, tt.want, e)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name    string
		expr    string
		pos     int
		message string
	}{
		{"empty", "", 0, "expected a condition subject"},
		{"unknown subject", "colour == red", 0, "expected a condition subject"},
		{"missing operator", "attribute:a", 11, "expected an operator"},
		{"missing value", "attribute:a ==", 14, "expected a value"},
		{"unterminated string", "attribute:a == 'x", 15, "unterminated string"},
		{"unclosed paren", "(attribute:a == x", 17, `expected ")"`},
		{"trailing garbage", "attribute:a == x y", 17, `expected "and", "or"`},
		{"list without bracket", "attribute:a in x", 15, `expected "["`},
		{"list missing comma", "attribute:a in [x y]", 18, `expected "," or "]"`},
		{"empty list", "attribute:a in []", 16, "expected a value"},
		{"bad attribute name", "attribute:a$b == x", 10, "invalid character"},
		{"operator not allowed", "agentConnected > true", 15, "operator > is not supported for subject agentConnected"},
		{"exists on non-attribute", "ec2InstanceId exists", 14, "not supported"},
		{"bad regex", "attribute:a =~ 'a(b'", 12, "invalid regular expression"},
		{"bad time", "registeredAt < yesterday", 13, "registeredAt needs a time"},
		{"bad count", "runningTasksCount > many", 18, "non-negative integer"},
		{"bad bool", "agentConnected == yes", 15, "true or false"},
		{"dangling and", "attribute:a == x and", 20, "expected a condition subject"},
		{"bang without exists", "attribute:a ! x", 14, `expected "exists" or "in"`},
		{"stray symbol", "attribute:a == x & y", 17, "expected a condition, operator or value"},
		{"parenthesised value", "attribute:a == (x)", 15, "expected a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.expr)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want *SyntaxError", tt.expr, err)
			}
			if se.Pos != tt.pos || !strings.Contains(se.Error(), tt.message) {
				t.Errorf("Parse(%q) = %v (pos %d), want pos %d and %q", tt.expr, se, se.Pos, tt.pos, tt.message)
			}
		})
	}
}

func TestCanonicalRoundTrip(t *testing.T) {
	tests := []struct{ in, canon string }{
		{"attribute:a==b", "attribute:a == b"},
		{"a_b", ""},
		{"attribute:a equals b or not attribute:c exists and task:group =~ 'x|y'",
			"attribute:a == b or (not (attribute:c exists) and task:group =~ 'x|y')"},
		{"not (attribute:a in ['p q', r] || attribute:b !exists)", "not (attribute:a in ['p q', r] or attribute:b !exists)"},
		{`attribute:a == "it's"`, `attribute:a == "it's"`},
		{"attribute:a == 'or'", "attribute:a == 'or'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := Parse(tt.in)
			if tt.canon == "" {
				if err == nil {
					t.Fatalf("Parse(%q) succeeded, want error", tt.in)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if e.String() != tt.canon {
				t.Errorf("String() = %q, want %q", e, tt.canon)
			}
			again, err := Parse(e.String())
			if err != nil || again.String() != e.String() {
				t.Errorf("reparse of %q = %v, %v", e, again, err)
			}
		})
	}
}

func TestDynamicAndAttributes(t *testing.T) {
	e := MustParse("attribute:z == 1 and (attribute:a exists or runningTasksCount < 3) and attribute:z != 2")
	if !e.Dynamic() {
		t.Error("Dynamic() = false, want true (runningTasksCount)")
	}
	if got := strings.Join(e.Attributes(), ","); got != "a,z" {
		t.Errorf("Attributes() = %q, want a,z", got)
	}
	if MustParse("attribute:a == b").Dynamic() {
		t.Error("static expression reported dynamic")
	}
	if !MustParse("not(task:group == x)").Dynamic() {
		t.Error("task:group expression not dynamic")
	}
}

func TestAttributeIn(t *testing.T) {
	e, err := AttributeIn("ecs.cpu-architecture", []string{"arm64", "weird value"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.String(), "attribute:ecs.cpu-architecture in [arm64, 'weird value']"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if _, err := AttributeIn("bad name", []string{"x"}); err == nil {
		t.Error("AttributeIn with invalid name succeeded")
	}
}

func TestEvalDoesNotAllocate(t *testing.T) {
	e := MustParse("attribute:ecs.instance-type =~ g2.* and not(task:group == db) and agentVersion >= 1.2 and attribute:slots > 3")
	env := testEnv()
	if n := testing.AllocsPerRun(100, func() { e.Eval(env) }); n != 0 {
		t.Errorf("Eval allocates %v times per run, want 0", n)
	}
}

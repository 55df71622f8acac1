package scenarios

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// positions maps rendered key paths ("services.web.desired_count",
// "variants[1].overrides.duration", "services.web.scaling.target_tracking[0]")
// to the 1-based line where the key, table header or list element starts.
//
// BurntSushi/toml keeps key positions internally and keys elements of
// arrays of tables by name only, so the scanner below re-reads the (already
// validated) document to place every key, including list elements and keys
// of inline tables.
type positions map[string]int

// scanPositions returns the positions of src, which must already have
// parsed as TOML; on anything unexpected it stops and returns what it has.
func scanPositions(src []byte) positions {
	s := &posScanner{src: src, line: 1, pos: positions{}, arrays: map[string]int{}, aot: map[string]bool{}}
	s.document()
	return s.pos
}

type posScanner struct {
	src    []byte
	i      int
	line   int
	pos    positions
	arrays map[string]int  // array-of-tables path → elements seen
	aot    map[string]bool // paths that are arrays of tables
	cur    keyPath         // the table the next key = value belongs to
	broken bool
}

func (s *posScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func (s *posScanner) done() bool { return s.broken || s.i >= len(s.src) }

func (s *posScanner) advance() {
	if s.i < len(s.src) {
		if s.src[s.i] == '\n' {
			s.line++
		}
		s.i++
	}
}

func (s *posScanner) mark(p keyPath, line int) {
	k := p.String()
	if _, ok := s.pos[k]; !ok {
		s.pos[k] = line
	}
}

// skip passes blanks, and with newlines set also line breaks and comments.
func (s *posScanner) skip(newlines bool) {
	for !s.done() {
		switch c := s.peek(0); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '#':
			for !s.done() && s.peek(0) != '\n' {
				s.advance()
			}
		case c == '\n' && newlines:
			s.advance()
		default:
			return
		}
	}
}

func (s *posScanner) document() {
	for s.skip(true); !s.done(); s.skip(true) {
		line := s.line
		switch {
		case s.peek(0) == '[' && s.peek(1) == '[':
			s.i += 2
			keys := s.keys()
			s.skip(false)
			s.i += 2 // "]]"
			s.arrayTable(keys, line)
		case s.peek(0) == '[':
			s.i++
			keys := s.keys()
			s.skip(false)
			s.i++ // "]"
			s.cur = s.resolve(keys)
			s.mark(s.cur, line)
		default:
			s.keyValue(s.cur)
		}
	}
}

// resolve turns header keys into a path, entering the current element of
// every array of tables on the way.
func (s *posScanner) resolve(keys []string) keyPath {
	var p keyPath
	for _, k := range keys {
		p = p.key(k)
		if n := s.arrays[p.String()]; s.aot[p.String()] && n > 0 {
			p = p.at(n - 1)
		}
	}
	return p
}

func (s *posScanner) arrayTable(keys []string, line int) {
	if len(keys) == 0 {
		s.broken = true
		return
	}
	p := s.resolve(keys[:len(keys)-1]).key(keys[len(keys)-1])
	k := p.String()
	s.aot[k] = true
	s.mark(p, line)
	n := s.arrays[k]
	s.arrays[k] = n + 1
	s.cur = p.at(n)
	s.mark(s.cur, line)
}

// keyValue reads "a.b = value" relative to base.
func (s *posScanner) keyValue(base keyPath) {
	line := s.line
	keys := s.keys()
	if len(keys) == 0 {
		s.broken = true
		return
	}
	p := base
	for _, k := range keys {
		p = p.key(k)
		s.mark(p, line)
	}
	s.skip(false)
	if s.peek(0) != '=' {
		s.broken = true
		return
	}
	s.i++
	s.skip(false)
	s.value(p)
}

// keys reads a dotted key: bare, "basic" or 'literal' parts.
func (s *posScanner) keys() []string {
	var out []string
	for {
		s.skip(false)
		var k string
		switch c := s.peek(0); c {
		case '"':
			k = s.basicString()
		case '\'':
			k = s.literalString()
		default:
			start := s.i
			for !s.done() && isBareKeyByte(s.peek(0)) {
				s.i++
			}
			if s.i == start {
				s.broken = true
				return out
			}
			k = string(s.src[start:s.i])
		}
		out = append(out, k)
		s.skip(false)
		if s.peek(0) != '.' {
			return out
		}
		s.i++
	}
}

func isBareKeyByte(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '=', '.', '[', ']', '"', '\'', '#', ',', '{', '}', 0:
		return false
	}
	return true
}

// value reads one value at p, marking list elements and inline-table keys.
func (s *posScanner) value(p keyPath) {
	switch s.peek(0) {
	case '"':
		if s.peek(1) == '"' && s.peek(2) == '"' {
			s.multiline('"')
		} else {
			s.basicString()
		}
	case '\'':
		if s.peek(1) == '\'' && s.peek(2) == '\'' {
			s.multiline('\'')
		} else {
			s.literalString()
		}
	case '[':
		s.array(p)
	case '{':
		s.inlineTable(p)
	default:
		for !s.done() {
			switch s.peek(0) {
			case ',', ']', '}', '#', '\n':
				return
			}
			s.advance()
		}
	}
}

func (s *posScanner) array(p keyPath) {
	s.advance() // [
	for n := 0; ; n++ {
		s.skip(true)
		if s.done() || s.peek(0) == ']' {
			s.advance()
			return
		}
		s.mark(p.at(n), s.line)
		s.value(p.at(n))
		s.skip(true)
		if s.peek(0) == ',' {
			s.advance()
			continue
		}
		s.skip(true)
		if s.peek(0) != ']' {
			s.broken = true
		}
		s.advance()
		return
	}
}

func (s *posScanner) inlineTable(p keyPath) {
	s.advance() // {
	for {
		s.skip(true)
		if s.done() || s.peek(0) == '}' {
			s.advance()
			return
		}
		s.keyValue(p)
		s.skip(true)
		if s.peek(0) == ',' {
			s.advance()
			continue
		}
		if s.peek(0) != '}' {
			s.broken = true
		}
		s.advance()
		return
	}
}

// basicString reads "..." and returns its unescaped content.
func (s *posScanner) basicString() string {
	s.advance()
	var b strings.Builder
	for !s.done() {
		c := s.peek(0)
		switch c {
		case '"':
			s.advance()
			return b.String()
		case '\\':
			s.escape(&b)
		case '\n':
			s.broken = true
			return b.String()
		default:
			b.WriteByte(c)
			s.advance()
		}
	}
	return b.String()
}

func (s *posScanner) escape(b *strings.Builder) {
	s.advance() // backslash
	c := s.peek(0)
	s.advance()
	width := 0
	switch c {
	case 'b':
		b.WriteByte('\b')
	case 't':
		b.WriteByte('\t')
	case 'n':
		b.WriteByte('\n')
	case 'f':
		b.WriteByte('\f')
	case 'r':
		b.WriteByte('\r')
	case 'e':
		b.WriteByte(0x1b)
	case '"', '\\':
		b.WriteByte(c)
	case 'x':
		width = 2
	case 'u':
		width = 4
	case 'U':
		width = 8
	}
	if width == 0 {
		return
	}
	if s.i+width > len(s.src) {
		s.broken = true
		return
	}
	v, err := strconv.ParseUint(string(s.src[s.i:s.i+width]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		s.broken = true
		return
	}
	b.WriteRune(rune(v))
	s.i += width
}

func (s *posScanner) literalString() string {
	s.advance()
	start := s.i
	for !s.done() && s.peek(0) != '\'' && s.peek(0) != '\n' {
		s.advance()
	}
	out := string(s.src[start:s.i])
	s.advance()
	return out
}

// multiline skips a """...""" or ”'...”' string, counting its lines.
func (s *posScanner) multiline(q byte) {
	s.i += 3
	for !s.done() {
		if q == '"' && s.peek(0) == '\\' {
			s.advance()
			s.advance()
			continue
		}
		if s.peek(0) == q && s.peek(1) == q && s.peek(2) == q {
			s.i += 3
			for s.peek(0) == q { // up to two quotes may end the content
				s.i++
			}
			return
		}
		s.advance()
	}
}

package scenarios

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/BurntSushi/toml"
)

// sourceFile is one scenario document: its name for messages, its parsed
// tree and key positions, and how to read the files it references.
type sourceFile struct {
	name  string
	tree  map[string]any
	lines positions
	// read returns the bytes of a file referenced from the scenario
	// (relative to it) and the name to show in messages.
	read func(rel string) ([]byte, string, error)
}

// osReader reads references relative to the directory of the scenario
// file name; absolute references are read as they are.
func osReader(name string) func(string) ([]byte, string, error) {
	dir := filepath.Dir(name)
	return func(rel string) ([]byte, string, error) {
		p := rel
		if !filepath.IsAbs(rel) {
			p = filepath.Join(dir, filepath.FromSlash(rel))
		}
		b, err := os.ReadFile(p)
		return b, p, err
	}
}

// fsReader reads references from fsys relative to the scenario's directory.
func fsReader(fsys fs.FS, name string) func(string) ([]byte, string, error) {
	dir := path.Dir(name)
	return func(rel string) ([]byte, string, error) {
		p := path.Clean(path.Join(dir, rel))
		b, err := fs.ReadFile(fsys, p)
		return b, p, err
	}
}

// parseSource parses TOML data; a syntax error is returned as a Problem
// at its line.
func parseSource(name string, data []byte, read func(string) ([]byte, string, error)) (*sourceFile, error) {
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := pe.Position.Line
			if st := pe.Position.Start; st > 0 && st <= len(data) {
				line = 1 + bytes.Count(data[:st], []byte("\n")) // the line the offending byte ends
			}
			return nil, &Error{Problems: []Problem{{File: name, Line: line, Key: pe.LastKey,
				Msg: "TOML syntax: " + pe.Message, Detail: pe.ErrorWithPosition()}}}
		}
		return nil, &Error{Problems: []Problem{{File: name, Msg: "TOML: " + err.Error()}}}
	}
	return &sourceFile{name: name, tree: tree, lines: scanPositions(data), read: read}, nil
}

// lineLookup returns the line of a path in the document, preferring the
// lines of overrides (ov) so problems in a variant point at the variant.
// A path without a line of its own takes its nearest ancestor's.
func lineLookup(pos positions, ov overlay) lineFunc {
	return func(p keyPath) int {
		for n := len(p); n > 0; n-- {
			s := p[:n].String()
			if l, ok := ov[s]; ok {
				return l
			}
			if l, ok := pos[s]; ok {
				return l
			}
		}
		return 0
	}
}

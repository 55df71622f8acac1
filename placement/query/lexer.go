package query

import (
	"fmt"
	"strings"
)

type tokKind uint8

const (
	tokEOF    tokKind = iota
	tokWord           // bare word: subject, keyword, operator word or value
	tokString         // quoted value
	tokSym            // operator symbol: == != > >= < <= =~ !~ ! && ||
	tokLParen
	tokRParen
	tokLBrack
	tokRBrack
	tokComma
)

type token struct {
	kind tokKind
	text string // word, string contents or symbol
	pos  int    // byte offset in the source
}

func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of expression"
	case tokString:
		return fmt.Sprintf("string %q", t.text)
	case tokWord:
		return fmt.Sprintf("%q", t.text)
	default:
		return fmt.Sprintf("%q", t.text)
	}
}

// SyntaxError is returned by Parse for an invalid expression. Pos is the byte
// offset of the offending token in the source.
type SyntaxError struct {
	Pos      int
	Expected string // what the parser expected at Pos
	Found    string // what it found
	Msg      string // a complete message when Expected/Found do not apply
}

// Error formats the error as "query: offset N: expected X, found Y".
func (e *SyntaxError) Error() string {
	if e.Msg != "" {
		return fmt.Sprintf("query: offset %d: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("query: offset %d: expected %s, found %s", e.Pos, e.Expected, e.Found)
}

// isWordByte reports whether c may appear in a bare word.
func isWordByte(c byte) bool {
	if c <= ' ' || c == 0x7f {
		return false
	}
	return !strings.ContainsRune(`()[],'"=!<>~&|`, rune(c))
}

func isKeyword(w string) bool {
	switch w {
	case "and", "or", "not", "in", "not_in", "exists", "not_exists", "equals", "not_equals",
		"greater_than", "greater_than_equal", "less_than", "less_than_equal", "matches", "not_matches":
		return true
	}
	return false
}

// lex splits src into tokens; it fails only on an unterminated string or a
// stray operator character.
func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')' || c == '[' || c == ']' || c == ',':
			toks = append(toks, token{kind: punctKind(c), text: src[i : i+1], pos: i})
			i++
		case c == '\'' || c == '"':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				return nil, &SyntaxError{Pos: i, Msg: fmt.Sprintf("unterminated string starting with %c", c)}
			}
			toks = append(toks, token{kind: tokString, text: src[i+1 : i+1+end], pos: i})
			i += end + 2
		case isWordByte(c):
			j := i
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			toks = append(toks, token{kind: tokWord, text: src[i:j], pos: i})
			i = j
		default:
			sym := symbolAt(src[i:])
			if sym == "" {
				return nil, &SyntaxError{Pos: i, Expected: "a condition, operator or value", Found: fmt.Sprintf("%q", src[i:i+1])}
			}
			toks = append(toks, token{kind: tokSym, text: sym, pos: i})
			i += len(sym)
		}
	}
	return append(toks, token{kind: tokEOF, pos: len(src)}), nil
}

func punctKind(c byte) tokKind {
	switch c {
	case '(':
		return tokLParen
	case ')':
		return tokRParen
	case '[':
		return tokLBrack
	case ']':
		return tokRBrack
	}
	return tokComma
}

// symbolAt returns the longest operator symbol at the start of s, or "".
func symbolAt(s string) string {
	for _, sym := range []string{"==", "!=", ">=", "<=", "=~", "!~", "&&", "||", ">", "<", "!"} {
		if strings.HasPrefix(s, sym) {
			return sym
		}
	}
	return ""
}

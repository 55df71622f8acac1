package scenarios

import (
	"fmt"
	"slices"
	"strings"
)

// suggest returns the candidates closest to word by edit distance, at most
// three, within a distance that scales with the word's length; ties are
// broken alphabetically so messages are stable.
func suggest(word string, candidates []string) []string {
	limit := max(2, len(word)/3)
	type scored struct {
		s string
		d int
	}
	var best []scored
	lw := strings.ToLower(word)
	for _, c := range candidates {
		d := editDistance(lw, strings.ToLower(c))
		if strings.HasPrefix(strings.ToLower(c), lw) && len(lw) >= 3 {
			d = min(d, 1)
		}
		if d <= limit && c != word {
			best = append(best, scored{c, d})
		}
	}
	slices.SortFunc(best, func(a, b scored) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.s, b.s)
	})
	out := make([]string, 0, 3)
	for i := 0; i < len(best) && i < 3; i++ {
		out = append(out, best[i].s)
	}
	return out
}

// didYouMean formats suggestions as ` (did you mean "a" or "b"?)`, or
// lists every candidate when there are few and none is close.
func didYouMean(word string, candidates []string) string {
	s := suggest(word, candidates)
	switch {
	case len(s) == 1:
		return fmt.Sprintf("; did you mean %q?", s[0])
	case len(s) > 1:
		q := make([]string, len(s))
		for i, c := range s {
			q[i] = fmt.Sprintf("%q", c)
		}
		return "; did you mean " + strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1] + "?"
	case len(candidates) > 0 && len(candidates) <= 30:
		return " (expected one of: " + strings.Join(candidates, ", ") + ")"
	}
	return ""
}

// editDistance is the Damerau–Levenshtein distance (optimal string
// alignment) between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

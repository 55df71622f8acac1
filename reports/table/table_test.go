package table

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"
)

func sample() *Table {
	t := New("Costs",
		Column{Key: "variant", Title: "variant"},
		Column{Key: "cost_usd", Title: "cost", Unit: "USD", Align: Right},
		Column{Key: "delta_pct", Title: "Δ", Unit: "%", Align: Right},
	)
	t.Add(Str("ec2"), Float(9.216000000000001, 2), None())
	t.Add(Str("far|gate*"), Float(12.5, 2), Signed(35.63, 1))
	t.Note("* cheapest")
	return t
}

func TestWriteText(t *testing.T) {
	want := "Costs\n" +
		"variant     cost      Δ\n" +
		"             USD      %\n" +
		"---------  -----  -----\n" +
		"ec2         9.22      -\n" +
		"far|gate*  12.50  +35.6\n" +
		"* cheapest\n"
	if got := sample().String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := sample().WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	want := "## Costs\n\n" +
		"| variant | cost (USD) | Δ (%) |\n" +
		"|---|--:|--:|\n" +
		"| ec2 | 9.22 | - |\n" +
		"| far\\|gate\\* | 12.50 | +35.6 |\n" +
		"\n\\* cheapest\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := sample().WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "variant,cost_usd,delta_pct\n" +
		"ec2,9.216000000000001,\n" +
		"far|gate*,12.5,35.63\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("reading back: %v, %d records", err, len(recs))
	}
}

func TestCells(t *testing.T) {
	tests := []struct {
		name       string
		cell       Cell
		text, data string
	}{
		{"rounded", Float(1.005, 1), "1.0", "1.005"},
		{"negative zero", Float(-0.0001, 2), "0.00", "-0.0001"},
		{"nan", Float(math.NaN(), 2), Dash, ""},
		{"inf", Float(math.Inf(1), 2), Dash, ""},
		{"signed positive", Signed(2, 1), "+2.0", "2"},
		{"signed zero", Signed(0.001, 1), "0.0", "0.001"},
		{"signed negative", Signed(-2, 0), "-2", "-2"},
		{"int", Int(42), "42", "42"},
		{"uint64", Int(uint64(7)), "7", "7"},
		{"string", Str("a,b"), "a,b", "a,b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.cell.Text != tt.text || tt.cell.data() != tt.data {
				t.Errorf("got text %q data %q, want %q %q", tt.cell.Text, tt.cell.data(), tt.text, tt.data)
			}
		})
	}
}

func TestAddPanicsOnWrongWidth(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(r.(string), "table: ") {
			t.Errorf("recovered %v, want a table: panic", r)
		}
	}()
	sample().Add(Str("x"))
}

func TestTextWithoutUnitsHasNoUnitLine(t *testing.T) {
	tb := New("", Column{Title: "a"}, Column{Title: "b", Align: Right})
	tb.Add(Str("x"), Int(10))
	want := "a   b\n-  --\nx  10\n"
	if got := tb.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"plain":        "plain",
		"a_b":          "a\\_b",
		"<b>|`x`":      "\\<b\\>\\|\\`x\\`",
		"[l](u) #1 \\": "\\[l\\](u) \\#1 \\\\",
	} {
		if got := EscapeMarkdown(in); got != want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzWriteCSVRoundTrip(f *testing.F) {
	f.Add("ec2", "a\"b,c\nd")
	f.Fuzz(func(t *testing.T, a, b string) {
		tb := New("", Column{Key: "a"}, Column{Key: "b"})
		tb.Add(Str(a), Str(b))
		var buf bytes.Buffer
		if err := tb.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 2 {
			t.Fatalf("%d records, want 2", len(recs))
		}
		// encoding/csv turns \r\n into \n inside quoted fields.
		if strings.ContainsRune(a+b, '\r') {
			return
		}
		if recs[1][0] != a || recs[1][1] != b {
			t.Fatalf("round trip of %q, %q: %q", a, b, recs[1])
		}
	})
}

func TestTitlesWrapOntoTwoLines(t *testing.T) {
	tb := New("", Column{Title: "cost per 1M req", Unit: "USD", Align: Right})
	tb.Add(Float(1.5, 1))
	want := "cost per\n  1M req\n     USD\n--------\n     1.5\n"
	if got := tb.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestTitlesWrapToColumnWidth(t *testing.T) {
	tb := New("",
		Column{Title: "variant"},
		Column{Title: "CPU reserved", Unit: "%", Align: Right},
		Column{Title: "cost per 1M requests", Unit: "USD", Align: Right},
	)
	tb.Add(Str("ec2"), Float(25, 1), Float(0.1234, 4))
	want := "              CPU  cost per 1M\n" +
		"variant  reserved     requests\n" +
		"                %          USD\n" +
		"-------  --------  -----------\n" +
		"ec2          25.0       0.1234\n"
	if got := tb.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

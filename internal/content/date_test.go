package content

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		loc  *time.Location
		want string // RFC 3339; "" for an error
	}{
		// With an offset, the site's zone does not matter.
		{"2025-01-06T09:30:00-06:00", time.UTC, "2025-01-06T09:30:00-06:00"},
		{"2025-01-06T09:30:00Z", chicago, "2025-01-06T09:30:00Z"},
		{"2025-01-06T09:30:00.250+01:00", time.UTC, "2025-01-06T09:30:00.25+01:00"},
		{"2025-01-06T09:30:00-0600", time.UTC, "2025-01-06T09:30:00-06:00"},
		{"2025-01-06T09:30:00Z", time.UTC, "2025-01-06T09:30:00Z"},
		{"2025-01-06 09:30:00-06:00", time.UTC, "2025-01-06T09:30:00-06:00"},
		{"2025-01-06 09:30:00 -0600", time.UTC, "2025-01-06T09:30:00-06:00"},
		{"2025-01-06T09:30-06:00", time.UTC, "2025-01-06T09:30:00-06:00"},
		{"2025-01-06 09:30Z", chicago, "2025-01-06T09:30:00Z"},
		{"Mon, 06 Jan 2025 09:30:00 -0600", time.UTC, "2025-01-06T09:30:00-06:00"},
		{"Mon, 06 Jan 2025 09:30:00 GMT", chicago, "2025-01-06T09:30:00Z"},
		{"Mon, 06 Jan 2025 09:30:00 UTC", chicago, "2025-01-06T09:30:00Z"},
		// Without one, the time is the site's.
		{"2025-01-06T09:30:00", chicago, "2025-01-06T09:30:00-06:00"},
		{"2025-01-06 09:30:00", chicago, "2025-01-06T09:30:00-06:00"},
		{"2025-07-06T09:30", chicago, "2025-07-06T09:30:00-05:00"},
		{"2025-01-06 09:30", chicago, "2025-01-06T09:30:00-06:00"},
		{"2025-01-06 09:30", time.UTC, "2025-01-06T09:30:00Z"},
		{"2025-01-06", chicago, "2025-01-06T00:00:00-06:00"},
		{"  2025-01-06  ", time.UTC, "2025-01-06T00:00:00Z"},
		// Refused.
		{"", time.UTC, ""},
		{"yesterday", time.UTC, ""},
		{"06/01/2025", time.UTC, ""},
		{"2025-13-01", time.UTC, ""},
		{"2025-02-30", time.UTC, ""},
		{"2025-01-06T25:00:00Z", time.UTC, ""},
		{"2025-01-06T09:30:00+25:00", time.UTC, ""},
		// Dates every output format can write, in every time zone.
		{"9999-12-30T23:59:59Z", time.UTC, "9999-12-30T23:59:59Z"},
		{"9999-12-31T23:59:59-23:59", time.UTC, ""},
		{"9999-12-31T23:30:00Z", time.UTC, ""},
		{"9999-12-31", chicago, ""},
		// A zone abbreviation other than UTC or GMT names no one offset.
		{"Mon, 06 Jan 2025 09:30:00 EST", time.UTC, ""},
		{"Mon, 06 Jan 2025 09:30:00 CST", chicago, ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.loc)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseDate(%q, %s) = %s, want an error", tt.in, tt.loc, got.Format(time.RFC3339Nano))
		case tt.want != "" && err != nil:
			t.Errorf("ParseDate(%q, %s): %v", tt.in, tt.loc, err)
		case tt.want != "" && got.Format(time.RFC3339Nano) != tt.want:
			t.Errorf("ParseDate(%q, %s) = %s, want %s", tt.in, tt.loc, got.Format(time.RFC3339Nano), tt.want)
		}
	}
}

func TestDayPath(t *testing.T) {
	tests := []struct {
		day  Day
		want string
	}{
		{Day{2025, time.January, 6}, "2025/01/06/"},
		{Day{2024, time.December, 31}, "2024/12/31/"},
		{Day{1, time.February, 1}, "0001/02/01/"},
		{Day{9999, time.October, 10}, "9999/10/10/"},
		{Day{12025, time.March, 5}, "12025/03/05/"},
		{Day{2025, time.Month(13), 40}, "2025/13/40/"},
	}
	for _, tt := range tests {
		if got := tt.day.Path(); got != tt.want {
			t.Errorf("%+v.Path() = %q, want %q", tt.day, got, tt.want)
		}
	}
}

// TestDateErrorsShowExamples: a bad date is answered with dates a writer
// can copy, each of which is accepted, and never with Go's layouts.
func TestDateErrorsShowExamples(t *testing.T) {
	for _, example := range strings.Split(strings.NewReplacer(",", " or", `"`, "").Replace(DateExamples), " or ") {
		if _, err := ParseDate(example, time.UTC); err != nil {
			t.Errorf("the example %q is refused: %v", example, err)
		}
	}
	for name, matter := range map[string]string{
		"missing":   "title: A",
		"words":     "title: A\ndate: yesterday",
		"list":      "title: A\ndate: [1, 2]",
		"number":    "title: A\ndate: 20260106",
		"updated":   "title: A\ndate: 2026-01-06\nupdated: soon",
		"toml-like": "title: A\ndate: 06/01/2026",
	} {
		_, err := Parse("content/world/a.md", "", []byte("---\n"+matter+"\n---\nBody.\n"), Options{})
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "2026-01-06T09:30:00+01:00") {
			t.Errorf("%s: %q shows no example", name, msg)
		}
		for _, layout := range []string{"2006", "15:04", "07:00"} {
			if strings.Contains(msg, layout) {
				t.Errorf("%s: %q shows Go's layout %s", name, msg, layout)
			}
		}
	}
}

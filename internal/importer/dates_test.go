package importer

import (
	"testing"
	"time"
)

func TestParseDateLine(t *testing.T) {
	tests := []struct {
		line string
		want string // RFC 3339 in UTC; "" for a line that is not a date; "noyear" for one without a year
	}{
		{"Thursday, July 18, 2024", "2024-07-18T00:00:00Z"},
		{"18 July 2024", "2024-07-18T00:00:00Z"},
		{"Published 4 March 2025, 09:15", "2025-03-04T09:15:00Z"},
		{"Tue 11 Feb 2025 18.40 GMT", "2025-02-11T18:40:00Z"},
		{"Jul. 18, 2024 3:45 p.m. ET", "2024-07-18T15:45:00Z"},
		{"Updated 12:05 AM EDT, Thu July 18, 2024", "2024-07-18T00:05:00Z"},
		{"2024-07-18", "2024-07-18T00:00:00Z"},
		{"Posted on 2024-07-18T10:00:00+02:00", "2024-07-18T08:00:00Z"},
		{"March 3rd, 2025", "2025-03-03T00:00:00Z"},
		{"Sept 9 2025 | 7:00 pm", "2025-09-09T19:00:00Z"},
		{"07/18/2024", "2024-07-18T00:00:00Z"},
		{"18/07/2024 10:02", "2024-07-18T10:02:00Z"},
		{"18.07.2024", "2024-07-18T00:00:00Z"},
		{"13/13/2024", ""},
		{"Friday, May 2", "noyear"},
		{"May 2025", ""},
		{"New York", ""},
		{"22.5 C", ""},
		{"The March 3 vote was close.", ""},
		{"Vladimir Putin has found a new friend in Iran", ""},
		{"May 33, 2024", ""},
		{"January 1, 0001", ""}, // a year, but not one a story can have
		{"", ""},
	}
	for _, tt := range tests {
		d, ok := parseDateLine(tt.line)
		var got string
		switch {
		case !ok:
		case d.year == 0:
			got = "noyear"
		default:
			tm, ok := d.time(time.UTC)
			if ok {
				got = tm.UTC().Format(time.RFC3339)
			}
		}
		if got != tt.want {
			t.Errorf("parseDateLine(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestDateLineInSiteZone(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	d, ok := parseDateLine("Monday, March 3, 2025")
	if !ok {
		t.Fatal("not a date line")
	}
	got, _ := d.time(loc)
	if want := time.Date(2025, 3, 3, 0, 0, 0, 0, loc); !got.Equal(want) || got.Location() != loc {
		t.Errorf("time = %v, want %v", got, want)
	}
}

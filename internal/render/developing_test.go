package render

import (
	"testing"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
)

func TestDeveloping(t *testing.T) {
	newest := time.Date(2026, 11, 4, 21, 15, 0, 0, time.UTC)
	at := func(h, m int) time.Time { return time.Date(2026, 11, 4, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name          string
		date, updated time.Time
		want          bool
	}{
		{"the newest update", at(15, 0), at(21, 15), true},
		{"updated just inside the window", at(9, 0), at(15, 15), true},
		{"updated just before the window", at(9, 0), at(15, 14), false},
		{"never updated, however recent", at(21, 15), at(21, 15), false},
		{"updated a day before", at(15, 0).AddDate(0, 0, -1), at(21, 15).AddDate(0, 0, -1), false},
	}
	for _, tt := range tests {
		a := &content.Article{Date: tt.date, Updated: tt.updated}
		if got := Developing(a, newest); got != tt.want {
			t.Errorf("%s: Developing = %v, want %v", tt.name, got, tt.want)
		}
	}
}

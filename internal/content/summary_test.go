package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"short", "One line.", 20, "One line."},
		{"spaces collapse", "  One \n\t line.  ", 20, "One line."},
		{"exactly max", "abcde fghij", 11, "abcde fghij"},
		{"cut at a word", "The council met on Monday night", 20, "The council met on…"},
		{"a word ending at the cut stays", "The council met on Monday", 16, "The council met…"},
		{"punctuation before the cut goes", "Rates rose, then fell again", 13, "Rates rose…"},
		{"dash before the cut goes", "Rates rose – then fell", 13, "Rates rose…"},
		{"characters, not bytes", strings.Repeat("слово ", 10), 20, "слово слово слово…"},
		{"one long word", strings.Repeat("ж", 30), 10, strings.Repeat("ж", 9) + "…"},
		{"no spaces", "東京都議会は月曜日に予算案を可決した", 10, "東京都議会は月曜日…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Summarize(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Summarize(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > tt.max {
				t.Errorf("Summarize(%q, %d) has %d characters", tt.in, tt.max, n)
			}
		})
	}
}

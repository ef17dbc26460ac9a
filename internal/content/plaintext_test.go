package content

import (
	"testing"
	"time"
)

func TestSummaryHasTypographerCharacters(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"apostrophe", "The council's plan.", "The council’s plan."},
		{"quotes and dash", `He said "no" -- twice...`, "He said “no” – twice…"},
		{"ampersand kept", "Brook & Barley", "Brook & Barley"},
		{"code span untouched", "Run `a's` now", "Run a's now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: T\ndate: 2026-01-02\ntopic: x\n---\n" + tt.body + "\n"
			a, err := Parse("content/x/t.md", "", []byte(src), Options{Location: time.UTC})
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Summary; got != tt.want {
				t.Errorf("summary = %q, want %q", got, tt.want)
			}
		})
	}
}

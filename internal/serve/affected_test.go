package serve

import (
	"testing"

	"github.com/newsdigest/newsdigest/internal/content"
)

func TestShifted(t *testing.T) {
	a, b, c, d := &content.Article{File: "a"}, &content.Article{File: "b"}, &content.Article{File: "c"}, &content.Article{File: "d"}
	tests := []struct {
		name          string
		before, after []*content.Article
		changed       []string
		want          bool
	}{
		{"edited in place", []*content.Article{a, b, c}, []*content.Article{a, b, c}, []string{"b"}, false},
		{"two edited in place", []*content.Article{a, b, c}, []*content.Article{a, b, c}, []string{"a", "c"}, false},
		{"moved", []*content.Article{a, b, c}, []*content.Article{b, a, c}, []string{"a"}, true},
		{"added", []*content.Article{a, b}, []*content.Article{a, d, b}, []string{"d"}, true},
		{"removed", []*content.Article{a, b, c}, []*content.Article{a, c}, []string{"b"}, true},
		{"swapped for another", []*content.Article{a, b}, []*content.Article{a, d}, []string{"b", "d"}, true},
		{"nothing changed here", []*content.Article{a, b}, []*content.Article{a, b}, []string{"c"}, false},
	}
	for _, tt := range tests {
		changed := map[string]bool{}
		for _, f := range tt.changed {
			changed[f] = true
		}
		if got := shifted(tt.before, tt.after, changed); got != tt.want {
			t.Errorf("%s: shifted = %v, want %v", tt.name, got, tt.want)
		}
	}
}

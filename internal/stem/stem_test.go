package stem

import "testing"

func TestFor(t *testing.T) {
	tests := []struct {
		tag, word, stem string
		stop            bool
	}{
		{"", "running", "run", false},
		{"en-GB", "harbours", "harbour", false},
		{"fr-CA", "nationales", "national", false},
		{"es", "ciudades", "ciudad", false},
		{"en", "the", "the", true},
	}
	for _, tt := range tests {
		l := For(tt.tag)
		if l.Stem == nil {
			t.Fatalf("For(%q) has no stemmer", tt.tag)
		}
		if got := l.Stem(tt.word, false); got != tt.stem {
			t.Errorf("For(%q).Stem(%q) = %q, want %q", tt.tag, tt.word, got, tt.stem)
		}
		if got := l.Stop(tt.word); got != tt.stop {
			t.Errorf("For(%q).Stop(%q) = %v, want %v", tt.tag, tt.word, got, tt.stop)
		}
	}
	for _, tag := range []string{"ja", "not a tag"} {
		if l := For(tag); l.Stem != nil || l.Stop != nil {
			t.Errorf("For(%q) has a stemmer; want words kept as written", tag)
		}
	}
}

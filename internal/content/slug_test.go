package content

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlugify(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Grocers bet on smaller stores", "grocers-bet-on-smaller-stores"},
		{"Café crème", "cafe-creme"},
		{"Élysée", "elysee"},
		{"Doğan İstanbul'da", "dogan-istanbulda"},
		{"Straße", "strasse"},
		{"Ørsted øl", "orsted-ol"},
		{"Æsir Œuvre", "aesir-oeuvre"},
		{"Łódź", "lodz"},
		{"Zürich & Łódź", "zurich-and-lodz"},
		{"AT&T", "at-and-t"},
		{"&lead", "and-lead"},
		{"R&&D", "r-and-and-d"},
		{"Hello, World!", "hello-world"},
		{"What's next? (Part 2)", "whats-next-part-2"},
		{"O’Brien", "obrien"},
		{"a -- b __ c", "a-b-c"},
		{"--leading and trailing--", "leading-and-trailing"},
		{"  spaced  out  ", "spaced-out"},
		{"UPPER lower 123", "upper-lower-123"},
		{"2025/01/06", "2025-01-06"},
		{"../../etc/passwd", "etc-passwd"},
		{"ﬁne ligature", "fine-ligature"},
		{"½ price", "1-2-price"},
		{"Москва", ""},
		{"東京 2025", "2025"},
		{"Αθήνα and Kyiv", "and-kyiv"},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzSlugify checks the promises slugs make to URLs: lowercase ASCII
// letters, digits and single inner hyphens, and stable when slugified again.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Zürich & Łódź", "--a--", "Москва", "½", "ǅ", "a&b", "O'Brien", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Slugify(%q) = %q holds %q", s, got, r)
			}
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slugify(%q) = %q has a stray hyphen", s, got)
		}
		if again := Slugify(got); again != got {
			t.Fatalf("Slugify(%q) = %q, but Slugify(%q) = %q", s, got, got, again)
		}
		if utf8.ValidString(s) && got == "" && hasASCIIAlnum(s) {
			t.Fatalf("Slugify(%q) is empty though the input has letters or digits", s)
		}
	})
}

func hasASCIIAlnum(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	})
}

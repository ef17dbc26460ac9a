package content

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"
)

// nodeValue must give what yaml.v3's own decoding gives, whatever the value.
func TestNodeValueMatchesDecode(t *testing.T) {
	tests := []string{
		`plain text`,
		`"quoted: text"`,
		`'single'`,
		`!!str 1984`,
		`1984`,
		`3.5`,
		`true`,
		`~`,
		`""`,
		`2025-01-06`,
		`2025-01-06T09:30:00-06:00`,
		"|\n  a block\n  of text\n",
		`[retail, "Midwest", 'x']`,
		`[2024, elections]`,
		`[]`,
		`[a, [b]]`,
		`[a, ~]`,
		`{a: 1, b: [x]}`,
		`!custom tagged`,
		"\n  - one\n  - two\n",
	}
	for _, src := range tests {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("k: "+src), &doc); err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		v := doc.Content[0].Content[1]
		got, err := nodeValue(v)
		if err != nil {
			t.Fatalf("%q: nodeValue: %v", src, err)
		}
		var want any
		if err := v.Decode(&want); err != nil {
			t.Fatalf("%q: Decode: %v", src, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", src, diff)
		}
	}
}

package content

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConvertDemotesHeadings(t *testing.T) {
	md := NewMarkdown(false)
	for _, tc := range []struct{ body, want string }{
		{"# Top\n\n## Next\n\n###### Deep\n", `<h2 id="top">Top</h2>
<h3 id="next">Next</h3>
<h6 id="deep">Deep</h6>
`},
		{"## Kept\n\n### As is\n", `<h2 id="kept">Kept</h2>
<h3 id="as-is">As is</h3>
`},
	} {
		got, err := Convert(md, []byte(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, string(got.HTML)); diff != "" {
			t.Errorf("Convert(%q) (-want +got):\n%s", tc.body, diff)
		}
	}
}

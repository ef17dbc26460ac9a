package markdown

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConvertDemotesHeadings(t *testing.T) {
	md := New(Options{})
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

func TestConvertSitePaths(t *testing.T) {
	body := "[site](/2025/01/06/a/) [rel](b/) [host](//cdn.example.com/x) [full](https://example.com/y) ![img](/images/c.png)\n"
	for _, tc := range []struct {
		base string
		want string
	}{
		{"/news/", `<p><a href="/news/2025/01/06/a/">site</a> <a href="b/">rel</a> <a href="//cdn.example.com/x">host</a> <a href="https://example.com/y">full</a> <img src="/news/images/c.png" alt="img"></p>` + "\n"},
		{"/", `<p><a href="/2025/01/06/a/">site</a> <a href="b/">rel</a> <a href="//cdn.example.com/x">host</a> <a href="https://example.com/y">full</a> <img src="/images/c.png" alt="img"></p>` + "\n"},
	} {
		got, err := Convert(New(Options{BasePath: tc.base}), []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, string(got.HTML)); diff != "" {
			t.Errorf("base %s (-want +got):\n%s", tc.base, diff)
		}
		if tc.base == "/news/" && got.Links[0].Dest != "/news/2025/01/06/a/" {
			t.Errorf("Links[0].Dest = %q, want the prefixed path", got.Links[0].Dest)
		}
	}
}

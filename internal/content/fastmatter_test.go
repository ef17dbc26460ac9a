package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/newsdigest/newsdigest/internal/corpus"
)

// sameAsYAML fails when fastYAML accepts block and yaml.v3 reads it any
// differently: an error, another Go type, other raw text or other lines.
func sameAsYAML(t *testing.T, block []byte) (accepted bool) {
	t.Helper()
	const offset = 4
	got, ok := fastYAML(block, offset)
	if !ok {
		return false
	}
	want, err := decodeYAML(block, offset)
	if err != nil {
		t.Fatalf("fast path accepted %q, which yaml.v3 refuses: %v", block, err)
	}
	// reflect.DeepEqual rather than cmp.Equal alone: cmp compares times with
	// their Equal method, blind to a difference of location.
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q (-want +got):\n%s", block, cmp.Diff(want, got, cmp.AllowUnexported(matter{})))
	}
	return true
}

// tricky are blocks near the edges of what the fast path reads.
var tricky = []string{
	"",
	"\n\n",
	"# only a comment\n",
	"title: A\n",
	"title:    spaced   \n",
	"title: a  b   c\n",
	"title: 'it''s'\n",
	"title: ''\n",
	"title: \"\"\n",
	`title: "say \"hi\" \\ a\n\tc"` + "\n",
	`title: "a\/b"` + "\n",
	`title: 'back\slash "q"'` + "\n",
	"title: \"Tromsø & what comes next: <why it matters> — x # y\"\n",
	"title: C#, [not a list], {not a map}, a:b, a?b, 'q' \"q\"\n",
	"title: Côte d'Ivoire\n",
	"image: ./photo.jpg\nslug: ../../etc\n",
	"title: naïve 東京 😀\n",
	"title: https://example.com/a?b=c#frag\n",
	"date: 2025-06-30T09:30:00+01:00\n",
	"date: 2025-06-30T09:30:00Z\n",
	"date: 2025-06-30t09:30:00.123456-08:00\n",
	"date: 2025-06-30\n",
	"date: 2025-6-3\n",
	"date: 2025-06-30 09:30\n",
	"date: 2025-06-30 09:30:15\n",
	"date: 2025-06-30 09:30:15.5\n",
	"date: 2025-13-45\n",
	"date: 2025-06-30T25:00:00Z\n",
	"date: 2025-06-30x\n",
	"date: '2025-06-30'\n",
	"date: \"2025-06-30 09:30\"\n",
	"draft: true\ndraft2: false\n",
	"priority: 3\nzero: 0\nbig: 123456789\n",
	"tags: []\n",
	"tags: [ ]\n",
	"tags: [a]\n",
	"tags: [a, b c ,  d  ]\n",
	"tags: [\"Hobart\", \"Zürich\", 'it''s', \"a, b\", \"x]\"]\n",
	"tags: [2024, elections, true, 2025-01-06, 2025-01-06 10:00]\n",
	"tags:\n  - one\n  - two words\n  - \"three\"\n  - 'four'\n",
	"tags:\n- one\n- two\ntitle: T\n",
	"tags:\n\n  # a comment\n  - one\n\n# another\n  -   two\n",
	"tags:\n  - 2024\n  - true\n  - 2025-01-06T10:00:00Z\n",
	"title: T # trailing comment\n",
	"title: T\n  continued\n",
	"title: T\n\n  continued\n",
	"tags:\n  - a\n    b\n",
	"tags:\n  - a\n   - b\n",
	"tags:\n  - a: b\n",
	"tags:\n  -\n",
	"tags:\n",
	"tags: [a, [b]]\n",
	"tags: [a, {b: c}]\n",
	"tags: [a,]\n",
	"tags: [a, b\n",
	"tags: [\"a\": b]\n",
	"tags: [a] x\n",
	"title: yes\nb: No\nc: ON\nd: off\ne: Null\nf: ~\ng: True\n",
	"n: 0x1F\no: 0o17\np: 017\nq: 1_000\nr: 1e3\ns: .5\nt: +1\nu: -1\nv: .inf\nw: .NaN\nx: 12345678901234567890\n",
	"title: &a x\nother: *a\n",
	"title: !!str 1984\n",
	"title: !custom x\n",
	"summary: |\n  block\n",
	"summary: >\n  folded\n",
	"nested:\n  a: b\n",
	"map: {a: b}\n",
	"title: A\ntitle: B\n",
	"title: \"open\n  close\"\n",
	"title: 'open\n  close'\n",
	"title:\ttab\n",
	"title: a\r\n",
	"  title: indented\n",
	"title : spaced key\n",
	"title:value\n",
	"\"title\": quoted key\n",
	"- a\n- b\n",
	"---\ntitle: A\n",
	"title: A\n...\n",
	"%YAML 1.2\n---\ntitle: A\n",
	"title: a: b\n",
	"title: ends with colon:\n",
	"title: \"bad \\x escape\"\n",
	"title: \"\\u00e9\"\n",
	"title: \"unclosed\n",
	"title: \"closed\" trailing\n",
	"title: T\u2028x\n",
	"title: \ufeffT\n",
	"title: \u0085\n",
	"title: a\x7fb\n",
	"<<: {a: b}\n",
	"? complex\n: key\n",
	"title: T\ntags:\n  - a\n",
	"k-1: v\nk_2: v\nK3: v\n",
	"true: a\nnull: b\non: c\ny: d\n",
	"a: 1\n\n\nb: 2\n# end\n",
	"title: a\n  # indented comment\nnext: b\n",
	"tags: [\"a\" , 'b'  ,c]\n",
}

// scalars are values to try in every place a value can stand.
var scalars = []string{
	"0", "00", "1", "-1", "+1", "1.5", ".5", "5.", "1e3", "1E3", "0x1F", "0o17", "0b101", "017", "08",
	"1_000", "123456789", "1234567890", "99999999999999999999", ".inf", "-.inf", ".nan", ".NaN",
	"~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "False",
	"yes", "Yes", "no", "NO", "on", "On", "off", "y", "Y", "n", "N", "<<", "=",
	"2025-06-30", "2025-6-3", "2025-06-30T09:30:00Z", "2025-06-30T09:30:00+01:00",
	"2025-06-30T09:30:00.123+01:00", "2025-06-30t09:30:00z", "2025-06-30T09:30:00",
	"2025-06-30T09:30Z", "2025-06-30 09:30:00", "2025-06-30 09:30:00 +01:00", "2025-06-30 09:30",
	"2025-06-30T", "2025-13-01", "2025-02-30", "20250-06-30", "202-06-30", "2025-", "2025-x",
	"0001-01-01", "9999-12-31T23:59:59Z", "12:30", "1:2:3",
	"a", "a b", "a  b", "a:b", "a: b", "a #b", "a#b", "#a", "a,b", "a, b", "a]", "[a", "{a", "a}",
	"a'b", `a"b`, "'q'", `"q"`, "'it''s'", `"\""`, `"\\"`, `"a\tb"`, `"a\nb"`, `"\/"`, `"\u00e9"`,
	"''", `""`, "'", `"`, "-", "-a", "- a", "?", "?a", "? a", ":", ":a", ",a", "!a", "&a", "*a",
	"|", ">", "%a", "@a", "`a", ".a", "..", "...", "---", "./photo.jpg", "../../x", ".5e3", ".e3", "._5",
	".Inf", ".INF", ".iNf", ".nAn", ".infinity", ".0x1p3", ".1_0", "._", ".5.", "Ünïcödé", "東京", "😀", "a\u00a0b",
	"\u00a0", "http://x.y/z?a=b&c=d#e", "C#", "C++", "5G", "3 things", "1st", "100%", "a\\b",
}

// scalarBlocks puts each of scalars in every place a value can stand: after
// a key, in an inline list and in a block list.
func scalarBlocks() []string {
	var blocks []string
	for _, v := range scalars {
		blocks = append(blocks,
			"k: "+v+"\n",
			"k: ["+v+"]\n",
			"k: [a, "+v+", b]\n",
			"k:\n  - "+v+"\n  - b\n",
			"k:\n- a\n- "+v+"\n",
		)
	}
	return blocks
}

func TestFastYAMLMatchesYAML(t *testing.T) {
	for _, block := range scalarBlocks() {
		sameAsYAML(t, []byte(block))
	}
	for _, block := range tricky {
		sameAsYAML(t, []byte(block))
	}
}

// TestFastYAMLReads lists blocks the fast path must read itself; anything
// else here going through yaml.v3 would lose the speed silently.
func TestFastYAMLReads(t *testing.T) {
	tests := []string{
		"",
		"# only a comment\n",
		"title: \"Tromsø hospital\"\ndate: 2024-11-12T14:22:43+08:00\nupdated: 2024-11-12T15:19:43+08:00\ntopic: Science\ntags:\n  - Nîmes\nauthor: \"Mihai Ionescu\"\nsource_url: https://x.example/a\ndraft: false\npriority: 1\n",
		"date: 2025-06-30\ntags: [\"Hobart\", Busan]\nauthors: []\n",
		"date: 2025-06-30 09:30\n",
		"title: 'it''s'\nsummary: \"a \\\"b\\\"\"\n",
		"tags:\n- one\n\n# note\n- two\ntitle: T\n",
		"tags: [2024, elections]\n",
		"image: ../photo.jpg\n",
	}
	for _, block := range tests {
		if !sameAsYAML(t, []byte(block)) {
			t.Errorf("fast path gave up on %q", block)
		}
	}
}

// TestFastYAMLGivesUp lists what the fast path must leave to yaml.v3, so
// that yaml.v3 reads it or reports its error at its line.
func TestFastYAMLGivesUp(t *testing.T) {
	tests := []struct{ name, block string }{
		{"anchor and alias", "title: &a x\nother: *a\n"},
		{"tag", "title: !!str 1984\n"},
		{"literal block", "summary: |\n  text\n"},
		{"folded block", "summary: >\n  text\n"},
		{"plain scalar over two lines", "title: one\n  two\n"},
		{"plain scalar after a blank line", "title: one\n\n  two\n"},
		{"double quotes over two lines", "title: \"one\n  two\"\n"},
		{"single quotes over two lines", "title: 'one\n  two'\n"},
		{"nested map", "place:\n  city: Oslo\n"},
		{"flow map", "place: {city: Oslo}\n"},
		{"nested list", "tags: [a, [b]]\n"},
		{"map in a list", "tags:\n  - a: b\n"},
		{"tab", "title:\tx\n"},
		{"tab in quotes", "title: \"a\tb\"\n"},
		{"carriage return", "title: x\r\n"},
		{"null", "image: null\n"},
		{"tilde", "image: ~\n"},
		{"empty value", "image:\n"},
		{"empty list item", "tags:\n  -\n"},
		{"True", "draft: True\n"},
		{"FALSE", "draft: FALSE\n"},
		{"yes", "draft: yes\n"},
		{"No", "draft: No\n"},
		{"on", "draft: on\n"},
		{"OFF", "draft: OFF\n"},
		{"hex", "priority: 0x1f\n"},
		{"octal", "priority: 0o17\n"},
		{"old octal", "priority: 017\n"},
		{"underscores", "priority: 1_000\n"},
		{"exponent", "priority: 1e3\n"},
		{"leading dot", "priority: .5\n"},
		{"float", "priority: 2.5\n"},
		{"plus", "priority: +1\n"},
		{"minus", "priority: -1\n"},
		{"ten digits", "priority: 1234567890\n"},
		{"inf", "priority: .inf\n"},
		{"nan", "priority: .NaN\n"},
		{"digits then text", "title: 9News\n"},
		{"number in a list", "tags: [0x10]\n"},
		{"null in a list", "tags: [a, ~]\n"},
		{"colon space in plain text", "title: Breaking: news\n"},
		{"colon at the end", "title: Breaking:\n"},
		{"comment after a value", "title: x # note\n"},
		{"comment after quotes", "title: \"x\" # note\n"},
		{"text after quotes", "title: \"x\" y\n"},
		{"duplicate key", "title: A\ntitle: B\n"},
		{"indented key", "  title: A\n"},
		{"space before colon", "title : A\n"},
		{"no space after colon", "title:A\n"},
		{"quoted key", "\"title\": A\n"},
		{"root list", "- a\n- b\n"},
		{"list items at two indents", "tags:\n  - a\n    - b\n"},
		{"list after a value", "title: A\n  - b\n"},
		{"trailing comma", "tags: [a,]\n"},
		{"unclosed list", "tags: [a, b\n"},
		{"text after list", "tags: [a] b\n"},
		{"key in flow list", "tags: [a: b]\n"},
		{"document marker", "title: A\n---\n"},
		{"document end", "title: A\n...\n"},
		{"directive", "%YAML 1.2\n"},
		{"merge key", "<<: {a: b}\n"},
		{"complex key", "? a\n: b\n"},
		{"unicode escape", "title: \"\\u00e9\"\n"},
		{"hex escape", "title: \"\\x41\"\n"},
		{"slash escape", "title: \"a\\/b\"\n"},
		{"unclosed quote", "title: \"open\n"},
		{"line separator", "title: a\u2028b\n"},
		{"next line", "title: a\u0085b\n"},
		{"byte-order mark", "title: \ufeffa\n"},
		{"delete", "title: a\x7fb\n"},
		{"invalid UTF-8", "title: a\xffb\n"},
	}
	for _, tt := range tests {
		if _, ok := fastYAML([]byte(tt.block), 0); ok {
			t.Errorf("%s: fast path read %q", tt.name, tt.block)
		}
	}
}

// TestFastYAMLShare checks that nearly every YAML block of the generated
// corpus takes the fast path, and that each reads as yaml.v3 reads it.
func TestFastYAMLShare(t *testing.T) {
	blocks := corpusBlocks(t, 1000)
	fast := 0
	for _, b := range blocks {
		if sameAsYAML(t, b) {
			fast++
		}
	}
	t.Logf("%d of %d YAML blocks took the fast path", fast, len(blocks))
	if fast*100 < len(blocks)*99 {
		t.Errorf("%d of %d YAML blocks took the fast path, want at least 99 %%", fast, len(blocks))
	}
}

// FuzzMatterFast holds the fast path to yaml.v3: whatever it accepts must
// decode to the same matter.
func FuzzMatterFast(f *testing.F) {
	for _, s := range append(tricky, scalarBlocks()...) {
		f.Add([]byte(s))
	}
	for _, b := range corpusBlocks(f, 1000) {
		f.Add(b)
	}
	for _, b := range repoBlocks(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, block []byte) {
		sameAsYAML(t, block)
	})
}

// corpusBlocks returns the YAML front matter of the first n generated
// articles.
func corpusBlocks(tb testing.TB, n int) [][]byte {
	var blocks [][]byte
	for _, file := range corpus.Files(corpus.Options{Seed: 1, Articles: n}) {
		if strings.HasSuffix(file.Name, ".md") {
			blocks = appendBlock(blocks, file.Data)
		}
	}
	if len(blocks) == 0 {
		tb.Fatal("no YAML front matter in the corpus")
	}
	return blocks
}

// repoBlocks returns the YAML front matter of the repository's own
// articles: the sample site, test sites and the command scripts' files.
func repoBlocks(tb testing.TB) [][]byte {
	var blocks [][]byte
	root := os.DirFS("../..")
	err := fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (name == ".git" || name == ".cache" || name == "node_modules") {
			return fs.SkipDir
		}
		inSite := strings.HasPrefix(name, "content/") || strings.Contains(name, "testdata/")
		switch {
		case d.IsDir() || !inSite:
		case path.Ext(name) == ".md":
			data, err := fs.ReadFile(root, name)
			if err != nil {
				return err
			}
			blocks = appendBlock(blocks, data)
		case path.Ext(name) == ".txtar":
			data, err := fs.ReadFile(root, name)
			if err != nil {
				return err
			}
			for _, file := range txtar.Parse(data).Files {
				if path.Ext(file.Name) == ".md" {
					blocks = appendBlock(blocks, file.Data)
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(blocks) < 30 {
		tb.Fatalf("found %d YAML blocks in the repository, want the sample site's at least", len(blocks))
	}
	return blocks
}

func appendBlock(blocks [][]byte, file []byte) [][]byte {
	f, err := Split(file)
	if err != nil || f.Format != YAML {
		return blocks
	}
	return append(blocks, bytes.Clone(f.Matter))
}

// BenchmarkFrontMatter decodes the YAML front matter of 1,000 generated
// articles, through the fast path and through yaml.v3.
func BenchmarkFrontMatter(b *testing.B) {
	blocks := corpusBlocks(b, 1000)
	paths := []struct {
		name   string
		decode func(block []byte) error
	}{
		{"fast", func(block []byte) error {
			if _, ok := fastYAML(block, 1); !ok {
				return fmt.Errorf("fast path gave up on %q", block)
			}
			return nil
		}},
		{"yaml.v3", func(block []byte) error { _, err := decodeYAML(block, 1); return err }},
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, block := range blocks {
					if err := p.decode(block); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

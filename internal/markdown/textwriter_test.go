package markdown

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// FuzzTextWriter checks that the shortcut writes what goldmark's default
// writer writes.
func FuzzTextWriter(f *testing.F) {
	for _, s := range []string{"", "plain words", "a < b > c \"q\"", "&amp; &#x22; &#34; &copy; &nope;", `\*not em\*`, "\\", "nul\x00", "ü & ß"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var got, want bytes.Buffer
		gw, ww := bufio.NewWriter(&got), bufio.NewWriter(&want)
		textWriter{html.DefaultWriter}.Write(gw, src)
		html.DefaultWriter.Write(ww, src)
		gw.Flush()
		ww.Flush()
		if got.String() != want.String() {
			t.Fatalf("%q: got %q, want %q", src, got.String(), want.String())
		}
	})
}

// BenchmarkTextWriter writes a paragraph's worth of plain text segments.
func BenchmarkTextWriter(b *testing.B) {
	seg := []byte("The council voted on Tuesday to extend the tram line to the harbour, a plan first drawn up in 2019 ")
	for _, w := range []struct {
		name string
		w    html.Writer
	}{{"default", html.DefaultWriter}, {"shortcut", textWriter{html.DefaultWriter}}} {
		b.Run(w.name, func(b *testing.B) {
			out := bufio.NewWriterSize(&bytes.Buffer{}, 1<<16)
			b.SetBytes(int64(len(seg)))
			for b.Loop() {
				w.w.Write(out, seg)
				if out.Buffered() > 1<<15 {
					out.Reset(&bytes.Buffer{})
				}
			}
		})
	}
}

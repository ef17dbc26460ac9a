package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's html.DefaultWriter with a shortcut for the text
// most of an article is made of. The default Write walks every byte
// through a state machine that resolves entity references (&amp;) and
// backslash escapes; text with no '&', '\' or NUL in it has neither, and
// Write then writes exactly what RawWrite does. FuzzTextWriter compares it
// with the default writer.
type textWriter struct{ html.Writer }

func (w textWriter) Write(out util.BufWriter, source []byte) {
	for _, c := range source {
		if c == '&' || c == '\\' || c == 0 {
			w.Writer.Write(out, source)
			return
		}
	}
	w.RawWrite(out, source)
}

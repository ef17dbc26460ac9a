// Package themes embeds the default theme, so that newsdigest builds a site
// from any folder. The same files, on disk in themes/default/, are where the
// theme is edited.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the default theme: templates/ and static/.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

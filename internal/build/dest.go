package build

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/render"
)

// inputs are the parts of a site a build reads; publishing replaces the
// destination whole, so it must be none of them.
var inputs = []string{content.Dir, "templates", "themes", render.StaticDir, config.File}

// checkDestination refuses a destination that is the site, holds it, or
// lies in one of its input folders: "build -d ." would otherwise swap the
// sources out and delete them.
func checkDestination(source, dest string) error {
	src, err := realPath(source)
	if err != nil {
		return err
	}
	dst, err := realPath(dest)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(dst, src); err == nil && !escapes(rel) {
		return fmt.Errorf("destination %s holds the site itself; give a folder of its own, such as %s", dest, filepath.Join(source, "public"))
	}
	rel, err := filepath.Rel(src, dst)
	if err != nil || escapes(rel) {
		return nil
	}
	first := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
	for _, in := range inputs {
		if first == in {
			return fmt.Errorf("destination %s is the site's %s or lies inside it; give a folder of its own, such as %s", dest, in, filepath.Join(source, "public"))
		}
	}
	return nil
}

func escapes(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath is the absolute path with symbolic links resolved as far as the
// path exists, so that two spellings of one folder compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

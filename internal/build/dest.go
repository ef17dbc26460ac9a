package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsdigest/newsdigest/internal/sitefs"
)

// checkFolders refuses a source that is not a folder, so that a mistyped
// --source is an error rather than an empty site built in a new folder, and
// a destination that the swap into place would destroy or feed back into
// the build. A build replaces its destination whole, so a destination that
// is the source or holds it would delete the site itself; one inside
// static/ would be copied into the next output.
func checkFolders(source, dest string) error {
	if info, err := os.Stat(source); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("source %s: %w", source, err)
	} else if !info.IsDir() {
		return fmt.Errorf("source %s is not a folder", source)
	}
	src, err := realPath(source)
	if err != nil {
		return err
	}
	dst, err := realPath(dest)
	if err != nil {
		return err
	}
	if within(src, dst) {
		return fmt.Errorf("destination %s holds the site's source %s, and a build replaces its destination whole; choose another folder, such as %s", dest, source, filepath.Join(source, "public"))
	}
	for _, d := range sitefs.Inputs {
		// An input folder may be a link to a folder elsewhere, which the
		// build reads all the same.
		in, err := realPath(filepath.Join(src, d))
		if err != nil {
			return err
		}
		if within(dst, in) {
			return fmt.Errorf("destination %s is inside the site's %s/ folder, which the build reads; choose another folder, such as %s", dest, d, filepath.Join(source, "public"))
		}
	}
	return nil
}

// realPath makes p absolute and resolves the symbolic links of the part of
// it that exists, so that two names of one folder compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		} else if !os.IsNotExist(err) {
			return "", err
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// File is one article file found by Scan.
type File struct {
	Path   string   // "content/business/grocers.md"
	Bundle string   // the bundle folder, for index.md files
	Assets []string // bundle files, relative to Bundle
}

// Scan lists the article files in sorted order. Hidden files and folders and
// editor leftovers are ignored. Files inside a bundle (a folder with
// index.md) belong to it and are not articles of their own.
func Scan(ctx context.Context, fsys fs.FS) ([]File, []Problem, error) {
	l := &listing{fsys: fsys}
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			// A large tree takes a while to list: a cancelled load stops.
			return ctx.Err()
		}
		return l.visit(p, d, err)
	})
	if err != nil {
		return nil, nil, err
	}
	return l.files(), l.problems, nil
}

// listing is what Scan found while it walks content/.
type listing struct {
	fsys     fs.FS
	paths    []string // regular files
	dirLinks []string // links to folders, never followed
	problems []Problem
}

// visit takes one entry of the walk.
func (l *listing) visit(p string, d fs.DirEntry, err error) error {
	if err != nil {
		if p == Dir && errors.Is(err, fs.ErrNotExist) {
			return fs.SkipAll
		}
		l.problems = append(l.problems, Problem{File: p, Err: unwrapPathError(err)})
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if p == Dir && !d.IsDir() {
		// Otherwise the site would be built with no articles and
		// published over the last one.
		return errors.New("content is not a folder")
	}
	if p != Dir && Ignored(path.Base(p)) {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if d.IsDir() {
		return nil
	}
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		// A link loop, a dangling link or a link out of the site would
		// otherwise vanish quietly (or, for a .md name, fail later with a
		// vaguer message).
		info, err := fs.Stat(l.fsys, p)
		if err != nil {
			l.problems = append(l.problems, Problem{File: p, Err: fmt.Errorf("symbolic link cannot be followed: %w", unwrapPathError(err))})
			return nil
		}
		if info.IsDir() {
			// Never followed, so that a loop cannot be; named by files if
			// it is in a bundle, whose files are copied.
			l.dirLinks = append(l.dirLinks, p)
			return nil
		}
		mode = info.Mode().Type()
	}
	if !mode.IsRegular() {
		// Reading a named pipe waits for a writer, for ever.
		l.problems = append(l.problems, Problem{File: p, Err: fmt.Errorf("not a regular file (%s)", kind(mode))})
		return nil
	}
	l.paths = append(l.paths, p)
	return nil
}

// files groups the paths found into articles: each bundle's index.md with
// the bundle's other files, and every other .md file, sorted by path.
func (l *listing) files() []File {
	sort.Strings(l.paths)
	bundles := map[string]int{} // bundle folder → index in out
	var out []File
	for _, f := range l.paths {
		if path.Base(f) == "index.md" && path.Dir(f) != Dir {
			bundles[path.Dir(f)] = len(out)
			out = append(out, File{Path: f, Bundle: path.Dir(f)})
		}
	}
	for _, f := range l.paths {
		if b, ok := bundleOf(f, bundles); ok {
			asset := strings.TrimPrefix(f, b+"/")
			switch {
			case f == out[bundles[b]].Path:
			case asset == "index.html":
				l.problems = append(l.problems, Problem{File: f, Err: errors.New("a bundle file named index.html would replace the article's page; rename it")})
			case strings.Contains(asset, `\`):
				// A folder separator on Windows and to many web servers.
				l.problems = append(l.problems, Problem{File: f, Err: errors.New(`a bundle file name with a backslash (\) cannot be published; rename it`)})
			default:
				out[bundles[b]].Assets = append(out[bundles[b]].Assets, asset)
			}
			continue
		}
		if strings.HasSuffix(f, ".md") {
			out = append(out, File{Path: f})
		}
	}
	for _, d := range l.dirLinks {
		if _, ok := bundleOf(d, bundles); ok {
			l.problems = append(l.problems, Problem{File: d, Err: errors.New("symbolic link to a folder, which is not followed; link the files instead")})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// bundleOf finds the bundle folder that holds f, if any.
func bundleOf(f string, bundles map[string]int) (string, bool) {
	for d := path.Dir(f); d != Dir && d != "." && d != "/"; d = path.Dir(d) {
		if _, ok := bundles[d]; ok {
			return d, true
		}
	}
	return "", false
}

// kind names a type of file that is not regular, for a message.
func kind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Ignored reports whether a file or folder name is hidden or an editor's
// temporary file, never content.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") || name == "4913"
}

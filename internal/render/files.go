package render

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/output"
)

// StaticDir is the site folder copied to the output as is.
const StaticDir = "static"

// Files copies into sink the files pages use besides themselves: each
// article's bundle files beside its page, and the static files of the site
// and its theme layers. It returns the number of files written, and the
// files it could not read (a link to a folder, a pipe, a link out of the
// site), which are left out: one odd file must not stop the site.
func (r *Renderer) Files(d *digest.Digest, site fs.FS, sink output.Sink) (int, []content.Problem, error) {
	n := 0
	var problems []content.Problem
	copyFile := func(fsys fs.FS, name, shown, to string, bundle bool) error {
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted since the site was read: gone from the output too
		}
		if err == nil {
			// A name no web server can serve, such as x\..\y.html.
			err = output.CheckPath(to)
		}
		if err == nil && bundle && !r.cfg.Markup.Unsafe {
			err = runsAsPage(name, data)
		}
		if err != nil {
			problems = append(problems, content.Problem{File: shown, Err: unwrap(err)})
			return nil
		}
		n++
		if err := sink.Write(to, data); err != nil {
			return fmt.Errorf("%s: %w", content.ShowPath(shown), err)
		}
		return nil
	}
	for _, a := range d.Articles {
		for _, asset := range a.Assets {
			name := path.Join(a.Dir, asset)
			if err := copyFile(site, name, name, a.AssetPath(asset), true); err != nil {
				return n, problems, err
			}
		}
	}
	files, walked, err := r.staticFiles(site)
	problems = append(problems, walked...)
	if err != nil {
		return n, problems, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := files[name]
		if err := copyFile(src.fsys, name, src.from+"/"+name, name, false); err != nil {
			return n, problems, err
		}
	}
	return n, problems, nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// vcsDirs are never published: a theme cloned into static/ must not put
// its repository on the web. Other hidden folders, such as .well-known,
// are published; hidden and temporary files are not.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true}

type staticSource struct {
	fsys fs.FS
	from string
}

// staticFiles merges the site's static/ folder over the theme layers'
// static/ folders: the first place that has a file wins.
func (r *Renderer) staticFiles(site fs.FS) (map[string]staticSource, []content.Problem, error) {
	files := map[string]staticSource{}
	var problems []content.Problem
	var sources []staticSource
	if sub, ok := subDir(site, StaticDir); ok {
		sources = append(sources, staticSource{sub, StaticDir})
	}
	for _, l := range r.layers {
		if l.Static != nil {
			sources = append(sources, staticSource{l.Static, l.Name + " static"})
		}
	}
	for _, src := range sources {
		err := fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if vcsDirs[d.Name()] {
					return fs.SkipDir
				}
				return nil
			}
			if content.Ignored(d.Name()) {
				return nil
			}
			if !d.Type().IsRegular() {
				// A link is looked at where it leads; anything else is a
				// pipe, socket or device, which is never read.
				file := src.from + "/" + p
				if d.Type()&fs.ModeSymlink == 0 {
					problems = append(problems, content.Problem{File: file, Err: errors.New("not a regular file")})
					return nil
				}
				info, err := fs.Stat(src.fsys, p)
				switch {
				case err != nil:
					problems = append(problems, content.Problem{File: file, Err: fmt.Errorf("symbolic link cannot be followed: %w", unwrap(err))})
					return nil
				case info.IsDir():
					problems = append(problems, content.Problem{File: file, Err: errors.New("symbolic link to a folder, which is not followed; link the files instead")})
					return nil
				case !info.Mode().IsRegular():
					problems = append(problems, content.Problem{File: file, Err: errors.New("not a regular file")})
					return nil
				}
			}
			if _, ok := files[p]; !ok {
				files[p] = src
			}
			return nil
		})
		if err != nil {
			return nil, problems, fmt.Errorf("%s: %w", src.from, err)
		}
	}
	return files, problems, nil
}

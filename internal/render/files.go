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
// and its theme layers. It returns the number of files written.
func (r *Renderer) Files(d *digest.Digest, site fs.FS, sink output.Sink) (int, error) {
	n := 0
	write := func(name string, data []byte) error {
		n++
		return sink.Write(name, data)
	}
	for _, a := range d.Articles {
		for _, asset := range a.Assets {
			data, err := fs.ReadFile(site, path.Join(a.Dir, asset))
			if errors.Is(err, fs.ErrNotExist) {
				continue // deleted since the articles were read: gone from the site too
			}
			if err != nil {
				return n, fmt.Errorf("%s: %w", path.Join(a.Dir, asset), err)
			}
			if err := write(a.AssetPath(asset), data); err != nil {
				return n, fmt.Errorf("%s: %w", path.Join(a.Dir, asset), err)
			}
		}
	}
	files, err := r.staticFiles(site)
	if err != nil {
		return n, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := files[name]
		data, err := fs.ReadFile(src.fsys, name)
		if err != nil {
			return n, fmt.Errorf("%s/%s: %w", src.from, name, err)
		}
		if err := write(name, data); err != nil {
			return n, fmt.Errorf("%s/%s: %w", src.from, name, err)
		}
	}
	return n, nil
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
func (r *Renderer) staticFiles(site fs.FS) (map[string]staticSource, error) {
	files := map[string]staticSource{}
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
			if _, ok := files[p]; !ok {
				files[p] = src
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.from, err)
		}
	}
	return files, nil
}

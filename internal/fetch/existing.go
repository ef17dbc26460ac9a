package fetch

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"

	"github.com/newsdigest/newsdigest/internal/content"
)

// existing maps the canonical source_url of every article already under
// the site's content folder to its file. The state file is what a run
// trusts, but a site whose state was lost (a fresh CI checkout that keeps
// content/ and not .newsdigest/) must not take its articles a second time.
func existing(site string) map[string]string {
	out := map[string]string{}
	root := filepath.Join(site, content.Dir)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable folder: what it holds is not known
		}
		if p != root && content.Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		if u := sourceURL(p); u != "" {
			rel, _ := filepath.Rel(site, p)
			out[u] = path.Clean(filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

// sourceURL reads the source_url of one article's front matter, canonical,
// or "" when it has none or cannot be read.
func sourceURL(file string) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	f, err := content.Split(data)
	if err != nil {
		return ""
	}
	var m struct {
		SourceURL string `yaml:"source_url" toml:"source_url"`
	}
	switch f.Format {
	case content.YAML:
		err = yaml.Unmarshal(f.Matter, &m)
	case content.TOML:
		err = toml.Unmarshal(f.Matter, &m)
	}
	if err != nil {
		return ""
	}
	return canonical(nil, m.SourceURL)
}

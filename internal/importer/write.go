package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/newsdigest/newsdigest/internal/content"
)

// frontMatter is an imported article's front matter, in the order a
// reader expects it.
type frontMatter struct {
	Title     string    `yaml:"title"`
	Date      time.Time `yaml:"date"`
	Topic     string    `yaml:"topic"`
	Dateline  string    `yaml:"dateline,omitempty"`
	Authors   []string  `yaml:"authors,omitempty"`
	Source    string    `yaml:"source,omitempty"`
	SourceURL string    `yaml:"source_url,omitempty"`
}

// Marshal writes the article as a content file: YAML front matter, then
// the Markdown body. Characters front matter refuses are dropped from its
// text.
func Marshal(a *Article) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	var authors []string
	for _, name := range a.Authors {
		if name = printable(name); name != "" {
			authors = append(authors, name)
		}
	}
	fm := frontMatter{printable(a.Title), a.Date, printable(a.Topic), printable(a.Dateline), authors, printable(a.Source), printable(a.SourceURL)}
	if err := enc.Encode(fm); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	b.WriteString("---\n")
	b.WriteString(a.Body)
	return b.Bytes(), nil
}

// printable drops what front matter text may not hold (control
// characters, noncharacters), which scraped pages and feeds do carry.
func printable(s string) string {
	if !strings.ContainsFunc(s, content.Unprintable) {
		return s
	}
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if content.Unprintable(r) {
			return -1
		}
		return r
	}, s))
}

// Slug is the article's file name without .md: the title's slug, or for a
// title without Latin letters or digits a stable one made from its hash.
func (a *Article) Slug() string {
	if s := cutSlug(content.Slugify(a.Title), maxSlug); s != "" {
		return s
	}
	sum := sha256.Sum256([]byte(a.Title))
	return "story-" + hex.EncodeToString(sum[:4])
}

// maxSlug bounds an article's file name, and so its URL segment: a
// headline long enough to pass a file system's limit on a name (255
// bytes) is cut at a word.
const maxSlug = 80

// cutSlug cuts a slug to at most n bytes, at a hyphen when it has one.
func cutSlug(s string, n int) string {
	s = content.Slugify(s)
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '-'); i > n/2 {
		s = s[:i]
	}
	return strings.Trim(s, "-")
}

// Path is where the article goes inside content/:
// <topic-slug>/<YYYY>/<MM>/<slug>.md.
func (a *Article) Path() string {
	return path.Join(content.Slugify(a.Topic), a.Date.Format("2006"), a.Date.Format("01"), a.Slug()+".md")
}

// ErrExists is returned, wrapped, when an article is already at the path
// and overwriting was not asked for.
var ErrExists = errors.New("already exists (use --force to overwrite)")

// Write stores data at rel inside the content folder dir, creating the
// folders it needs. The file is written whole beside its final name and
// then moved in, so a reader never sees half an article. Through os.Root,
// no path or symbolic link can lead the write outside dir.
func Write(dir, rel string, data []byte, force bool) error {
	if !filepath.IsLocal(rel) {
		return fmt.Errorf("%s: path leaves the content folder", rel)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll(filepath.Dir(rel), 0o755); err != nil {
		return err
	}
	if !force {
		if _, err := root.Lstat(rel); err == nil {
			return fmt.Errorf("%s: %w", rel, ErrExists)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	tmp := filepath.Join(filepath.Dir(rel), "."+filepath.Base(rel)+".import-tmp")
	if err := root.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if force {
		err = root.Rename(tmp, rel)
	} else {
		// Link fails if rel appeared since the check: never overwrite.
		err = root.Link(tmp, rel)
		if errors.Is(err, fs.ErrExist) {
			err = fmt.Errorf("%s: %w", rel, ErrExists)
		}
		root.Remove(tmp)
	}
	if err != nil {
		root.Remove(tmp)
		return err
	}
	return nil
}

// Twin returns the path, inside the content folder dir, of an article
// already filed under another topic with the same month and file name as
// rel, or "". Both would claim one URL, /YYYY/MM/DD/slug/, and break the
// build, so an import must not add the second.
func Twin(dir, rel string) string {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if len(parts) != 4 {
		return ""
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*", parts[1], parts[2], parts[3]))
	for _, m := range matches {
		if r, err := filepath.Rel(dir, m); err == nil && r != filepath.FromSlash(rel) {
			return r
		}
	}
	return ""
}

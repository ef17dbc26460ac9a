// Package build publishes a site: it runs every stage of the site's
// pipeline once, into a staging folder that replaces the destination only
// when everything was written, and keeps converted bodies in a cache
// between builds. Bad articles are reported and left out; with Strict, any
// bad article stops the build before the destination is touched.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/i18n"
	"github.com/newsdigest/newsdigest/internal/output"
	"github.com/newsdigest/newsdigest/internal/pipeline"
	"github.com/newsdigest/newsdigest/internal/sitefs"
)

// Options describe one build.
type Options struct {
	Source      string // site root
	Destination string // output folder; default <Source>/public
	BaseURL     string // overrides the config's when set
	Drafts      bool
	Future      bool
	Strict      bool      // publish nothing when any article is bad
	Now         time.Time // decides what is future; default time.Now()
	// Progress, when set, is called as pages are written.
	Progress func(done, total int)
	// NoCache turns off the body cache that Run keeps in CacheDir.
	NoCache bool
	// CacheDir holds the cache; default <Source>/.newsdigest.
	CacheDir string
}

// Result tells what a build did.
type Result struct {
	Articles int
	Editions int
	Topics   int
	Tags     int
	Pages    int // HTML pages
	Feeds    int // feed files
	Files    int // every file written
	Skipped  int // drafts and future articles left out
	Problems []content.Problem
	Duration time.Duration
	// Converted counts the bodies converted from Markdown; the others came
	// from the cache. It is -1 when there was no cache.
	Converted int
	// CacheNote says why an existing cache was discarded, if it was.
	CacheNote string
	// Published is false when nothing was written to the destination.
	Published bool
}

// ErrProblems is returned, wrapped, when the site was built but some
// articles were bad and left out.
var ErrProblems = errors.New("some articles were left out")

// ErrStrict is returned, wrapped, when Strict stopped the build.
var ErrStrict = errors.New("nothing published (--strict)")

// Run builds the site at opts.Source into opts.Destination: every stage
// of the pipeline, into a staging folder that replaces the destination
// once every file is written.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	if err := checkFolders(opts.Source, opts.Destination); err != nil {
		return nil, err
	}
	fsys := sitefs.New(opts.Source)
	p, err := pipeline.Open(ctx, fsys, opts.BaseURL)
	if err != nil {
		return nil, err
	}
	res := &Result{Converted: -1}
	var cache *bodyCache
	if !opts.NoCache {
		if opts.CacheDir == "" {
			opts.CacheDir = filepath.Join(opts.Source, CacheDir)
		}
		var note string
		cache, note = openBodyCache(opts.CacheDir, p.Config)
		if note != "" {
			res.CacheNote = "build cache discarded, every article converted afresh: " + note
		}
	}
	err = publish(ctx, p, fsys, opts, cache, res)
	res.Duration = time.Since(start)
	return res, err
}

// publish runs the stages into a staging folder and swaps it in, and
// saves the cache of a published build.
func publish(ctx context.Context, p *pipeline.Pipeline, fsys fs.FS, opts Options, cache *bodyCache, res *Result) error {
	o := pipeline.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}
	if cache != nil {
		o.Bodies = cache
	}
	loaded, err := p.Load(ctx, fsys, o)
	if err != nil {
		return err
	}
	res.Problems, res.Skipped = loaded.Problems, loaded.Skipped
	if cache != nil {
		res.Converted = int(cache.misses.Load())
	}
	if opts.Strict && len(loaded.Problems) > 0 {
		return fmt.Errorf("%s: %w", i18n.Plural(len(loaded.Problems), "bad article", "bad articles"), ErrStrict)
	}
	// The cache is complete once the articles are loaded: it is written
	// while the pages render, and put in place only if the site is
	// published.
	saved := make(chan cacheFile, 1)
	if cache != nil {
		go func() {
			tmp, err := cache.write()
			saved <- cacheFile{tmp, err}
		}()
	} else {
		saved <- cacheFile{}
	}
	err = stage(ctx, p, fsys, loaded, opts, res)
	c := <-saved
	if res.Published && c.tmp != "" {
		c.err = errors.Join(c.err, cache.install(c.tmp))
	} else if c.tmp != "" {
		os.Remove(c.tmp)
	}
	// A cache that cannot be written slows the next build down but loses
	// nothing, so it is not an error.
	if c.err != nil && res.CacheNote == "" {
		res.CacheNote = "cache not saved: " + c.err.Error()
	}
	if err == nil && len(res.Problems) > 0 {
		err = fmt.Errorf("%s: %w", i18n.Plural(len(res.Problems), "bad article", "bad articles"), ErrProblems)
	}
	return err
}

// stage writes the site of the loaded articles into a staging folder and
// swaps it into place.
func stage(ctx context.Context, p *pipeline.Pipeline, fsys fs.FS, loaded *content.Result, opts Options, res *Result) error {
	d := p.Digest(loaded.Articles)
	res.Articles, res.Editions, res.Topics, res.Tags = len(d.Articles), len(d.Editions), len(d.Topics), len(d.Tags)
	words := p.SearchWords(d)
	plan, err := p.Plan(d, p.Stories(d.Articles))
	if err != nil {
		return err
	}
	plan.Words = words
	staging, err := output.NewStaging(opts.Destination)
	if err != nil {
		return err
	}
	st, err := p.Write(ctx, plan, fsys, staging, opts.Progress)
	res.Pages, res.Feeds, res.Files = st.Pages, st.Feeds, st.Files
	if len(st.Problems) > 0 {
		res.Problems = append(res.Problems, st.Problems...)
		sort.SliceStable(res.Problems, func(i, j int) bool { return res.Problems[i].File < res.Problems[j].File })
	}
	if err == nil {
		err = staging.Commit()
		if err != nil {
			err = fmt.Errorf("publish %s: %w", opts.Destination, err)
		}
	}
	if err != nil {
		staging.Abort()
		return err
	}
	res.Published = true
	return nil
}

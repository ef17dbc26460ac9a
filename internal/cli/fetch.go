package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/spf13/cobra"

	"github.com/newsdigest/newsdigest/internal/build"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/fetch"
	"github.com/newsdigest/newsdigest/internal/i18n"
	"github.com/newsdigest/newsdigest/internal/sitefs"
)

type fetchOptions struct {
	Source string
	OPML   []string
	Topic  string
	URLs   []string
	Quiet  bool
}

func newFetchCmd(io streams) *cobra.Command {
	var opts fetchOptions
	cmd := &cobra.Command{
		Use:   "fetch [flags] [URL...]",
		Short: "Take new articles in from feeds and article pages on the web",
		Long: `Fetch reads the feeds listed as [[sources]] in newsdigest.toml (RSS,
Atom or JSON Feed), or the URLs given, and writes each new item as an
article under content/, cleaned as import cleans a page. A URL given may
be a feed or an article page. --opml adds the feeds of a subscription
list.

A second run asks each feed only for what changed (ETag and
Last-Modified) and writes nothing for an item it took before, nor for
one another source took under the same canonical URL: what was taken is
kept in .newsdigest/fetch.json.

Requests obey robots.txt, go a few at a time per host with a pause
between them ([fetch] in newsdigest.toml), and stop at a time and size
limit. A source that fails is named and the others are fetched; the exit
status is then 1.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.URLs = args
			return runFetch(cmd, io, opts)
		},
	}
	f := cmd.Flags()
	sourceFlag(f, &opts.Source)
	f.StringArrayVar(&opts.OPML, "opml", nil, "also fetch the feeds of this OPML subscription list (repeatable)")
	f.StringVar(&opts.Topic, "topic", "", "topic for articles whose source names none (default: [fetch] topic, \"News\")")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only problems and the summary")
	return cmd
}

func runFetch(cmd *cobra.Command, io streams, opts fetchOptions) error {
	cfg, err := config.Load(sitefs.New(opts.Source))
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(opts.Source, config.File), err)
	}
	fo := fetch.Options{
		Site:      opts.Source,
		StateDir:  filepath.Join(opts.Source, build.CacheDir),
		Pages:     opts.URLs,
		Location:  cfg.Location,
		Topic:     cfg.Fetch.Topic,
		UserAgent: "newsdigest/" + Version + " (+https://github.com/newsdigest/newsdigest)",
		PerHost:   cfg.Fetch.PerHost,
		Delay:     cfg.Fetch.DelayDuration,
		Timeout:   cfg.Fetch.TimeoutDuration,
		MaxBytes:  cfg.Fetch.MaxBytes,
	}
	if opts.Topic != "" {
		fo.Topic = opts.Topic
	}
	if len(opts.URLs) == 0 {
		for _, s := range cfg.Sources {
			fo.Sources = append(fo.Sources, fetch.Source{Name: s.Name, URL: s.URL, Topic: s.Topic, Full: s.Full})
		}
	}
	for _, name := range opts.OPML {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		list, err := fetch.ParseOPML(data)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fo.Sources = append(fo.Sources, list...)
	}
	total := len(fo.Sources) + len(fo.Pages)
	if total == 0 {
		return fmt.Errorf("%w: nothing to fetch: give URLs or --opml, or list feeds as [[sources]] in %s", errUsage, filepath.Join(opts.Source, config.File))
	}
	var bar *progressBar
	if !opts.Quiet && isTerminal(io.err) {
		bar = newProgressBarOf(io.err, "sources")
	}
	var mu sync.Mutex
	done := 0
	fo.Progress = func(d fetch.Done) {
		mu.Lock()
		defer mu.Unlock()
		done++
		if bar != nil {
			bar.Clear()
		}
		printDone(io, d, opts.Source, opts.Quiet)
		if bar != nil {
			bar.Update(done, total)
		}
	}
	res, err := fetch.Run(cmd.Context(), fo)
	if bar != nil {
		bar.Clear()
	}
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(io.err, "warning: %s\n", w)
	}
	fmt.Fprintf(io.out, "fetched %s: %s, %d already taken, %d skipped, %d failed\n",
		i18n.Plural(res.Sources, "source", "sources"), i18n.Plural(res.Written, "new article", "new articles"),
		res.Known, res.Skipped, res.Failed)
	if res.Failed > 0 {
		return exitError{1}
	}
	return nil
}

// printDone says what one source gave: each article written, each item
// skipped and why, or why the source failed.
func printDone(io streams, d fetch.Done, site string, quiet bool) {
	if d.Err != nil {
		fmt.Fprintf(io.err, "%s: failed: %v\n", d.Source, d.Err)
		return
	}
	if !quiet {
		fmt.Fprintf(io.out, "%s: %d new, %d already taken\n", d.Source, len(d.Written), d.Known)
		for _, f := range d.Written {
			fmt.Fprintf(io.out, "  %s\n", filepath.Join(site, filepath.FromSlash(f)))
		}
	}
	for _, p := range d.Skipped {
		fmt.Fprintf(io.err, "%s: skipped %s\n", d.Source, p)
	}
}

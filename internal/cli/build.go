package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/newsdigest/newsdigest/internal/build"
	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/i18n"
)

type buildOptions struct {
	build.Options
	Quiet      bool
	CPUProfile string
	MemProfile string
}

func newBuildCmd(io streams) *cobra.Command {
	var opts buildOptions
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into the destination folder",
		Long: `Build reads newsdigest.toml and content/ under --source, and writes the
site to --destination (default: public/ under the source). The new site
replaces the old one in one step once every file is written, so a failed
build leaves the previous output as it was.

A bad article is reported as path:line: message and left out; the rest
is published and the exit status is 1. With --strict, nothing is
published when any article is bad.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkBaseURL(opts.BaseURL); err != nil {
				return err
			}
			return runBuild(cmd, io, opts)
		},
	}
	f := cmd.Flags()
	sourceFlag(f, &opts.Source)
	f.StringVarP(&opts.Destination, "destination", "d", "", "output folder (default <source>/public)")
	dirFlag(f, "destination")
	baseURLFlag(f, &opts.BaseURL)
	articleFlags(f, &opts.Drafts, &opts.Future)
	f.BoolVar(&opts.Strict, "strict", false, "publish nothing if any article is bad")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only problems")
	f.StringVar(&opts.CPUProfile, "cpuprofile", "", "write a pprof CPU profile of the build to this file")
	f.StringVar(&opts.MemProfile, "memprofile", "", "write a pprof heap profile, taken at the end of the build, to this file")
	f.MarkHidden("cpuprofile")
	f.MarkHidden("memprofile")
	f.BoolVar(&opts.NoCache, "no-cache", false, "convert every article afresh and keep no cache in <source>/.newsdigest")
	return cmd
}

func runBuild(cmd *cobra.Command, io streams, opts buildOptions) error {
	if err := isSite(opts.Source); err != nil {
		return err
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	var bar *progressBar
	if !opts.Quiet && isTerminal(io.err) {
		bar = newProgressBar(io.err)
		opts.Progress = bar.Update
	}
	setGCDefaults()
	stop, err := startProfiles(opts.CPUProfile, opts.MemProfile)
	if err != nil {
		return err
	}
	res, err := build.Run(cmd.Context(), opts.Options)
	if perr := stop(); perr != nil && err == nil {
		err = perr
	}
	if bar != nil {
		bar.Clear()
	}
	if res != nil {
		for _, p := range res.Problems {
			fmt.Fprintln(io.err, p.Error())
		}
	}
	if res != nil && res.CacheNote != "" && !opts.Quiet {
		fmt.Fprintf(io.err, "newsdigest: %s\n", res.CacheNote)
	}
	if res != nil && res.Published && !opts.Quiet {
		fmt.Fprintln(io.out, summary(res, opts.Destination))
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, build.ErrProblems):
		fmt.Fprintf(io.err, "newsdigest: %v\n", err)
		return exitError{1}
	}
	return err
}

func summary(r *build.Result, dest string) string {
	return fmt.Sprintf("built %s: %s, %s, %s, %s, %s, %s, %s in %s", dest,
		i18n.Plural(r.Articles, "article", "articles"), i18n.Plural(r.Editions, "edition", "editions"), i18n.Plural(r.Topics, "topic", "topics"), i18n.Plural(r.Tags, "tag", "tags"),
		i18n.Plural(r.Pages, "page", "pages"), i18n.Plural(r.Feeds, "feed", "feeds"), i18n.Plural(r.Files, "file", "files"), r.Duration.Round(time.Millisecond)) + cacheSummary(r)
}

// cacheSummary tells how much the body cache saved, when it saved anything.
func cacheSummary(r *build.Result) string {
	total := r.Articles + len(r.Problems) + r.Skipped
	if r.Converted < 0 || r.Converted >= total || total == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s converted, the rest from the cache)", i18n.Plural(r.Converted, "article", "articles"))
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// isSite refuses a folder that holds neither content/ nor newsdigest.toml:
// a build there would publish an empty site, most likely from the wrong
// folder.
func isSite(dir string) error {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil // build says what is wrong with the folder itself
	}
	for _, name := range []string{"content", config.File} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return nil
		}
	}
	return fmt.Errorf("%s is not a site: it has neither content/ nor %s; start one with: newsdigest init %s", dir, config.File, dir)
}

package cli

import (
	"fmt"
	"net/url"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsdigest/newsdigest/internal/i18n"
	"github.com/newsdigest/newsdigest/internal/serve"
)

func newServeCmd(io streams) *cobra.Command {
	var opts serve.Options
	var baseURL string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site locally, rebuilding and reloading on every change",
		Long: `Serve builds the site into memory and serves it at http://127.0.0.1:1313/
(see --bind and --port; a port that is taken gives the next free one),
or under the path of --baseURL; public/ is never touched. It watches content/,
templates/, themes/, static/ and newsdigest.toml, rebuilds after each burst
of changes, and open pages reload by themselves once the new site is in
place; a change to stylesheets alone swaps them without a reload.

A build error is printed here and shown over every page, while the last
good site stays served; fixing the file clears it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkBaseURL(baseURL); err != nil {
				return err
			}
			if baseURL != "" {
				// Only the path: the preview's host and port are its own.
				u, _ := url.Parse(baseURL)
				opts.BasePath = u.Path
			}
			return runServe(cmd, io, opts)
		},
	}
	f := cmd.Flags()
	sourceFlag(f, &opts.Source)
	f.IntVarP(&opts.Port, "port", "p", 1313, "port to listen on (0 picks a free one)")
	f.StringVar(&opts.Bind, "bind", "127.0.0.1", "address to listen on; 0.0.0.0 lets other machines see the preview")
	f.StringVarP(&baseURL, "baseURL", "b", "", "serve the site under this URL's path, e.g. http://localhost:1313/news/ (host and port are the server's)")
	articleFlags(f, &opts.Drafts, &opts.Future)
	return cmd
}

func runServe(cmd *cobra.Command, io streams, opts serve.Options) error {
	if !serve.IsLoopback(opts.Bind) {
		what := "the preview"
		if opts.Drafts {
			what = "the preview, drafts included,"
		}
		fmt.Fprintf(io.err, "warning: --bind %s serves %s to other machines on the network\n", opts.Bind, what)
	}
	opts.OnBuild = func(r serve.Report) { printReport(io, r) }
	opts.OnWarning = func(err error) { fmt.Fprintf(io.err, "newsdigest: %v\n", err) }
	s, err := serve.Start(cmd.Context(), opts)
	if err != nil {
		return err
	}
	if opts.Port != 0 && s.Port() != opts.Port {
		fmt.Fprintf(io.err, "port %d is taken; using %d instead\n", opts.Port, s.Port())
	}
	fmt.Fprintf(io.out, "serving %s at %s (Ctrl+C to stop)\n", opts.Source, s.URL())
	s.Wait()
	return nil
}

func printReport(io streams, r serve.Report) {
	for _, p := range r.Problems {
		fmt.Fprintln(io.err, p)
	}
	if r.Err != nil {
		fmt.Fprintf(io.err, "newsdigest: %v\nstill serving the last good build\n", r.Err)
		return
	}
	if r.Full {
		// The full build after each change only speaks when it served
		// something the quick build had missed.
		if r.Differed > 0 {
			fmt.Fprintf(io.out, "full build: %d files differed from the quick build, now served (version %d) in %s\n",
				r.Differed, r.Version, r.Duration.Round(time.Millisecond))
		}
		return
	}
	fmt.Fprintf(io.out, "built version %d: %s (%d parsed), %s rendered, %s in %s\n",
		r.Version, i18n.Plural(r.Articles, "article", "articles"), r.Reparsed, i18n.Plural(r.Pages, "page", "pages"),
		i18n.Plural(r.Files, "file", "files"), r.Duration.Round(time.Millisecond))
}

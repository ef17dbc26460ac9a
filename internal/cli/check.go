package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsdigest/newsdigest/internal/check"
	"github.com/newsdigest/newsdigest/internal/i18n"
	"github.com/newsdigest/newsdigest/internal/pipeline"
	"github.com/newsdigest/newsdigest/internal/sitefs"
)

type checkOptions struct {
	Source  string
	BaseURL string
	Drafts  bool
	Future  bool
}

func newCheckCmd(io streams) *cobra.Command {
	var opts checkOptions
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate articles, links and assets without writing anything",
		Long: `Check builds the site in memory, as build would, and reports every bad
article and every link or asset reference inside the site that leads
nowhere (including #fragments), as path:line: message. A broken link
written in an article is reported at its line in the article; one that
comes from a template is reported once, on the first page that has it.
Nothing is written. The exit status is 1 when there is any problem.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkBaseURL(opts.BaseURL); err != nil {
				return err
			}
			return runCheck(cmd, io, opts)
		},
	}
	f := cmd.Flags()
	sourceFlag(f, &opts.Source)
	baseURLFlag(f, &opts.BaseURL)
	articleFlags(f, &opts.Drafts, &opts.Future)
	return cmd
}

func runCheck(cmd *cobra.Command, io streams, opts checkOptions) error {
	fsys := sitefs.New(opts.Source)
	p, err := pipeline.Open(cmd.Context(), fsys, opts.BaseURL)
	if err != nil {
		return err
	}
	rep, err := check.Site(cmd.Context(), p, fsys, pipeline.Options{Drafts: opts.Drafts, Future: opts.Future})
	if err != nil {
		return err
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(io.err, p)
	}
	fmt.Fprintf(io.out, "checked %d articles, %d files, %d internal links: %s\n",
		rep.Articles, rep.Files, rep.Links, i18n.Plural(len(rep.Problems), "problem", "problems"))
	if len(rep.Problems) > 0 {
		return exitError{1}
	}
	return nil
}

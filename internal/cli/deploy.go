package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/deploy"
	"github.com/newsdigest/newsdigest/internal/i18n"
	"github.com/newsdigest/newsdigest/internal/output"
)

type deployOptions struct {
	Source      string
	Destination string
	Target      string
	DryRun      bool
	Force       bool
	MaxDeletes  int
	Invalidate  bool
	Workers     int
	Quiet       bool
}

func newDeployCmd(io streams) *cobra.Command {
	var opts deployOptions
	cmd := &cobra.Command{
		Use:   "deploy",
		Short: "Publish the built site to object storage, sending only what changed",
		Long: `Deploy publishes the built site (--destination, default public/ under
--source) to a target of newsdigest.toml's [[deployment.targets]]: an
s3:// bucket (or an S3-compatible host through endpoint=), gs://, azblob://
or a file:// folder. Credentials come from the store's usual environment.

Only new and changed files are sent, compared by size and MD5 with the
bucket's listing; files the build no longer has are deleted. Assets go
first, then article pages, then list pages, then the front page, feeds and
sitemaps, deletions last, so no live page links to a file not yet there.
A deploy stopped half-way is finished by running it again.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.MaxDeletes < 0 {
				return fmt.Errorf("%w: --max-deletes must be 0 or more, got %d", errUsage, opts.MaxDeletes)
			}
			if opts.Workers < 1 {
				return fmt.Errorf("%w: --workers must be at least 1, got %d", errUsage, opts.Workers)
			}
			return runDeploy(cmd.Context(), io, opts)
		},
	}
	f := cmd.Flags()
	sourceFlag(f, &opts.Source)
	f.StringVarP(&opts.Destination, "destination", "d", "", "the built site to publish (default <source>/public)")
	f.StringVar(&opts.Target, "target", "", "name of the deployment target (default: the first in newsdigest.toml)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "list what would be uploaded and deleted, and change nothing")
	f.BoolVar(&opts.Force, "force", false, "delete files the build no longer has, however many")
	f.IntVar(&opts.MaxDeletes, "max-deletes", 256, "refuse to deploy when more files than this would be deleted (see --force)")
	f.BoolVar(&opts.Invalidate, "invalidate", false, "ask the target's CloudFront distribution to invalidate the changed paths")
	f.IntVar(&opts.Workers, "workers", 8, "uploads at once")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only problems")
	return cmd
}

func runDeploy(ctx context.Context, io streams, opts deployOptions) error {
	cfg, err := config.Load(os.DirFS(opts.Source))
	if err != nil {
		return err
	}
	target, err := cfg.Deployment.Target(opts.Target)
	if err != nil {
		if opts.Target != "" {
			return fmt.Errorf("%w: --target: %v", errUsage, err)
		}
		return err
	}
	if opts.Invalidate && target.CloudFrontDistributionID == "" {
		return fmt.Errorf("%w: --invalidate: target %q has no cloudFrontDistributionID in %s", errUsage, target.Name, config.File)
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	if _, err := os.Stat(filepath.Join(opts.Destination, output.Marker)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s is not a built site (it has no %s); run newsdigest build first", opts.Destination, output.Marker)
		}
		return err
	}
	rules := make([]deploy.Rule, len(cfg.Deployment.Matchers))
	for i, m := range cfg.Deployment.Matchers {
		// Valid: config.Load compiled each pattern already.
		rules[i] = deploy.Rule{Pattern: regexp.MustCompile(m.Pattern), CacheControl: m.CacheControl, ContentType: m.ContentType, Gzip: m.Gzip}
	}

	start := time.Now()
	bucket, err := deploy.Open(ctx, target.URL)
	if err != nil {
		return fmt.Errorf("target %s: %w", target.Name, err)
	}
	defer bucket.Close()
	build := os.DirFS(opts.Destination)
	plan, err := deploy.Prepare(ctx, bucket, build, rules, opts.Workers)
	if err != nil {
		return fmt.Errorf("target %s: %w", target.Name, err)
	}
	if opts.DryRun {
		printPlan(io, plan)
		fmt.Fprintf(io.out, "dry run, nothing changed: would upload %s (%s), delete %d, leave %d unchanged on %s\n",
			i18n.Plural(plan.Count(), "file", "files"), formatBytes(plan.Bytes()), len(plan.Deletes), plan.Unchanged, target.Name)
		if !opts.Force {
			if err := plan.CheckDeletes(opts.MaxDeletes); err != nil {
				fmt.Fprintf(io.err, "newsdigest: %v\n", err)
				return exitError{1}
			}
		}
		return nil
	}
	if !opts.Force {
		if err := plan.CheckDeletes(opts.MaxDeletes); err != nil {
			return err
		}
	}

	var bar *progressBar
	aopts := deploy.Options{Workers: opts.Workers}
	if !opts.Quiet && isTerminal(io.err) && !plan.Empty() {
		bar = newProgressBarOf(io.err, "files")
		aopts.Progress = bar.Update
	}
	res, err := deploy.Apply(ctx, bucket, build, plan, aopts)
	if bar != nil {
		bar.Clear()
	}
	failed := err != nil
	if failed {
		if ctx.Err() != nil {
			fmt.Fprintf(io.err, "newsdigest: deploy interrupted after %s; run it again to finish\n", i18n.Plural(res.Uploaded+res.Deleted, "change", "changes"))
		} else {
			for _, line := range strings.Split(err.Error(), "\n") {
				fmt.Fprintf(io.err, "newsdigest: %s\n", line)
			}
			fmt.Fprintf(io.err, "newsdigest: deploy to %s stopped after %d uploaded and %d deleted; run it again to finish\n", target.Name, res.Uploaded, res.Deleted)
		}
	} else if !opts.Quiet {
		fmt.Fprintf(io.out, "deployed to %s: %d uploaded (%s), %d deleted, %d unchanged in %s\n",
			target.Name, res.Uploaded, formatBytes(res.Bytes), res.Deleted, plan.Unchanged, time.Since(start).Round(time.Millisecond))
	}
	// What went up is live at the origin, whether or not the rest did.
	if opts.Invalidate && len(res.Done) > 0 && ctx.Err() == nil {
		n, err := deploy.Invalidate(ctx, target.CloudFrontDistributionID, res.Done)
		if err != nil {
			fmt.Fprintf(io.err, "newsdigest: %v\n", err)
			failed = true
		} else if !opts.Quiet {
			fmt.Fprintf(io.out, "invalidated %s on CloudFront distribution %s\n", i18n.Plural(n, "path", "paths"), target.CloudFrontDistributionID)
		}
	}
	switch {
	case failed && ctx.Err() != nil:
		return exitError{ExitInterrupted}
	case failed:
		return exitError{1}
	}
	return nil
}

// printPlan lists a plan's steps in order, one a line.
func printPlan(io streams, p *deploy.Plan) {
	for ph, ups := range p.Uploads {
		for _, u := range ups {
			fmt.Fprintf(io.out, "upload %s (%s, %s, %s)\n", u.Key, deploy.Phase(ph), u.Reason, formatBytes(u.Size))
		}
	}
	for _, key := range p.Deletes {
		fmt.Fprintf(io.out, "delete %s\n", key)
	}
}

// formatBytes writes a byte count in decimal units: "512 B", "4.1 kB".
func formatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, prefix := float64(n)/unit, "k"
	for _, p := range []string{"M", "G", "T"} {
		if v < unit {
			break
		}
		v, prefix = v/unit, p
	}
	return fmt.Sprintf("%.1f %sB", v, prefix)
}

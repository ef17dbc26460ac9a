package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
)

type initOptions struct {
	Dir   string
	Title string
}

func newInitCmd(io streams) *cobra.Command {
	var opts initOptions
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a new site: newsdigest.toml, content/, templates/, static/",
		Long: `Init creates a site in DIR (default: the current folder): a commented
newsdigest.toml, the content/, templates/ and static/ folders and one
first article. It refuses a folder that already has newsdigest.toml or
content/.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if err := runInit(opts); err != nil {
				return err
			}
			fmt.Fprintf(io.out, "created a site in %s; build it with: newsdigest build --source %s\n", opts.Dir, opts.Dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Title, "title", "News Digest", "the site's title")
	return cmd
}

const initConfig = `# newsdigest site configuration. Every key is optional; see the README.
title = %q
description = "The day's stories, by topic."
# The absolute URL the site is served from; it may carry a path.
baseURL = "https://example.com/"
language = "en"
# Days of the daily editions are calendar days in this IANA time zone.
timezone = "UTC"
# Topics listed here come first, in this order; the others follow alphabetically.
topics = []
paginate = 20

[feeds]
items = 50
full_content = true

[markup]
# Raw HTML in articles is escaped unless this is true.
unsafe = false
`

func runInit(opts initOptions) error {
	for _, name := range []string{"newsdigest.toml", "content"} {
		if _, err := os.Stat(filepath.Join(opts.Dir, name)); err == nil {
			return fmt.Errorf("%s already has %s: not a new site", opts.Dir, name)
		}
	}
	for _, dir := range []string{"content", "templates", "static"} {
		if err := os.MkdirAll(filepath.Join(opts.Dir, dir), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(opts.Dir, "newsdigest.toml"), []byte(fmt.Sprintf(initConfig, opts.Title)), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(opts.Dir, "templates", "README.md"), []byte("Templates placed here override the theme's file of the same name.\n"), 0o644); err != nil {
		return err
	}
	_, err := runNew(newOptions{Source: opts.Dir, Topic: "News", Title: "Welcome to your news digest", Now: time.Now(), Published: true})
	return err
}

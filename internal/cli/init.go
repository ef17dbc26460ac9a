package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsdigest/newsdigest/internal/build"
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
		ValidArgsFunction: func(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if err := runInit(opts); err != nil {
				return err
			}
			fmt.Fprint(io.out, nextSteps(opts.Dir))
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Title, "title", "News Digest", "the site's title")
	return cmd
}

// initConfig is the config init writes. Groups of settings are written
// as dotted keys, not [tables], so that a key added at the end of the file
// stays a top-level key.
const initConfig = `# newsdigest site configuration. Every key is optional; docs/configuration.md
# in the newsdigest repository lists them all.
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

# How many articles the feeds carry, and whether with their whole text.
feeds.items = 50
feeds.full_content = true
# Raw HTML in articles is left out unless this is true.
markup.unsafe = false
`

// initIgnore keeps what builds make out of version control.
var initIgnore = []string{
	"# Made by newsdigest build and kept out of version control.",
	"/public/",
	"/" + build.CacheDir + "/",
}

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
	if err := writeIgnore(filepath.Join(opts.Dir, ".gitignore")); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(opts.Dir, "templates", "README.md"), []byte("Templates placed here override the theme's file of the same name.\n"), 0o644); err != nil {
		return err
	}
	_, err := runNew(newOptions{Source: opts.Dir, Topic: "News", Title: "Welcome to your news digest", Now: time.Now(), Published: true})
	return err
}

// writeIgnore writes .gitignore, or adds the lines it lacks to one that
// exists, as in a repository the site is made in.
func writeIgnore(name string) error {
	old, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	have := map[string]bool{}
	for _, line := range strings.Split(string(old), "\n") {
		have[strings.TrimSpace(line)] = true
	}
	var add strings.Builder
	if len(old) > 0 && !bytes.HasSuffix(old, []byte("\n")) {
		add.WriteString("\n")
	}
	for _, line := range initIgnore {
		if !have[line] {
			add.WriteString(line + "\n")
		}
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(add.String()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// nextSteps tells a new site's owner how to see it and what to do next.
func nextSteps(dir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "created a site in %s\n\npreview it, with live reload:\n", dir)
	if filepath.Clean(dir) != "." {
		fmt.Fprintf(&b, "  cd %s\n", shellQuote(dir))
	}
	b.WriteString("  newsdigest serve --drafts\n\nthen write an article, a draft until you set draft: false:\n  newsdigest new --topic City \"Your first headline\"\n")
	return b.String()
}

// shellQuote quotes a path for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

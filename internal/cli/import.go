package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/importer"
	"github.com/newsdigest/newsdigest/internal/sitefs"
)

type importOptions struct {
	Source     string
	Topic      string
	SourceName string
	Force      bool
	Inputs     []string
}

func newImportCmd(io streams) *cobra.Command {
	var opts importOptions
	cmd := &cobra.Command{
		Use:   "import [flags] FILE|DIR|-...",
		Short: "Clean raw scraped pages (text dumps or HTML) into articles under content/",
		Long: `Import reads raw scraped news pages, plain-text dumps or saved HTML,
and writes each as a cleaned article to
content/<topic>/<YYYY>/<MM>/<slug>.md under --source, with its title,
date (in the site's time zone), topic, dateline, authors and source in
the front matter. A folder imports every file in it; - reads standard
input.

Site boilerplate is dropped: weather readings, date lines, navigation,
calls to share or sign up, advertisement labels, lists of other stories,
paywall, cookie, newsletter and donation appeals, photo captions with
credits, "Watch:" promotions, and lines that recur across many of the
dumps imported together.

A page without a section is filed under the config's import.topic (News
unless set), and a page without a date under the file's time, each with
a note; an HTML page without a title is titled by its first words. A
page without article text, or a dump without a headline, is named and
skipped, and the exit status is 1. An existing article is never replaced unless
--force is given.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			return runImport(cmd, io, opts)
		},
	}
	f := cmd.Flags()
	sourceFlag(f, &opts.Source)
	f.StringVar(&opts.Topic, "topic", "", "topic for every imported article, instead of the page's section")
	f.StringVar(&opts.SourceName, "source-name", "", "publication name written as source, instead of the page's site name")
	f.BoolVar(&opts.Force, "force", false, "overwrite articles that already exist")
	return cmd
}

// rawPage is one input: its name as given and its bytes, or why they
// could not be read.
type rawPage struct {
	name    string
	data    []byte
	modTime time.Time // zero for standard input
	err     error
}

func runImport(cmd *cobra.Command, io streams, opts importOptions) error {
	if opts.Topic != "" && content.Slugify(opts.Topic) == "" {
		return fmt.Errorf("%w: --topic %q has no letters or digits to name a folder", errUsage, opts.Topic)
	}
	cfg, err := config.Load(sitefs.New(opts.Source))
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(opts.Source, config.File), err)
	}
	pages, err := readInputs(opts.Inputs, cmd.InOrStdin())
	if err != nil {
		return err
	}
	var dumps [][]byte
	for _, p := range pages {
		if p.err == nil {
			dumps = append(dumps, p.data)
		}
	}
	iopts := importer.Options{
		Location:     cfg.Location,
		Topic:        opts.Topic,
		SourceName:   opts.SourceName,
		Chrome:       importer.FindChrome(dumps),
		DefaultTopic: cfg.Import.Topic,
	}
	dir := filepath.Join(opts.Source, content.Dir)
	written := map[string]string{}
	failed := 0
	for _, p := range pages {
		if err := cmd.Context().Err(); err != nil {
			return err
		}
		var rel string
		var notes []string
		err := p.err
		if err == nil {
			iopts.FileTime = p.modTime
			rel, notes, err = importOne(p, iopts, dir, opts.Force, written)
		}
		if err != nil {
			fmt.Fprintf(io.err, "%s: skipped: %v\n", p.name, err)
			failed++
			continue
		}
		for _, n := range notes {
			fmt.Fprintf(io.err, "%s: note: %s\n", p.name, n)
		}
		fmt.Fprintf(io.out, "%s -> %s\n", p.name, filepath.Join(dir, rel))
	}
	if failed > 0 {
		fmt.Fprintf(io.err, "newsdigest: %d of %d pages skipped\n", failed, len(pages))
		return exitError{1}
	}
	return nil
}

// importOne cleans and writes one page, refusing a second page of the
// batch that would land on the same file.
func importOne(p rawPage, opts importer.Options, dir string, force bool, written map[string]string) (string, []string, error) {
	a, err := importer.Import(p.name, p.data, opts)
	if err != nil {
		return "", nil, err
	}
	data, err := importer.Marshal(a)
	if err != nil {
		return "", nil, err
	}
	rel := filepath.FromSlash(a.Path())
	if prev, ok := written[rel]; ok {
		return "", nil, fmt.Errorf("same article as %s (%s)", prev, rel)
	}
	if twin := importer.Twin(dir, rel); twin != "" {
		return "", nil, fmt.Errorf("%s would have the same URL as %s; remove that one first", rel, filepath.Join(dir, twin))
	}
	if _, err := content.Parse(filepath.ToSlash(filepath.Join(content.Dir, rel)), "", data, content.Options{Location: opts.Location}); err != nil {
		return "", nil, fmt.Errorf("cleaned article does not parse: %w", err)
	}
	if err := importer.Write(dir, rel, data, force); err != nil {
		return "", nil, err
	}
	written[rel] = p.name
	return rel, a.Notes, nil
}

// readInputs reads files, every regular file under folders (hidden files
// and editor leftovers left out, in name order), and standard input for -.
// An input that cannot be read becomes a page with its error, so that it
// is reported in its turn; only a failure to list a folder stops the run.
func readInputs(args []string, stdin io.Reader) ([]rawPage, error) {
	var pages []rawPage
	read := func(name string) {
		data, err := os.ReadFile(name)
		var mod time.Time
		if info, err := os.Stat(name); err == nil {
			mod = info.ModTime()
		}
		pages = append(pages, rawPage{name, data, mod, unwrapPath(err)})
	}
	for _, arg := range args {
		if arg == "-" {
			data, err := io.ReadAll(stdin)
			pages = append(pages, rawPage{name: "-", data: data, err: err})
			continue
		}
		info, err := os.Stat(arg)
		if err != nil || !info.IsDir() {
			read(arg)
			continue
		}
		var names []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != arg && content.Ignored(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				names = append(names, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		if len(names) == 0 {
			pages = append(pages, rawPage{name: arg, err: errors.New("no files to import in this folder")})
		}
		for _, n := range names {
			read(n)
		}
	}
	return pages, nil
}

// unwrapPath drops the path from an *fs.PathError: the page's name is
// printed before it already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

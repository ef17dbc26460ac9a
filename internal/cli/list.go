package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsdigest/newsdigest/internal/pipeline"
	"github.com/newsdigest/newsdigest/internal/sitefs"
	"github.com/newsdigest/newsdigest/internal/stories"
	"github.com/newsdigest/newsdigest/internal/urls"
)

type listOptions struct {
	Source  string
	BaseURL string
	Format  string
	Drafts  bool
	Future  bool
}

func newListCmd(io streams) *cobra.Command {
	var opts listOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every article with its URL and story, as CSV or JSON",
		Long: `List reads the site as build would and prints one record per article,
newest first: file (relative to the site), url (absolute), title, date,
topic, source and story (the id of the story the article is a report
of; an article alone is a story of its own). Bad articles are reported
on standard error and left out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkBaseURL(opts.BaseURL); err != nil {
				return err
			}
			if opts.Format != "csv" && opts.Format != "json" {
				return fmt.Errorf("%w: --format %q: want csv or json", errUsage, opts.Format)
			}
			return runList(cmd, io, opts)
		},
	}
	f := cmd.Flags()
	sourceFlag(f, &opts.Source)
	baseURLFlag(f, &opts.BaseURL)
	articleFlags(f, &opts.Drafts, &opts.Future)
	f.StringVar(&opts.Format, "format", "csv", "csv or json")
	return cmd
}

// listed is one record of list.
type listed struct {
	File   string `json:"file"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Topic  string `json:"topic"`
	Source string `json:"source"`
	Story  string `json:"story"`
}

func runList(cmd *cobra.Command, io streams, opts listOptions) error {
	fsys := sitefs.New(opts.Source)
	p, err := pipeline.Open(cmd.Context(), fsys, opts.BaseURL)
	if err != nil {
		return err
	}
	loaded, err := p.Load(cmd.Context(), fsys, pipeline.Options{Drafts: opts.Drafts, Future: opts.Future})
	if err != nil {
		return err
	}
	for _, pr := range loaded.Problems {
		fmt.Fprintln(io.err, pr.Error())
	}
	d := p.Digest(loaded.Articles)
	set := p.Stories(d.Articles)
	records := make([]listed, 0, len(d.Articles))
	for _, a := range d.Articles {
		story := stories.ID(a)
		if s := set.Shared(a); s != nil {
			story = s.ID
		}
		topic := a.Topic
		if t := d.Topic(a.TopicSlug); t != nil {
			topic = t.Name
		}
		records = append(records, listed{
			File: a.File, URL: p.URLs.Abs(urls.Article(a)), Title: a.Title,
			Date: a.Date.Format(time.RFC3339), Topic: topic, Source: a.Source, Story: story,
		})
	}
	if err := writeList(io, opts.Format, records); err != nil {
		return err
	}
	if len(loaded.Problems) > 0 {
		return exitError{1}
	}
	return nil
}

func writeList(io streams, format string, records []listed) error {
	if format == "json" {
		enc := json.NewEncoder(io.out)
		enc.SetIndent("", "  ")
		return enc.Encode(records)
	}
	w := csv.NewWriter(io.out)
	w.Write([]string{"file", "url", "title", "date", "topic", "source", "story"})
	for _, r := range records {
		w.Write([]string{r.File, r.URL, r.Title, r.Date, r.Topic, r.Source, r.Story})
	}
	w.Flush()
	return w.Error()
}

package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gosimple/unidecode"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/newsdigest/newsdigest/internal/config"
	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/importer"
	"github.com/newsdigest/newsdigest/internal/sitefs"
)

type newOptions struct {
	Source string
	Topic  string
	Tags   []string
	Bundle bool
	Title  string
	Slug   string // default: from the title
	Date   string // default: Now
	Now    time.Time
	// Published writes draft: false, for the first article of a new site.
	Published bool
}

func newNewCmd(io streams) *cobra.Command {
	var opts newOptions
	cmd := &cobra.Command{
		Use:   "new TITLE",
		Short: "Create a draft article with its front matter",
		Long: `New writes content/<topic>/<YYYY>/<MM>/<slug>.md (or <slug>/index.md with
--bundle) with the title, the current time in the site's time zone (or
--date), the topic and draft: true, and prints its path. It never
overwrites a file.

The slug comes from the title, other scripts transliterated to Latin
letters ("Москва готовит бюджет" gives moskva-gotovit-biudzhet); --slug
sets it.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Topic == "" {
				return fmt.Errorf("%w: --topic is required, as in newsdigest new --topic City %q", errUsage, args[0])
			}
			opts.Title = args[0]
			opts.Now = time.Now()
			path, err := runNew(opts)
			if err != nil {
				return err
			}
			fmt.Fprintln(io.out, path)
			return nil
		},
	}
	f := cmd.Flags()
	sourceFlag(f, &opts.Source)
	f.StringVarP(&opts.Topic, "topic", "t", "", "the article's topic (required)")
	f.StringSliceVar(&opts.Tags, "tags", nil, "comma-separated tags")
	f.BoolVar(&opts.Bundle, "bundle", false, "make a bundle folder, for an article with images")
	f.StringVar(&opts.Slug, "slug", "", "the article's URL name (default: from the title)")
	cmd.RegisterFlagCompletionFunc("topic", func(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return siteTopics(opts.Source, prefix), cobra.ShellCompDirectiveNoFileComp
	})
	f.StringVar(&opts.Date, "date", "", "the article's date, such as "+content.DateExamples+" (default: now)")
	return cmd
}

// newMatter is the front matter of a new article, in the order written.
type newMatter struct {
	Title string   `yaml:"title"`
	Date  string   `yaml:"date"`
	Topic string   `yaml:"topic"`
	Tags  []string `yaml:"tags,flow"`
	Draft bool     `yaml:"draft"`
}

func runNew(opts newOptions) (string, error) {
	cfg, err := config.Load(sitefs.New(opts.Source))
	if err != nil {
		return "", err
	}
	topic := content.Slugify(opts.Topic)
	if topic == "" {
		return "", fmt.Errorf("%w: the topic %q has no letters or digits to make a folder name from", errUsage, opts.Topic)
	}
	now := opts.Now.In(cfg.Location).Truncate(time.Minute)
	if opts.Date != "" {
		if now, err = content.ParseDate(opts.Date, cfg.Location); err != nil {
			return "", fmt.Errorf("%w: --date: %v", errUsage, err)
		}
	}
	slug, err := newSlug(opts, now)
	if err != nil {
		return "", err
	}
	rel := filepath.Join(topic, now.Format("2006"), now.Format("01"))
	if opts.Bundle {
		rel = filepath.Join(rel, slug, "index.md")
	} else {
		rel = filepath.Join(rel, slug+".md")
	}
	tags := opts.Tags
	if tags == nil {
		tags = []string{}
	}
	matter, err := yaml.Marshal(newMatter{Title: opts.Title, Date: now.Format(time.RFC3339), Topic: opts.Topic, Tags: tags, Draft: !opts.Published})
	if err != nil {
		return "", err
	}
	text := "---\n" + string(matter) + "---\nWrite the story here. The first paragraph is the summary unless the front matter sets one.\n"
	// The importer's writer never overwrites and never leaves content/.
	full := filepath.Join(opts.Source, content.Dir, rel)
	err = importer.Write(filepath.Join(opts.Source, content.Dir), rel, []byte(text), false)
	if errors.Is(err, importer.ErrExists) {
		return "", fmt.Errorf("%s already exists", full)
	}
	if err != nil {
		return "", err
	}
	return full, nil
}

// newSlug is the slug of a new article: --slug, made a clean URL segment,
// else the title's, transliterated to Latin letters, else one made of
// the time, for a title with nothing to transliterate (emoji, symbols).
func newSlug(opts newOptions, date time.Time) (string, error) {
	if opts.Slug != "" {
		slug := content.Slugify(opts.Slug)
		if slug == "" {
			return "", fmt.Errorf("%w: --slug %q has no letters or digits", errUsage, opts.Slug)
		}
		return slug, nil
	}
	if slug := content.Slugify(unidecode.Unidecode(opts.Title)); slug != "" {
		return slug, nil
	}
	return "story-" + date.Format("1504"), nil
}

// siteTopics lists the topics a site already has, for shell completion:
// the config's topics, then the folders under content/ that name no
// topic of the config, those starting with prefix, whatever the case.
func siteTopics(source, prefix string) []cobra.Completion {
	var names []string
	seen := map[string]bool{}
	add := func(name string) {
		slug := content.Slugify(name)
		if slug == "" || seen[slug] || !strings.HasPrefix(strings.ToLower(name), strings.ToLower(prefix)) {
			return
		}
		seen[slug] = true
		names = append(names, name)
	}
	if cfg, err := config.Load(sitefs.New(source)); err == nil {
		for _, t := range cfg.Topics {
			add(t)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(source, content.Dir))
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			add(e.Name())
		}
	}
	return names
}

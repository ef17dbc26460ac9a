// Command stories measures story grouping against labelled headlines: it
// makes one article per row of a CSV (ID, TITLE, URL, PUBLISHER, CATEGORY,
// STORY, HOSTNAME, TIMESTAMP in ms), groups them with package stories and
// prints BCubed precision, recall and F1 against the STORY column.
//
//	go run ./bench/stories [-csv PATH] [-window 72h] [-lang en] [-show] [-dump FILE] [-site DIR]
//
// PATH defaults to ../shared/data/stories-dev.csv beside the repository.
// The data stays outside the repository. With -site, the headlines are
// written as a site's articles in DIR and grouped the way newsdigest
// build and list group them, through the pipeline from the files;
// without it, in memory (where -threshold can try other thresholds).
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/newsdigest/newsdigest/internal/content"
	"github.com/newsdigest/newsdigest/internal/stories"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

type options struct {
	csv    string
	window time.Duration
	lang   string
	show   bool
	thr    float64
	site   string
	dump   string
}

func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fl := flag.NewFlagSet("stories", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&o.csv, "csv", "", "labelled headlines (default ../shared/data/stories-dev.csv beside the repository)")
	fl.DurationVar(&o.window, "window", stories.DefaultWindow, "grouping window")
	fl.StringVar(&o.lang, "lang", "en", "language of the headlines")
	fl.Float64Var(&o.thr, "threshold", 0, "similarity threshold (0: the default)")
	fl.BoolVar(&o.show, "show", false, "print every story found, with the labels of its headlines")
	fl.StringVar(&o.site, "site", "", "write the headlines as a site in this folder and group them through the pipeline")
	fl.StringVar(&o.dump, "dump", "", "write each headline's ID, label and story found to this CSV file")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if err := measure(o, stdout); err != nil {
		fmt.Fprintln(stderr, "stories:", err)
		return 1
	}
	return 0
}

func measure(o options, w io.Writer) error {
	if o.csv == "" {
		root, err := repoRoot()
		if err != nil {
			return err
		}
		o.csv = filepath.Join(root, "..", "shared", "data", "stories-dev.csv")
	}
	articles, labels, err := readCSV(o.csv)
	if err != nil {
		return err
	}
	if o.site != "" {
		return measureSite(o, articles, labels, w)
	}
	start := time.Now()
	set := stories.Group(articles, stories.Options{Window: o.window, Language: o.lang, Threshold: o.thr})
	took := time.Since(start)

	found := make(map[*content.Article]string, len(articles))
	for _, s := range set.Stories {
		for _, a := range s.Articles {
			found[a] = s.ID
		}
	}
	if o.dump != "" {
		if err := dump(o.dump, articles, labels, found); err != nil {
			return err
		}
	}
	p, r := bcubed(articles, labels, found)
	fmt.Fprintf(w, "articles %d  labels %d  stories %d (%d with 2 or more)\n",
		len(articles), distinct(labels), len(set.Stories), multi(set))
	fmt.Fprintf(w, "BCubed P %.3f  R %.3f  F1 %.3f  window %s  time %s\n", p, r, 2*p*r/(p+r), o.window, took.Round(time.Microsecond))
	if o.show {
		for _, s := range set.Stories {
			if len(s.Articles) < 2 {
				continue
			}
			fmt.Fprintf(w, "\n== %s (%d articles, %d sources)\n", s.ID, len(s.Articles), s.Sources)
			for _, a := range s.Articles {
				fmt.Fprintf(w, "  %.8s  %s\n", labels[a], a.Title)
			}
		}
	}
	return nil
}

// bcubed returns BCubed precision and recall: for each article, the share
// of its found story that has its label, and the share of its label that
// is in its found story, averaged over all articles.
func bcubed(articles []*content.Article, label, found map[*content.Article]string) (p, r float64) {
	type pair struct{ found, label string }
	both := map[pair]int{}
	byFound := map[string]int{}
	byLabel := map[string]int{}
	for _, a := range articles {
		both[pair{found[a], label[a]}]++
		byFound[found[a]]++
		byLabel[label[a]]++
	}
	for _, a := range articles {
		n := float64(both[pair{found[a], label[a]}])
		p += n / float64(byFound[found[a]])
		r += n / float64(byLabel[label[a]])
	}
	n := float64(len(articles))
	return p / n, r / n
}

func readCSV(path string) ([]*content.Article, map[*content.Article]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("%s: empty", path)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, name := range []string{"ID", "TITLE", "URL", "PUBLISHER", "CATEGORY", "STORY", "TIMESTAMP"} {
		if _, ok := col[name]; !ok {
			return nil, nil, fmt.Errorf("%s: no column %s", path, name)
		}
	}
	var articles []*content.Article
	labels := map[*content.Article]string{}
	for line, row := range rows[1:] {
		ms, err := strconv.ParseInt(row[col["TIMESTAMP"]], 10, 64)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: timestamp: %w", path, line+2, err)
		}
		id := row[col["ID"]]
		a := &content.Article{
			File:      inSite(id),
			Title:     row[col["TITLE"]],
			Date:      time.UnixMilli(ms).UTC(),
			Topic:     topics[row[col["CATEGORY"]]],
			TopicSlug: content.Slugify(topics[row[col["CATEGORY"]]]),
			Source:    row[col["PUBLISHER"]],
			SourceURL: row[col["URL"]],
			Slug:      id,
		}
		a.Updated = a.Date
		articles = append(articles, a)
		labels[a] = row[col["STORY"]]
	}
	return articles, labels, nil
}

var topics = map[string]string{"b": "Business", "e": "Entertainment", "t": "Science and technology", "m": "Health"}

// repoRoot is the nearest folder up from the working directory that holds
// go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory; give -csv")
		}
		dir = parent
	}
}

func distinct(labels map[*content.Article]string) int {
	var all []string
	for _, l := range labels {
		all = append(all, l)
	}
	slices.Sort(all)
	return len(slices.Compact(all))
}

func multi(set *stories.Set) int {
	n := 0
	for _, s := range set.Stories {
		if len(s.Articles) > 1 {
			n++
		}
	}
	return n
}

// measureSite scores the stories a site of the articles builds with.
func measureSite(o options, articles []*content.Article, labels map[*content.Article]string, w io.Writer) error {
	byFile, took, err := groupSite(o.site, articles, o)
	if err != nil {
		return err
	}
	found := make(map[*content.Article]string, len(articles))
	ids := map[string]bool{}
	for _, a := range articles {
		found[a] = byFile[a.File]
		ids[byFile[a.File]] = true
	}
	p, r := bcubed(articles, labels, found)
	fmt.Fprintf(w, "site %s: articles %d  labels %d  stories %d\n", o.site, len(articles), distinct(labels), len(ids))
	fmt.Fprintf(w, "BCubed P %.3f  R %.3f  F1 %.3f  window %s  grouping %s\n", p, r, 2*p*r/(p+r), o.window, took.Round(time.Microsecond))
	return nil
}

// dump writes one row per headline: its ID (the article's Slug), its label
// and the story it was grouped into.
func dump(path string, articles []*content.Article, labels, found map[*content.Article]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(f)
	cw.Write([]string{"ID", "STORY", "FOUND"})
	for _, a := range articles {
		cw.Write([]string{a.Slug, labels[a], found[a]})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

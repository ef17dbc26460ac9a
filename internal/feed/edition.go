package feed

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/newsdigest/newsdigest/internal/digest"
	"github.com/newsdigest/newsdigest/internal/urls"
)

// editionHTML is the content of a daily edition's item: the day's stories
// grouped by topic, each with its summary and source.
var editionHTML = template.Must(template.New("edition").Parse(
	`{{range .}}<h2><a href="{{.URL}}">{{.Topic}}</a></h2>
<ul>
{{range .Stories}}<li><p><a href="{{.URL}}">{{.Title}}</a>{{with .Source}} ({{.}}){{end}}</p>{{with .Summary}}
<p>{{.}}</p>{{end}}</li>
{{end}}</ul>
{{end}}`))

type editionSection struct {
	Topic, URL string
	Stories    []editionStory
}

type editionStory struct {
	Title, URL, Summary, Source string
}

func (b *builder) edition(e *digest.Edition) (*Item, error) {
	day := e.Day.Time(b.cfg.Location)
	it := &Item{
		Link:    b.links.Abs(urls.Edition(e)),
		Title:   "Edition of " + day.Format("Monday, 2 January 2006"),
		Authors: []string{b.author},
	}
	var sections []editionSection
	var topics []string
	for _, s := range e.Sections {
		sec := editionSection{Topic: s.Topic.Name, URL: b.links.Abs(urls.Topic(s.Topic))}
		for _, a := range b.lists.Leading(s.Articles) {
			sec.Stories = append(sec.Stories, editionStory{
				Title: a.Title, URL: b.links.Abs(urls.Article(a)), Summary: a.Summary, Source: a.Source,
			})
		}
		sections = append(sections, sec)
		topics = append(topics, s.Topic.Name)
	}
	// The edition was first published with its earliest story and last
	// changed with its latest update.
	for _, a := range e.Articles {
		if it.Published.IsZero() || a.Date.Before(it.Published) {
			it.Published = a.Date
		}
		if a.Date.After(it.Updated) {
			it.Updated = a.Date
		}
		if a.Updated.After(it.Updated) {
			it.Updated = a.Updated
		}
	}
	it.Categories = categories(topics[0], topics[1:])
	it.Summary = fmt.Sprintf("%d %s: %s.", len(e.Articles), plural(len(e.Articles), "story", "stories"), joinAnd(topics))

	var buf strings.Builder
	if err := editionHTML.Execute(&buf, sections); err != nil {
		return nil, err
	}
	it.Content = buf.String()
	return it, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// joinAnd joins names as a sentence does: "A", "A and B", "A, B and C".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

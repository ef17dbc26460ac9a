package feed

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/gorilla/feeds"
)

const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonFeed is gorilla's JSONFeed with items always written: JSON Feed 1.1
// requires the array even when it is empty, and gorilla omits it then.
type jsonFeed struct {
	*feeds.JSONFeed
	Items []*feeds.JSONItem `json:"items"`
}

// JSON encodes a feed as JSON Feed 1.1.
func JSON(f *Feed) ([]byte, error) {
	doc := &jsonFeed{
		JSONFeed: &feeds.JSONFeed{
			Version:     jsonFeedVersion,
			Title:       f.Title,
			Language:    f.Language,
			HomePageUrl: f.Home,
			FeedUrl:     f.URL("feed.json"),
			Description: f.Description,
			Authors:     []*feeds.JSONAuthor{{Name: f.Author}},
			Icon:        f.Logo,
		},
		Items: []*feeds.JSONItem{},
	}
	for _, it := range f.Items {
		item := &feeds.JSONItem{
			Id:            it.Link,
			Url:           it.Link,
			ExternalUrl:   it.ExternalURL,
			Title:         it.Title,
			ContentHTML:   it.Content,
			Summary:       it.Summary,
			Image:         it.Image,
			PublishedDate: ptr(it.Published),
			ModifiedDate:  ptr(it.Updated),
			Tags:          it.Categories,
		}
		// An item needs content_html or content_text; with summaries only,
		// the summary is the text.
		if item.ContentHTML == "" {
			item.ContentText = it.Summary
		}
		for _, a := range it.Authors {
			item.Authors = append(item.Authors, &feeds.JSONAuthor{Name: a})
		}
		doc.Items = append(doc.Items, item)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// < and > stay escaped as \u003c and \u003e: no output file then holds
	// raw markup outside HTML, even if a host serves the JSON as HTML.
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func ptr(t time.Time) *time.Time { return &t }

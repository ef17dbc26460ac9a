package fetch

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"golang.org/x/net/html/charset"
)

// ParseOPML reads the feeds of an OPML subscription list: every outline
// with an xmlUrl, at any depth, named by its title or text. An outline
// inside a folder takes the folder's name as its topic.
func ParseOPML(data []byte) ([]Source, error) {
	var doc struct {
		Body struct {
			Outlines []outline `xml:"outline"`
		} `xml:"body"`
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not an OPML file: %w", err)
	}
	var out []Source
	var walk func(list []outline, folder string)
	walk = func(list []outline, folder string) {
		for _, o := range list {
			name := strings.TrimSpace(o.Title)
			if name == "" {
				name = strings.TrimSpace(o.Text)
			}
			if u := strings.TrimSpace(o.XMLURL); u != "" {
				out = append(out, Source{Name: plainText(name), URL: u, Topic: folder})
			}
			if len(o.Children) > 0 {
				sub := folder
				if o.XMLURL == "" && name != "" {
					sub = plainText(name)
				}
				walk(o.Children, sub)
			}
		}
	}
	walk(doc.Body.Outlines, "")
	if len(out) == 0 {
		return nil, fmt.Errorf("no feeds in the OPML file (no outline has an xmlUrl)")
	}
	return out, nil
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr"`
	XMLURL   string    `xml:"xmlUrl,attr"`
	Children []outline `xml:"outline"`
}

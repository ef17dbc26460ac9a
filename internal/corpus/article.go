package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Shares of articles, in percent, that take each optional form.
const (
	pctTOML      = 3
	pctBundle    = 2
	pctTopic     = 85 // topic in the front matter; else the folder gives it
	pctSummary   = 75
	pctSlug      = 5
	pctUpdated   = 20
	pctDateline  = 70
	pctImageURL  = 8
	pctUnknown   = 10
	pctPlaceName = 10 // file name carries a non-ASCII place
)

// offsets are time zone offsets in minutes.
var offsets = []int{-480, -420, -300, -240, -180, 0, 0, 0, 60, 60, 120, 180, 330, 480, 540}

// tagPool is the tags articles draw from, the first ones more often.
var tagPool = func() []string {
	var tags []string
	tags = append(tags, tagWords...)
	tags = append(tags, places...)
	tags = append(tags, subjects...)
	tags = append(tags, objects...)
	for i, w := range tagWords {
		tags = append(tags, w+" in "+places[i%len(places)])
	}
	return tags
}()

// meta is what one article's front matter says.
type meta struct {
	title, topic, summary, source, sourceURL, dateline, slug, image string
	date, updated                                                   string // as written
	dateTOML, updatedTOML                                           string // TOML literal
	tags, authors                                                   []string
	oneAuthor, hasTopic, hasUpdated                                 bool
	draft                                                           string // "", "false" or "true"
	priority                                                        int
}

// article generates the files of article i: its Markdown file and, for a
// bundle, its image.
func article(opts Options, i int) []File {
	r := rng(opts.Seed, i)
	topic := pick(r, topics)
	place, subject, verb, object := pick(r, places), pick(r, subjects), pick(r, verbs), pick(r, objects)
	m := meta{
		title:    upper(place + " " + subject + " " + verb + " " + object),
		topic:    topic,
		hasTopic: chance(r, pctTopic),
		source:   pick(r, sources),
	}
	switch r.IntN(20) {
	case 0:
		m.title += " & what comes next"
	case 1:
		m.title = `"` + m.title + `" — ` + pick(r, people) + " explains"
	case 2:
		m.title += ": <why it matters>"
	}
	name := asciiSlug(subject+" "+verb+" "+object) + "-" + strconv.Itoa(i)
	if chance(r, pctPlaceName) {
		name = strings.ToLower(strings.ReplaceAll(place, " ", "-")) + "-" + name
	}
	m.sourceURL = "https://" + asciiSlug(m.source) + ".example/" + topicSlug(topic) + "/" + name
	dates(r, dayOf(opts, i), &m)
	for n := r.IntN(5); n > 0; n-- {
		m.tags = append(m.tags, tagPool[r.IntN(r.IntN(len(tagPool))+1)])
	}
	body := bodyText(r, place, subject, object)
	if chance(r, pctSummary) {
		m.summary = pick(r, filler) + " in " + place + " " + pick(r, predicates) + "; the " + subject + " " + verb + " the " + object + "."
		m.summary = strings.ToUpper(m.summary[:1]) + m.summary[1:]
	}
	switch r.IntN(10) {
	case 0:
	case 1, 2, 3, 4:
		m.authors = []string{pick(r, people)}
		m.oneAuthor = true
	default:
		a := r.Perm(len(people))
		m.authors = []string{people[a[0]], people[a[1]]}
	}
	if chance(r, pctDateline) {
		m.dateline = place
	}
	if chance(r, pctSlug) {
		m.slug = "story-" + strconv.Itoa(i) + "-" + asciiSlug(object)
	}
	switch r.IntN(400) {
	case 0:
		m.draft = "true"
	case 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20:
		m.draft = "false"
	}
	if chance(r, pctUnknown) {
		m.priority = 1 + r.IntN(5)
	}
	day := dayOf(opts, i)
	dir := "content/" + topicSlug(topic) + "/" + day.Format("2006/01") + "/"
	bundle := chance(r, pctBundle)
	if bundle {
		m.image = "photo.jpg"
		body = "![" + place + " at dawn](photo.jpg)\n\n" + body
	} else if chance(r, pctImageURL) {
		m.image = "https://images.example/" + name + ".jpg"
	}
	var doc string
	if chance(r, pctTOML) {
		doc = tomlMatter(&m) + body
	} else {
		doc = yamlMatter(&m) + body
	}
	if bundle {
		return []File{
			{Name: dir + name + "/index.md", Data: []byte(doc)},
			{Name: dir + name + "/photo.jpg", Data: jpeg(r)},
		}
	}
	return []File{{Name: dir + name + ".md", Data: []byte(doc)}}
}

// dates picks the article's date and its written form. Offsets are chosen
// so that the local day is the UTC day: tools that group by either agree.
func dates(r *rand.Rand, day time.Time, m *meta) {
	off := pick(r, offsets)
	lo, hi := max(0, off), min(24*60, 24*60+off)
	local := lo + r.IntN(hi-lo)
	zone := time.FixedZone("", off*60)
	t := time.Date(day.Year(), day.Month(), day.Day(), local/60, local%60, r.IntN(60), 0, zone)
	switch form := r.IntN(100); {
	case form < 78:
		m.date = t.Format(time.RFC3339)
		m.dateTOML = m.date
	case form < 86:
		t = day
		m.date = day.Format("2006-01-02")
		m.dateTOML = m.date
	case form < 94:
		t = t.UTC()
		m.date = `"` + t.Format("2006-01-02 15:04") + `"`
		m.dateTOML = m.date
		t = t.Truncate(time.Minute)
	default:
		t = t.UTC()
		m.date = t.Format(time.RFC3339)
		m.dateTOML = m.date
	}
	if chance(r, pctUpdated) {
		u := t.Add(time.Duration(10+r.IntN(600)) * time.Minute)
		m.updated = u.Format(time.RFC3339)
		m.updatedTOML = m.updated
		m.hasUpdated = true
	}
}

func yamlMatter(m *meta) string {
	var b strings.Builder
	b.WriteString("---\n")
	line := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	line("title", strconv.Quote(m.title))
	line("date", m.date)
	if m.hasUpdated {
		line("updated", m.updated)
	}
	if m.hasTopic {
		line("topic", m.topic)
	}
	if len(m.tags) > 0 {
		if len(m.tags)%2 == 0 {
			line("tags", quoteList(m.tags))
		} else {
			b.WriteString("tags:\n")
			for _, t := range m.tags {
				b.WriteString("  - " + t + "\n")
			}
		}
	}
	if m.summary != "" {
		line("summary", strconv.Quote(m.summary))
	}
	switch {
	case m.oneAuthor:
		line("author", strconv.Quote(m.authors[0]))
	case len(m.authors) > 0:
		line("authors", quoteList(m.authors))
	}
	line("source", strconv.Quote(m.source))
	line("source_url", m.sourceURL)
	if m.dateline != "" {
		line("dateline", m.dateline)
	}
	if m.slug != "" {
		line("slug", m.slug)
	}
	if m.image != "" {
		line("image", m.image)
	}
	if m.draft != "" {
		line("draft", m.draft)
	}
	if m.priority > 0 {
		line("priority", strconv.Itoa(m.priority))
	}
	b.WriteString("---\n")
	return b.String()
}

func tomlMatter(m *meta) string {
	var b strings.Builder
	b.WriteString("+++\n")
	line := func(k, v string) { b.WriteString(k + " = " + v + "\n") }
	line("title", strconv.Quote(m.title))
	line("date", m.dateTOML)
	if m.hasUpdated {
		line("updated", m.updatedTOML)
	}
	if m.hasTopic {
		line("topic", strconv.Quote(m.topic))
	}
	if len(m.tags) > 0 {
		line("tags", quoteList(m.tags))
	}
	if m.summary != "" {
		line("summary", strconv.Quote(m.summary))
	}
	if len(m.authors) > 0 {
		line("authors", quoteList(m.authors))
	}
	line("source", strconv.Quote(m.source))
	line("source_url", strconv.Quote(m.sourceURL))
	if m.dateline != "" {
		line("dateline", strconv.Quote(m.dateline))
	}
	if m.slug != "" {
		line("slug", strconv.Quote(m.slug))
	}
	if m.image != "" {
		line("image", strconv.Quote(m.image))
	}
	if m.draft != "" {
		line("draft", m.draft)
	}
	b.WriteString("+++\n")
	return b.String()
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func topicSlug(t string) string { return strings.ToLower(t) }

// asciiSlug makes a URL segment from ASCII words; the vocabulary feeding it
// is ASCII, so no transliteration is needed.
func asciiSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
		} else {
			dash = true
		}
	}
	return b.String()
}

// jpeg returns a few hundred bytes framed as a JPEG; nothing decodes it.
func jpeg(r *rand.Rand) []byte {
	b := []byte{0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0}
	for range 400 {
		b = append(b, byte(r.IntN(256)))
	}
	return append(b, 0xff, 0xd9)
}

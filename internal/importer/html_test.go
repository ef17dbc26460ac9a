package importer

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const htmlBody = `<article>
<p>The river rose forty centimetres overnight and closed the lower quay, the port authority said on Friday morning.</p>
<p>Boats will stay in the upper basin until the water falls, which could take until the middle of next week.</p>
<p>Harbour staff have moved the ticket office to the station car park until the quay reopens to the public.</p>
</article>`

func TestHTMLMetadata(t *testing.T) {
	type want struct {
		Title, Date, Topic, Dateline string
		Authors                      []string
	}
	tests := []struct {
		name, page string
		want       want
	}{{
		name: "date in the text, section from a JSON-LD breadcrumb",
		page: `<html><head><title>Quay closed as the river rises</title>
<script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Home"},{"@type":"ListItem","position":2,"name":"Ports"}]}</script>
</head><body><h1>Quay closed as the river rises</h1><p class="meta">Published July 18, 2024</p>` + htmlBody + `</body></html>`,
		want: want{Title: "Quay closed as the river rises", Date: "2024-07-18T00:00:00Z", Topic: "Ports"},
	}, {
		name: "itemprop metadata and a byline",
		page: `<html><head><title>Quay closed | Port News</title>
<meta itemprop="datePublished" content="2024-07-18T09:00:00+02:00"><meta name="section" content="Harbour"></head>
<body><h1>Quay closed as the river rises</h1><p class="byline">By Ines Faro</p>` + htmlBody + `</body></html>`,
		want: want{Title: "Quay closed | Port News", Date: "2024-07-18T07:00:00Z", Topic: "Harbour", Authors: []string{"Ines Faro"}},
	}, {
		name: "JSON-LD author as a plain string, lead dateline",
		page: `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"ReportageNewsArticle","headline":"Quay closed","datePublished":"2024-07-18","articleSection":"Ports","author":"Ines Faro"}</script></head>
<body><article><p>COBH — The river rose forty centimetres overnight and closed the lower quay, the port authority said on Friday.</p>` + htmlBody + `</article></body></html>`,
		want: want{Title: "Quay closed", Date: "2024-07-18T00:00:00Z", Topic: "Ports", Dateline: "Cobh", Authors: []string{"Ines Faro"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Import("page.html", []byte(tt.page), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := want{a.Title, a.Date.Format(time.RFC3339), a.Topic, a.Dateline, a.Authors}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if !strings.Contains(a.Body, "Harbour staff have moved the ticket office") {
				t.Errorf("body lost its last paragraph:\n%s", a.Body)
			}
		})
	}
}

func TestHTMLSkipped(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"no date", `<html><head><title>Quay closed</title><meta property="article:section" content="Ports"></head><body>` + htmlBody + `</body></html>`, "no publication date found in the page's metadata, <time> tags or address"},
		{"no text", `<html><head><title>Quay closed</title><meta property="article:published_time" content="2024-07-18"></head><body><nav><a href="/">Home</a></nav></body></html>`, "no article text found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import("page.html", []byte(tt.page), Options{Topic: "Ports"})
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	page := "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 owners fight the new rent rules</title>" +
		"<meta property=\"article:published_time\" content=\"2024-07-18\"><meta property=\"article:section\" content=\"Business\"></head><body>" + htmlBody + "</body></html>"
	a, err := Import("page.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Café owners fight the new rent rules"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
}

func TestHTMLDropsBoilerplate(t *testing.T) {
	page := `<html><head><title>Quay closed as the river rises</title>
<meta property="article:published_time" content="2024-07-18"><meta property="article:section" content="Ports"></head>
<body><article>
<p>The river rose forty centimetres overnight and closed the lower quay, the port authority said on Friday morning.</p>
<div class="ad-slot">ADVERTISEMENT</div>
<p>Boats will stay in the upper basin until the water falls, which could take until the middle of next week.</p>
<p><a href="/share">Share this article</a></p>
<p>Harbour staff have moved the ticket office to the <a href="/map">station car park</a> until the quay <a href="https://example.org/quay">reopens</a> to the public.</p>
<h3>More from Ports</h3>
<ul><li><a href="/a">Dredging starts in the outer harbour next month</a></li><li><a href="/b">New cranes arrive at the container terminal</a></li></ul>
<p>Sign up for our newsletter</p>
</article></body></html>`
	a, err := Import("page.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "The river rose forty centimetres overnight and closed the lower quay, the port authority said on Friday morning.\n\n" +
		"Boats will stay in the upper basin until the water falls, which could take until the middle of next week.\n\n" +
		"Harbour staff have moved the ticket office to the station car park until the quay [reopens](https://example.org/quay) to the public.\n"
	if diff := cmp.Diff(want, a.Body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestHTMLDates(t *testing.T) {
	head := `<html><head><title>Quay closed</title><meta property="article:section" content="Ports">`
	tests := []struct {
		name, page, want string
		notes            int
	}{
		{"article:published",
			head + `<meta property="article:published" content="2024-07-18T09:00:00Z"></head><body>` + htmlBody,
			"2024-07-18T09:00:00Z", 0},
		{"itemprop list on a span's content",
			head + `</head><body><span itemprop="dateCreated datePublished" content="2024-07-18T10:15:00+01:00">18 July</span>` + htmlBody,
			"2024-07-18T09:15:00Z", 0},
		{"itemprop on a time element",
			head + `</head><body><p>Filed <time itemprop="datePublished" datetime="2024-07-18">Thursday</time></p>` + htmlBody,
			"2024-07-18T00:00:00Z", 0},
		{"JSON-LD with a trailing comma and a raw line break",
			head + `<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Quay closed", "description": "The lower
quay is shut.", "datePublished": "2024-07-18T06:30:00Z",}</script></head><body>` + htmlBody,
			"2024-07-18T06:30:00Z", 0},
		{"JSON-LD @graph in a list",
			head + `<script type="application/ld+json">[{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Port News"}, {"@type": ["NewsArticle"], "headline": "Quay closed", "datePublished": "2024-07-18T06:30:00Z"}]}]</script></head><body>` + htmlBody,
			"2024-07-18T06:30:00Z", 0},
		{"JSON-LD WebPage dates the page",
			head + `<script type="application/ld+json">{"@type": "WebPage", "datePublished": "2024-07-17"}</script></head><body>` + htmlBody,
			"2024-07-17T00:00:00Z", 0},
		{"a date in the address",
			head + `<link rel="canonical" href="https://port.example.com/news/2024/07/18/quay-closed/"></head><body>` + htmlBody,
			"2024-07-18T00:00:00Z", 0},
		{"the file's time, with a note",
			head + `</head><body>` + htmlBody,
			"2024-08-01T12:00:00Z", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{FileTime: time.Date(2024, 8, 1, 12, 0, 0, 0, time.UTC)}
			a, err := Import("page.html", []byte(tt.page), opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Date.Format(time.RFC3339); got != tt.want {
				t.Errorf("date = %s, want %s", got, tt.want)
			}
			if len(a.Notes) != tt.notes {
				t.Errorf("notes = %q, want %d", a.Notes, tt.notes)
			}
		})
	}
}

func TestHTMLNoNeedlessSkips(t *testing.T) {
	dated := `<meta property="article:published_time" content="2024-07-18T09:00:00Z">`
	tests := []struct {
		name, page   string
		topic, title string
		path         string
	}{
		{"no section: the default topic",
			`<html><head><title>Quay closed</title>` + dated + `</head><body>` + htmlBody,
			"News", "Quay closed", "news/2024/07/quay-closed.md"},
		{"a keyword list as the section: its first keyword",
			`<html><head><title>Quay closed</title>` + dated + `<meta property="article:section" content="Ports; harbour, river, floods"></head><body>` + htmlBody,
			"Ports", "Quay closed", "ports/2024/07/quay-closed.md"},
		{"a section of one endless word: a short slug",
			`<html><head><title>Quay closed</title>` + dated + `<meta property="article:section" content="` + strings.Repeat("harbour", 60) + `"></head><body>` + htmlBody,
			strings.Repeat("harbour", 9)[:maxSectionSlug], "Quay closed", strings.Repeat("harbour", 9)[:maxSectionSlug] + "/2024/07/quay-closed.md"},
		{"a Japanese page, its section in Japanese too",
			`<html lang="ja"><head><title>港の岸壁が閉鎖</title>` + dated + `<meta property="article:section" content="地域"></head><body><article><p>川の水位が一晩で四十センチ上がり、港湾局は金曜日の朝、下の岸壁を閉鎖したと発表した。</p><p>水が引くまで船は上の湾にとどまる。来週半ばまでかかる可能性がある。</p></article></body></html>`,
			"News", "港の岸壁が閉鎖", "news/2024/07/story-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Import("page.html", []byte(tt.page), Options{DefaultTopic: "News"})
			if err != nil {
				t.Fatal(err)
			}
			if a.Topic != tt.topic {
				t.Errorf("topic = %q, want %q", a.Topic, tt.topic)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if !strings.HasPrefix(a.Path(), tt.path) {
				t.Errorf("path = %q, want %q…", a.Path(), tt.path)
			}
		})
	}
}

func TestSlugIsCut(t *testing.T) {
	a := &Article{Title: strings.Repeat("Council approves the plan ", 20), Topic: "News", Date: time.Date(2024, 7, 18, 0, 0, 0, 0, time.UTC)}
	got := a.Slug()
	if len(got) > maxSlug || !strings.HasPrefix(got, "council-approves-the-plan-council") || strings.HasSuffix(got, "-") {
		t.Errorf("slug = %q (%d bytes), want a whole-word cut within %d", got, len(got), maxSlug)
	}
}

func TestHTMLDropsAppeals(t *testing.T) {
	page := `<html><head><title>Quay closed as the river rises</title>
<meta property="article:published_time" content="2024-07-18"><meta property="article:section" content="Ports"></head>
<body><article>
<p>We use cookies to improve your visit. By staying on this page you consent to their use.</p>
<p>The river rose forty centimetres overnight and closed the lower quay, the port authority said on Friday morning.</p>
<p>You have two free articles left this month. Subscribe for unlimited access.</p>
<p>Boats will stay in the upper basin until the water falls, which could take until the middle of next week.</p>
<div class="picks"><h4><a href="/picks">Editor's picks</a></h4><a href="/a">Dredging starts in the outer harbour</a> <a href="/b">New cranes arrive at the terminal</a> <a href="/c">Ferry fares frozen for a year</a></div>
<p>“You will see the quay open again by the autumn,” the harbour master told reporters.</p>
<p>If you value reporting like this, please support our journalism with a donation.</p>
</article></body></html>`
	a, err := Import("page.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "The river rose forty centimetres overnight and closed the lower quay, the port authority said on Friday morning.\n\n" +
		"Boats will stay in the upper basin until the water falls, which could take until the middle of next week.\n\n" +
		"“You will see the quay open again by the autumn,” the harbour master told reporters.\n"
	if diff := cmp.Diff(want, a.Body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestHTMLDropsPromotionsAndTrailingHeadings(t *testing.T) {
	page := `<html><head><title>Quay closed as the river rises</title>
<meta property="article:published_time" content="2024-07-18"><meta property="article:section" content="Ports"></head>
<body><article>
<p>The river rose forty centimetres overnight and closed the lower quay, the port authority said on Friday morning.</p>
<p>Lea también: <a href="https://port.example.com/dredging">Dragado en el puerto exterior</a></p>
<h2>Important: the upper basin</h2>
<p>Boats will stay in the upper basin until the water falls, which could take until the middle of next week.</p>
<h3>Weitere Artikel</h3>
</article></body></html>`
	a, err := Import("page.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "The river rose forty centimetres overnight and closed the lower quay, the port authority said on Friday morning.\n\n" +
		"## Important: the upper basin\n\n" +
		"Boats will stay in the upper basin until the water falls, which could take until the middle of next week.\n"
	if diff := cmp.Diff(want, a.Body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestSectionName(t *testing.T) {
	for in, want := range map[string]string{
		"Politics":                    "Politics",
		"Politics, Elections, Europe": "Politics",
		"/world/middle_east":          "World",
		"front-page":                  "Front page",
		"middle_east":                 "Middle east",
		"économie":                    "Économie",
		"U.S. News; Courts":           "U.S. News",
		"Rail & Road":                 "Rail & Road",
		"AT&T/Verizon":                "AT&T",
	} {
		if got := sectionName(in); got != want {
			t.Errorf("sectionName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHTMLTitledByItsText(t *testing.T) {
	page := `<html><head><meta property="article:published_time" content="2024-07-18"></head><body>` + htmlBody + `</body></html>`
	a, err := Import("page.html", []byte(page), Options{DefaultTopic: "News"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "The river rose forty centimetres overnight and closed the lower quay, the…"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	if want := []string{"no title found; titled by the first words of the text", "no section found; filed under News (--topic sets another)"}; !cmp.Equal(a.Notes, want) {
		t.Errorf("notes = %q, want %q", a.Notes, want)
	}
}

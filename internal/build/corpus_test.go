package build

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// story is one generated article and what the site should show for it.
type story struct {
	file  string // path under the site root
	title string
	topic string
	tags  []string
	date  time.Time
	draft bool
}

var (
	corpusTopics = []string{"World", "Politics", "Business", "Économie", "Science & Tech", "Culture", "Sports"}
	corpusTags   = []string{"Zürich", "M&A", "R&D", "élections", "AI", "rail", "floods", "Kraków", "tariffs", "O'Neill", "budget 2025", "Q&A"}
	corpusPlaces = []string{"Zürich", "São Paulo", "Łódź", "Malmö", "Reykjavík", "Istanbul", "Montréal", "Tromsø", "Nairobi", "Gdańsk"}
	corpusNouns  = []string{"budget", "tram plan", "rate cut", "heatwave", "trade deal", "strike", "merger", "wind farm", "summit", "rail link"}
	corpusZones  = []*time.Location{
		time.UTC,
		time.FixedZone("", -5*3600),
		time.FixedZone("", 2*3600),
		time.FixedZone("", 9*3600),
		time.FixedZone("", -8*3600),
	}
	corpusTitles = []string{
		"%[1]s backs the %[2]s",
		"Rates <5%% for %[1]s? Council weighs %[2]s",
		"Q&A: what the %[2]s means for %[1]s",
		"The <%[2]s> problem in %[1]s",
		"\"%[2]s\" talks resume in %[1]s",
		"%[1]s & its neighbours agree on a %[2]s",
		"Inside %[1]s's %[2]s fight",
	}
)

// writeCorpus writes n articles over about ten days before end into
// dir/content, the same for the same seed. Dates carry assorted offsets, so
// that a story's day in the site's zone may differ from its own; file names,
// folders and titles hold non-ASCII letters, "<" and "&". It returns the
// stories in the order written.
func writeCorpus(t *testing.T, dir string, n int, seed uint64, end time.Time) []story {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	var out []story
	for i := range n {
		place, noun := pick(corpusPlaces), pick(corpusNouns)
		s := story{
			title: fmt.Sprintf(pick(corpusTitles), place, noun),
			topic: corpusTopics[rng.IntN(len(corpusTopics))],
			draft: i%25 == 24,
		}
		day := end.AddDate(0, 0, -(i * 10 / n))
		zone := corpusZones[rng.IntN(len(corpusZones))]
		s.date = time.Date(day.Year(), day.Month(), day.Day(), rng.IntN(24), rng.IntN(60), 0, 0, zone)
		for range 1 + rng.IntN(3) {
			tag := pick(corpusTags)
			if !contains(s.tags, tag) {
				s.tags = append(s.tags, tag)
			}
		}
		matter := map[string]any{
			"title":   s.title,
			"date":    s.date.Format(time.RFC3339),
			"tags":    s.tags,
			"summary": fmt.Sprintf("The %s in %s, in brief & plainly.", noun, place),
			"source":  "Harbour Times",
			"author":  pick(corpusPlaces) + " Desk",
		}
		if s.draft {
			matter["draft"] = true
		}
		// Half the stories take their topic from the folder.
		name := fmt.Sprintf("%s %s %d.md", place, noun, i)
		if i%2 == 0 {
			matter["topic"] = s.topic
			s.file = filepath.Join("content", "misc", fmt.Sprint(day.Year()), name)
		} else {
			s.file = filepath.Join("content", s.topic, fmt.Sprintf("%02d", int(day.Month())), name)
		}
		fm, err := yaml.Marshal(matter)
		if err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("---\n%s---\n%s said the %s would be decided *this week*.\n\n"+
			"More at [the source](https://example.com/%d) & in <b>print</b>.\n\n"+
			"| Item | Cost |\n| --- | --- |\n| %s | < 5 |\n",
			fm, place, noun, i, noun)
		p := filepath.Join(dir, s.file)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	// Lists keep every article, so that each is linked from its day, topic
	// and tags; the pipeline's tests cover lists of stories.
	config := "title = \"Corpus <Daily> & Co\"\ntimezone = \"America/New_York\"\npaginate = 4\n" +
		"topics = [\"Sports\", \"economie\"]\n\n[stories]\nlists = \"articles\"\n"
	if err := os.WriteFile(filepath.Join(dir, "newsdigest.toml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

package importer

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// para1 and para2 stand for the body of every dump below.
const (
	para1 = "The river rose forty centimetres overnight and closed the lower quay, the port authority said."
	para2 = "Boats will stay in the upper basin until the water falls, which could take until Friday."
)

// TestTextRoles checks the four things a reader must get right, on dumps
// of shapes other than the golden files'.
func TestTextRoles(t *testing.T) {
	type want struct {
		Title, Day, Topic, Dateline string
		First, Last                 string // first and last paragraphs
	}
	body := "\n" + para1 + "\n\n" + para2 + "\n"
	tests := []struct {
		name  string
		dump  string
		topic string // --topic
		want  want
	}{{
		name: "sample shape, Fahrenheit, date above the place",
		dump: "48 °F\nSaturday, November 8, 2025\nDuluth\n\nHarbor closes as lake storm builds\n\nWeatherHarbor closes as lake storm builds\n" + body + "\nMost Popular Articles\n",
		want: want{"Harbor closes as lake storm builds", "2025-11-08", "Weather", "Duluth", para1, para2},
	}, {
		name: "section glued with a separator, two-word section",
		dump: "31 C\nSan José\n18 July 2024\n\nMarkets shrug off the rate decision\n\nBusiness News | Markets shrug off the rate decision\n" + body + "Check out our other content\n",
		want: want{"Markets shrug off the rate decision", "2024-07-18", "Business News", "San José", para1, para2},
	}, {
		name: "glued line before the plain headline",
		dump: "Rotterdam\nFriday, 3 October 2025\nPortsQuay closed as river rises\nQuay closed as river rises\n" + body,
		want: want{"Quay closed as river rises", "2025-10-03", "Ports", "Rotterdam", para1, para2},
	}, {
		name: "breadcrumb and lead dateline",
		dump: "Home > Local > Harbour\nQuay closed as the river rises again\nBy Ines Faro\nOct. 3, 2025 6:10 p.m.\n\nCOBH, Ireland — " + para1 + "\n\n" + para2 + "\n\nShare this article\n",
		want: want{"Quay closed as the river rises again", "2025-10-03", "Local", "Cobh", "COBH, Ireland — " + para1, para2},
	}, {
		name: "section label and no blank lines",
		dump: "Section: Ports\nQuay closed as the river rises again\nUpdated 2025-10-04 09:00 | Published 2025-10-03\nAdvertisement\n" + para1 + "\nAdvertisement\n" + para2 + "\nRead more\n",
		want: want{"Quay closed as the river rises again", "2025-10-03", "Ports", "", para1, para2},
	}, {
		name: "headline first, place under the date, role after the byline",
		dump: "Section: Ports\nQuay closed as the river rises again\nBy Ines Faro, Staff Writer\n10/03/2025\nSpringfield, Ill.\n" + body + "Contact us at tips@example.com.\n",
		want: want{"Quay closed as the river rises again", "2025-10-03", "Ports", "Springfield, Ill.", para1, para2},
	}, {
		name: "kicker in capitals, agency lead",
		dump: "WORLD NEWS\nQuay closed as the river rises again\nBy JOHN DOE and JANE ROE\nUpdated 3:12 PM EDT, July 18, 2024\nShare\n\nLONDON (AP) — " + para1 + "\n\n" + para2 + "\n\n___\n",
		want: want{"Quay closed as the river rises again", "2024-07-18", "WORLD NEWS", "London", "LONDON (AP) — " + para1, para2},
	}, {
		name: "blank line only after the header",
		dump: "Ports\nQuay closed as the river rises again\n5 October 2025\n\n" + para1 + " " + para1 + "\n" + para2 + " " + para2 + "\nMost read\nRiver levels: what the gauges show\n",
		want: want{"Quay closed as the river rises again", "2025-10-05", "Ports", "", para1 + " " + para1, para2 + " " + para2},
	}, {
		name: "section of initials, place on the weather's line",
		dump: "Washington 72°F\nThursday, July 18, 2024\n\nSenate passes the harbor bill\n\nU.S.Senate passes the harbor bill\n" + body,
		want: want{"Senate passes the harbor bill", "2024-07-18", "U.S.", "Washington", para1, para2},
	}, {
		name:  "menu column, writer and place beside the date",
		dump:  "Sign in\nNews\nOpinion\nSport\nPorts\nQuay closed as the river rises again\nAna Ruiz in Lisbon\nTue 4 Mar 2025 14.02 GMT\nShare\nReuse this content\n" + body + "\nExplore more on these topics\nRivers\nPorts\n",
		topic: "Harbours",
		want:  want{"Quay closed as the river rises again", "2025-03-04", "Harbours", "Lisbon", para1, para2},
	}, {
		name: "two-word headline, section with an ampersand",
		dump: "31°C\nHong Kong\nJan 6, 2025\n\nMarkets tumble\n\nScience & TechMarkets tumble\n" + body + "\nRelated Articles\n\nTags: markets\n",
		want: want{"Markets tumble", "2025-01-06", "Science & Tech", "Hong Kong", para1, para2},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Import("dump.txt", []byte(tt.dump), Options{Topic: tt.topic})
			if err != nil {
				t.Fatal(err)
			}
			paras := strings.Split(strings.TrimSpace(a.Body), "\n\n")
			got := want{a.Title, a.Date.Format(time.DateOnly), a.Topic, a.Dateline, paras[0], paras[len(paras)-1]}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if len(paras) != 2 {
				t.Errorf("body has %d paragraphs, want 2:\n%s", len(paras), a.Body)
			}
		})
	}
}

func TestTextSkipped(t *testing.T) {
	body := "\n" + para1 + "\n\n" + para2 + "\n"
	tests := []struct {
		name, dump, want string
	}{
		{"date without a year", "Oslo\nFriday, May 2\n\nQuay closed as river rises\n\nPortsQuay closed as river rises\n" + body, `the date line "Friday, May 2" has no year`},
		{"no date", "Oslo\n\nQuay closed as river rises\n\nPortsQuay closed as river rises\n" + body, "no date line found"},
		{"no headline", "Friday, May 2, 2025\n" + body, "no headline found"},
		{"no body", "Oslo\nFriday, May 2, 2025\nQuay closed as river rises\nPortsQuay closed as river rises\nMost Popular Articles\n", `no body text found after the headline "Quay closed as river rises"`},
		{"no section", "Friday, May 2, 2025\nQuay closed as river rises\n" + body, "no section found; give one with --topic"},
		{"a menu item is not a section", "Sign in\nNews\nSport\nPorts\nQuay closed as the river rises again\nFriday, May 2, 2025\n" + body, "no section found; give one with --topic"},
		{"a place is not a section", "Thursday, July 18, 2024\nTehran\nQuay closed as river rises\n" + body, "no section found; give one with --topic"},
		{"binary", "Friday, May 2, 2025\x00\n", "binary file (NUL byte), not a text dump"},
		{"empty", "", "no headline found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Import("dump.txt", []byte(tt.dump), Options{})
			if err == nil {
				t.Fatalf("imported %q, want it skipped", a.Title)
			}
			if s := (*SkipError)(nil); !errors.As(err, &s) {
				t.Errorf("error %v is not a skip", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTopicFlagGivesSection(t *testing.T) {
	dump := "Friday, May 2, 2025\nQuay closed as river rises\n\n" + para1 + "\n"
	a, err := Import("dump.txt", []byte(dump), Options{Topic: "Harbour", SourceName: "The Quay Post"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Topic != "Harbour" || a.Source != "The Quay Post" {
		t.Errorf("topic, source = %q, %q; want Harbour, The Quay Post", a.Topic, a.Source)
	}
}

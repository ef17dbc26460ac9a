package importer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBoilerplateLines(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		// weather readings
		{"22.5 C", true},
		{"14 °F", true},
		{"Sunny, 18°C", true},
		{"-3 C / 27 F", true},
		// date lines
		{"Thursday, July 18, 2024", true},
		{"Updated 9:30 AM EDT", false}, // no day: left to the edge rule
		// calls
		{"Advertisement", true},
		{"ADVERTISEMENT", true},
		{"Story continues below advertisement", true},
		{"Share", true},
		{"Share this article", true},
		{"Share on Facebook", true},
		{"Facebook Twitter Email", true},
		{"Sign up for the morning briefing", true},
		{"Subscribe now", true},
		{"Read more: Council approves a new pier", true},
		{"READ MORE", true},
		{"Related: Bridge repairs delayed again", true},
		{"Continue reading", true},
		{"Follow us on Instagram", true},
		{"ALSO READ: Harbour dues to rise in spring", true},
		{"Click here to get the app", true},
		{"Don’t miss: the week in pictures", true},
		{"© 2025 The Harbour Courier. All rights reserved.", true},
		{"Photo: Ana Ruiz", true},
		{"Skip to content", true},
		// navigation
		{"Home | Local | Business | Sport", true},
		{"Home › Science › Space", true},
		{"News · Sport · Weather · Travel", true},
		// article text that must stay
		{"Shares of the company fell 5 percent on Monday.", false},
		{"More than 200 people were hurt in the blast.", false},
		{"Copyright law changes were approved on Friday.", false},
		{"Register of voters shows a decline.", false},
		{"Read the full report, the minister said, and you will see why.", false},
		{"The temperature fell to 12 C overnight, the lowest in a decade, and frost covered the fields.", false},
		{"The vote was 12 to 9, with three abstentions.", false},
		{"Sign up sheets were pinned to the door of every classroom in the district on Monday.", false},
		{"“Subscribe to nothing,” she said.", false},
		{"New York", false},
		{"Click, the photographer said, and the shutter closed.", false},
		{"Vladimir Putin has found a new friend in Iran, a fellow outcast", false},
	}
	for _, tt := range tests {
		if got := isBoilerplate(tt.line, nil); got != tt.want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestListHeading(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Most Popular Articles", true},
		{"Most read", true},
		{"Check out our other content", true},
		{"Check out other tags:", true},
		{"You may also like", true},
		{"More from Business", true},
		{"Tags: ferries, energy", true},
		{"Topics", true},
		{"Trending now", true},
		{"Most of the crew were rescued.", false},
		{"More stories emerged on Friday about the council’s spending on travel and hotels.", false},
		{"Tag sale draws hundreds", false},
		{"Latest figures", false},
	}
	for _, tt := range tests {
		if got := isListHeading(tt.line); got != tt.want {
			t.Errorf("isListHeading(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestNavItems(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"Home | Local | Business | Sport", []string{"Home", "Local", "Business", "Sport"}},
		{"Home › World", []string{"Home", "World"}},
		{"World | Vladimir Putin has found a new friend", nil},
		{"Rain, then sun: a forecast for the weekend", nil},
		{"Prices rose 3% / 4% in the two quarters, the bank said.", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, navItems(tt.line)); diff != "" {
			t.Errorf("navItems(%q) (-want +got):\n%s", tt.line, diff)
		}
	}
}

func TestIsPlace(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"New York", true},
		{"Halvorsen Bay", true},
		{"Washington, D.C.", true},
		{"Rio de Janeiro", true},
		{"São Paulo", true},
		{"Stratford-upon-Avon", true},
		{"World", true},
		{"Thursday, July 18, 2024", false},
		{"Advertisement", false},
		{"22.5 C", false},
		{"The ferry sank.", false},
		{"Most Popular Articles Today And Every Day Here", false},
		{"new friends", false},
	}
	for _, tt := range tests {
		if got := isPlace(tt.line); got != tt.want {
			t.Errorf("isPlace(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestIsParagraph(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Russia’s president departed on Tuesday for a rare foreign trip.", true},
		{"“The ice came down in four days,” she said.", true},
		{"He said: “It is not yet a pretty picture.”", true},
		{"Ferry fares frozen.", false},
		{"Will the ferry be ready by summer?", false},
		{"Fishing fleet returns early as sea ice closes the northern lanes", false},
		{"Check out other tags:", false},
	}
	for _, tt := range tests {
		if got := isParagraph(tt.line); got != tt.want {
			t.Errorf("isParagraph(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestSentenceShapedBoilerplate(t *testing.T) {
	tests := []struct {
		line string
		want string // "appeal", "caption", "promo" or "" for text
	}{
		{"We use cookies to give you the best experience. By continuing, you agree to our use of cookies.", "appeal"},
		{"You have read 3 of your 3 free articles this month. Subscribe now for unlimited access.", "appeal"},
		{"Sign up to our newsletter to get the top stories in your inbox every morning.", "appeal"},
		{"If you value local journalism, please consider supporting us with a donation today.", "appeal"},
		{"Abonnez-vous pour lire la suite de votre article.", "appeal"},
		{"Melden Sie sich für unseren Newsletter an.", "appeal"},
		{"Möchten Sie den Artikel teilen?", "appeal"},
		{"Tell us what you think in the comments below.", "appeal"},
		{"A beaver gnaws at a willow near the new dam on Wednesday. (Photo: Tomas Lind / Valley Ledger)", "caption"},
		{"Crews clear the road after the landslide. (Ines Faro/Coastal Press)", "caption"},
		{"Rescuers search the river bank on Monday. Photograph: Ines Faro/Coastal Press", "caption"},
		{"Firefighters at the mill on Sunday night (Getty Images)", "caption"},
		{"Image caption, The dam was finished in a single night", "caption"},
		{"Image source, Valley Ledger", "caption"},
		{"Watch: Night camera footage of the beavers at work", "promo"},
		{"Listen: The week in local politics", "promo"},
		{"Lire aussi : Le niveau du lac au plus bas depuis vingt ans", "promo"},
		// The story's own sentences, even those that speak to "you".
		{"“You can’t imagine what it was like,” said the ferry’s captain.", ""},
		{"Residents who want to subscribe to the flood alerts can do so at the town hall.", ""},
		{"The council will publish its budget (about €4 million) next week.", ""},
		{"The report, published by the agency (see page 4/5), found no fault.", ""},
		{"Mr Ruiz: “We have waited long enough.”", ""},
		{"If you’d rather drive, you’ll have to log in to each account to change the setting.", ""},
	}
	for _, tt := range tests {
		got := ""
		switch {
		case isAppeal(tt.line):
			got = "appeal"
		case isCaption(tt.line):
			got = "caption"
		case isPromo(tt.line):
			got = "promo"
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestDropHeadlineRuns(t *testing.T) {
	paras := []string{
		"The river rose forty centimetres overnight, the port authority said.",
		"Editor's picks",
		"Council approves new cycle path along the canal",
		"Record crowds at the autumn cheese fair",
		"Boats will stay in the upper basin until the water falls.",
		"Reaction",
		"The mayor said the town would help.",
	}
	want := []string{paras[0], paras[4], paras[5], paras[6]}
	if diff := cmp.Diff(want, dropHeadlineRuns(paras)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

package importer

import "testing"

func TestPageTitle(t *testing.T) {
	tests := []struct {
		name  string
		m     meta
		guess string // readability's reading of the <title>
		want  string
	}{
		{"site suffix written as one word",
			meta{docTitle: "Senate panel delays vote on rail bill | TheRidge", url: "https://www.theridge.example/policy/rail-bill"}, "",
			"Senate panel delays vote on rail bill"},
		{"site suffix after a hyphen, from og:site_name",
			meta{title: "Why the tide tables were wrong all spring - Tidewire", site: "Tidewire"}, "",
			"Why the tide tables were wrong all spring"},
		{"site prefix",
			meta{docTitle: "Coastal Courier — Ferry fares rise for the first time in a decade", site: "The Coastal Courier"}, "",
			"Ferry fares rise for the first time in a decade"},
		{"an address with a country ending and diacritics in the name",
			meta{docTitle: "Most přes řeku otevřou v září | Zprávičky.cz", url: "https://www.zpravicky.co.uk/a/1"}, "",
			"Most přes řeku otevřou v září"},
		{"the h1 when it is a part of the title",
			meta{title: "Why the tide tables were wrong all spring | Spring Review | Tidewire", h1: "Why the tide tables were wrong all spring"}, "",
			"Why the tide tables were wrong all spring"},
		{"a hyphen inside the headline stays",
			meta{docTitle: "Port cuts night-time noise - and neighbours notice", site: "Harbour Light"}, "",
			"Port cuts night-time noise - and neighbours notice"},
		{"og:title with an unknown site's name, confirmed by readability's reading",
			meta{title: "Senate panel delays vote on rail bill | TR Daily"}, "Senate panel delays vote on rail bill",
			"Senate panel delays vote on rail bill"},
		{"only an h1",
			meta{h1: "Dredging starts in the outer harbour"}, "",
			"Dredging starts in the outer harbour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageTitle(tt.m, tt.guess); got != tt.want {
				t.Errorf("pageTitle = %q, want %q", got, tt.want)
			}
		})
	}
}

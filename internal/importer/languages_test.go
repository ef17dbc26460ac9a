package importer

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestForeignDateLine(t *testing.T) {
	tests := []struct {
		line, want string
	}{
		{"jeudi 18 juillet 2024", "2024-07-18T00:00"},
		{"Publié le 18 juillet 2024 à 14h02", "2024-07-18T14:02"},
		{"Donnerstag, 18. Juli 2024, 14:02 Uhr", "2024-07-18T14:02"},
		{"Veröffentlicht am 18.07.2024", "2024-07-18T00:00"},
		{"jueves, 18 de julio de 2024", "2024-07-18T00:00"},
		{"giovedì 18 luglio 2024", "2024-07-18T00:00"},
		{"quinta-feira, 18 de julho de 2024", "2024-07-18T00:00"},
		{"donderdag 18 juli 2024", "2024-07-18T00:00"},
		// Not date lines: a sentence, a headline with a year, no day.
		{"Le conseil a voté le budget le 18 juillet 2024.", ""},
		{"Ook in 2024 bleef het warm aan de kust", ""},
		{"juillet 2024", ""},
	}
	for _, tt := range tests {
		got := ""
		if d, ok := foreignDateLine(tt.line, nil); ok {
			if tm, ok := d.time(time.UTC); ok {
				got = tm.Format("2006-01-02T15:04")
			}
		}
		if got != tt.want {
			t.Errorf("foreignDateLine(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestBylinesInOtherLanguages(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"Par Claire Vasseur", []string{"Claire Vasseur"}},
		{"Von Jonas Weber und Lea Brandt", []string{"Jonas Weber", "Lea Brandt"}},
		{"Por Lucía Ortega y Mateo Ruiz", []string{"Lucía Ortega", "Mateo Ruiz"}},
		{"Di Giulia Conti", []string{"Giulia Conti"}},
		{"Por João Tavares e Rita Lopes", []string{"João Tavares", "Rita Lopes"}},
		{"Door Eva de Vries en Pieter Bakker", []string{"Eva de Vries", "Pieter Bakker"}},
		{"By Ana Ruiz", []string{"Ana Ruiz"}},
	}
	for _, tt := range tests {
		p := &page{lines: []string{"Headline of the story", tt.line}, date: -1, place: -1}
		got, _ := p.findByline()
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.line, diff)
		}
	}
}

func TestHTMLDateInThePageLanguage(t *testing.T) {
	page := `<html lang="de-AT"><head><title>Neue Fähre für den See</title><meta property="article:section" content="Region"></head><body><article>
<h1>Neue Fähre für den See</h1><p class="datum">Donnerstag, 18. Juli 2024</p>
<p>Die Gemeinde hat am Mittwoch eine neue Fähre für die Überfahrt zum Südufer bestellt, die ab dem kommenden Frühjahr fahren soll.</p>
<p>Die alte Fähre war seit über vierzig Jahren im Dienst und musste im Winter mehrmals repariert werden.</p>
</article></body></html>`
	a, err := Import("page.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Date.Format(time.RFC3339); got != "2024-07-18T00:00:00Z" {
		t.Errorf("date = %s, want 2024-07-18T00:00:00Z", got)
	}
}

func TestHTMLBylineInThePageLanguage(t *testing.T) {
	page := `<html lang="fr"><head><title>Nouveau quai à Saint-Aubin</title><meta property="article:published_time" content="2024-07-18"><meta property="article:section" content="Économie"></head><body><article>
<h1>Nouveau quai à Saint-Aubin</h1><p class="byline">Par Claire Vasseur</p>
<p>Le conseil régional a voté mercredi soir le financement d’un nouveau quai pour les pêcheurs professionnels de Saint-Aubin.</p>
<p>Les travaux commenceront à l’automne et doivent s’achever avant la saison suivante, selon la région.</p>
</article></body></html>`
	a, err := Import("page.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Claire Vasseur"}, a.Authors); diff != "" {
		t.Errorf("authors (-want +got):\n%s", diff)
	}
}

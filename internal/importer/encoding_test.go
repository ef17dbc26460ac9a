package importer

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestDecodeHTML(t *testing.T) {
	latin1 := func(s string) string {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16 := func(s string) string {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	padding := "<meta name=\"keywords\" content=\"" + strings.Repeat("harbour ", 150) + "\">"
	tests := []struct {
		name, page, want string
	}{
		{"UTF-8 without a declaration, all ASCII up front",
			"<html><head>" + padding + "</head><body><p>Qur’an café</p>",
			"Qur’an café"},
		{"a byte-order mark wins over a declaration",
			"\ufeff<html><head><meta charset=\"windows-1252\"></head><body><p>Qur’an</p>",
			"Qur’an"},
		{"UTF-16 with its byte-order mark",
			utf16("<html><head></head><body><p>Łódź</p>"),
			"Łódź"},
		{"a declaration after the first 1024 bytes",
			latin1("<html><head>" + padding + "<meta charset=\"windows-1252\"></head><body><p>Crème brûlée</p>"),
			"Crème brûlée"},
		{"an http-equiv declaration",
			latin1("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Señor Núñez</p>"),
			"Señor Núñez"},
		{"declared Latin-1 but saved again as UTF-8",
			"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Qur’an café</p>",
			"Qur’an café"},
		{"undeclared and not UTF-8: detected",
			latin1("<html><head></head><body><p>Ça coûte très cher, dit-il à la télé.</p>"),
			"Ça coûte très cher, dit-il à la télé."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeHTML([]byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("decoded page lacks %q:\n%s", tt.want, got)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	page := "Friday, May 2, 2025\n\nCafé owners cheer the new square\n"
	legacy, err := charmap.Windows1252.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{"UTF-8": page, "windows-1252": legacy, "UTF-8 with a BOM": "\ufeff" + page} {
		got, err := decodeText([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != page {
			t.Errorf("%s: got %q, want %q", name, got, page)
		}
	}
}

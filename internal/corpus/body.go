package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var headings = []string{
	"What changes", "The numbers", "Who pays", "What comes next", "Background",
	"Reaction", "The timetable", "Open questions", "How it works", "Elsewhere",
}

// bodyText writes a body of about 700 words: paragraphs of generated
// sentences with headings, lists, a table, a quote and links mixed in.
func bodyText(r *rand.Rand, place, subject, object string) string {
	var b strings.Builder
	b.Grow(5000)
	who := pick(r, people)
	b.WriteString("The " + subject + " in " + place + " has reached a decision on the " + object +
		" that " + pick(r, filler) + " " + pick(r, predicates) + ". " + sentence(r) + "\n\n")
	paras := 6 + r.IntN(5)
	extras := r.Perm(paras)
	for p := 0; p < paras; p++ {
		if p > 0 && p%4 == 0 {
			level := "## "
			if chance(r, 25) {
				level = "### "
			}
			b.WriteString(level + pick(r, headings) + "\n\n")
		}
		for s := 3 + r.IntN(3); s > 0; s-- {
			b.WriteString(sentence(r))
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimSpace(sentence(r)) + "\n\n")
		switch extras[p] {
		case 0:
			if chance(r, 50) {
				list(r, &b)
			}
		case 1:
			if chance(r, 30) {
				table(r, &b, object)
			}
		case 2:
			if chance(r, 40) {
				b.WriteString("> “" + upper(pick(r, predicates)) + ", and we will hold them to it,” said " + who + ".\n\n")
			}
		case 3:
			if chance(r, 25) {
				for i := 1; i <= 3+r.IntN(3); i++ {
					b.WriteString(strconv.Itoa(i) + ". " + upper(pick(r, filler)) + " " + pick(r, predicates) + ".\n")
				}
				b.WriteByte('\n')
			}
		case 4:
			if chance(r, 5) {
				b.WriteString("The figures use the `" + asciiSlug(object) + "` series.[^1]\n\n[^1]: Revised figures, published by the " + subject + ".\n\n")
			}
		}
	}
	b.WriteString("*" + who + " reported from " + place + ".*\n")
	return b.String()
}

// sentence is one sentence of 10 to 25 words, sometimes with a link or
// emphasis.
func sentence(r *rand.Rand) string {
	s := pick(r, openers) + ", " + pick(r, filler) + " " + pick(r, predicates)
	switch r.IntN(12) {
	case 0:
		s += ", according to [the published notes](https://records.example/" + strconv.Itoa(r.IntN(100000)) + ")"
	case 1:
		s += ", a point **" + pick(r, filler) + "** stressed"
	case 2:
		s += " after talks with *" + pick(r, people) + "*"
	case 3:
		s += " while " + pick(r, filler) + " in " + pick(r, places) + " " + pick(r, predicates)
	}
	return s + "."
}

func list(r *rand.Rand, b *strings.Builder) {
	for n := 3 + r.IntN(3); n > 0; n-- {
		b.WriteString("- " + upper(pick(r, objects)) + ": " + pick(r, predicates) + "\n")
	}
	b.WriteByte('\n')
}

func table(r *rand.Rand, b *strings.Builder, object string) {
	b.WriteString("| " + upper(object) + " | 2024 | 2025 | Change |\n| --- | ---: | ---: | ---: |\n")
	for n := 3 + r.IntN(3); n > 0; n-- {
		a, c := 100+r.IntN(900), 100+r.IntN(900)
		b.WriteString("| " + pick(r, places) + " | " + strconv.Itoa(a) + " | " + strconv.Itoa(c) + " | " + strconv.Itoa(c-a) + " |\n")
	}
	b.WriteByte('\n')
}

// upper capitalises the first letter, which may be more than one byte.
func upper(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

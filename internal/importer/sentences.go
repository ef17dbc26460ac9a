package importer

import (
	"regexp"
	"strings"
	"unicode"
)

// Boilerplate that reads like a sentence: appeals, captions, promotions,
// labels, lists of other stories' headlines and a live page's time
// stamps, each told by what it does on the page rather than by its words
// on one site.

// promo is a label, a colon and the headline of another story or a
// video: "Watch: …", "Read more: …", "Lire aussi : …", "LESEN SIE AUCH: …".
var promo = regexp.MustCompile(`^(\p{L}[\p{L}’' ]{0,30}?)\s*:\s*(\p{Lu}.*)$`)

// isPromo reports whether a line points to another story rather than
// telling this one: a label of a few words, a colon and a headline that
// does not end as a sentence does.
func isPromo(line string) bool {
	m := promo.FindStringSubmatch(line)
	return m != nil && wordCount(m[1]) <= 3 && wordCount(m[2]) <= 16 && !endsSentence(m[2])
}

// isLabel reports whether a line inside the body is a lone word without
// punctuation: an advertisement's label ("Publicité", "Anzeige") or a
// button, not a paragraph.
func isLabel(line string) bool {
	return wordCount(line) == 1 && !endsSentence(line) && !strings.ContainsFunc(line, unicode.IsDigit)
}

// Boilerplate that reads like a sentence is told from the story by two
// features together: it speaks to the reader ("you", "vous", "Sie"), and
// it asks for something a site wants of its readers (to subscribe, sign
// up, donate, accept cookies) rather than telling what happened. Quoted
// speech is the story's, whoever it addresses.
var (
	secondPerson = regexp.MustCompile(`(?i:\b(?:you|your|yours|vous|votre|vos|usted|ustedes|voi|vostro|vostra|você|vocês|uw|jouw)\b)|\b(?:Sie|Ihr|Ihre|Ihren|Ihnen)\b`)
	siteAsks     = regexp.MustCompile(`(?i)subscri(?:be|ption|ber)|abonn|suscr[ií]b|suscripci|assinatur|abbona|\bsign(?:ing)? up\b|newsletter|nieuwsbrief|\binbox\b|donat(?:e|ion)|donaci|doação|\bfaire un don\b|spende|\bsupport(?:ing)? (?:us|our (?:journalism|work|reporting))|soutenez|cookies?\b|\bconsent|free (?:articles?|stories)|unlimited (?:access|reading)|ad ?blocker|paywall|\bshare (?:this|the) (?:article|story)|artikel (?:teilen|bewerten)|partagez|compart[ae]|condividi|\brate this|comments? below|kommentar|commentaire`)
	quoteMarks   = "\"“”«»„"
)

// isAppeal reports whether a line asks the reader to subscribe, sign up,
// donate or accept cookies: a paywall or consent banner, a newsletter or
// donation appeal.
func isAppeal(line string) bool {
	if strings.ContainsAny(line, quoteMarks) || wordCount(line) > 60 {
		return false
	}
	return secondPerson.MatchString(line) && siteAsks.MatchString(line)
}

// credit ends a photo caption: a credit in parentheses, "(Photo: Ana
// Ruiz)", "(Ana Ruiz / Agency)", or after a label, "Photograph: Ana Ruiz".
var credit = regexp.MustCompile(`(?i:\((?:photos?|photograph|image|picture|video|foto|bild|crédit|credit|illustration)\b[^()]*\)|\([^()]*\bimages\)|` +
	`\b(?:photos?|photograph|image|picture|foto|bild|crédit|credit)\s*:\s*\p{Lu}[^.()]*)\s*$|` +
	`\(\p{Lu}[^()/]*\s*/\s*\p{Lu}[^()]*\)\s*$`)

// mediaLabel opens the lines a page prints around a photo or a video:
// "Image source, Agency", "Image caption, The dam…", "Video caption: …".
var mediaLabel = regexp.MustCompile(`(?i)^(image|photo|picture|video|media) (source|caption|credit)s?\s*[,:]`)

// isCaption reports whether a line is a photo's caption: a short text
// that ends with the photo's credit, or that a label marks as one.
func isCaption(line string) bool {
	return wordCount(line) <= 50 && (credit.MatchString(line) || mediaLabel.MatchString(line))
}

// isSiteAsk reports whether a paragraph speaks of what the site sells or
// asks of its readers (subscriptions, newsletters, donations), even
// without addressing the reader: "This article is for subscribers only."
// Only at the edges of the body is that enough to leave it out.
func isSiteAsk(para string) bool {
	return wordCount(para) <= 40 && !strings.ContainsAny(para, quoteMarks) && siteAsks.MatchString(para)
}

// dropHeadlineRuns removes runs of three or more paragraphs in a row that
// are each a line of a few words not ending as a sentence: a list of other
// stories' headlines under its heading ("Editor's picks", "Also in the
// news"), wherever it stands in the body.
func dropHeadlineRuns(paras []string) []string {
	short := func(p string) bool { return wordCount(p) <= 16 && !endsSentence(p) }
	var out []string
	for i := 0; i < len(paras); {
		j := i
		for j < len(paras) && short(paras[j]) {
			j++
		}
		if j-i >= 3 {
			i = j
			continue
		}
		if j == i {
			j++
		}
		out = append(out, paras[i:j]...)
		i = j
	}
	return out
}

// clockLine is a time of day alone, as a live page stamps its entries:
// "16:40", "4.40pm", "16:40 GMT".
var clockLine = regexp.MustCompile(`(?i)^(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s+\p{Lu}{2,4})?$`)

// isClock reports whether a line is only a time of day: a live page's
// stamp on an entry, not text of the entry.
func isClock(line string) bool { return clockLine.MatchString(line) }

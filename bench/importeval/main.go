// Command importeval measures how well import takes the article out of
// saved HTML pages, against a public extraction test set with expected
// output: Mozilla Readability's test-pages layout, one folder per page
// holding source.html, expected.html and expected-metadata.json.
//
//	go run ./bench/importeval [-v] DIR
//
// Each source.html is imported as the plain `newsdigest import` command
// would import the folder (no --topic, the default configuration, the
// file's time as the last resort for a date, lines that recur across the
// pages dropped). The body is rendered to text and compared with
// the text of expected.html word by word: lowercased, split at white
// space, punctuation stripped, counted as a bag. Precision, recall and F1
// are averaged over pages (macro); a skipped page counts as F1 0 in the
// "all pages" line. The title is compared with expected-metadata.json's,
// which may keep the site's name at either end where import cuts it.
// The data stays outside the repository.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/yuin/goldmark"
	"golang.org/x/net/html"

	"github.com/newsdigest/newsdigest/internal/importer"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("importeval", flag.ContinueOnError)
	fl.SetOutput(stderr)
	verbose := fl.Bool("v", false, "print every page's scores and every skip")
	snippets := fl.Bool("snippets", false, "DIR is trafilatura's tests folder: evaldata.json, eval/ and cache/")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: importeval [-v] [-snippets] DIR (a folder of test pages: NAME/source.html, NAME/expected.html; or with -snippets, trafilatura's tests folder)")
		return 2
	}
	measure := measure
	if *snippets {
		measure = measureSnippets
	}
	if err := measure(fl.Arg(0), *verbose, stdout); err != nil {
		fmt.Fprintln(stderr, "importeval:", err)
		return 1
	}
	return 0
}

// score is one page's result.
type score struct {
	name     string
	imported bool
	skip     string
	p, r, f  float64
	titleOK  bool
	title    string // the title found, when it differs
	hasTitle bool
	mojibake bool
}

func measure(dir string, verbose bool, out io.Writer) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	// The command finds the lines that recur across the pages it imports
	// together; so does the measure.
	var pages [][]byte
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html")); err == nil && e.IsDir() {
			pages = append(pages, data)
		}
	}
	chrome := importer.FindChrome(pages)
	var scores []score
	for _, e := range entries {
		src := filepath.Join(dir, e.Name(), "source.html")
		if _, err := os.Stat(src); !e.IsDir() || err != nil {
			continue
		}
		s, err := scorePage(filepath.Join(dir, e.Name()), chrome)
		if err != nil {
			return fmt.Errorf("%s: %w", e.Name(), err)
		}
		s.name = e.Name()
		scores = append(scores, s)
	}
	if len(scores) == 0 {
		return errors.New(dir + ": no NAME/source.html pages")
	}
	report(scores, verbose, out)
	return nil
}

func scorePage(dir string, chrome importer.Chrome) (score, error) {
	var s score
	src, err := os.ReadFile(filepath.Join(dir, "source.html"))
	if err != nil {
		return s, err
	}
	want, err := os.ReadFile(filepath.Join(dir, "expected.html"))
	if err != nil {
		return s, err
	}
	var meta struct{ Title string }
	if data, err := os.ReadFile(filepath.Join(dir, "expected-metadata.json")); err == nil {
		json.Unmarshal(data, &meta)
	}
	info, err := os.Stat(filepath.Join(dir, "source.html"))
	if err != nil {
		return s, err
	}
	opts := importer.Options{Location: time.UTC, DefaultTopic: "News", FileTime: info.ModTime(), Chrome: chrome}
	a, err := importer.Import("source.html", src, opts)
	if err != nil {
		var skip *importer.SkipError
		if !errors.As(err, &skip) {
			return s, err
		}
		s.skip = skip.Reason
		return s, nil
	}
	s.imported = true
	var body bytes.Buffer
	if err := goldmark.Convert([]byte(a.Body), &body); err != nil {
		return s, err
	}
	got := htmlText(body.Bytes())
	s.p, s.r, s.f = overlap(tokens(got), tokens(htmlText(want)))
	s.mojibake = strings.Contains(got, "â€") || strings.Contains(a.Title, "â€")
	if t := strings.Join(strings.Fields(meta.Title), " "); t != "" {
		s.hasTitle = true
		s.titleOK = sameTitle(a.Title, t)
		if !s.titleOK {
			s.title = a.Title
		}
	}
	return s, nil
}

// siteSeparator joins a headline and a site's name in a title.
var siteSeparator = regexp.MustCompile(`\s+(?:[|–—·•»]|-{1,2}|::)\s+`)

// sameTitle reports whether got is the expected title, or the expected
// title without the part at its start or end that names the site: the
// test set keeps "… - Breitbart", which import cuts off.
func sameTitle(got, want string) bool {
	if got == want {
		return true
	}
	locs := siteSeparator.FindAllStringIndex(want, -1)
	if len(locs) == 0 {
		return false
	}
	first, last := locs[0], locs[len(locs)-1]
	return got == want[:last[0]] || got == want[first[1]:]
}

// htmlText is the text of an HTML fragment, blocks apart.
func htmlText(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip--
			}
			b.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// tokens splits text into lowercased words without punctuation.
func tokens(s string) map[string]int {
	out := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Map(func(r rune) rune {
			if unicode.IsPunct(r) || unicode.IsSymbol(r) {
				return -1
			}
			return r
		}, w)
		if w != "" {
			out[w]++
		}
	}
	return out
}

func overlap(got, want map[string]int) (p, r, f float64) {
	var common, ng, nw int
	for w, n := range got {
		common += min(n, want[w])
		ng += n
	}
	for _, n := range want {
		nw += n
	}
	if ng > 0 {
		p = float64(common) / float64(ng)
	}
	if nw > 0 {
		r = float64(common) / float64(nw)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func report(scores []score, verbose bool, out io.Writer) {
	var imported, titled, titleOK, mojibake int
	var sp, sr, sf float64
	skips := map[string]int{}
	for _, s := range scores {
		if verbose {
			if s.imported {
				fmt.Fprintf(out, "%-45s P %.3f  R %.3f  F1 %.3f\n", s.name, s.p, s.r, s.f)
				if s.title != "" {
					fmt.Fprintf(out, "%-45s title %q\n", "", s.title)
				}
			} else {
				fmt.Fprintf(out, "%-45s skipped: %s\n", s.name, s.skip)
			}
		}
		if !s.imported {
			skips[reasonKind(s.skip)]++
			continue
		}
		imported++
		sp, sr, sf = sp+s.p, sr+s.r, sf+s.f
		if s.hasTitle {
			titled++
			if s.titleOK {
				titleOK++
			}
		}
		if s.mojibake {
			mojibake++
		}
	}
	n := len(scores)
	fmt.Fprintf(out, "pages %d, imported %d, skipped %d\n", n, imported, n-imported)
	var kinds []string
	for k := range skips {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(out, "  skipped %3d  %s\n", skips[k], k)
	}
	if imported > 0 {
		m := float64(imported)
		fmt.Fprintf(out, "imported pages: body P %.3f  R %.3f  F1 %.3f (macro average)\n", sp/m, sr/m, sf/m)
	}
	fmt.Fprintf(out, "all pages:      body F1 %.3f (skipped pages count 0)\n", sf/float64(n))
	fmt.Fprintf(out, "titles:         %d of %d imported pages with an expected title match it (the site's name may be cut)\n", titleOK, titled)
	fmt.Fprintf(out, "mojibake:       %d pages\n", mojibake)
}

// reasonKind shortens a skip reason to its kind, without the quoted
// parts that differ from page to page.
func reasonKind(r string) string {
	if i := strings.IndexAny(r, "\":"); i > 0 {
		r = r[:i]
	}
	return strings.TrimSpace(r)
}

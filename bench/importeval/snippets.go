package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/yuin/goldmark"

	"github.com/newsdigest/newsdigest/internal/importer"
)

// measureSnippets scores import against pages annotated with pieces of
// text the article must hold ("with") and pieces of the page's boilerplate
// it must not ("without"), as trafilatura's evaluation does: a kept
// "with" piece is a true positive, a lost one a false negative, a kept
// "without" piece a false positive. Counts are summed over pages (micro);
// a skipped page keeps no piece. dir is trafilatura's tests folder:
// evaldata.json, and the pages under eval/ or cache/. Pages named by a
// hash are left out: they may be shared with other benchmarks.
func measureSnippets(dir string, verbose bool, out io.Writer) error {
	data, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return err
	}
	var annotated map[string]struct {
		File          string
		With, Without []string
	}
	if err := json.Unmarshal(data, &annotated); err != nil {
		return fmt.Errorf("evaldata.json: %w", err)
	}
	type entry struct {
		path          string
		with, without []string
	}
	expected := map[string]entry{}
	for _, e := range annotated {
		if hashName.MatchString(e.File) {
			continue
		}
		for _, sub := range []string{"eval", "cache"} {
			path := filepath.Join(dir, sub, e.File)
			if _, err := os.Stat(path); err == nil {
				expected[e.File] = entry{path, e.With, e.Without}
				break
			}
		}
	}
	if len(expected) == 0 {
		return errors.New(dir + ": no annotated pages under eval/ or cache/")
	}
	names := make([]string, 0, len(expected))
	for n := range expected {
		names = append(names, n)
	}
	sort.Strings(names)
	var pages [][]byte
	for _, name := range names {
		data, err := os.ReadFile(expected[name].path)
		if err != nil {
			return err
		}
		pages = append(pages, data)
	}
	chrome := importer.FindChrome(pages)
	var tp, fn, fp, tn, imported int
	skips := map[string]int{}
	for _, name := range names {
		e := expected[name]
		path := e.path
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		text := ""
		opts := importer.Options{Location: time.UTC, DefaultTopic: "News", FileTime: info.ModTime(), Chrome: chrome}
		a, err := importer.Import(name, src, opts)
		var skip *importer.SkipError
		switch {
		case errors.As(err, &skip):
			skips[reasonKind(skip.Reason)]++
			if verbose {
				fmt.Fprintf(out, "%-50s skipped: %s\n", name, skip.Reason)
			}
		case err != nil:
			return fmt.Errorf("%s: %w", name, err)
		default:
			imported++
			var body bytes.Buffer
			if err := goldmark.Convert([]byte(a.Title+"\n\n"+a.Body), &body); err != nil {
				return err
			}
			text = squeeze(htmlText(body.Bytes()))
		}
		var missed, kept []string
		for _, w := range e.with {
			if strings.Contains(text, squeeze(w)) {
				tp++
			} else {
				fn++
				missed = append(missed, w)
			}
		}
		for _, w := range e.without {
			if strings.Contains(text, squeeze(w)) {
				fp++
				kept = append(kept, w)
			} else {
				tn++
			}
		}
		if verbose && text != "" && len(missed)+len(kept) > 0 {
			fmt.Fprintf(out, "%-50s missed %q kept %q\n", name, missed, kept)
		}
	}
	p := float64(tp) / float64(tp+fp)
	r := float64(tp) / float64(tp+fn)
	fmt.Fprintf(out, "pages %d, imported %d, skipped %d\n", len(names), imported, len(names)-imported)
	var kinds []string
	for k := range skips {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(out, "  skipped %3d  %s\n", skips[k], k)
	}
	fmt.Fprintf(out, "pieces: kept %d of %d to keep, %d of %d to drop\n", tp, tp+fn, fp, fp+tn)
	fmt.Fprintf(out, "precision %.3f  recall %.3f  F1 %.3f (micro, over pieces)\n", p, r, 2*p*r/(p+r))
	return nil
}

// hashName is a page named by a hash rather than by its site.
var hashName = regexp.MustCompile(`^[0-9a-f]{32}\.html$`)

// squeeze collapses white space, so pieces match across line breaks.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

package deploy_test

import (
	"context"
	"net/url"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/newsdigest/newsdigest/internal/deploy"
)

// TestFile deploys to a folder through file://, with and without the
// sidecar files in which fileblob keeps headers and MD5s.
func TestFile(t *testing.T) {
	dir := buildSite(t, sampleSite(t))
	built := files(t, dir)
	for _, query := range []string{"", "?metadata=skip"} {
		t.Run("query="+query, func(t *testing.T) {
			ctx := context.Background()
			target := (&url.URL{Scheme: "file", Path: filepath.ToSlash(t.TempDir())}).String() + query
			b := openBucket(t, target)
			_, res, err := run(ctx, t, b, dir, rules())
			if err != nil {
				t.Fatal(err)
			}
			if res.Uploaded != len(built) {
				t.Errorf("first deploy: %d uploaded, want %d", res.Uploaded, len(built))
			}
			sameAsBuild(t, b, dir, gzipped)
			if query == "" {
				checkHeaders(t, built, func(key string) ([3]string, error) {
					a, err := b.Attributes(ctx, key)
					if err != nil {
						return [3]string{}, err
					}
					return [3]string{a.ContentType, a.CacheControl, a.ContentEncoding}, nil
				})
			}
			p, res, err := run(ctx, t, b, dir, rules())
			if err != nil {
				t.Fatal(err)
			}
			if res.Uploaded != 0 || p.Unchanged != len(built) {
				t.Errorf("second deploy: %d uploaded, %d unchanged; want 0, %d", res.Uploaded, p.Unchanged, len(built))
			}
		})
	}
}

// TestRulesChange: a new Cache-Control for stylesheets sends the stylesheet
// again, and nothing else, though no byte changed.
func TestRulesChange(t *testing.T) {
	ctx := context.Background()
	s3 := newFakeS3(t)
	b := openBucket(t, s3.URL)
	dir := buildSite(t, sampleSite(t))
	if _, _, err := run(ctx, t, b, dir, rules()); err != nil {
		t.Fatal(err)
	}
	s3.take()
	changed := append([]deploy.Rule{{Pattern: regexp.MustCompile(`\.css$`), CacheControl: "public, max-age=31536000, immutable"}}, rules()...)
	p, _, err := run(ctx, t, b, dir, changed)
	if err != nil {
		t.Fatal(err)
	}
	if log := s3.take(); len(log) != 1 || log[0] != "PUT style.css" || p.Uploads[deploy.Assets][0].Reason != "headers changed" {
		t.Errorf("after a new rule for .css: requests %q; want one PUT of style.css, for its headers", log)
	}
	if got := s3.headers("style.css").Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("style.css sent with Cache-Control %q", got)
	}
	if _, _, err := run(ctx, t, b, dir, changed); err != nil {
		t.Fatal(err)
	}
	if log := s3.take(); len(log) != 0 {
		t.Errorf("a second deploy under the new rules sent %q; want nothing", log)
	}
}

package deploy_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/google/go-cmp/cmp"

	"github.com/newsdigest/newsdigest/internal/deploy"
)

// TestInvalidate sends the invalidation to a stand-in for the CloudFront
// API and reads back the paths it names.
func TestInvalidate(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	var got struct {
		Path  string
		Paths []string `xml:"Paths>Items>Path"`
		N     int      `xml:"Paths>Quantity"`
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Path = r.Method + " " + r.URL.Path
		body, _ := io.ReadAll(r.Body)
		if err := xml.Unmarshal(body, &got); err != nil {
			t.Errorf("request body: %v\n%s", err, body)
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("Location", "https://cloudfront.example/2020-05-31/distribution/E2EXAMPLE/invalidation/I1")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>InProgress</Status><CreateTime>2026-01-01T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>0</Quantity></Paths><CallerReference>x</CallerReference></InvalidationBatch></Invalidation>`)
	}))
	defer srv.Close()

	keys := []string{"style.css", "2026/10/29/river-survey/index.html", "index.html", "tags/open data/index.html"}
	n, err := deploy.Invalidate(context.Background(), "E2EXAMPLE", keys, func(o *cloudfront.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/", "/2026/10/29/river-survey/", "/2026/10/29/river-survey/index.html", "/index.html", "/style.css", "/tags/open%20data/", "/tags/open%20data/index.html"}
	if diff := cmp.Diff(want, got.Paths); diff != "" || got.N != len(want) || n != len(want) {
		t.Errorf("paths (-want +got):\n%s\nquantity %d, returned %d", diff, got.N, n)
	}
	if !strings.HasSuffix(got.Path, "/distribution/E2EXAMPLE/invalidation") {
		t.Errorf("request %s; want a POST to the distribution's invalidations", got.Path)
	}

	many := make([]string, deploy.MaxInvalidationPaths+1)
	for i := range many {
		many[i] = fmt.Sprintf("f%d.css", i)
	}
	if got := deploy.InvalidationPaths(many); !cmp.Equal(got, []string{"/*"}) {
		t.Errorf("past %d paths: %q, want /*", deploy.MaxInvalidationPaths, got)
	}
}

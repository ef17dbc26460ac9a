package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// TestDeployS3 runs the command as a user would against an S3-compatible
// server on the loopback address: the sample site goes up whole, a second
// deploy sends nothing, and --invalidate asks CloudFront (a stand-in,
// reached through the SDK's AWS_ENDPOINT_URL_CLOUDFRONT) for the changed
// paths only.
func TestDeployS3(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	backend := s3mem.New()
	if err := backend.CreateBucket("news"); err != nil {
		t.Fatal(err)
	}
	s3 := httptest.NewServer(gofakes3.New(backend).Server())
	defer s3.Close()
	var mu sync.Mutex
	var invalidations []string
	cf := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		invalidations = append(invalidations, string(body))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>InProgress</Status></Invalidation>`)
	}))
	defer cf.Close()
	t.Setenv("AWS_ENDPOINT_URL_CLOUDFRONT", cf.URL)

	site := t.TempDir()
	if err := os.CopyFS(filepath.Join(site, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile("../../newsdigest.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg = fmt.Appendf(cfg, `
[[deployment.targets]]
name = "production"
url = "s3://news?endpoint=%s&use_path_style=true&region=eu-west-1"
cloudFrontDistributionID = "E2EXAMPLE"

[[deployment.matchers]]
pattern = "\\.html$"
cacheControl = "public, max-age=300"
`, s3.URL)
	if err := os.WriteFile(filepath.Join(site, "newsdigest.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := Main(context.Background(), args, &stdout, &stderr); code != 0 {
			t.Fatalf("newsdigest %s: status %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("newsdigest %s wrote to stderr:\n%s", strings.Join(args, " "), stderr.String())
		}
		return stdout.String()
	}
	built := run("build", "--source", site)
	files := regexp.MustCompile(`, (\d+) files in`).FindStringSubmatch(built)
	if files == nil {
		t.Fatalf("build said %q", built)
	}

	out := run("deploy", "--source", site, "--invalidate")
	if want := "deployed to production: " + files[1] + " uploaded ("; !strings.HasPrefix(out, want) {
		t.Errorf("first deploy said %q; want it to start %q", out, want)
	}
	if !strings.Contains(out, "invalidated ") || len(invalidations) != 1 || !strings.Contains(invalidations[0], "<Path>/index.html</Path>") {
		t.Errorf("first deploy: %q, invalidations %q; want one, of every path", out, invalidations)
	}

	out = run("deploy", "--source", site, "--invalidate")
	if !strings.HasPrefix(out, "deployed to production: 0 uploaded (0 B), 0 deleted, "+files[1]+" unchanged") || strings.Contains(out, "invalidated") {
		t.Errorf("second deploy said %q; want nothing sent and nothing invalidated", out)
	}
	if len(invalidations) != 1 {
		t.Errorf("second deploy asked for an invalidation: %q", invalidations[1:])
	}
}

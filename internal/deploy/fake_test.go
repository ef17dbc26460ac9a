package deploy_test

import (
	"context"
	"crypto/md5"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"gocloud.dev/blob"

	"github.com/newsdigest/newsdigest/internal/build"
	"github.com/newsdigest/newsdigest/internal/deploy"
	"github.com/newsdigest/newsdigest/internal/output"
)

// fakeS3 is an S3-compatible server on the loopback address, spoken to over
// HTTP by the same driver a user's deploy takes. It records the object
// writes and deletes it answered, in order, and lets a test fail or watch
// a request before it is served.
type fakeS3 struct {
	URL string // the deploy target

	mu  sync.Mutex
	log []string // "PUT key" or "DELETE key", as they succeeded
	// sent holds the headers of the last write of each key, as the
	// client sent them (the fake keeps no Cache-Control of its own).
	sent map[string]http.Header
	// before, when set, sees each write or delete first; a status other
	// than 0 is sent back instead of serving the request.
	before func(method, key string) int
	// etagsNoMD5 makes every ETag the server sends one that is no MD5 of
	// the object, as S3's are under SSE-KMS encryption.
	etagsNoMD5 bool
}

// noMD5 is an ETag that is no object's MD5.
const noMD5 = `"00112233445566778899aabbccddeeff"`

var listedETag = regexp.MustCompile(`<ETag>[^<]*</ETag>`)

// serveETagsNoMD5 serves a read with every ETag replaced by noMD5.
func serveETagsNoMD5(s3 http.Handler, w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	s3.ServeHTTP(rec, r)
	body := listedETag.ReplaceAll(rec.Body.Bytes(), []byte("<ETag>"+html.EscapeString(noMD5)+"</ETag>"))
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	if w.Header().Get("ETag") != "" {
		w.Header().Set("ETag", noMD5)
	}
	if r.Method == http.MethodGet {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(rec.Code)
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

const bucketName = "site"

func newFakeS3(t testing.TB) *fakeS3 {
	t.Helper()
	// Static credentials from the environment, and nothing from the
	// machine's own AWS files or instance metadata.
	t.Setenv("AWS_ACCESS_KEY_ID", "test-key")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	backend := s3mem.New()
	if err := backend.CreateBucket(bucketName); err != nil {
		t.Fatal(err)
	}
	s3 := gofakes3.New(backend).Server()
	f := &fakeS3{sent: map[string]http.Header{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, isObject := strings.CutPrefix(r.URL.Path, "/"+bucketName+"/")
		f.mu.Lock()
		etagsNoMD5 := f.etagsNoMD5
		f.mu.Unlock()
		if etagsNoMD5 && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			serveETagsNoMD5(s3, w, r)
			return
		}
		if !isObject || key == "" || r.Method != http.MethodPut && r.Method != http.MethodDelete {
			s3.ServeHTTP(w, r)
			return
		}
		f.mu.Lock()
		before := f.before
		f.mu.Unlock()
		if before != nil {
			if status := before(r.Method, key); status != 0 {
				code := "AccessDenied"
				if status >= 500 {
					code = "SlowDown"
				}
				w.WriteHeader(status)
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>failed by the test</Message></Error>`, code)
				return
			}
		}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		s3.ServeHTTP(rec, r)
		if rec.status < 300 {
			f.mu.Lock()
			f.log = append(f.log, r.Method+" "+key)
			if r.Method == http.MethodPut {
				f.sent[key] = r.Header.Clone()
			}
			f.mu.Unlock()
		}
	}))
	t.Cleanup(srv.Close)
	f.URL = "s3://" + bucketName + "?endpoint=" + srv.URL + "&use_path_style=true&region=us-east-1"
	return f
}

func (f *fakeS3) headers(key string) http.Header {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sent[key]
}

func (f *fakeS3) setBefore(fn func(method, key string) int) {
	f.mu.Lock()
	f.before = fn
	f.mu.Unlock()
}

// take returns the requests logged since the last call, leaving out the
// deploy's own record.
func (f *fakeS3) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, l := range f.log {
		if !strings.HasSuffix(l, " "+deploy.StateKey) {
			out = append(out, l)
		}
	}
	f.log = nil
	return out
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// sampleSite copies the repository's sample site to a temporary folder,
// so a test may edit its articles.
func sampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile("../../newsdigest.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "newsdigest.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// buildSite builds a site into <site>/public and returns that folder.
func buildSite(t *testing.T, site string) string {
	t.Helper()
	dest := filepath.Join(site, "public")
	_, err := build.Run(context.Background(), build.Options{
		Source: site, Destination: dest, NoCache: true,
		Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return dest
}

// files reads every file of a build, by key.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == output.Marker {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		out[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func openBucket(t testing.TB, url string) *blob.Bucket {
	t.Helper()
	b, err := deploy.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// run plans and applies a deploy of dir to the bucket.
func run(ctx context.Context, t *testing.T, b *blob.Bucket, dir string, rules []deploy.Rule) (*deploy.Plan, *deploy.Result, error) {
	t.Helper()
	p, err := deploy.Prepare(ctx, b, os.DirFS(dir), rules, 4)
	if err != nil {
		return nil, nil, err
	}
	res, err := deploy.Apply(ctx, b, os.DirFS(dir), p, deploy.Options{Workers: 4, Backoff: time.Millisecond})
	return p, res, err
}

// sameAsBuild fails unless the bucket holds exactly the build's files, byte
// for byte (compared by MD5 of what the bucket serves, before any gzip).
func sameAsBuild(t *testing.T, b *blob.Bucket, dir string, gzipped func(key string) bool) {
	t.Helper()
	want := map[string][16]byte{}
	for k, data := range files(t, dir) {
		want[k] = md5.Sum(data)
	}
	got := map[string][16]byte{}
	iter := b.List(nil)
	ctx := context.Background()
	for {
		obj, err := iter.Next(ctx)
		if err != nil {
			break
		}
		if obj.Key == deploy.StateKey {
			continue
		}
		data, err := b.ReadAll(ctx, obj.Key)
		if err != nil {
			t.Fatal(err)
		}
		if gzipped != nil && gzipped(obj.Key) {
			data = gunzip(t, data)
		}
		got[obj.Key] = md5.Sum(data)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bucket differs from the build (-build +bucket):\n%s", diff)
	}
}

package deploy_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsdigest/newsdigest/internal/deploy"
)

// TestS3Interrupted stops a deploy half-way, as a kill would, and runs it
// again: the rerun sends only what is missing and leaves the bucket equal
// to the build.
func TestS3Interrupted(t *testing.T) {
	s3 := newFakeS3(t)
	b := openBucket(t, s3.URL)
	dir := buildSite(t, sampleSite(t))
	n := len(files(t, dir))

	ctx, cancel := context.WithCancel(context.Background())
	var puts atomic.Int64
	s3.setBefore(func(method, key string) int {
		if puts.Add(1) > int64(n/2) {
			cancel()
		}
		return 0
	})
	_, _, err := run(ctx, t, b, dir, rules())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted deploy: got %v, want context.Canceled", err)
	}
	first := s3.take()
	if len(first) == 0 || len(first) >= n {
		t.Fatalf("interrupted deploy stored %d of %d files; want some, not all", len(first), n)
	}
	checkOrder(t, first, files(t, dir))
	for _, l := range first {
		if deploy.PhaseOf(strings.TrimPrefix(l, "PUT ")) == deploy.Front {
			t.Errorf("%s went up before the deploy was stopped; the front page and feeds go last", l)
		}
	}

	s3.setBefore(nil)
	p, res, err := run(context.Background(), t, b, dir, rules())
	if err != nil {
		t.Fatal(err)
	}
	// A write in flight when the deploy stopped may have landed after
	// the log was taken, so the rerun may find one more file in place.
	if p.Unchanged < len(first) || res.Uploaded != n-p.Unchanged || res.Uploaded == 0 {
		t.Errorf("rerun: %d unchanged, %d uploaded; want the %d stored before the stop left alone, the rest sent", p.Unchanged, res.Uploaded, len(first))
	}
	sameAsBuild(t, b, dir, gzipped)
}

// TestS3Refused: a file the store refuses is named, the deploy stops before
// any page that could link to it, and the error is not retried away.
func TestS3Refused(t *testing.T) {
	s3 := newFakeS3(t)
	b := openBucket(t, s3.URL)
	dir := buildSite(t, sampleSite(t))
	var tries atomic.Int64
	s3.setBefore(func(method, key string) int {
		if key == "style.css" {
			tries.Add(1)
			return http.StatusForbidden
		}
		return 0
	})
	_, _, err := run(context.Background(), t, b, dir, rules())
	if err == nil || !strings.Contains(err.Error(), "upload style.css") {
		t.Fatalf("got %v, want an error naming style.css", err)
	}
	for _, l := range s3.take() {
		if strings.HasSuffix(l, ".html") {
			t.Errorf("%s went up though an asset had failed", l)
		}
	}
	if tries.Load() != 1 {
		t.Errorf("a refusal was tried %d times; want once", tries.Load())
	}
}

// TestS3Deletes: files the build no longer has are deleted last, and a plan
// deleting more than allowed is refused.
func TestS3Deletes(t *testing.T) {
	s3 := newFakeS3(t)
	b := openBucket(t, s3.URL)
	site := sampleSite(t)
	dir := buildSite(t, site)
	if _, _, err := run(context.Background(), t, b, dir, rules()); err != nil {
		t.Fatal(err)
	}
	before := files(t, dir)
	s3.take()

	if err := os.RemoveAll(filepath.Join(site, "content", "environment", "river-survey")); err != nil {
		t.Fatal(err)
	}
	dir = buildSite(t, site)
	after := files(t, dir)
	var gone []string
	for k := range before {
		if _, ok := after[k]; !ok {
			gone = append(gone, k)
		}
	}
	if len(gone) < 2 {
		t.Fatalf("removing an article removed %q; want its page and image at least", gone)
	}

	p, err := deploy.Prepare(context.Background(), b, os.DirFS(dir), rules(), 4)
	if err != nil {
		t.Fatal(err)
	}
	var tooMany *deploy.TooManyDeletes
	if err := p.CheckDeletes(len(gone) - 1); !errors.As(err, &tooMany) || tooMany.N != len(gone) {
		t.Errorf("CheckDeletes(%d) with %d deletes: got %v", len(gone)-1, len(gone), err)
	}
	if err := p.CheckDeletes(len(gone)); err != nil {
		t.Errorf("CheckDeletes at the limit: %v", err)
	}
	res, err := deploy.Apply(context.Background(), b, os.DirFS(dir), p, deploy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	log := s3.take()
	if res.Deleted != len(gone) {
		t.Errorf("deleted %d, want %d", res.Deleted, len(gone))
	}
	seenDelete := false
	for _, l := range log {
		if strings.HasPrefix(l, "DELETE ") {
			seenDelete = true
		} else if seenDelete {
			t.Errorf("%s after a deletion; deletions go last", l)
		}
	}
	sameAsBuild(t, b, dir, gzipped)
}

// TestS3ETagsNoMD5: where the listing's ETags are no MD5 (S3 under SSE-KMS,
// or after a multipart upload), the MD5 stored with each object decides,
// and an unchanged build is still not sent again.
func TestS3ETagsNoMD5(t *testing.T) {
	ctx := context.Background()
	s3 := newFakeS3(t)
	s3.etagsNoMD5 = true
	b := openBucket(t, s3.URL)
	dir := buildSite(t, sampleSite(t))
	if _, _, err := run(ctx, t, b, dir, rules()); err != nil {
		t.Fatal(err)
	}
	s3.take()
	p, res, err := run(ctx, t, b, dir, rules())
	if err != nil {
		t.Fatal(err)
	}
	if log := s3.take(); res.Uploaded != 0 || len(log) != 0 || p.Unchanged != len(files(t, dir)) {
		t.Errorf("second deploy: %d uploaded, %d unchanged, requests %q; want nothing sent", res.Uploaded, p.Unchanged, log)
	}
}

// TestS3Transient: a server error on one upload is tried again, and the
// deploy succeeds.
func TestS3Transient(t *testing.T) {
	s3 := newFakeS3(t)
	b := openBucket(t, s3.URL)
	dir := buildSite(t, sampleSite(t))
	var failed atomic.Bool
	s3.setBefore(func(method, key string) int {
		if key == "style.css" && failed.CompareAndSwap(false, true) {
			return http.StatusServiceUnavailable
		}
		return 0
	})
	if _, _, err := run(context.Background(), t, b, dir, rules()); err != nil {
		t.Fatal(err)
	}
	if !failed.Load() {
		t.Fatal("the server never failed")
	}
	sameAsBuild(t, b, dir, gzipped)
}

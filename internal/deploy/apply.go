package deploy

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"sync/atomic"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// Options tune Apply. The zero value is ready to use.
type Options struct {
	Workers  int           // uploads at once; default 8
	Attempts int           // tries of one upload or delete; default 4
	Backoff  time.Duration // the wait after the first failed try, doubled after each; default 500ms
	// Progress, when set, is called after each upload or delete with how
	// many are done of all the plan holds. It may be called from several
	// goroutines at once.
	Progress func(done, total int)
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.Attempts <= 0 {
		o.Attempts = 4
	}
	if o.Backoff <= 0 {
		o.Backoff = 500 * time.Millisecond
	}
}

// Result tells what Apply did.
type Result struct {
	Uploaded, Deleted int
	Bytes             int64    // uploaded
	Done              []string // keys uploaded or deleted, in no set order
}

// Apply carries out a plan: each phase's uploads in parallel, the next phase
// only once all of them succeeded, deletions last. A failure stops the
// deploy at the end of its phase, so no page goes live before what it links
// to; the error names every file that failed. Nothing that was uploaded is
// undone: a rerun, planned afresh, sends what is left.
func Apply(ctx context.Context, b *blob.Bucket, build fs.FS, p *Plan, opts Options) (*Result, error) {
	opts.defaults()
	res := &Result{}
	var mu sync.Mutex
	total := p.Count() + len(p.Deletes)
	var done atomic.Int64
	tick := func(key string, size int64, deleted bool) {
		mu.Lock()
		res.Done = append(res.Done, key)
		if deleted {
			res.Deleted++
		} else {
			res.Uploaded++
			res.Bytes += size
		}
		mu.Unlock()
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), total)
		}
	}
	for _, ups := range p.Uploads {
		errs := each(ctx, ups, opts.Workers, func(u Upload) error {
			err := retry(ctx, opts, func() error { return upload(ctx, b, build, u.Local) })
			if err != nil {
				return fmt.Errorf("upload %s: %w", u.Key, err)
			}
			tick(u.Key, u.Size, false)
			return nil
		})
		if err := stopped(ctx, errs); err != nil {
			return res, err
		}
	}
	errs := each(ctx, p.Deletes, opts.Workers, func(key string) error {
		err := retry(ctx, opts, func() error {
			err := b.Delete(ctx, key)
			if gcerrors.Code(err) == gcerrors.NotFound {
				return nil // gone already: a rerun after an interrupted deploy
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("delete %s: %w", key, err)
		}
		tick(key, 0, true)
		return nil
	})
	if err := stopped(ctx, errs); err != nil {
		return res, err
	}
	if p.RecordRules {
		data, _ := json.Marshal(state{Rules: p.Rules})
		err := retry(ctx, opts, func() error {
			return b.WriteAll(ctx, StateKey, data, &blob.WriterOptions{ContentType: "application/json", CacheControl: "no-store"})
		})
		if err != nil {
			return res, fmt.Errorf("record the deploy in %s: %w", StateKey, err)
		}
	}
	return res, nil
}

// stopped is the error that ends a phase: the interruption itself when ctx
// was cancelled, else every failure.
func stopped(ctx context.Context, errs []error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return errors.Join(errs...)
}

func upload(ctx context.Context, b *blob.Bucket, build fs.FS, f Local) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // a write not closed is abandoned, never stored half
	w, err := b.NewWriter(ctx, f.Key, &blob.WriterOptions{
		ContentType:     f.Headers.ContentType,
		CacheControl:    f.Headers.CacheControl,
		ContentEncoding: f.Headers.ContentEncoding,
		// Bytes other than those planned (the build changed since) fail
		// the write instead of storing a file under a wrong checksum.
		ContentMD5: f.MD5,
		Metadata:   map[string]string{md5Key: hex.EncodeToString(f.MD5), headersKey: f.Headers.Digest()},
	})
	if err != nil {
		return err
	}
	if _, err := copyEncoded(w, build, f.Key, f.Headers.ContentEncoding == "gzip"); err != nil {
		return &localError{err}
	}
	return w.Close()
}

// localError is a failure to read the build, which trying again will not
// mend.
type localError struct{ err error }

func (e *localError) Error() string { return "read the build: " + e.err.Error() }
func (e *localError) Unwrap() error { return e.err }

// retry runs op until it succeeds, fails in a way a retry cannot mend, or
// has been tried opts.Attempts times, waiting longer after each failure.
func retry(ctx context.Context, opts Options, op func() error) error {
	wait := opts.Backoff
	for try := 1; ; try++ {
		err := op()
		if err == nil || try >= opts.Attempts || !transient(err) || ctx.Err() != nil {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
		wait *= 2
	}
}

// transient reports whether an error may pass if tried again: a server
// error, a throttle, a timeout or an unclassified network error, but not a
// refusal, a missing bucket or a bad file.
func transient(err error) bool {
	var le *localError
	if errors.As(err, &le) {
		return false
	}
	switch gcerrors.Code(err) {
	case gcerrors.Unknown, gcerrors.Internal, gcerrors.ResourceExhausted, gcerrors.DeadlineExceeded:
		return true
	}
	return false
}

// each runs fn on every item with at most workers at once and returns the
// errors, in the order of the items. It starts no new item once ctx is
// done.
func each[T any](ctx context.Context, items []T, workers int, fn func(T) error) []error {
	errs := make([]error, len(items))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(max(workers, 1), len(items)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = fn(items[i])
			}
		})
	}
feed:
	for i := range items {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

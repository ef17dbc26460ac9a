package deploy

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"time"
)

func TestRetry(t *testing.T) {
	opts := Options{Attempts: 4, Backoff: time.Microsecond}
	for _, tc := range []struct {
		name  string
		err   error
		fails int // then succeeds
		want  int // tries
		ok    bool
	}{
		{"success", nil, 0, 1, true},
		{"a flaky network, then success", errors.New("connection reset"), 2, 3, true},
		{"always failing", errors.New("connection reset"), 10, 4, false},
		{"a bad local file", &localError{fs.ErrPermission}, 10, 1, false},
		{"cancelled", context.Canceled, 10, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tries := 0
			err := retry(context.Background(), opts, func() error {
				tries++
				if tries <= tc.fails {
					return tc.err
				}
				return nil
			})
			if tries != tc.want || (err == nil) != tc.ok {
				t.Errorf("got %d tries, error %v; want %d tries, success %t", tries, err, tc.want, tc.ok)
			}
		})
	}
}

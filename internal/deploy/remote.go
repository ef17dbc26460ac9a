package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// StateKey is the object in which a deploy records the rules it applied.
// It is never deleted as a file the build lacks.
const StateKey = ".newsdigest-deploy.json"

// The metadata a deploy stores with each object: the MD5 of its bytes, for
// stores whose listing gives none, and the digest of its headers
// (Headers.Digest), so that a change of rules sends again only the files
// whose headers change.
const (
	md5Key     = "md5"
	headersKey = "headers"
)

type state struct {
	Rules string `json:"rules"`
}

// List reads the bucket's listing and the rules of its last deploy.
func List(ctx context.Context, b *blob.Bucket) (Listing, error) {
	l := Listing{Objects: map[string]Remote{}}
	it := b.List(nil)
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return Listing{}, fmt.Errorf("list the bucket: %w", err)
		}
		if obj.IsDir || obj.Key == StateKey {
			continue
		}
		l.Objects[obj.Key] = Remote{Key: obj.Key, Size: obj.Size, MD5: obj.MD5}
	}
	data, err := b.ReadAll(ctx, StateKey)
	switch {
	case gcerrors.Code(err) == gcerrors.NotFound:
	case err != nil:
		return Listing{}, fmt.Errorf("read %s: %w", StateKey, err)
	default:
		var s state
		if json.Unmarshal(data, &s) == nil {
			l.Rules = s.Rules
		}
	}
	return l, nil
}

// Inspect reads, for the objects whose listing cannot decide, what a
// deploy stored with them. The MD5 stored in metadata is preferred to the
// listing's whenever they disagree: S3 lists an ETag that is no MD5 after
// a multipart upload or under SSE-KMS encryption, and some S3-compatible
// hosts list none. When the rules differ from those of the last complete
// deploy, it also reads the digest of each object's headers. Only objects
// of a file's size are read: any other is sent anyway. An object no deploy
// of this program wrote is read whole to find its MD5.
func Inspect(ctx context.Context, b *blob.Bucket, local []Local, bucket Listing, rules string, workers int) error {
	headers := bucket.Rules != rules
	var todo []string
	for _, f := range local {
		r, ok := bucket.Objects[f.Key]
		if ok && r.Size == f.Size && (headers || !bytes.Equal(r.MD5, f.MD5)) {
			todo = append(todo, f.Key)
		}
	}
	var mu sync.Mutex
	errs := each(ctx, todo, workers, func(key string) error {
		attrs, err := b.Attributes(ctx, key)
		if err != nil {
			return fmt.Errorf("read %s from the bucket: %w", key, err)
		}
		mu.Lock()
		r := bucket.Objects[key]
		mu.Unlock()
		r.Headers = attrs.Metadata[headersKey]
		if sum, err := hex.DecodeString(attrs.Metadata[md5Key]); err == nil && len(sum) == md5.Size {
			r.MD5 = sum
		} else if r.MD5 == nil {
			if r.MD5, err = readMD5(ctx, b, key); err != nil {
				return fmt.Errorf("read %s from the bucket: %w", key, err)
			}
		}
		mu.Lock()
		bucket.Objects[key] = r
		mu.Unlock()
		return nil
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}

func readMD5(ctx context.Context, b *blob.Bucket, key string) ([]byte, error) {
	r, err := b.NewReader(ctx, key, nil)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	h := md5.New()
	if _, err := io.Copy(h, r); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
